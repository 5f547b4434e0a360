// README command one: the whole system on embedded defaults, in one terminal.
//   Temporal dev server on .data/dev/temporal.sqlite (unless TEMPORAL_ADDRESS is set),
//   embedded PostgreSQL (PGlite) in .data/dev/pglite (unless DATABASE_URL is set),
//   migrations, demo data, the worker and the API in this process. Ctrl-C stops it all; data stays.
// It listens on 127.0.0.1 unless HOST says otherwise. A wanted port another process holds (7233,
// 8233, 3000) is replaced by a free one, said so; a PORT that was asked for and is taken stops it.
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { join } from 'node:path';
import { buildApp } from '../api/app';
import { createApiMetrics } from '../api/metrics';
import { parseDuration } from '../shared/durations';
import { bootstrapAdmin, bootstrapSettingsFrom } from '../shared/accounts/bootstrap-admin';
import { loadConfig } from '../shared/config';
import { auditPublicKey, auditSigningKey, ensureKeyFile } from '../shared/audit/signing-key';
import { migrateAsOwner } from '../shared/db/migrate';
import { createSql } from '../shared/db/sql';
import { createLogger } from '../shared/logger';
import { createDubanWorker } from '../worker/create-worker';
import { ensureSchedules } from '../worker/schedules';
import { webhookSettingsFrom } from '../worker/webhook-settings';
import { limitsFrom } from '../api/limits-config';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { choosePorts, freePort, projectRoot, type ChosenPort } from './lib/processes';
import { ensureDemoAccounts } from './lib/demo/accounts';
import { reportDemoCases, seedDemo } from './lib/seed-demo';
import { startDevServer } from './lib/temporal-dev-server';
import { ensureConsoleBuilt } from './lib/web-build';
import { TEMPORAL_CHANNEL_ARGS } from '../shared/contracts/temporal-channel';

const dataDir = join(projectRoot, '.data', 'dev');

const shown = (what: string, { port, note }: ChosenPort) => `  ${what.padEnd(16)}${port}${note ? `  (${note})` : ''}`;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('duban', config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  // This process owns shutdown order (API, worker, database, Temporal), so the SDK must not act on signals.
  Runtime.install({ shutdownSignals: [], logger: new DefaultLogger(config.LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN') });
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
  };

  try {
    // First, while nothing runs yet (the build blocks for a few seconds): the API serves web/dist as it
    // finds it when it starts (api/plugins/console.ts).
    const consoleWhy = ensureConsoleBuilt();
    if (consoleWhy) console.log(`built the web console (${consoleWhy})`);
    // The loopback only: the demo tokens are printed, and anyone who can reach the port could use them.
    const host = process.env.HOST ? config.HOST : '127.0.0.1';
    // A Temporal server already on 7233 is not this one's: only TEMPORAL_ADDRESS says to use another.
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    const ports = await choosePorts({
      api: { port: config.PORT, host, ...(process.env.PORT ? { setBy: 'PORT' } : {}) },
      temporal: { port: 7233 },
      ui: { port: 8233 },
    });
    const temporalPorts = [shown('Temporal', ports.temporal), shown('Temporal Web UI', ports.ui)];
    const external = `  ${'Temporal'.padEnd(16)}${temporalAddress} (TEMPORAL_ADDRESS)`;
    console.log(['ports:', shown('API', ports.api), ...(temporalAddress ? [external] : temporalPorts)].join('\n'));

    let temporalUi: string | null = null;
    if (!temporalAddress) {
      console.log('starting the Temporal dev server (SQLite in .data/dev/temporal.sqlite)…');
      const server = await startDevServer({
        dbFile: join(dataDir, 'temporal.sqlite'),
        port: ports.temporal.port,
        uiPort: ports.ui.port,
        logFile: join(dataDir, 'temporal.log'),
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
    }

    let databaseUrl = config.DATABASE_URL;
    let poolMax = config.DATABASE_POOL_MAX;
    if (!databaseUrl) {
      console.log('starting embedded PostgreSQL (PGlite in .data/dev/pglite)…');
      const embedded = await startEmbeddedPostgres(join(dataDir, 'pglite'), await freePort());
      stops.push(() => embedded.stop());
      databaseUrl = embedded.url;
      poolMax = embedded.maxConnections;
    }
    const sql = createSql(databaseUrl, { max: poolMax });
    stops.push(() => sql.end({ timeout: 5 }));
    // Embedded PGlite is one session of one role: the two roles are for a real server (docs/security.md).
    const applied = await migrateAsOwner(sql, config.DATABASE_URL ? config.DATABASE_OWNER_URL : undefined);
    if (applied.length) console.log(`applied migrations: ${applied.join(', ')}`);
    const demoFile = join(dataDir, 'demo-tokens.json');
    const demo = await seedDemo(sql, demoFile);
    // The operator's first admin (if asked for) before the demo's, which would otherwise count as one.
    for (const note of await bootstrapAdmin(sql, bootstrapSettingsFrom(config))) console.log(note);
    const demoAccounts = await ensureDemoAccounts(sql, join(dataDir, 'demo-accounts.json'));

    // A development signing key in .data/dev (mode 0600) unless one is configured: one process signs
    // and checks here; a deployment keeps the private half with the worker only (docs/audit.md).
    const configured = config.DUBAN_AUDIT_SIGNING_KEY || config.DUBAN_AUDIT_SIGNING_KEY_FILE;
    const auditKeys = configured
      ? config
      : { ...config, DUBAN_AUDIT_SIGNING_KEY_FILE: ensureKeyFile(join(dataDir, 'audit-signing-key.pem')) };

    const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
    stops.push(() => nativeConnection.close());
    const connection = await Connection.connect({ address: temporalAddress, channelArgs: TEMPORAL_CHANNEL_ARGS });
    stops.push(() => connection.close());
    const metrics = createApiMetrics();
    const client = new Client({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      interceptors: { workflow: [metrics.temporalInterceptor] },
    });
    const worker = await createDubanWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      sql,
      client,
      webhooks: webhookSettingsFrom(config),
      auditSigningKey: auditSigningKey(auditKeys),
    });
    await ensureSchedules(client, auditKeys);
    const workerRun = worker.run();
    stops.push(async () => {
      worker.shutdown();
      await workerRun;
    });

    const app = await buildApp({
      sql,
      temporal: client,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      logger,
      metrics,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      idempotencyTtlMs: parseDuration(config.DUBAN_IDEMPOTENCY_TTL),
      sessionTtlMs: parseDuration(config.DUBAN_SESSION_TTL),
      ...limitsFrom(config),
      auditPublicKey: auditPublicKey(auditKeys),
    });
    stops.push(() => app.close());
    await app.listen({ host, port: ports.api.port });
    const api = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${ports.api.port}`;
    const [sampleCaseId] = await reportDemoCases(app, demo, demoFile);

    console.log(`
duban is running.
  Console         ${api}/          (督办工作台: log in with a demo account below)
  API             ${api}           (health: ${api}/readyz)
  API docs        ${api}/docs
  Temporal        ${temporalAddress}
  Temporal Web UI ${temporalUi ?? "(the external Temporal's)"}
  Database        ${config.DATABASE_URL ? 'DATABASE_URL' : 'embedded PGlite in .data/dev/pglite'}

Demo tokens (also in .data/dev/demo-tokens.json):
${Object.entries(demo.tokens)
  .map(([role, token]) => `  ${role.padEnd(16)}${token}`)
  .join('\n')}

Demo accounts (log in at the console or with POST /v1/sessions; passwords in .data/dev/demo-accounts.json):
  ${Object.keys(demoAccounts).join(', ')}

Try:
  curl -s -H 'Authorization: Bearer ${demo.tokens.office}' ${api}/v1/cases/${sampleCaseId ?? '<case id>'}

Ctrl-C stops everything; the data stays in .data/dev for the next start.`);

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    console.log('\nstopping…');
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`duban: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
