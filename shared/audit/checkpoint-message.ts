// What a checkpoint signs, and how anyone holding the public key checks it: pure functions over
// plain values, shared by the worker that signs, the API that checks, and scripts/verify-checkpoint.ts
// that an auditor runs offline (docs/audit.md).
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../db/event-hash';

/** A case's chain head: its last event's sequence number and hash. */
export interface ChainHead {
  caseId: string;
  seq: number;
  hash: string;
}

/** A difference between the audit trail and a signed checkpoint, named. */
export type AuditFinding =
  | {
      kind: 'deleted' | 'truncated' | 'rewritten';
      caseId: string;
      /** The head the checkpoint signed. */
      signedSeq: number;
      message: string;
    }
  | {
      /** A stored checkpoint whose signature or root does not check: its heads prove nothing. */
      kind: 'forged';
      checkpointId: number;
      message: string;
    };

export interface CheckpointContent {
  at: string;
  root: string;
  cases: number;
  findings: AuditFinding[];
}

export interface SignedCheckpoint extends CheckpointContent {
  signature: string;
  keyId: string;
}

const MESSAGE_PREFIX = 'duban audit checkpoint v1\n';

/** The heads in case-id order (UTF-16 code units, the same in every JavaScript): the order is part of the root. */
export function sortHeads(heads: readonly ChainHead[]): ChainHead[] {
  return [...heads].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}

/**
 * sha256 over one line per case, `caseId seq hash`, in case-id order. A plain hash rather than a
 * Merkle tree: the auditor gets the whole list of heads with the checkpoint, so no per-case proof is needed.
 */
export function headsRoot(heads: readonly ChainHead[]): string {
  const digest = createHash('sha256');
  for (const head of sortHeads(heads)) digest.update(`${head.caseId}\t${head.seq}\t${head.hash}\n`);
  return digest.digest('hex');
}

/** The exact bytes signed: a version line, then the content as canonical JSON. */
export function checkpointMessage(content: CheckpointContent): Buffer {
  const { at, root, cases, findings } = content;
  return Buffer.from(MESSAGE_PREFIX + canonicalJson({ at, root, cases, findings }), 'utf8');
}

/** Names a public key: the first 16 hex digits of sha256 over its DER (SubjectPublicKeyInfo) form. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(privateKey: KeyObject, content: CheckpointContent): SignedCheckpoint {
  const signature = sign(null, checkpointMessage(content), privateKey).toString('base64');
  return { ...content, signature, keyId: keyIdOf(privateKey) };
}

/** Whether `publicKey` signed exactly this content; a checkpoint of another key is not valid. */
export function checkpointSignatureValid(publicKey: KeyObject, checkpoint: SignedCheckpoint): boolean {
  if (checkpoint.keyId !== keyIdOf(publicKey)) return false;
  return verify(null, checkpointMessage(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
}
