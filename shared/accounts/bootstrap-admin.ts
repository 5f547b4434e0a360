import type { Config } from '../config';
import { hasAdminAccount } from '../db/accounts';
import { DuplicateKeyError } from '../db/reference-errors';
import type { Db } from '../db/sql';
import { ensureAdminToken, retireBootstrapTokens } from '../db/tokens';
import { parseDuration } from '../durations';
import { openAccount } from './manage-accounts';

export interface BootstrapSettings {
  /** DUBAN_ADMIN_TOKEN: an admin token for the first configuration, which expires. */
  adminToken?: string | undefined;
  adminTokenTtlMs: number;
  /** DUBAN_ADMIN_LOGIN and DUBAN_ADMIN_PASSWORD: the first admin account, made when no active admin account exists. */
  adminLogin?: string | undefined;
  adminPassword?: string | undefined;
}

export const bootstrapSettingsFrom = (config: Config): BootstrapSettings => ({
  adminToken: config.DUBAN_ADMIN_TOKEN,
  adminTokenTtlMs: parseDuration(config.DUBAN_ADMIN_TOKEN_TTL),
  adminLogin: config.DUBAN_ADMIN_LOGIN,
  adminPassword: config.DUBAN_ADMIN_PASSWORD,
});

/**
 * The first admin, at API start (docs/accounts.md "Bootstrap"). Nothing from an earlier start stays
 * alive unasked: the bootstrap token expires, a changed or removed DUBAN_ADMIN_TOKEN retires the old
 * one, and the admin account is made once (later starts leave accounts to admins). Answers what the
 * operator should read in the log.
 */
export async function bootstrapAdmin(db: Db, settings: BootstrapSettings): Promise<string[]> {
  const notes: string[] = [];
  if (settings.adminToken) {
    const token = await ensureAdminToken(db, settings.adminToken, settings.adminTokenTtlMs);
    notes.push(
      token.usable
        ? `DUBAN_ADMIN_TOKEN is an admin token until ${token.expiresAt?.toISOString() ?? 'revoked'}; create accounts with it, then unset it`
        : 'DUBAN_ADMIN_TOKEN has expired or was revoked and is refused; unset it and log in with an account',
    );
  } else {
    const retired = await retireBootstrapTokens(db);
    if (retired > 0) notes.push(`DUBAN_ADMIN_TOKEN is unset: the earlier bootstrap admin token was revoked`);
  }
  if (settings.adminLogin && settings.adminPassword) {
    const login = settings.adminLogin;
    if (await hasAdminAccount(db)) {
      notes.push('an admin account exists: DUBAN_ADMIN_LOGIN and DUBAN_ADMIN_PASSWORD are ignored; unset them');
    } else {
      try {
        await openAccount(db, { login, name: login, role: 'admin', password: settings.adminPassword });
        notes.push(`created the first admin account, ${login}; unset DUBAN_ADMIN_PASSWORD now`);
      } catch (error) {
        // A start must not fail on it: the login belongs to a person already, who is no admin.
        if (!(error instanceof DuplicateKeyError)) throw error;
        notes.push(`the login ${login} is taken by another account: no admin account was made (npm run accounts)`);
      }
    }
  }
  return notes;
}
