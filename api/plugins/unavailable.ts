import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

// Errors that mean "a dependency is down or slow", not "this request is wrong" and not a bug: the
// API answers 503 with Retry-After for them, so clients and load balancers back off and retry.

const POSTGRES_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

// gRPC status codes from the Temporal frontend: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED.
const TEMPORAL_DOWN = new Set([14, 4, 8]);

export type Dependency = 'postgres' | 'temporal';

/** Which dependency the error blames, walking the `cause` chain; null for anything else. */
export function unavailableDependency(error: unknown): Dependency | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 6; depth++) {
    if (current instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'temporal';
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'number' && TEMPORAL_DOWN.has(code)) return 'temporal';
    if (typeof code === 'string' && POSTGRES_DOWN.has(code)) return 'postgres';
    if (current.name === 'ServiceError' && /UNAVAILABLE|DEADLINE_EXCEEDED|ECONNREFUSED/.test(current.message))
      return 'temporal';
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
