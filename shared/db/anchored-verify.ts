import type { KeyObject } from 'node:crypto';
import { checkpointHolds } from '../audit/checkpoint-check';
import type { AuditFinding, ChainHead } from '../audit/checkpoint-message';
import { departureOfCase, latestCheckpoint, type CheckpointSummary } from './audit-checkpoints';
import { verifyCaseChain, type ChainVerification } from './case-chain';
import type { Db } from './sql';

// GET /v1/cases/{id}/events/verify: the chain's own links, then the latest signed checkpoint. The
// links catch an edit that left the hashes alone; the checkpoint catches what a rewrite that
// recomputed every hash, a cut tail or a deleted case leave behind (docs/audit.md).

/** An edit the links alone reveal: a row that no longer hashes to its stored hash or link. */
export interface EditedFinding {
  kind: 'edited';
  caseId: string;
  seq: number;
  message: string;
}

export type VerifyFinding = AuditFinding | EditedFinding;

export interface AnchoredVerification extends ChainVerification {
  findings: VerifyFinding[];
  /** The latest checkpoint and this case's head in it (null: the case is newer than it). */
  checkpoint: (CheckpointSummary & { signatureValid: boolean | null; head: ChainHead | null }) | null;
}

/**
 * Verifies one case's trail against its own links and the latest checkpoint. Answers null when the
 * case neither exists nor appears in that checkpoint: nothing to say about an id never seen.
 * `publicKey` null (none configured) leaves the signature unchecked: `signatureValid` is then null.
 */
export async function verifyAnchored(
  db: Db,
  caseId: string,
  publicKey: KeyObject | null,
): Promise<AnchoredVerification | null> {
  const [exists] = await db`SELECT 1 FROM cases WHERE id = ${caseId}`;
  const chain = await verifyCaseChain(db, caseId);
  const latest = await latestCheckpoint(db);
  const head = latest?.heads.find((h) => h.caseId === caseId) ?? null;
  if (!exists && chain.events === 0 && !head) return null;

  const findings: VerifyFinding[] = [];
  if (chain.brokenAt !== undefined) {
    const seq = chain.brokenAt;
    findings.push({ kind: 'edited', caseId, seq, message: `event ${seq} does not hash to its stored hash or link` });
  }
  if (!latest) return { ...chain, findings, checkpoint: null };

  const { id, at, root, cases, findings: signedFindings, signature, keyId } = latest;
  const summary = { id, at, root, cases, findings: signedFindings, signature, keyId };
  const signatureValid = publicKey ? checkpointHolds(publicKey, latest) : null;
  if (signatureValid === false) {
    const message = `checkpoint ${latest.id} does not verify: it was altered, or signed by another key`;
    findings.push({ kind: 'forged', checkpointId: latest.id, message });
  } else if (head) {
    const departure = await departureOfCase(db, head);
    if (departure) findings.push(departure);
  }
  return { ...chain, ok: findings.length === 0, findings, checkpoint: { ...summary, signatureValid, head } };
}
