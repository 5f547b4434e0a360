// Which webhook targets an admin may set (shared/webhook-target.ts): internal addresses, literal or
// by name, refused unless DUBAN_WEBHOOK_ALLOW names them.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config';
import { parseWebhookAllowList, refusedWebhookTarget, type ResolveAll } from '../../shared/webhook-target';

const none = parseWebhookAllowList('');
// A resolver over a fixed table, standing in for DNS answers a test cannot arrange on a real server.
const dns =
  (table: Record<string, string[]>): ResolveAll =>
  async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses;
  };

describe('webhook targets', () => {
  it('refuses loopback, link-local, private and unspecified addresses, IPv4 and IPv6', async () => {
    for (const url of [
      'http://127.0.0.1/hook',
      'http://127.8.9.10:8080/hook',
      'http://0.0.0.0/hook',
      'http://10.1.2.3/hook',
      'http://172.16.0.1/hook',
      'http://172.31.255.254/hook',
      'http://192.168.1.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/hook',
      'http://[::1]/hook',
      'http://[::]/hook',
      'http://[fc00::1]/hook',
      'http://[fd12:3456::1]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:a01:203]/hook',
      'https://localhost/hook',
      'https://api.localhost/hook',
      'http://2130706433/hook', // 127.0.0.1 as one number: the URL parser reads it as an address
    ]) {
      expect(await refusedWebhookTarget(url, none, dns({})), url).toMatch(
        /loopback, link-local or private address that DUBAN_WEBHOOK_ALLOW does not name$/,
      );
    }
  });

  it('accepts public addresses and names, and the ranges just outside the private ones', async () => {
    const resolve = dns({ 'hooks.example.org': ['93.184.216.34', '2606:2800:220:1::1'] });
    for (const url of [
      'https://hooks.example.org/duban',
      'http://172.32.0.1/hook',
      'http://172.15.255.255/hook',
      'http://11.0.0.1/hook',
      'http://[2001:db8::1]/hook',
      'https://unresolvable.example/hook', // checked again where each delivery connects
    ]) {
      expect(await refusedWebhookTarget(url, none, resolve), url).toBeNull();
    }
  });

  it('refuses a name resolving to an internal address, any of its addresses', async () => {
    const resolve = dns({ 'intranet.example.org': ['93.184.216.34', '10.0.0.7'] });
    expect(await refusedWebhookTarget('https://intranet.example.org/x', none, resolve)).toBe(
      'intranet.example.org resolves to 10.0.0.7, a loopback, link-local or private address that DUBAN_WEBHOOK_ALLOW does not name',
    );
  });

  it('accepts what the allow-list names: a host by name, an address, a network', async () => {
    const allow = parseWebhookAllowList('hooks.internal, 127.0.0.1 10.20.0.0/16,fd00::/8');
    const resolve = dns({ 'hooks.internal': ['10.99.0.1'] });
    for (const url of [
      'http://hooks.internal/x',
      'http://127.0.0.1:9000/x',
      'http://10.20.3.4/x',
      'http://[fd00::5]/x',
    ]) {
      expect(await refusedWebhookTarget(url, allow, resolve), url).toBeNull();
    }
    for (const url of ['http://127.0.0.2/x', 'http://10.21.0.1/x', 'http://[fc00::1]/x', 'http://localhost/x']) {
      expect(await refusedWebhookTarget(url, allow, resolve), url).not.toBeNull();
    }
  });

  it('refuses other schemes, and an allow-list entry that is neither a name nor a network at start', async () => {
    expect(await refusedWebhookTarget('ftp://hooks.example.org/x', none, dns({}))).toMatch(/http or https/);
    expect(() => loadConfig({ DUBAN_WEBHOOK_ALLOW: '10.0.0.0/33' })).toThrow(/DUBAN_WEBHOOK_ALLOW/);
    expect(() => loadConfig({ DUBAN_WEBHOOK_ALLOW: 'http://x/' })).toThrow(/DUBAN_WEBHOOK_ALLOW/);
    expect(loadConfig({ DUBAN_WEBHOOK_ALLOW: '127.0.0.1, hooks.internal' }).DUBAN_WEBHOOK_ALLOW).toBe(
      '127.0.0.1, hooks.internal',
    );
  });
});
