import type { Config } from '../shared/config';
import { parseDuration } from '../shared/durations';
import { parseWebhookAllowList } from '../shared/webhook-target';
import type { AppDeps } from './app';

/** The limits of docs/limits.md, from the environment, as buildApp takes them. */
export function limitsFrom(
  config: Pick<
    Config,
    | 'DUBAN_EXPORTS_PER_CALLER'
    | 'DUBAN_EXPORTS_TOTAL'
    | 'DUBAN_EXPORT_DEADLINE'
    | 'DUBAN_WEBHOOK_ALLOW'
    | 'DUBAN_POLICY_MIN_DURATION'
  >,
): Pick<AppDeps, 'exportLimits' | 'webhookAllow' | 'policyMinDuration'> {
  return {
    exportLimits: {
      perCaller: config.DUBAN_EXPORTS_PER_CALLER,
      total: config.DUBAN_EXPORTS_TOTAL,
      deadlineMs: parseDuration(config.DUBAN_EXPORT_DEADLINE),
    },
    webhookAllow: parseWebhookAllowList(config.DUBAN_WEBHOOK_ALLOW),
    ...(config.DUBAN_POLICY_MIN_DURATION ? { policyMinDuration: config.DUBAN_POLICY_MIN_DURATION } : {}),
  };
}
