// The one door to the API: the session's bearer on every call, JSON in and out, every refusal an
// ApiError carrying a Chinese message (problems.ts). A 401 ends the session and sends the user to the
// login page; 429 and 503 (and a lost network) are marked retryable with the API's Retry-After.

import { chineseMessage, fieldErrorsOf, type Problem } from './problems';
import { currentToken } from '../session/session';
import { newIdempotencyKey } from './submission';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem: Problem,
    readonly fieldErrors: Record<string, string>,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The same request may succeed later unchanged: the service was busy, down or unreachable. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 503;
  }
}

let onUnauthorized: () => void = () => {};

/** Set once by main.ts: what a 401 does (the router is not this module's to import). */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** What a 401 does, for a desk's own fetch (a stream) that cannot go through request(). */
export const sessionRefused = (): void => onUnauthorized();

export interface RequestOptions {
  body?: unknown;
  /** Sent as Idempotency-Key: the API applies a POST with the same key and body once. */
  idempotencyKey?: string;
  /** The bearer: the session's when absent, none when null, another to try (the token login's). */
  token?: string | null;
  /** From the login page or logout: a 401 there is a wrong password, not a session to end. */
  quietOn401?: boolean;
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status };
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token === undefined ? currentToken() : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  // Every POST carries a key: a submission that must apply once across retries passes its own.
  if (method === 'POST') headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    const problem: Problem = { status: 0 };
    throw new ApiError(0, chineseMessage(problem, null), problem, {}, null);
  }
  if (response.ok) return (response.status === 204 ? null : await response.json()) as T;
  const problem = await problemOf(response);
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  if (response.status === 401 && !options.quietOn401) onUnauthorized();
  throw new ApiError(
    response.status,
    chineseMessage(problem, retryAfterSeconds),
    problem,
    fieldErrorsOf(problem),
    retryAfterSeconds,
  );
}

export const get = <T>(path: string) => request<T>('GET', path);

/** Every POST carries an Idempotency-Key; pass the submission's own to make a retry apply once. */
export const post = <T>(path: string, body: unknown, idempotencyKey: string = newIdempotencyKey()) =>
  request<T>('POST', path, { body, idempotencyKey });
