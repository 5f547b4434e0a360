// Reporter erasure (docs/domain.md "Audit trail and privacy"): POST /v1/reporters/{id}/erasure and
// `npm run erase-reporter` clear the reporter's name and phone and the description they typed, and
// record an `erased` event chained to each case's head, leaving the case's own chain valid.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseChain } from '../../shared/db/case-chain';
import { ERASED_TEXT, listErasures, verifyErasures } from '../../shared/db/reporter-erasure';
import { createReporter } from '../../shared/db/reporters';
import { CaseHistory, newCase, unitActor } from '../db/helpers/cases';
import { bearer, tokenFor } from '../support/fixtures';
import { startLimitsApp, type LimitsApp } from './limits-app';

const DESCRIPTION = '我叫周某某，住兴泰街道3号楼，电话13800001111，楼下夜市噪音到凌晨两点';
const root = join(__dirname, '..', '..');

describe('reporter erasure', () => {
  let h: LimitsApp;
  const tokens: Record<string, string> = {};
  const call = (who: string, url: string) => h.app.inject({ method: 'POST', url, headers: bearer(tokens[who]!) });

  /** A case reported with a reporter, recorded as its workflow's journal would (reported, then queued). */
  async function reportedCase(): Promise<{ history: CaseHistory; reporterId: string }> {
    const reporterId = await createReporter(h.db.sql, { name: '周某某', phone: '13800001111' });
    const history = new CaseHistory(newCase({ reporterId, description: DESCRIPTION }));
    history.reported();
    history.emit('queued', { lead: 'city-management' });
    await history.record(h.db.sql);
    return { history, reporterId };
  }

  const stored = async (caseId: string, reporterId: string) => {
    const [row] = await h.db.sql<{ description: string; name: string | null; phone: string | null; erased: boolean }[]>`
      SELECT c.description, r.name, r.phone, r.erased_at IS NOT NULL AS erased
      FROM cases c JOIN reporters r ON r.id = c.reporter_id WHERE c.id = ${caseId} AND r.id = ${reporterId}`;
    return row;
  };

  beforeAll(async () => {
    h = await startLimitsApp();
    for (const role of ['admin', 'office'] as const) tokens[role] = await tokenFor(h.db.sql, role);
    tokens.unit = await tokenFor(h.db.sql, 'unit', 'city-management');
  });
  afterAll(async () => h?.stop());

  it('the reported event holds no free text and no name: only the reporter id', async () => {
    const { history } = await reportedCase();
    const [reported] = await h.db.sql<{ data: object }[]>`
      SELECT data FROM case_events WHERE case_id = ${history.state.id} AND seq = 1`;
    expect(JSON.stringify(reported!.data)).not.toMatch(/周某某|13800001111|噪音/);
  });

  it('admins only; an unknown reporter is 404 and nothing is recorded', async () => {
    const { reporterId, history } = await reportedCase();
    for (const who of ['office', 'unit']) {
      expect((await call(who, `/v1/reporters/${reporterId}/erasure`)).statusCode, who).toBe(403);
    }
    expect((await call('admin', '/v1/reporters/5eb002fa-3b78-44b5-8fd2-a9beefee9396/erasure')).statusCode).toBe(404);
    expect((await call('admin', '/v1/reporters/not-a-uuid/erasure')).statusCode).toBe(400);
    expect(await stored(history.state.id, reporterId)).toMatchObject({ description: DESCRIPTION, erased: false });
    expect(await listErasures(h.db.sql, history.state.id)).toEqual([]);
  });

  it('clears name, phone and description, records an erased event chained to the head; both chains verify', async () => {
    const { reporterId, history } = await reportedCase();
    const caseId = history.state.id;
    const erased = await call('admin', `/v1/reporters/${reporterId}/erasure`);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ reporterId, cases: [{ caseId, seq: 1 }] });
    expect(await stored(caseId, reporterId)).toEqual({
      description: ERASED_TEXT,
      name: null,
      phone: null,
      erased: true,
    });

    const [erasure] = await listErasures(h.db.sql, caseId);
    expect(erasure).toMatchObject({
      afterSeq: 2,
      event: {
        type: 'erased',
        data: { reporterId, fields: ['name', 'phone', 'description'] },
        actor: { role: 'admin' },
      },
    });
    const [head] = await h.db.sql<
      { hash: string }[]
    >`SELECT hash FROM case_events WHERE case_id = ${caseId} AND seq = 2`;
    expect(erasure!.prevHash).toBe(head!.hash);
    expect(await verifyCaseChain(h.db.sql, caseId)).toEqual({ ok: true, events: 2 });
    expect(await verifyErasures(h.db.sql, caseId)).toEqual([]);

    // The side chain is append-only, as the case chain is: an edit is refused, and would be detected.
    await expect(h.db.sql`UPDATE case_erasures SET data = '{}' WHERE case_id = ${caseId}`).rejects.toThrow(
      /append-only/,
    );

    // The API shows the marker; the ledger, searched for the erased words, finds nothing.
    const view = await h.app.inject({ url: `/v1/cases/${caseId}`, headers: bearer(tokens.office!) });
    expect(view.json()).toMatchObject({ description: ERASED_TEXT, reporter: null });
    const search = await h.app.inject({ url: '/v1/cases?q=噪音', headers: bearer(tokens.office!) });
    expect(search.json<{ items: Array<{ id: string }> }>().items.map((c) => c.id)).not.toContain(caseId);

    // Erasing again erases nothing more and records no second event.
    const again = await call('admin', `/v1/reporters/${reporterId}/erasure`);
    expect(again.json()).toMatchObject({ cases: [] });
    expect(await listErasures(h.db.sql, caseId)).toHaveLength(1);
  });

  it('keeps the description erased when the running workflow writes its next snapshot (which still holds it)', async () => {
    const { reporterId, history } = await reportedCase();
    expect((await call('admin', `/v1/reporters/${reporterId}/erasure`)).statusCode).toBe(200);
    // The workflow knows nothing of the erasure: its next transition carries the old description.
    const accepted = history.emit(
      'accepted',
      {
        unitId: 'city-management',
        deadline: '2026-04-01T00:00:00.000Z',
        nextReportDue: '2026-03-09T00:00:00.000Z',
      },
      { status: 'in_progress' },
      unitActor('city-management'),
    );
    expect(accepted.snapshot.description).toBe(DESCRIPTION);
    await history.record(h.db.sql);
    expect(await stored(history.state.id, reporterId)).toMatchObject({ description: ERASED_TEXT });
    // The erasure stays chained to the head it followed; the case chain goes on, valid.
    expect(await verifyCaseChain(h.db.sql, history.state.id)).toEqual({ ok: true, events: 3 });
    expect(await verifyErasures(h.db.sql, history.state.id)).toEqual([]);
  });

  it('clears the description from the outbox row of a case whose workflow has not started yet', async () => {
    const { history, reporterId } = await reportedCase();
    const input = { caseId: history.state.id, description: DESCRIPTION, carried: { state: history.state } };
    await h.db.sql`
      INSERT INTO case_starts (case_id, task_queue, workflow_input, next_attempt_at)
      VALUES (${history.state.id}, 'erasure', ${h.db.sql.json(input)}, now())`;
    expect((await call('admin', `/v1/reporters/${reporterId}/erasure`)).statusCode).toBe(200);
    const [row] = await h.db.sql<{ input: string }[]>`
      SELECT workflow_input::text AS input FROM case_starts WHERE case_id = ${history.state.id}`;
    expect(row!.input).not.toContain('噪音');
    expect(row!.input).toContain(ERASED_TEXT);
  });

  it('npm run erase-reporter -- <id> does the same from the command line', async () => {
    const { reporterId, history } = await reportedCase();
    const cli = spawnSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'scripts', 'erase-reporter.ts'), '--', reporterId],
      { env: { ...process.env, DATABASE_URL: h.db.appUrl }, encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ reporterId, cases: [{ caseId: history.state.id, seq: 1 }] });
    expect(await stored(history.state.id, reporterId)).toEqual({
      description: ERASED_TEXT,
      name: null,
      phone: null,
      erased: true,
    });
    const [erasure] = await listErasures(h.db.sql, history.state.id);
    expect(erasure!.event.actor).toMatchObject({ role: 'admin', unitId: null });
    expect(erasure!.event.actor.id).toMatch(/^cli:/);
    const unknown = spawnSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'scripts', 'erase-reporter.ts'), '5eb002fa-3b78-44b5-8fd2-a9beefee9396'],
      { env: { ...process.env, DATABASE_URL: h.db.appUrl }, encoding: 'utf8' },
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no reporter/);
  });
});
