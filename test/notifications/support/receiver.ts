// A webhook receiver as a unit would run one: a real HTTP server on 127.0.0.1 that checks each
// request's signature with the scheme of docs/notifications.md, written out here independently of
// shared/webhook-signature.ts so that a mistake in duban's signing cannot also hide in the check.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The signature checked with the receiver's secret, as the docs' snippet does. */
  verified: boolean;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** The receiver-side check of docs/notifications.md. */
export function verifyDuban(secret: string, headers: IncomingHttpHeaders, rawBody: string): boolean {
  const timestamp = headers['x-duban-timestamp'];
  const signature = headers['x-duban-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

/**
 * `answer(n)` gives the HTTP status and body for the n-th request (1-based): a receiver that fails
 * twice then succeeds is `(n) => (n <= 2 ? [500, 'busy'] : [200, 'ok'])`.
 */
export async function startReceiver(
  secret: string,
  answer: (n: number) => [number, string] = () => [200, 'ok'],
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ headers: request.headers, body, verified: verifyDuban(secret, request.headers, body) });
      const [status, text] = answer(requests.length);
      response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/duban`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
