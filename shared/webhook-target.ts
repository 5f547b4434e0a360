import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

// Where a webhook may point. The API and the worker sit inside the deployment's network: a webhook to
// loopback, link-local or a private range would let whoever sets it make duban POST (signed) to the
// Temporal UI, the database's neighbours or a cloud metadata service, and read the outcome. Such
// targets are refused unless the operator names them in DUBAN_WEBHOOK_ALLOW (hosts and CIDRs). Names
// are checked on write and again on the address each delivery actually connects to, because a name
// may resolve elsewhere later (DNS rebinding).

// Two lists: a BlockList also matches IPv4 addresses against IPv4-mapped and -compatible IPv6 rules,
// so `::/96` in one list with the IPv4 rules would match every IPv4 address.
const INTERNAL_V4 = new BlockList();
const INTERNAL_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network": 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT, often the provider's internal network
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  INTERNAL_V4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback (::1) and IPv4-compatible
  ['::ffff:0:0', 96], // IPv4-mapped: would reach any IPv4 address, internal ones included
  ['64:ff9b::', 96], // NAT64, likewise
  ['2002::', 16], // 6to4, likewise
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  INTERNAL_V6.addSubnet(network, prefix, 'ipv6');
}

/** DUBAN_WEBHOOK_ALLOW, parsed: host names, and addresses or networks, a webhook may target though internal. */
export interface WebhookAllowList {
  hosts: ReadonlySet<string>;
  networks: BlockList;
  /** The list as written, for messages. */
  text: string;
}

const familyOf = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');
const bare = (host: string): string =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');

/** Parses `host, 10.0.0.0/8, fd00::/8, 127.0.0.1`; throws on an entry that is neither a name nor a network. */
export function parseWebhookAllowList(text = ''): WebhookAllowList {
  const hosts = new Set<string>();
  const networks = new BlockList();
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(bare(address!));
    if (prefix !== undefined) {
      const bits = Number(prefix);
      if (extra !== undefined || family === 0 || !/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
        throw new Error(`DUBAN_WEBHOOK_ALLOW: "${entry}" is not a network such as 10.0.0.0/8 or fd00::/8`);
      }
      networks.addSubnet(bare(address!), bits, familyOf(bare(address!)));
    } else if (family !== 0) {
      networks.addAddress(bare(entry), familyOf(bare(entry)));
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(entry)) {
      hosts.add(bare(entry));
    } else {
      throw new Error(`DUBAN_WEBHOOK_ALLOW: "${entry}" is neither a host name nor an address or network`);
    }
  }
  return { hosts, networks, text };
}

export const NO_WEBHOOK_ALLOW_LIST: WebhookAllowList = parseWebhookAllowList('');

const NOT_ALLOWED = 'a loopback, link-local or private address that DUBAN_WEBHOOK_ALLOW does not name';

/** Why `host`, at `address`, may not be a webhook's target, or null when it may. */
export function refusedAddress(address: string, allow: WebhookAllowList, host = address): string | null {
  const family = familyOf(address);
  const internal = family === 'ipv4' ? INTERNAL_V4 : INTERNAL_V6;
  if (!internal.check(address, family) || allow.networks.check(address, family)) return null;
  return host === address ? `${address} is ${NOT_ALLOWED}` : `${host} resolves to ${address}, ${NOT_ALLOWED}`;
}

export type ResolveAll = (host: string) => Promise<string[]>;

export const resolveAll: ResolveAll = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    ),
  );

/**
 * Why a webhook may not target `url`, or null when it may: not http(s), `localhost`, an internal
 * address, or a name resolving to one. A name that does not resolve now passes (each delivery checks
 * again where it connects).
 */
export async function refusedWebhookTarget(
  url: string,
  allow: WebhookAllowList,
  resolve: ResolveAll = resolveAll,
): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http or https URL';
  const host = bare(parsed.hostname);
  if (allow.hosts.has(host)) return null;
  if (isIP(host)) return refusedAddress(host, allow);
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is the local host, ${NOT_ALLOWED}`;
  const addresses = await resolve(host).catch(() => [] as string[]);
  for (const address of addresses) {
    const refused = refusedAddress(address, allow, host);
    if (refused) return refused;
  }
  return null;
}

/** Is this host named in the allow list (then every address it resolves to is accepted)? */
export const allowsHost = (allow: WebhookAllowList, host: string): boolean => allow.hosts.has(bare(host));

export { bare as bareHost };
