import { createHmac, timingSafeEqual } from 'node:crypto';

// The webhook signature scheme of docs/notifications.md. Signing "<timestamp>.<body>" binds the time
// to the body, so a captured request cannot be replayed later with a fresh timestamp.

export const WEBHOOK_HEADERS = {
  timestamp: 'x-duban-timestamp',
  signature: 'x-duban-signature',
  delivery: 'x-duban-delivery',
} as const;

/** The `X-Duban-Signature` value: `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * A receiver's check, for receivers written in TypeScript: the signature matches and the timestamp
 * is within `toleranceSeconds` of `now` (seconds), so an old request replayed is refused.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  { now = Math.floor(Date.now() / 1000), toleranceSeconds = 300 } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
