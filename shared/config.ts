import { z } from 'zod';
import { CAMPAIGN_TIME_ZONE } from './domain/campaign-clock';
import { isDuration, parseDuration } from './durations';
import { parseWebhookAllowList } from './webhook-target';

/** How long an Idempotency-Key is remembered (DUBAN_IDEMPOTENCY_TTL): longer than any client retries. */
export const DEFAULT_IDEMPOTENCY_TTL = 'P30D';
export const DEFAULT_IDEMPOTENCY_TTL_MS = parseDuration(DEFAULT_IDEMPOTENCY_TTL);
// Below an hour, a client retrying a report through a night's outage could have it applied twice.
const MIN_IDEMPOTENCY_TTL_MS = 3_600_000;

// A five-field cron expression (minute hour day-of-month month day-of-week) or a macro like @daily,
// checked here so that a typo stops the worker at start rather than at Temporal's first refusal.
const cron = z
  .string()
  .trim()
  .regex(
    /^(@(yearly|annually|monthly|weekly|daily|hourly)|([\w*?/,-]+\s+){4}[\w*?/,-]+)$/,
    'must be a cron expression of five fields, e.g. "0 9 * * MON"',
  );

// Every setting duban reads from the environment, in one place, checked at start.
const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .describe('PostgreSQL; when unset, `npm start` serves an embedded PGlite database'),
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .describe('the owner role that migrations run as; DATABASE_URL is then the app role (docs/deployment.md)'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'must be host:port, e.g. localhost:7233')
    .default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('duban'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(600)
    .describe('requests per token (or per IP without one)'),
  DUBAN_ADMIN_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    .refine((value) => !value.startsWith('dbs_'), 'must not start with dbs_, which marks session bearers')
    .optional(),
  // Accounts and sessions (docs/accounts.md): the bootstrap token expires; the first admin account is made once.
  DUBAN_ADMIN_TOKEN_TTL: z.string().refine(isDuration, 'must be an ISO-8601 duration, e.g. P1D').default('P1D'),
  DUBAN_ADMIN_LOGIN: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/, 'must be 2 to 64 letters, digits, ".", "_", "@" or "-"')
    .optional(),
  DUBAN_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  DUBAN_SESSION_TTL: z.string().refine(isDuration, 'must be an ISO-8601 duration, e.g. PT12H').default('PT12H'),
  // Webhook delivery of the notification outbox (docs/notifications.md).
  DUBAN_WEBHOOK_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .describe('HMAC-SHA256 key of X-Duban-Signature; unset: every delivery is recorded as failed, saying why'),
  DUBAN_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  DUBAN_WEBHOOK_ALLOW: z
    .string()
    .superRefine((text, context) => {
      try {
        parseWebhookAllowList(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional()
    .describe('hosts and CIDRs (comma-separated) a webhook may target though loopback, link-local or private'),
  DUBAN_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  // The worker's sticky cache: ≈ 300 KiB per cached case (bench/README.md, footprint); unset, the SDK
  // sizes it from the machine's memory. A case outside the cache costs nothing until its next task.
  DUBAN_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(1_000_000).optional(),
  // Temporal Schedules, created or updated at worker start (worker/schedules.ts). Their zone must be the
  // campaign clock's: the runs compute "yesterday" and "last week" on that clock, so a schedule firing
  // at 08:00 in another zone would run at another hour of the campaign's day, or report the wrong day.
  DUBAN_SCHEDULE_TIMEZONE: z
    .string()
    .refine(
      (zone) => zone === CAMPAIGN_TIME_ZONE,
      `must be ${CAMPAIGN_TIME_ZONE}, the campaign clock's zone (shared/domain/campaign-clock.ts): days, weeks, ` +
        'months, exports and ledger filters are computed on it, and the schedules must fire on the same clock',
    )
    .default(CAMPAIGN_TIME_ZONE),
  DUBAN_SCHEDULE_DISPATCH: cron.default('0 9 * * MON'),
  DUBAN_SCHEDULE_SPOT_CHECK: cron.default('0 8 * * *'),
  DUBAN_SCHEDULE_WEEKLY_BULLETIN: cron.default('30 8 * * MON'),
  DUBAN_SCHEDULE_MONTHLY_SUMMARY: cron.default('0 9 1 * *'),
  // Ledger exports hold a pooled connection while they stream (api/exports/export-slots.ts).
  DUBAN_EXPORTS_PER_CALLER: z.coerce.number().int().min(1).max(20).default(2),
  DUBAN_EXPORTS_TOTAL: z.coerce.number().int().min(1).max(100).default(4),
  DUBAN_EXPORT_DEADLINE: z.string().refine(isDuration, 'must be an ISO-8601 duration, e.g. PT10M').default('PT10M'),
  // The shortest duration a policy may set; unset: none (drills and `npm start` use second-long ones).
  DUBAN_POLICY_MIN_DURATION: z.string().refine(isDuration, 'must be an ISO-8601 duration, e.g. PT1H').optional(),
  // The audit checkpoint (docs/audit.md): scheduled only where the worker holds the signing key.
  DUBAN_SCHEDULE_AUDIT_CHECKPOINT: cron.default('5 * * * *'),
  DUBAN_AUDIT_SIGNING_KEY: z.string().optional().describe('Ed25519 private key, PEM (the worker signs with it)'),
  DUBAN_AUDIT_SIGNING_KEY_FILE: z.string().optional().describe('a file holding DUBAN_AUDIT_SIGNING_KEY'),
  DUBAN_AUDIT_PUBLIC_KEY: z.string().optional().describe('its public half, PEM (the API checks with it)'),
  DUBAN_AUDIT_PUBLIC_KEY_FILE: z.string().optional().describe('a file holding DUBAN_AUDIT_PUBLIC_KEY'),
  // Intake and case-action Idempotency-Keys expire after this and are purged daily (worker/schedules.ts).
  DUBAN_IDEMPOTENCY_TTL: z
    .string()
    .refine(isDuration, 'must be an ISO-8601 duration in weeks, days, hours, minutes or seconds, e.g. P30D')
    .refine((value) => !isDuration(value) || parseDuration(value) >= MIN_IDEMPOTENCY_TTL_MS, 'must be at least PT1H')
    .default(DEFAULT_IDEMPOTENCY_TTL),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; empty strings count as unset, so `FOO=` in a .env file means "default". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}
