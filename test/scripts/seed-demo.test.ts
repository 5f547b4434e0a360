// Issue 12: `npm start` wrote the demo tokens (the admin's among them) world-readable, and a demo case
// refused while the machine was loaded (a 503) stopped the whole start. The file is now its owner's
// alone, and a refused demo case is a warning: the system runs, the next start tries again.
import { Client, Connection } from '@temporalio/client';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../api/app';
import { freePort } from '../../scripts/lib/processes';
import { reportDemoCases, seedDemo } from '../../scripts/lib/seed-demo';
import { createSql } from '../../shared/db/sql';
import { createTestDatabase, type TestDatabase } from '../support/database';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the demo data of `npm start`', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-demo-'));
  const stateFile = join(dir, 'demo-tokens.json');
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the demo tokens in a file only its owner may read, even one left readable before', async () => {
    const first = await seedDemo(db.sql, stateFile);
    expect(modeOf(stateFile)).toBe(0o600);
    chmodSync(stateFile, 0o644);
    expect(await seedDemo(db.sql, stateFile)).toEqual(first);
    expect(modeOf(stateFile)).toBe(0o600);
    writeFileSync(stateFile, JSON.stringify({ ...first, tokens: { ...first.tokens, office: 'dbn_gone' } }), {
      mode: 0o644,
    });
    await seedDemo(db.sql, stateFile);
    expect(modeOf(stateFile)).toBe(0o600);
  });

  it('a demo case refused with 503 is a warning, not a failed start, and is tried again next time', async () => {
    const state = await seedDemo(db.sql, stateFile);
    // Intake answers 201 whatever Temporal does (docs/intake.md); what it answers 503 for is PostgreSQL
    // out of reach, as when the machine is too loaded to take a connection.
    const sql = createSql(`postgres://postgres@127.0.0.1:${await freePort()}/none`, {
      max: 1,
      connectTimeoutSeconds: 1,
    });
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1s' });
    const app = await buildApp({ sql, temporal: new Client({ connection }), taskQueue: 'none' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(reportDemoCases(app, state, stateFile)).resolves.toEqual([]);
      expect(warn.mock.calls.map(([message]) => String(message))).toEqual(
        [1, 2, 3].map((n): unknown =>
          expect.stringMatching(new RegExp(`^warning: demo case ${n} .* not reported: 503 `)),
        ),
      );
      expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ sampleCaseIds: [] });
    } finally {
      warn.mockRestore();
      await app.close();
      await sql.end({ timeout: 1 });
    }
  });
});
