import type { Client } from '@temporalio/client';
import type { google, temporal as proto } from '@temporalio/proto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Sql } from '../../shared/db/sql';

export interface HealthDeps {
  sql: Sql;
  temporal: Client;
  /** The task queue the API starts workflows on: ready means a worker takes work from it. */
  taskQueue: string;
}

// A worker long-polls for about a minute before it asks again, and the server stamps each poll as it
// starts: a worker seen within two minutes is polling; one that stopped is dropped after that.
const POLLER_SEEN_WITHIN_MS = 120_000;
// Load balancers and `npm start` ask often; the answer may be a second old, the dependencies are not asked more.
const CACHE_MS = 1000;
const WORKFLOW_TASKS = 1 as proto.api.enums.v1.TaskQueueType; // TASK_QUEUE_TYPE_WORKFLOW
const NORMAL_QUEUE = 1 as proto.api.enums.v1.TaskQueueKind; // TASK_QUEUE_KIND_NORMAL

const within = <T>(ms: number, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref()),
  ]);

const Check = z.object({ ok: z.boolean(), error: z.string().optional() });
type Check = z.infer<typeof Check>;
const Readiness = z.object({
  ok: z.boolean(),
  /** Why not, when not ready: the failed checks' errors. */
  reason: z.string().optional(),
  postgres: Check,
  temporal: Check,
  worker: Check,
});
type Readiness = z.infer<typeof Readiness>;

/** When a poller was last seen; seconds are a Long, whose toString every number type shares. */
const millisOf = (time: google.protobuf.ITimestamp | null | undefined) =>
  time ? Number(String(time.seconds ?? 0)) * 1000 + Math.floor((time.nanos ?? 0) / 1e6) : 0;

const failed = (error: unknown): Check => ({
  ok: false,
  error: error instanceof Error ? error.message : String(error),
});

/** Temporal answers, and some worker polled `taskQueue` for workflow tasks lately. */
async function temporalChecks({ temporal, taskQueue }: HealthDeps): Promise<Pick<Readiness, 'temporal' | 'worker'>> {
  let pollers: proto.api.taskqueue.v1.IPollerInfo[];
  try {
    const answer = await within(
      2000,
      temporal.workflowService.describeTaskQueue({
        namespace: temporal.options.namespace,
        taskQueue: { name: taskQueue, kind: NORMAL_QUEUE },
        taskQueueType: WORKFLOW_TASKS,
      }),
    );
    pollers = answer.pollers ?? [];
  } catch (error) {
    return { temporal: failed(error), worker: { ok: false, error: 'Temporal is not reachable' } };
  }
  const since = Date.now() - POLLER_SEEN_WITHIN_MS;
  const polling = pollers.some((poller) => millisOf(poller.lastAccessTime) >= since);
  const worker = polling
    ? { ok: true }
    : {
        ok: false,
        error: `no worker has polled task queue ${taskQueue} in the last ${POLLER_SEEN_WITHIN_MS / 1000} s`,
      };
  return { temporal: { ok: true }, worker };
}

async function readiness(deps: HealthDeps): Promise<Readiness> {
  const [postgres, { temporal, worker }] = await Promise.all([
    within(2000, deps.sql`SELECT 1`).then((): Check => ({ ok: true }), failed),
    temporalChecks(deps),
  ]);
  const checks = { postgres, temporal, worker };
  const problems = Object.entries(checks).filter(([, check]) => !check.ok);
  if (problems.length === 0) return { ok: true, ...checks };
  return { ok: false, reason: problems.map(([name, check]) => `${name}: ${check.error}`).join('; '), ...checks };
}

/** Liveness and readiness, without a token (docs/api.md, docs/operations.md). */
const healthRoutes: FastifyPluginAsyncZod<HealthDeps> = async (app, deps) => {
  let last: { at: number; answer: Promise<Readiness> } | null = null;
  const cachedReadiness = () => {
    if (!last || Date.now() - last.at >= CACHE_MS) last = { at: Date.now(), answer: readiness(deps) };
    return last.answer;
  };

  app.get(
    '/healthz',
    { schema: { tags: ['operations'], security: [], response: { 200: z.object({ ok: z.literal(true) }) } } },
    () => ({ ok: true as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        security: [],
        description: 'Ready: PostgreSQL and Temporal answer, and a worker polls the task queue. Cached for 1 s.',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const answer = await cachedReadiness();
      if (!answer.ok) void reply.header('retry-after', '5');
      return reply.code(answer.ok ? 200 : 503).send(answer);
    },
  );
};

export default healthRoutes;
