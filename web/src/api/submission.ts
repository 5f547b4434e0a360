// One submission of a form keeps one Idempotency-Key across retries, so a request that reached the API
// but whose answer was lost is applied once however often the clerk presses "重试". A changed body is
// a new submission with a new key: the API answers 409 to a known key with another body.

/**
 * A random UUID (v4). crypto.randomUUID exists only in secure contexts, and a console served over plain
 * HTTP on an office network is not one; getRandomValues is everywhere.
 */
export function newIdempotencyKey(): string {
  // `globalThis`: the same code runs in the page and in the unit tests under Node.
  const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext === true;
  if (secure && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface Submission {
  /** The key for sending `body` now: the previous one if the body is unchanged. */
  keyFor(body: unknown): string;
  /** After a success: the next submission is a new one. */
  done(): void;
}

export function newSubmission(): Submission {
  let last: { key: string; body: string } | null = null;
  return {
    keyFor(body) {
      const serialized = JSON.stringify(body);
      if (!last || last.body !== serialized) last = { key: newIdempotencyKey(), body: serialized };
      return last.key;
    },
    done() {
      last = null;
    },
  };
}
