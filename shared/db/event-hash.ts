import { createHash } from 'node:crypto';

export interface HashableEvent {
  caseId: string;
  seq: number;
  type: string;
  at: string;
  actor: unknown;
  data: unknown;
}

/** JSON with object keys sorted, so a row read back from jsonb hashes the same as when written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The chain link: sha256 over the previous hash and the event's canonical content. */
export function eventHash(event: HashableEvent, prevHash: string | null): string {
  const content = canonicalJson({
    caseId: event.caseId,
    seq: event.seq,
    type: event.type,
    at: new Date(event.at).toISOString(),
    actor: event.actor,
    data: event.data,
  });
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(content)
    .digest('hex');
}
