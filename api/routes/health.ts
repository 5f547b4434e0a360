import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Sql } from '../../shared/db/sql';

export interface HealthDeps {
  sql: Sql;
  temporal: Client;
}

const within = <T>(ms: number, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref()),
  ]);

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await within(2000, check());
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const Check = z.object({ ok: z.boolean(), error: z.string().optional() });

/** Liveness and readiness, without a token (API-CONTRACT.md). */
const healthRoutes: FastifyPluginAsyncZod<HealthDeps> = async (app, { sql, temporal }) => {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], security: [], response: { 200: z.object({ ok: z.literal(true) }) } } },
    () => ({
      ok: true as const,
    }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        security: [],
        response: {
          200: z.object({ ok: z.boolean(), postgres: Check, temporal: Check }),
          503: z.object({ ok: z.boolean(), postgres: Check, temporal: Check }),
        },
      },
    },
    async (_request, reply) => {
      const [postgres, temporalCheck] = await Promise.all([
        probe(() => sql`SELECT 1`),
        probe(() => temporal.workflowService.getSystemInfo({})),
      ]);
      const ok = postgres.ok && temporalCheck.ok;
      if (!ok) void reply.header('retry-after', '5');
      return reply.code(ok ? 200 : 503).send({ ok, postgres, temporal: temporalCheck });
    },
  );
};

export default healthRoutes;
