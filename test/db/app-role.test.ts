// Issue 13: the API and worker log in as a member of duban_app (migration 0011), which may append to
// and read the audit trail and nothing more on it, so not even a compromised API can rewrite history.
// Each refusal is PostgreSQL's privilege check ("permission denied", "must be owner"), not the
// append-only trigger, which the owner could switch off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCaseChain } from '../../shared/db/case-chain';
import type { Sql } from '../../shared/db/sql';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { recordedCase } from './helpers/audited-case';

const REFUSED = /permission denied|must be owner|must be superuser|permission to/;

describe('the application role', () => {
  let db: TestDatabase;
  let app: Sql;
  let caseId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = db.appSql;
    // Ordinary work as the app role: a case recorded, its row and events written, its chain read back.
    caseId = await recordedCase(app);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('records cases and reads their chain', async () => {
    expect(await verifyCaseChain(app, caseId)).toEqual({ ok: true, events: 4 });
  });

  it('is not a superuser, cannot create roles or databases, and is not the owner', async () => {
    const [me] = await app<{ super: boolean; createrole: boolean; createdb: boolean; owner: boolean }[]>`
      SELECT rolsuper AS super, rolcreaterole AS createrole, rolcreatedb AS createdb,
             pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'case_events'), 'MEMBER') AS owner
      FROM pg_roles WHERE rolname = current_user`;
    expect(me).toEqual({ super: false, createrole: false, createdb: false, owner: false });
  });

  it.each([
    ['UPDATE', `UPDATE case_events SET data = '{}'`],
    ['DELETE', `DELETE FROM case_events`],
    ['TRUNCATE', `TRUNCATE case_events`],
    ['ALTER TABLE … DISABLE TRIGGER', `ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_or_delete`],
    ['ALTER TABLE … DISABLE TRIGGER ALL', `ALTER TABLE case_events DISABLE TRIGGER ALL`],
    ['ALTER TABLE … ADD COLUMN', `ALTER TABLE case_events ADD COLUMN note text`],
    ['DROP TRIGGER', `DROP TRIGGER case_events_no_truncate ON case_events`],
    [
      'CREATE TRIGGER',
      `CREATE TRIGGER t BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`,
    ],
    ['DROP TABLE', `DROP TABLE case_events`],
    ['session_replication_role (skips triggers)', `SET session_replication_role = replica`],
    [
      'replacing the trigger function',
      `CREATE OR REPLACE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
    ],
    ['UPDATE of a checkpoint', `UPDATE audit_checkpoints SET root = ''`],
    ['DELETE of checkpoints', `DELETE FROM audit_checkpoints`],
    ['TRUNCATE of checkpoints', `TRUNCATE audit_checkpoints`],
    ['recording a migration', `INSERT INTO schema_migrations (version, name) VALUES (9999, 'x')`],
    ['CREATE TABLE', `CREATE TABLE shadow_events (id int)`],
  ])('is refused %s', async (_what, statement) => {
    await expect(app.unsafe(statement)).rejects.toThrow(REFUSED);
  });

  it('cannot grant itself UPDATE: PostgreSQL only warns, and UPDATE stays refused', async () => {
    await app.unsafe(`GRANT UPDATE ON case_events TO current_user`);
    await expect(app`UPDATE case_events SET data = '{}'`).rejects.toThrow(REFUSED);
  });

  it('leaves the trail as it was after every refusal', async () => {
    expect(await verifyCaseChain(db.sql, caseId)).toEqual({ ok: true, events: 4 });
  });

  it('may do ordinary DML on every table that is not append-only, including those of later migrations', async () => {
    // A table the owner creates after migration 0011, as the next migration would.
    await db.sql`CREATE TABLE later_migration_table (id int PRIMARY KEY, note text)`;
    const rows = await db.sql<{ table: string; dml: boolean }[]>`
      SELECT c.relname AS table, has_table_privilege('duban_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS dml
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
        AND NOT EXISTS (
          SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
          WHERE t.tgrelid = c.oid AND p.proname LIKE '%\\_append\\_only')`;
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => !r.dml)).toEqual([]);
    await app`INSERT INTO later_migration_table VALUES (1, 'a')`;
    await app`UPDATE later_migration_table SET note = 'b' WHERE id = 1`;
    await app`DELETE FROM later_migration_table WHERE id = 1`;
  });

  it('may only append to and read every append-only table, and only read the migrations', async () => {
    const privileges = await db.sql<{ table: string; allowed: string[] }[]>`
      SELECT c.relname AS table, array(
        SELECT p FROM unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
        WHERE has_table_privilege('duban_app', c.oid, p)) AS allowed
      FROM pg_class c
      WHERE c.oid IN (
        SELECT t.tgrelid FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname LIKE '%\\_append\\_only')
      ORDER BY c.relname`;
    expect(privileges.map((p) => p.table)).toEqual(expect.arrayContaining(['audit_checkpoints', 'case_events']));
    for (const { table, allowed } of privileges)
      expect({ table, allowed }).toEqual({ table, allowed: ['SELECT', 'INSERT'] });
    const [migrations] = await db.sql<{ write: boolean; read: boolean }[]>`
      SELECT has_table_privilege('duban_app', 'schema_migrations', 'INSERT, UPDATE, DELETE, TRUNCATE') AS write,
             has_table_privilege('duban_app', 'schema_migrations', 'SELECT') AS read`;
    expect(migrations).toEqual({ write: false, read: true });
  });
});
