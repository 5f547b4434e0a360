// The Temporal server and its SQL tool, built from the Go module at the pinned release, once per
// machine: the binaries are cached outside the repository and the build is skipped when they exist.
// A cold build takes about 8 minutes and 2.2 GB of memory on two cores; it runs at low priority.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TEMPORAL_SERVER_VERSION } from './temporal-cluster-config';

const MODULE = 'go.temporal.io/server';

export interface ClusterBinaries {
  server: string;
  sql: string;
}

/** `$DUBAN_TEMPORAL_CACHE`, else `$XDG_CACHE_HOME/duban/temporal-v<version>` (`~/.cache` by default). */
export function clusterCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DUBAN_TEMPORAL_CACHE) return env.DUBAN_TEMPORAL_CACHE;
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'duban', `temporal-v${TEMPORAL_SERVER_VERSION}`);
}

export function clusterBinaries(dir = clusterCacheDir()): ClusterBinaries {
  return { server: join(dir, 'server'), sql: join(dir, 'sql') };
}

/** The cached binaries, built first when either is missing. */
export function ensureClusterBinaries(log: (line: string) => void = console.log): ClusterBinaries {
  const dir = clusterCacheDir();
  const binaries = clusterBinaries(dir);
  if (existsSync(binaries.server) && existsSync(binaries.sql)) return binaries;

  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) {
    throw new Error(`Go is needed to build the Temporal server ${TEMPORAL_SERVER_VERSION} once: install Go 1.26.8`);
  }
  // Into a scratch folder first, so that an interrupted build never leaves binaries that look done.
  const scratch = join(dir, '.building');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  log(
    `building Temporal server ${TEMPORAL_SERVER_VERSION} with ${go.stdout.trim()} into ${dir} ` +
      '(once; about 8 minutes on two cores)…',
  );
  const started = Date.now();
  const build = spawnSync(
    'nice',
    [
      ...['-n', '10', 'go', 'install', '-trimpath', '-ldflags=-s -w'],
      `${MODULE}/cmd/server@v${TEMPORAL_SERVER_VERSION}`,
      `${MODULE}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`,
    ],
    {
      stdio: 'inherit',
      // A toolchain switch would download another Go: the pinned release builds with this one.
      env: { ...process.env, GOBIN: scratch, GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local' },
    },
  );
  if (build.status !== 0) throw new Error(`go install of ${MODULE}@v${TEMPORAL_SERVER_VERSION} failed`);
  renameSync(join(scratch, 'sql'), binaries.sql);
  renameSync(join(scratch, 'server'), binaries.server);
  rmSync(scratch, { recursive: true, force: true });
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  return binaries;
}
