import { z } from 'zod';
import { ROLES, type Role } from './enums';
import { PASSWORD_MAX_LENGTH } from './password-policy';
import { CodeSchema } from './reference';
import { text } from './text';

// Accounts and sessions on the wire (docs/accounts.md, docs/api.md v1.1).

export const LoginSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/, 'must be 2 to 64 letters, digits, ".", "_", "@" or "-"');
// The strength rule needs the login as well, so it is checked by the service (passwordWeakness), not here.
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const AccountInputSchema = z
  .object({ login: LoginSchema, name: text(100), role: z.enum(ROLES), unitId: CodeSchema.optional(), password })
  .strict();

export const AccountPatchSchema = z
  .object({
    name: text(100).optional(),
    role: z.enum(ROLES).optional(),
    unitId: CodeSchema.nullable().optional().describe('null: the account belongs to no unit'),
    active: z.boolean().optional().describe('false ends every session of the account at once'),
    password: password.optional().describe('a reset: ends every session and lifts a lockout'),
  })
  .strict();

export const AccountViewSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SessionInputSchema = z.object({ login: z.string().min(1).max(64), password }).strict();

export const SessionSchema = z.object({
  token: z.string().describe('the bearer for every later call; shown once, only its SHA-256 digest is stored'),
  expiresAt: z.string(),
  account: AccountViewSchema,
});

export type AccountInput = z.infer<typeof AccountInputSchema>;
export type AccountPatch = z.infer<typeof AccountPatchSchema>;

/** Null when `role` may hold `unitId`, else why not: a unit account acts for its unit; only visitors may also have one. */
export function unitProblem(role: Role, unitId: string | null): string | null {
  if (role === 'unit' && unitId === null) return 'a unit account needs its unitId';
  if (role !== 'unit' && role !== 'visitor' && unitId !== null) return `a ${role} account belongs to no unit`;
  return null;
}
