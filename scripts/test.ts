// README command two: lint, format check, type-check, then the whole vitest suite against real
// servers (test/support/global-setup.ts starts PostgreSQL and Temporal when they are not given).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './lib/processes';

const bin = (name: string) => join(projectRoot, 'node_modules', '.bin', name);
const resultsFile = join(projectRoot, '.data', 'test', 'vitest-results.json');

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

mkdirSync(join(projectRoot, '.data', 'test'), { recursive: true });
const extra = process.argv.slice(2);
const checks = [
  step('eslint', bin('eslint'), ['.', '--max-warnings', '0']),
  step('prettier --check', bin('prettier'), ['--check', '--log-level', 'warn', '.']),
  step('tsc --noEmit', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
  // The console's TypeScript and .vue files (web/ has its own tsconfig: DOM, bundler resolution); ~10 s.
  step('vue-tsc --noEmit (web/)', bin('vue-tsc'), ['--noEmit', '-p', 'web/tsconfig.json']),
  step('vitest', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultsFile}`,
    ...extra,
  ]),
];

let summary = 'tests: 0 passed, 1 failed';
try {
  const json = JSON.parse(readFileSync(resultsFile, 'utf8')) as VitestJson;
  const skipped = json.numPendingTests + json.numTodoTests;
  summary = `tests: ${json.numPassedTests} passed, ${json.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
} catch {
  // vitest did not get as far as writing results; the summary above says 1 failed.
}
const failedChecks = checks.filter((ok) => !ok).length;
console.log(`\n${failedChecks === 0 ? 'all checks passed' : `${failedChecks} check(s) failed`}`);
console.log(summary);
process.exit(failedChecks === 0 ? 0 : 1);
