// The web console's build (docs/console.md), for `npm start` and the browser tests: web/dist is
// rebuilt when it is missing or older than any source file of web/ (or the lockfile, which pins the
// console's packages). The build goes to a scratch directory under .data and is moved into place
// when complete, so an API starting meanwhile never serves half a build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from './processes';

const webDir = join(projectRoot, 'web');
export const consoleDist = join(webDir, 'dist');

/** The newest modification time of the files under `dir`, web/dist and node_modules left out. */
function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Why web/dist must be built again, or null when it is up to date. */
export function consoleStaleness(): string | null {
  const index = join(consoleDist, 'index.html');
  if (!existsSync(index)) return 'web/dist is missing';
  const builtAt = statSync(index).mtimeMs;
  const lockfile = statSync(join(projectRoot, 'package-lock.json')).mtimeMs;
  return Math.max(newestSourceTime(webDir), lockfile) > builtAt ? 'web/ changed since the last build' : null;
}

/** Builds the console with Vite into web/dist; throws with Vite's output when the build fails. */
export function buildConsole(): void {
  const scratch = join(projectRoot, '.data', `web-build-${process.pid}`);
  mkdirSync(join(projectRoot, '.data'), { recursive: true });
  rmSync(scratch, { recursive: true, force: true });
  const vite = join(projectRoot, 'node_modules', '.bin', 'vite');
  const result = spawnSync(
    vite,
    ['build', '--config', join(webDir, 'vite.config.mts'), '--outDir', scratch, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`the web console did not build (vite build):\n${result.stdout}${result.stderr}`);
  }
  rmSync(consoleDist, { recursive: true, force: true });
  try {
    renameSync(scratch, consoleDist);
  } catch (error) {
    // Another process (a second `npm start`, a test file) moved its own build in first: keep that one.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(join(consoleDist, 'index.html'))) throw error;
  }
}

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 10 * 60_000;

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Runs `work` while holding `.data/<name>.lock`, for work that processes started at once (test files,
 * a second `npm start`) must do one at a time. mkdir is atomic: whoever creates the directory goes on;
 * the others wait for it to go, then usually find the work done.
 */
export function underProjectLock<T>(name: string, work: () => T): T {
  const lockDir = join(projectRoot, '.data', `${name}.lock`);
  mkdirSync(join(projectRoot, '.data'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      else sleepSync(200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Builds web/dist when stale; says why it did, or null when it was up to date. Browser test files
 * running at once build one at a time: the second finds the first's build fresh, rather than replacing
 * web/dist under an API that has just routed its files.
 */
export function ensureConsoleBuilt(): string | null {
  if (!consoleStaleness()) return null;
  return underProjectLock('web-build', () => {
    const why = consoleStaleness();
    if (why) buildConsole();
    return why;
  });
}

/**
 * What a first visit downloads before the login page shows: index.html's script, its preloads and its
 * styles, gzipped as a server would send them (the budget: 400 KB). Desks load later, each its
 * own chunk.
 */
export function consoleFirstLoad(): { files: string[]; gzipBytes: number } {
  const index = readFileSync(join(consoleDist, 'index.html'), 'utf8');
  const files = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((match) => match[1]!);
  const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(consoleDist, file))).length, 0);
  return { files, gzipBytes };
}
