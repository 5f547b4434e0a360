import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startManaged, waitFor, type Managed } from './processes';

const PREFERRED_MAJOR = '15';

export interface PostgresServer extends Managed {
  url: string;
}

function fail(line: string): never {
  throw new Error(line);
}

/** The machine's PostgreSQL server binaries (Debian layout), 15 preferred; installs them as root when missing. */
export function findPostgresBin(): string {
  const base = '/usr/lib/postgresql';
  const pick = () => {
    if (!existsSync(base)) return null;
    const majors = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres')));
    const major = majors.includes(PREFERRED_MAJOR) ? PREFERRED_MAJOR : majors.sort((a, b) => Number(b) - Number(a))[0];
    return major ? join(base, major, 'bin') : null;
  };
  const found = pick();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    fail(
      'PostgreSQL server binaries are missing: install postgresql-15 (apt-get install postgresql-15) or set DATABASE_URL',
    );
  }
  console.log('duban: installing postgresql-15 with apt-get…');
  const apt = (args: string[]) =>
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (
    apt(['update', '-qq']).status !== 0 ||
    apt(['install', '-y', '-qq', `postgresql-${PREFERRED_MAJOR}`]).status !== 0
  ) {
    fail('apt-get could not install postgresql-15; install it by hand or set DATABASE_URL');
  }
  return pick() ?? fail('postgresql-15 was installed but its binaries were not found under /usr/lib/postgresql');
}

/**
 * A throwaway PostgreSQL for tests: a fresh data dir in /tmp, trust auth on 127.0.0.1, durability off
 * (the data dies with the run). PostgreSQL refuses to run as root, so as root it runs as `postgres`.
 */
export async function startTemporaryPostgres(logFile: string): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-pg-'));
  const asRoot = process.getuid?.() === 0;
  const wrap = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) fail('running as root, but there is no `postgres` user to run PostgreSQL as');
    chownSync(dataDir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  }
  const quiet: SpawnSyncOptions = { stdio: ['ignore', 'ignore', 'inherit'] };
  const [initCmd, initArgs] = wrap(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  if (spawnSync(initCmd, initArgs, quiet).status !== 0) fail(`initdb failed in ${dataDir}`);
  const port = await freePort();
  const [cmd, args] = wrap(join(bin, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dataDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
  ]);
  const managed = startManaged(cmd, args, logFile);
  const ready = () => spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']).status === 0;
  await waitFor('PostgreSQL', async () => ready(), 60_000, managed.child);
  return {
    ...managed,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await managed.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
