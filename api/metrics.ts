import type { WorkflowClientInterceptor } from '@temporalio/client';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The API's Prometheus metrics: process, HTTP requests by route, and calls to Temporal by operation. */
export interface ApiMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Give to the Temporal `Client` as `interceptors: { workflow: [temporalInterceptor] }`. */
  temporalInterceptor: WorkflowClientInterceptor;
}

/** Seconds, from 5 ms to 10 s: the API's answers and the Temporal calls behind them alike. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'duban_api_' });
  const httpDuration = new Histogram({
    name: 'duban_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const temporalDuration = new Histogram({
    name: 'duban_temporal_client_call_duration_seconds',
    help: 'Temporal client calls by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const temporalFailures = new Counter({
    name: 'duban_temporal_client_failures_total',
    help: 'Temporal client calls that failed, by operation and error name',
    labelNames: ['operation', 'error'] as const,
    registers: [registry],
  });

  const timed = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
    const stop = temporalDuration.startTimer({ operation });
    try {
      const result = await call();
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: 'error' });
      temporalFailures.inc({ operation, error: error instanceof Error ? error.name : 'unknown' });
      throw error;
    }
  };

  const temporalInterceptor: WorkflowClientInterceptor = {
    start: (input, next) => timed('start', () => next(input)),
    startWithDetails: (input, next) => timed('start', () => next(input)),
    startUpdate: (input, next) => timed('update', () => next(input)),
    startUpdateWithStart: (input, next) => timed('update_with_start', () => next(input)),
    query: (input, next) => timed('query', () => next(input)),
    signal: (input, next) => timed('signal', () => next(input)),
    describe: (input, next) => timed('describe', () => next(input)),
  };
  return { registry, httpDuration, temporalInterceptor };
}
