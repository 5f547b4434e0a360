// Where the checkpoint key comes from (docs/audit.md, "Keys"): PEM in the environment, in one line or
// many, or a file; only Ed25519; the API's public half derived where one process holds both; and the
// development key `npm start` makes is readable by its owner only and never replaced.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../shared/audit/checkpoint-message';
import { auditPublicKey, auditSigningKey, ensureKeyFile, generateAuditKeyPair } from '../../shared/audit/signing-key';

const dir = mkdtempSync(join(tmpdir(), 'duban-audit-key-'));
const { privateKeyPem, publicKeyPem } = generateAuditKeyPair();

describe('the audit signing key', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a PEM from the environment, its newlines written \\n as an .env line has them', () => {
    const oneLine = privateKeyPem.trim().replaceAll('\n', '\\n');
    const key = auditSigningKey({ DUBAN_AUDIT_SIGNING_KEY: oneLine });
    expect(key?.asymmetricKeyType).toBe('ed25519');
    expect(keyIdOf(auditPublicKey({ DUBAN_AUDIT_PUBLIC_KEY: publicKeyPem })!)).toBe(keyIdOf(key!));
  });

  it('derives the public half from the signing key when no public key is given, and has none without either', () => {
    const key = auditSigningKey({ DUBAN_AUDIT_SIGNING_KEY: privateKeyPem })!;
    expect(keyIdOf(auditPublicKey({ DUBAN_AUDIT_SIGNING_KEY: privateKeyPem })!)).toBe(keyIdOf(key));
    expect(auditSigningKey({})).toBeNull();
    expect(auditPublicKey({})).toBeNull();
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' });
    expect(() => auditSigningKey({ DUBAN_AUDIT_SIGNING_KEY: rsa.toString() })).toThrow(
      /an Ed25519 key is required, not rsa/,
    );
  });

  it('makes a development key readable by its owner only, its public half beside it, and keeps it', () => {
    const file = join(dir, 'dev', 'audit-signing-key.pem');
    expect(ensureKeyFile(file)).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = auditSigningKey({ DUBAN_AUDIT_SIGNING_KEY_FILE: file })!;
    expect(keyIdOf(auditPublicKey({ DUBAN_AUDIT_PUBLIC_KEY_FILE: `${file}.pub` })!)).toBe(keyIdOf(key));
    const before = readFileSync(file, 'utf8');
    ensureKeyFile(file);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
