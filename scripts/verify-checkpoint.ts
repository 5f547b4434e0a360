// Checks an audit checkpoint offline with the public key alone (docs/audit.md):
//   npx tsx scripts/verify-checkpoint.ts --public-key audit.pub --checkpoint checkpoint-42.json [--heads heads.json]
// The checkpoint is GET /v1/audit/checkpoints/{id} as saved (heads included), or a listed checkpoint
// with its heads in a file of their own. Exits 0 when every check holds, 1 when one does not.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkCheckpointExport } from '../shared/audit/offline-check';

function main(): number {
  const { values } = parseArgs({
    options: { 'public-key': { type: 'string' }, checkpoint: { type: 'string' }, heads: { type: 'string' } },
  });
  if (!values['public-key'] || !values.checkpoint) {
    console.error('usage: verify-checkpoint --public-key <pem> --checkpoint <json> [--heads <json>]');
    return 2;
  }
  const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
  const result = checkCheckpointExport(
    readFileSync(values['public-key'], 'utf8'),
    json(values.checkpoint),
    values.heads ? json(values.heads) : undefined,
  );
  console.log(result.lines.join('\n'));
  return result.ok ? 0 : 1;
}

process.exitCode = main();
