import type { FastifyRequest } from 'fastify';
import type { Sql } from '../../../shared/db/sql';
import { SESSION_PREFIX } from '../../../shared/db/sessions';
import { findPrincipal, type Principal } from '../../../shared/db/tokens';
import { Open311Error } from './errors';

/**
 * The caller of an Open311 route that needs one: `api_key` is a duban service token (docs/accounts.md),
 * looked up in the same table as a bearer, revocation and expiry included; a person's session is not
 * an api_key. A missing or wrong key is 403 (the specification's code for it) and counts against the
 * client address like a failed bearer, so keys cannot be guessed faster here than under /v1.
 */
export async function principalOfKey(sql: Sql, request: FastifyRequest, key: string | undefined): Promise<Principal> {
  const failures = request.server.authFailures;
  const retryAfter = failures.retryAfterSeconds(request.ip);
  if (retryAfter > 0) {
    throw new Open311Error(429, `too many failed api_keys from this address; retry in ${retryAfter} s`);
  }
  const principal =
    key === undefined || key === '' || key.startsWith(SESSION_PREFIX) || key.length > 200
      ? null
      : await findPrincipal(sql, key);
  if (principal === null) {
    failures.record(request.ip);
    throw new Open311Error(403, key ? 'invalid api_key' : 'api_key is required');
  }
  return principal;
}

/** A form or query parameter sent once, as a string; repeated, it is a 400. */
export function parameter(values: unknown, name: string): string | undefined {
  const value = (values as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Open311Error(400, `${name} was sent more than once`);
  return value;
}
