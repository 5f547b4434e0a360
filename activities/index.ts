import { createAuditActivities, type AuditDeps } from './audit';
import { createCaseEventActivities, type CaseEventDeps } from './case-events';
import { createDispatchActivities, type DispatchDeps } from './dispatch';
import { createMaintenanceActivities } from './maintenance';
import { createNotificationActivities, type NotificationDeps } from './notifications';
import { createSupervisionActivities, type SupervisionDeps } from './supervision';
import { createWebhookDeliveryActivities } from './webhook-delivery';

export type ActivityDeps = CaseEventDeps & NotificationDeps & DispatchDeps & SupervisionDeps & AuditDeps;

/** Every activity the worker registers, built from injected dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseEventActivities(deps),
    ...createNotificationActivities(deps),
    ...createWebhookDeliveryActivities(deps),
    ...createDispatchActivities(deps),
    ...createSupervisionActivities(deps),
    ...createMaintenanceActivities(deps),
    ...createAuditActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
