// The activities the case workflows call, typed against their real implementations.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { DURABLE_RETRY } from '../retry';

export const { recordTransition, notify, openUrgentDispatch } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: DURABLE_RETRY,
});

// The journal's write runs as a local activity: in the worker, inside the workflow task that emitted
// the events, with no round trip through the server to schedule it and another to report it. A
// report is answered after one workflow task instead of three (bench/README.md, intake). It is safe
// to run again (idempotent per seq), which is what a local activity may do after a worker crash.
// This one serves runs started before the refusing journal (workflows/case/journal.ts).
export const { recordTransitions } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: DURABLE_RETRY,
});

/**
 * The same write for the refusing journal. While a local activity retries inside the SDK, the
 * workflow task is kept open by a heartbeat every few seconds, each adding three events to the
 * history: a database outage of an hour would grow every waiting case by thousands. Past the first
 * few seconds of retries each further attempt waits on a server timer instead (a handful of events
 * per attempt), backing off to every two minutes.
 */
export const { recordTransitions: recordTransitionsOrRefuse } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { ...DURABLE_RETRY, maximumInterval: '2 minutes' },
  localRetryThreshold: '10 seconds',
});
