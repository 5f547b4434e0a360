// An auditor's check of a checkpoint export with the public key alone: no database, no API, no
// duban configuration (scripts/verify-checkpoint.ts; docs/audit.md).
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import {
  checkpointSignatureValid,
  headsRoot,
  keyIdOf,
  type ChainHead,
  type SignedCheckpoint,
} from './checkpoint-message';

const HeadSchema = z.object({ caseId: z.string().min(1), seq: z.number().int().min(1), hash: z.string().min(1) });

/** GET /v1/audit/checkpoints/{id} as saved; `heads` may instead come in a file of their own. */
export const CheckpointExportSchema = z.object({
  id: z.number().int().optional(),
  at: z.string(),
  root: z.string(),
  cases: z.number().int(),
  findings: z.array(z.looseObject({ kind: z.string(), message: z.string() })),
  signature: z.string(),
  keyId: z.string(),
  heads: z.array(HeadSchema).optional(),
});
export const HeadsSchema = z.array(HeadSchema);

export interface OfflineCheck {
  ok: boolean;
  /** One line per check, each saying what held or what did not. */
  lines: string[];
}

export function checkCheckpointExport(
  publicKeyPem: string,
  exported: unknown,
  separateHeads: unknown = undefined,
): OfflineCheck {
  const checkpoint = CheckpointExportSchema.parse(exported);
  const heads: ChainHead[] | undefined =
    separateHeads === undefined ? checkpoint.heads : HeadsSchema.parse(separateHeads);
  const publicKey = createPublicKey(publicKeyPem);
  const lines: string[] = [];
  let ok = true;
  const check = (holds: boolean, yes: string, no: string) => {
    lines.push(holds ? `ok    ${yes}` : `FAIL  ${no}`);
    ok &&= holds;
  };

  const keyId = keyIdOf(publicKey);
  check(checkpoint.keyId === keyId, `signed by key ${keyId}`, `signed by key ${checkpoint.keyId}, not ${keyId}`);
  check(
    checkpointSignatureValid(publicKey, checkpoint as SignedCheckpoint),
    `the signature over (at, root, cases, findings) holds: ${checkpoint.at}`,
    'the signature does not hold: the checkpoint was altered or signed by another key',
  );
  if (heads) {
    check(
      heads.length === checkpoint.cases,
      `${heads.length} heads, as signed`,
      `${heads.length} heads, but ${checkpoint.cases} signed`,
    );
    const root = headsRoot(heads);
    check(
      root === checkpoint.root,
      `the heads hash to the signed root ${root}`,
      `the heads hash to ${root}, not the signed ${checkpoint.root}`,
    );
  } else {
    lines.push('-     no heads given: the root was not recomputed');
  }
  for (const finding of checkpoint.findings) lines.push(`note  the checkpoint found: ${finding.message}`);
  return { ok, lines };
}
