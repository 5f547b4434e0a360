import type { FastifyInstance } from 'fastify';
import { openAccount } from '../../shared/accounts/manage-accounts';
import type { Sql } from '../../shared/db/sql';
import type { Role } from '../../shared/domain/enums';

/** A password the rule accepts, for test people. */
export const GOOD_PASSWORD = 'horse battery 7';

/** A person with an account, made as an admin would (the password rule applies). */
export async function personWith(
  sql: Sql,
  login: string,
  role: Role,
  unitId: string | null = null,
  name = `${login} 同志`,
): Promise<{ id: string; login: string; name: string }> {
  const account = await openAccount(sql, {
    login,
    name,
    role,
    password: GOOD_PASSWORD,
    ...(unitId ? { unitId } : {}),
  });
  return { id: account.id, login, name };
}

/** POST /v1/sessions from one client address (each test file's failures stay its own). */
export const logInOver = (app: FastifyInstance, login: string, password = GOOD_PASSWORD, remoteAddress = '10.9.0.1') =>
  app.inject({ method: 'POST', url: '/v1/sessions', payload: { login, password }, remoteAddress });

/** The session bearer of a successful login; throws on any other answer. */
export async function sessionOf(app: FastifyInstance, login: string, password = GOOD_PASSWORD): Promise<string> {
  const response = await logInOver(app, login, password);
  if (response.statusCode !== 201) throw new Error(`login ${login}: ${response.statusCode} ${response.body}`);
  return response.json<{ token: string }>().token;
}
