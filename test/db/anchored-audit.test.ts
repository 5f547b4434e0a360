// Issue 13: signed checkpoints over every case's chain head. What the owner of the database can do
// to the trail (edit and rehash, cut the tail, delete a case, forge the checkpoint too) is found and
// named, by the per-case verify and by the next checkpoint. Checkpoints are made and verified as the
// app role, as the worker and API do; the tampering is the owner's.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditActivities } from '../../activities/audit';
import { headsRoot, signCheckpoint } from '../../shared/audit/checkpoint-message';
import { verifyAnchored } from '../../shared/db/anchored-verify';
import { verifyCaseChain } from '../../shared/db/case-chain';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { deleteCaseEntirely, recordedCase, rewriteAndRehash, tamper } from './helpers/audited-case';

describe('the anchored audit', () => {
  let db: TestDatabase;
  let signingKey: KeyObject;
  let publicKey: KeyObject;
  let makeCheckpoint: ReturnType<typeof createAuditActivities>['makeAuditCheckpoint'];
  const verify = (caseId: string) => verifyAnchored(db.appSql, caseId, publicKey);

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ privateKey: signingKey, publicKey } = generateKeyPairSync('ed25519'));
    const activities = createAuditActivities({ sql: db.appSql, auditSigningKey: signingKey });
    makeCheckpoint = () => activities.makeAuditCheckpoint();
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** A case recorded as the app role and covered by a fresh checkpoint. */
  async function checkpointedCase(): Promise<string> {
    const id = await recordedCase(db.appSql);
    await makeCheckpoint();
    return id;
  }

  it('verifies an untouched case against the signed head', async () => {
    const id = await checkpointedCase();
    const verification = await verify(id);
    expect(verification).toMatchObject({ ok: true, events: 4, findings: [] });
    expect(verification?.checkpoint).toMatchObject({ signatureValid: true, head: { caseId: id, seq: 4 } });
  });

  it('finds a rewritten chain whose hashes were all recomputed: the links hold, the signed head does not', async () => {
    const id = await checkpointedCase();
    await tamper(db.sql, (tx) => rewriteAndRehash(tx, id, 2, { lead: 'justice-bureau' }));
    expect(await verifyCaseChain(db.appSql, id)).toEqual({ ok: true, events: 4 });
    expect(await verify(id)).toMatchObject({
      ok: false,
      findings: [{ kind: 'rewritten', caseId: id, signedSeq: 4 }],
    });
  });

  it('finds a truncated tail, even with the read model wound back to match', async () => {
    const id = await checkpointedCase();
    await tamper(db.sql, async (tx) => {
      await tx`DELETE FROM case_events WHERE case_id = ${id} AND seq > 2`;
      await tx`UPDATE cases SET seq = 2 WHERE id = ${id}`;
    });
    expect(await verifyCaseChain(db.appSql, id)).toEqual({ ok: true, events: 2 });
    expect(await verify(id)).toMatchObject({
      ok: false,
      events: 2,
      findings: [
        { kind: 'truncated', caseId: id, signedSeq: 4, message: `${id} ends at event 2, but event 4 was signed` },
      ],
    });
  });

  it('finds a deleted case: its events and its row gone', async () => {
    const id = await checkpointedCase();
    await tamper(db.sql, (tx) => deleteCaseEntirely(tx, id));
    expect(await verify(id)).toMatchObject({ ok: false, events: 0, findings: [{ kind: 'deleted', caseId: id }] });
  });

  it('answers nothing for an id no checkpoint and no table knows', async () => {
    expect(await verify('case-never-reported')).toBeNull();
  });

  it('still names an edit that left the hashes alone', async () => {
    const id = await checkpointedCase();
    await tamper(db.sql, (tx) => tx`UPDATE case_events SET data = '{}' WHERE case_id = ${id} AND seq = 3`);
    expect(await verify(id)).toMatchObject({ ok: false, brokenAt: 3, findings: [{ kind: 'edited', seq: 3 }] });
  });

  it('names in the next checkpoint every departure from the previous one', async () => {
    const [kept, cut] = [await recordedCase(db.appSql), await recordedCase(db.appSql)];
    await makeCheckpoint();
    await tamper(db.sql, (tx) => tx`DELETE FROM case_events WHERE case_id = ${cut} AND seq = 4`);
    const next = await makeCheckpoint();
    expect(next.findings).toEqual([expect.objectContaining({ kind: 'truncated', caseId: cut, signedSeq: 4 })]);
    expect(next.findings.some((f) => 'caseId' in f && f.caseId === kept)).toBe(false);
    // The new checkpoint anchors the trail as it now is, and keeps the finding under its signature.
    const listed = await db.appSql<
      { findings: unknown[] }[]
    >`SELECT findings FROM audit_checkpoints WHERE id = ${next.id}`;
    expect(listed[0]!.findings).toHaveLength(1);
  });

  it('finds a recomputed chain with a recomputed checkpoint: the signature no longer holds', async () => {
    const id = await checkpointedCase();
    await tamper(db.sql, async (tx) => {
      await rewriteAndRehash(tx, id, 2, { lead: 'justice-bureau' });
      // The owner rewrites the latest checkpoint's heads and root to match, but cannot sign them.
      const heads = await tx<{ caseId: string; seq: number; hash: string }[]>`
        SELECT DISTINCT ON (case_id) case_id AS "caseId", seq, hash FROM case_events ORDER BY case_id, seq DESC`;
      await tx`ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_no_update_or_delete`;
      await tx`
        UPDATE audit_checkpoints SET root = ${headsRoot(heads)},
          heads = ${tx.json(heads.map((h) => [h.caseId, h.seq, h.hash]))}
        WHERE id = (SELECT max(id) FROM audit_checkpoints)`;
      await tx`ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_no_update_or_delete`;
    });
    expect(await verify(id)).toMatchObject({ ok: false, findings: [{ kind: 'forged' }] });
    expect((await verify(id))?.checkpoint?.signatureValid).toBe(false);
  });

  it('finds a checkpoint signed with a key of the forger’s own', async () => {
    const id = await recordedCase(db.appSql);
    const forger = generateKeyPairSync('ed25519').privateKey;
    const heads = [{ caseId: id, seq: 4, hash: 'f'.repeat(64) }];
    const forged = signCheckpoint(forger, {
      at: new Date().toISOString(),
      root: headsRoot(heads),
      cases: 1,
      findings: [],
    });
    await db.sql`
      INSERT INTO audit_checkpoints (at, root, heads, cases, findings, signature, key_id)
      VALUES (${forged.at}, ${forged.root}, ${db.sql.json([[id, 4, 'f'.repeat(64)]])}, 1, '[]', ${forged.signature}, ${forged.keyId})`;
    expect(await verify(id)).toMatchObject({ ok: false, findings: [{ kind: 'forged' }] });
    // The worker's next checkpoint says so too, rather than comparing against heads nobody signed.
    expect((await makeCheckpoint()).findings).toEqual([expect.objectContaining({ kind: 'forged' })]);
  });
});
