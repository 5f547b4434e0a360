// docs/audit.md: an auditor checks a checkpoint export with the public key alone. The script is run
// as the auditor would run it, on files, with no database and no duban configuration.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { headsRoot, signCheckpoint } from '../../shared/audit/checkpoint-message';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'duban-verify-checkpoint-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const run = (...args: string[]) =>
  spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'verify-checkpoint.ts'), ...args], {
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });

const pem = (key: ReturnType<typeof generateKeyPairSync>['publicKey']) =>
  key.export({ format: 'pem', type: 'spki' }).toString();
const signer = generateKeyPairSync('ed25519');
const heads = [
  { caseId: 'case-b', seq: 7, hash: 'b'.repeat(64) },
  { caseId: 'case-a', seq: 3, hash: 'a'.repeat(64) },
];
const findings = [{ kind: 'truncated' as const, caseId: 'case-c', signedSeq: 5, message: 'case-c ends at event 2' }];
const signed = signCheckpoint(signer.privateKey, {
  at: '2026-03-02T01:05:00.000Z',
  root: headsRoot(heads),
  cases: 2,
  findings,
});
const publicKey = file('audit.pub', pem(signer.publicKey));

describe('scripts/verify-checkpoint.ts', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes an untouched export, heads included, and repeats what the checkpoint found', () => {
    const result = run('--public-key', publicKey, '--checkpoint', file('ok.json', { id: 1, ...signed, heads }));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('the heads hash to the signed root');
    expect(result.stdout).toContain('note  the checkpoint found: case-c ends at event 2');
  });

  it('fails heads that do not hash to the signed root, given in a file of their own', () => {
    const changed = [{ ...heads[0]!, seq: 6 }, heads[1]!];
    const result = run(
      '--public-key',
      publicKey,
      '--checkpoint',
      file('c.json', signed),
      '--heads',
      file('h.json', changed),
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/FAIL {2}the heads hash to \w+, not the signed/);
  });

  it('fails an altered checkpoint and one signed by another key', () => {
    const altered = run('--public-key', publicKey, '--checkpoint', file('a.json', { ...signed, findings: [], heads }));
    expect(altered.status).toBe(1);
    expect(altered.stdout).toContain('FAIL  the signature does not hold');
    const other = file('other.pub', pem(generateKeyPairSync('ed25519').publicKey));
    const foreign = run('--public-key', other, '--checkpoint', file('f.json', { ...signed, heads }));
    expect(foreign.status).toBe(1);
    expect(foreign.stdout).toContain(`FAIL  signed by key ${signed.keyId}`);
  });
});
