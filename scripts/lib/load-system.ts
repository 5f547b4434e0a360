// The whole system as separate processes, for the benches (bench/) and the fault suite (test/faults/):
// PostgreSQL (restartable, or a database given), a file-backed Temporal dev server (restartable on
// the same port and SQLite file), the worker as a child process (killable), and the API in this
// process on 127.0.0.1:0. Everything listens on loopback and `stop()` ends it all.
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildApp } from '../../api/app';
import { migrate } from '../../shared/db/migrate';
import {
  ensureCategory,
  publishRules,
  upsertLocality,
  upsertUnit,
  loadPublishedRules,
} from '../../shared/db/reference';
import { createSql, openPool, type Sql } from '../../shared/db/sql';
import { createToken } from '../../shared/db/tokens';
import { xingyiDemo } from './demo/xingyi';
import { projectRoot } from './processes';
import { startRestartablePostgres, type RestartablePostgres } from './restartable-postgres';
import { startDevServer, type DevServer } from './temporal-dev-server';
import { TEMPORAL_CHANNEL_ARGS } from '../../shared/contracts/temporal-channel';

export const WORKER_ENTRY = join(projectRoot, 'scripts', 'lib', 'worker-entry.ts');

/** A Node child process running a TypeScript entry (through tsx's loader, in-process: its pid is the worker's). */
export interface NodeChild {
  pid: number;
  child: ChildProcess;
  /** The line it announced readiness with (the worker entry adds its pid and cache size). */
  readyOutput: string;
  /** SIGTERM (the worker drains), then SIGKILL after 15 s. */
  stop(): Promise<void>;
  /** SIGKILL: no drain, no goodbye. */
  kill(): Promise<void>;
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `node --import tsx <entry>` and waits until it prints `readyLine` on stdout. */
export async function startNodeChild(options: {
  entry: string;
  env: Record<string, string>;
  logFile: string;
  readyLine: string;
  readyTimeoutMs?: number;
}): Promise<NodeChild> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry], {
    cwd: projectRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const readyOutput = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.entry} was not ready within ${(options.readyTimeoutMs ?? 90_000) / 1000} s`));
    }, options.readyTimeoutMs ?? 90_000);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      const at = seen.indexOf(options.readyLine);
      if (at >= 0 && seen.indexOf('\n', at) > at) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(seen.slice(at, seen.indexOf('\n', at)));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.entry} exited (${code ?? signal}) before it was ready; see ${options.logFile}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    pid: child.pid!,
    child,
    readyOutput,
    async stop() {
      const exited = exitOf(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      const exited = exitOf(child);
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Bundles workflow code once into `outFile` (a restarted worker then starts in about a second). */
export async function buildWorkflowBundle(workflowsPath: string, outFile: string): Promise<string> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: console.error },
  });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, code);
  return outFile;
}

export interface DemoTokens {
  admin: string;
  office: string;
  leader: string;
  visitor: string;
  /** One unit token per unit of the demo, by unit id. */
  units: Record<string, string>;
}

/** The 兴义市 demo reference data (scripts/lib/demo/xingyi.ts) and a token per role and per unit. */
export async function seedDemoReference(sql: Sql): Promise<DemoTokens> {
  for (const unit of xingyiDemo.units) await upsertUnit(sql, unit);
  for (const locality of xingyiDemo.localities) await upsertLocality(sql, locality);
  for (const category of xingyiDemo.categories) await ensureCategory(sql, category);
  if ((await loadPublishedRules(sql)).version === 0) await publishRules(sql, xingyiDemo.rules, 'load-system');
  const make = async (role: 'admin' | 'office' | 'leader' | 'visitor' | 'unit', unitId: string | null = null) =>
    (await createToken(sql, { name: `load ${unitId ?? role}`, role, unitId })).token;
  const units: Record<string, string> = {};
  for (const unit of xingyiDemo.units) units[unit.id] = await make('unit', unit.id);
  return {
    admin: await make('admin'),
    office: await make('office'),
    leader: await make('leader'),
    visitor: await make('visitor'),
    units,
  };
}

export interface RunningApi {
  app: FastifyInstance;
  url: string;
  client: Client;
  close(): Promise<void>;
}

/** The API as api/server.ts builds it (lazy Temporal connection), listening on 127.0.0.1:0. */
export async function startApiServer(options: {
  sql: Sql;
  temporalAddress: string;
  taskQueue: string;
  /** Benches raise it far above the default 600 per token and minute, which they would only measure. */
  rateLimitPerMinute?: number;
  interceptors?: WorkflowClientInterceptor[];
  /** Called with the app before it listens: benches add timing hooks. */
  beforeListen?: (app: FastifyInstance) => void;
}): Promise<RunningApi> {
  const connection = Connection.lazy({
    address: options.temporalAddress,
    connectTimeout: '5s',
    channelArgs: TEMPORAL_CHANNEL_ARGS,
  });
  const client = new Client({
    connection,
    namespace: 'default',
    interceptors: { workflow: options.interceptors ?? [] },
  });
  const app = await buildApp({
    sql: options.sql,
    temporal: client,
    taskQueue: options.taskQueue,
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
  });
  options.beforeListen?.(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  // As api/server.ts: the pool is open before the first burst of reports.
  await openPool(options.sql);
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the API has no address');
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    client,
    async close() {
      await app.close();
      await connection.close();
    },
  };
}

export interface LoadSystemOptions {
  /** Logs go to .data/<name>/. */
  name: string;
  /** An existing, empty database (vitest's per-file clone); otherwise a restartable PostgreSQL of its own. */
  databaseUrl?: string | undefined;
  /**
   * An existing Temporal frontend (a cluster, for the benches: BENCH_TEMPORAL_ADDRESS) whose default
   * namespace has duban's search attributes; otherwise a dev server of its own on a SQLite file.
   */
  temporalAddress?: string | undefined;
  postgresSettings?: Record<string, string>;
  /** Pool size of the API and the worker each (default 10, as in production). */
  poolMax?: number;
  /** A prebuilt bundle of workflows/; otherwise built into the data folder. */
  workflowBundle?: string;
  taskQueue?: string;
  /** Extra environment of the worker process (DUBAN_MAX_CACHED_WORKFLOWS, LOG_LEVEL). */
  workerEnv?: Record<string, string>;
  /** Start the worker (default true). */
  worker?: boolean;
  /** Start the API (default true), with these options. */
  api?:
    | false
    | {
        rateLimitPerMinute?: number;
        interceptors?: WorkflowClientInterceptor[];
        beforeListen?: (app: FastifyInstance) => void;
      };
}

export interface LoadSystem {
  dir: string;
  databaseUrl: string;
  sql: Sql;
  postgres: RestartablePostgres | null;
  temporal: {
    address: string;
    pid(): number | null;
    kill(): Promise<void>;
    /** Starts it again on the same port with the same SQLite file (nothing for an external server). */
    start(): Promise<void>;
  };
  /** A client of the test or bench itself, on its own connection. */
  client: Client;
  taskQueue: string;
  workflowBundle: string;
  worker: {
    current(): NodeChild | null;
    start(env?: Record<string, string>): Promise<NodeChild>;
    kill(): Promise<void>;
    stop(): Promise<void>;
  };
  api: RunningApi | null;
  tokens: DemoTokens;
  stop(): Promise<void>;
}

export async function startLoadSystem(options: LoadSystemOptions): Promise<LoadSystem> {
  const dir = join(projectRoot, '.data', options.name);
  mkdirSync(dir, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), `duban-${options.name.replace(/\W/g, '-')}-`));
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    let postgres: RestartablePostgres | null = null;
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      postgres = await startRestartablePostgres({
        logFile: join(dir, 'postgres.log'),
        ...(options.postgresSettings ? { settings: options.postgresSettings } : {}),
      });
      const pg = postgres;
      stops.push(() => pg.destroy());
      databaseUrl = pg.url;
    }
    const sql = createSql(databaseUrl, { max: options.poolMax ?? 10 });
    stops.push(() => sql.end({ timeout: 5 }));
    await migrate(sql);
    const tokens = await seedDemoReference(sql);

    const dbFile = join(scratch, 'temporal.sqlite');
    const temporalLog = join(dir, 'temporal.log');
    // The dev server takes more ports than the one it is given, each found free on its own: two
    // starting at once (parallel test files) can collide and exit; another try picks other ports.
    const startServer = async (port?: number): Promise<DevServer> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await startDevServer({ dbFile, headless: true, logFile: temporalLog, ...(port ? { port } : {}) });
        } catch (error) {
          if (attempt >= 3 || !/exited with code/.test(String(error))) throw error;
        }
      }
    };
    let server: DevServer | null = options.temporalAddress ? null : await startServer();
    const port = server ? Number(server.address.split(':')[1]) : null;
    const temporal = {
      address: options.temporalAddress ?? server!.address,
      pid: () => server?.child.pid ?? null,
      async kill() {
        if (!server) return;
        const exited = exitOf(server.child);
        server.child.kill('SIGKILL');
        await exited;
        server = null;
      },
      async start() {
        if (port !== null) server ??= await startServer(port);
      },
    };
    stops.push(async () => {
      await server?.stop();
    });

    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default' });

    const taskQueue = options.taskQueue ?? `load-${options.name.replace(/\W/g, '-')}`;
    const workflowBundle =
      options.workflowBundle && existsSync(options.workflowBundle)
        ? options.workflowBundle
        : await buildWorkflowBundle(join(projectRoot, 'workflows', 'index.ts'), join(dir, 'workflow-bundle.js'));
    let current: NodeChild | null = null;
    const worker = {
      current: () => current,
      async start(env: Record<string, string> = {}) {
        if (current) throw new Error('a worker runs already');
        current = await startNodeChild({
          entry: WORKER_ENTRY,
          env: {
            DATABASE_URL: databaseUrl,
            DATABASE_POOL_MAX: String(options.poolMax ?? 10),
            TEMPORAL_ADDRESS: temporal.address,
            TEMPORAL_TASK_QUEUE: taskQueue,
            DUBAN_WORKFLOW_BUNDLE: workflowBundle,
            LOG_LEVEL: 'warn',
            ...options.workerEnv,
            ...env,
          },
          logFile: join(dir, 'worker.log'),
          readyLine: 'worker ready',
        });
        return current;
      },
      async kill() {
        await current?.kill();
        current = null;
      },
      async stop() {
        await current?.stop();
        current = null;
      },
    };
    stops.push(() => worker.stop());
    if (options.worker !== false) await worker.start();

    let api: RunningApi | null = null;
    if (options.api !== false) {
      api = await startApiServer({ sql, temporalAddress: temporal.address, taskQueue, ...(options.api ?? {}) });
      const running = api;
      stops.push(() => running.close());
    }
    return {
      dir,
      databaseUrl,
      sql,
      postgres,
      temporal,
      client,
      taskQueue,
      workflowBundle,
      worker,
      api,
      tokens,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
