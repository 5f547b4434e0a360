import { createCaseEventActivities, type CaseEventDeps } from './case-events';
import { createDispatchActivities, type DispatchDeps } from './dispatch';
import { createNotificationActivities, type NotificationDeps } from './notifications';
import { createWebhookDeliveryActivities } from './webhook-delivery';

export type ActivityDeps = CaseEventDeps & NotificationDeps & DispatchDeps;

/** Every activity the worker registers, built from injected dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseEventActivities(deps),
    ...createNotificationActivities(deps),
    ...createWebhookDeliveryActivities(deps),
    ...createDispatchActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
