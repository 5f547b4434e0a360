import { ApplicationFailure } from '@temporalio/activity';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { headsRoot, signCheckpoint, type AuditFinding } from '../shared/audit/checkpoint-message';
import { checkpointHolds } from '../shared/audit/checkpoint-check';
import { departuresSince, insertCheckpoint, latestCheckpoint, readChainHeads } from '../shared/db/audit-checkpoints';
import type { Sql } from '../shared/db/sql';

export interface AuditDeps {
  sql: Sql;
  /** The Ed25519 checkpoint key (DUBAN_AUDIT_SIGNING_KEY); the schedule exists only where there is one. */
  auditSigningKey?: KeyObject | null | undefined;
}

export interface AuditCheckpointResult {
  id: number;
  cases: number;
  findings: AuditFinding[];
}

export function createAuditActivities({ sql, auditSigningKey }: AuditDeps) {
  return {
    /**
     * Signs one root over every case's chain head, after comparing the trail with the previous
     * checkpoint: what was deleted, truncated or rewritten since is named in the new one, so signing
     * again never quietly accepts a changed history. A retry after a commit whose answer was lost makes
     * a second checkpoint a moment later; two checkpoints of the same heads are harmless.
     */
    async makeAuditCheckpoint(): Promise<AuditCheckpointResult> {
      if (!auditSigningKey) {
        throw ApplicationFailure.nonRetryable('this worker has no DUBAN_AUDIT_SIGNING_KEY', 'NO_SIGNING_KEY');
      }
      const publicKey = createPublicKey(auditSigningKey);
      // One snapshot: the heads and the comparison see the same trail.
      return sql.begin('ISOLATION LEVEL REPEATABLE READ', async (tx) => {
        const previous = await latestCheckpoint(tx);
        let findings: AuditFinding[] = [];
        if (previous && !checkpointHolds(publicKey, previous)) {
          findings = [
            {
              kind: 'forged',
              checkpointId: previous.id,
              message: `checkpoint ${previous.id} does not verify with this key: it was altered, or signed by another key`,
            },
          ];
        } else if (previous) {
          findings = await departuresSince(tx, previous.id);
        }
        const heads = await readChainHeads(tx);
        const content = { at: new Date().toISOString(), root: headsRoot(heads), cases: heads.length, findings };
        const id = await insertCheckpoint(tx, signCheckpoint(auditSigningKey, content), heads);
        return { id, cases: heads.length, findings };
      });
    },
  };
}
