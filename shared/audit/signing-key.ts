// Where the checkpoint key comes from. The private key lives with the worker (DUBAN_AUDIT_SIGNING_KEY
// or _FILE), never in the database; the API needs only the public half (DUBAN_AUDIT_PUBLIC_KEY or
// _FILE, or derived from the private key where one process holds both, as `npm start` does).
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AuditKeySettings {
  DUBAN_AUDIT_SIGNING_KEY?: string | undefined;
  DUBAN_AUDIT_SIGNING_KEY_FILE?: string | undefined;
  DUBAN_AUDIT_PUBLIC_KEY?: string | undefined;
  DUBAN_AUDIT_PUBLIC_KEY_FILE?: string | undefined;
}

function ed25519(key: KeyObject, setting: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${setting}: an Ed25519 key is required, not ${key.asymmetricKeyType ?? 'a symmetric key'}`);
  }
  return key;
}

function pemOf(value: string | undefined, file: string | undefined): string | null {
  if (value) return value.replace(/\\n/g, '\n');
  return file ? readFileSync(file, 'utf8') : null;
}

/** The checkpoint signing key, or null when none is configured (the worker then makes no checkpoints). */
export function auditSigningKey(settings: AuditKeySettings): KeyObject | null {
  const pem = pemOf(settings.DUBAN_AUDIT_SIGNING_KEY, settings.DUBAN_AUDIT_SIGNING_KEY_FILE);
  return pem ? ed25519(createPrivateKey(pem), 'DUBAN_AUDIT_SIGNING_KEY') : null;
}

/** The key checkpoints are checked against: the configured public key, else the signing key's public half. */
export function auditPublicKey(settings: AuditKeySettings): KeyObject | null {
  const pem = pemOf(settings.DUBAN_AUDIT_PUBLIC_KEY, settings.DUBAN_AUDIT_PUBLIC_KEY_FILE);
  if (pem) return ed25519(createPublicKey(pem), 'DUBAN_AUDIT_PUBLIC_KEY');
  const signing = auditSigningKey(settings);
  return signing ? createPublicKey(signing) : null;
}

/** A new Ed25519 key pair, PEM-encoded (PKCS#8 and SPKI). */
export function generateAuditKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** Writes a key pair to `file` (mode 0600) and `file.pub` unless `file` exists; answers the private key's path. */
export function ensureKeyFile(file: string): string {
  if (existsSync(file)) return file;
  const { privateKeyPem, publicKeyPem } = generateAuditKeyPair();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(`${file}.pub`, publicKeyPem, { mode: 0o644 });
  return file;
}
