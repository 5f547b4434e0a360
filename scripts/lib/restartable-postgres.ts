import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBin } from './postgres-server';
import { freePort, startManaged, waitFor, type Managed } from './processes';

/** A throwaway PostgreSQL that can be stopped and started again on the same port with the same data. */
export interface RestartablePostgres {
  url: string;
  port: number;
  dataDir: string;
  /** The postmaster's process id while it runs (for CPU and memory sampling), else null. */
  pid(): number | null;
  /** Fast shutdown (`pg_ctl stop -m fast`): clients are disconnected, the data directory stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** Stops it and deletes the data directory. */
  destroy(): Promise<void>;
}

export interface RestartablePostgresOptions {
  logFile: string;
  /** Extra `-c name=value` settings, e.g. `{ shared_buffers: '1GB' }` for the ledger bench. */
  settings?: Record<string, string>;
}

/**
 * Like `startTemporaryPostgres` (durability off, trust auth on 127.0.0.1, run as `postgres` when
 * root), but the fault suite can stop it for a while and start it again: the port and the data stay.
 */
export async function startRestartablePostgres(options: RestartablePostgresOptions): Promise<RestartablePostgres> {
  const bin = findPostgresBin();
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-pg-restartable-'));
  const asRoot = process.getuid?.() === 0;
  const wrap = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  if (asRoot) {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (uid.status !== 0) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
    chownSync(dataDir, Number(uid.stdout.trim()), Number(gid.stdout.trim()));
  }
  const quiet: SpawnSyncOptions = { stdio: ['ignore', 'ignore', 'inherit'] };
  const [initCmd, initArgs] = wrap(join(bin, 'initdb'), [
    ...['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
  ]);
  if (spawnSync(initCmd, initArgs, quiet).status !== 0) throw new Error(`initdb failed in ${dataDir}`);

  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '300',
    ...options.settings,
  };
  const serverArgs = ['-D', dataDir, '-p', String(port), '-k', dataDir];
  for (const [name, value] of Object.entries(settings)) serverArgs.push('-c', `${name}=${value}`);
  const ready = () => spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']).status === 0;
  const postmasterPid = (): number | null => {
    try {
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return pid > 0 ? pid : null;
    } catch {
      return null;
    }
  };

  let managed: Managed | null = null;
  const start = async () => {
    if (managed) return;
    const [cmd, args] = wrap(join(bin, 'postgres'), serverArgs);
    const started = startManaged(cmd, args, options.logFile);
    managed = started;
    await waitFor('PostgreSQL', async () => ready(), 60_000, started.child);
  };
  const stop = async () => {
    if (!managed) return;
    const running = managed;
    managed = null;
    const [cmd, args] = wrap(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
    spawnSync(cmd, args, quiet);
    // pg_ctl waited for the postmaster; the wrapper (runuser) exits right after it.
    await running.stop();
  };

  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    pid: () => (managed ? postmasterPid() : null),
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
