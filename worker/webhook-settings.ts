import type { WebhookSettings } from '../activities/notifications';
import type { Config } from '../shared/config';
import { DEFAULT_DELIVERY_RETRY } from '../shared/contracts/notification';
import { parseWebhookAllowList } from '../shared/webhook-target';

/** The webhook delivery settings the worker's activities get, from the environment. */
export function webhookSettingsFrom(
  config: Pick<
    Config,
    'DUBAN_WEBHOOK_SECRET' | 'DUBAN_WEBHOOK_TIMEOUT_MS' | 'DUBAN_WEBHOOK_MAX_ATTEMPTS' | 'DUBAN_WEBHOOK_ALLOW'
  >,
): WebhookSettings {
  return {
    secret: config.DUBAN_WEBHOOK_SECRET ?? null,
    timeoutMs: config.DUBAN_WEBHOOK_TIMEOUT_MS,
    retry: { ...DEFAULT_DELIVERY_RETRY, maximumAttempts: config.DUBAN_WEBHOOK_MAX_ATTEMPTS },
    allow: parseWebhookAllowList(config.DUBAN_WEBHOOK_ALLOW),
  };
}
