// The activities the case workflows call, typed against their real implementations.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

// The database may be down for a while: keep retrying, nothing accepted may be lost. Every one of
// these is idempotent (per event seq, notification id, batch id), so a retry never doubles anything.
export const { recordTransition, notify, openUrgentDispatch } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
