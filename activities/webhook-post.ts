import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  allowsHost,
  bareHost,
  refusedAddress,
  refusedWebhookTarget,
  type WebhookAllowList,
} from '../shared/webhook-target';

// One webhook POST, through node:http rather than fetch so that the target check runs inside the
// connection's own name lookup: the address checked is the address connected to, and a name that
// resolved to a public address when the webhook was set cannot rebind to an internal one later.

/** The target is internal and not allowed: no connection was made. */
export class WebhookTargetRefusedError extends Error {
  constructor(reason: string) {
    super(`not sent: ${reason}`);
    this.name = 'WebhookTargetRefusedError';
  }
}

/** dns.lookup, refusing a name any of whose addresses is internal and not allowed. */
function guardedLookup(allow: WebhookAllowList): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = allowsHost(allow, hostname)
        ? null
        : addresses.map((a) => refusedAddress(a.address, allow, hostname)).find((reason) => reason !== null);
      if (refused) return callback(new WebhookTargetRefusedError(refused), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allow: WebhookAllowList;
}

/**
 * POSTs and answers the status code; the answer's body is read and discarded, never kept (an error
 * page is a view into whatever the target is). Redirects are answers, never followed.
 */
export async function postWebhook({ url, headers, body, timeoutMs, allow }: WebhookPost): Promise<number> {
  const target = new URL(url);
  const host = bareHost(target.hostname);
  // A literal address is connected to without a lookup: it is checked here. A name (localhost too) is
  // checked by guardedLookup on the addresses it resolves to now.
  if (isIP(host)) {
    const refused = await refusedWebhookTarget(url, allow);
    if (refused) throw new WebhookTargetRefusedError(refused);
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allow),
        // A connection of its own: a pooled one was checked under whatever allow-list opened it.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response: IncomingMessage) => {
        response.on('error', reject);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.resume();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
