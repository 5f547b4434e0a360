import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Sql } from '../../shared/db/sql';
import { CASE_KINDS } from '../../shared/domain/enums';
import { RoutingRuleSchema } from '../../shared/domain/reference';
import type { RoutingRule } from '../../shared/routing';
import { requireRole } from '../plugins/auth';
import { HttpProblem, problemBody, problemOf } from '../plugins/problems';
import { prepareWhatIf, runWhatIf, type WhatIfRequest } from '../services/routing-what-if';
import { LedgerFilterQuery } from './ledger-query';

// POST /v1/routing/what-if (docs/routing-what-if.md): what a draft rule set would change over past
// cases, before anyone publishes it. JSON by default; `Accept: application/x-ndjson` streams a
// progress line per slice of the ledger read, then the answer (or the problem) as the last line.

const tags = ['routing'];

/** The ledger's filters that say which past cases to compare: period, category, locality, kind, status. */
const WhatIfFilterSchema = LedgerFilterQuery.pick({
  status: true,
  category: true,
  locality: true,
  kind: true,
  reportedFrom: true,
  reportedTo: true,
}).strict();

const WhatIfInputSchema = z
  .object({ rules: z.array(RoutingRuleSchema).max(20_000), filter: WhatIfFilterSchema.optional() })
  .strict();

const SideSchema = z.object({
  lead: z.string().nullable(),
  coHandlers: z.array(z.string()),
  ruleId: z.string().nullable(),
  explanation: z.array(z.string()),
});

export const WhatIfAnswerSchema = z.object({
  id: z.uuid(),
  baseVersion: z.number().int(),
  createdAt: z.string(),
  cases: z.number().int(),
  changedLead: z.number().int(),
  changedCoHandlers: z.number().int(),
  toTriage: z.number().int(),
  triageBefore: z.number().int(),
  triageAfter: z.number().int(),
  perUnit: z.array(
    z.object({
      unitId: z.string(),
      before: z.number().int(),
      after: z.number().int(),
      coHandlingBefore: z.number().int(),
      coHandlingAfter: z.number().int(),
    }),
  ),
  examples: z.array(
    z.object({
      caseId: z.string().nullable(),
      category: z.string(),
      locality: z.string(),
      kind: z.enum(CASE_KINDS),
      cases: z.number().int(),
      before: SideSchema,
      after: SideSchema,
    }),
  ),
});

const NDJSON = 'application/x-ndjson';

/**
 * What-ifs running at once in this API process. Each holds a pooled connection for its whole read
 * (seconds over a city's ledger); a few clerks clicking 预览 together must not take the pool that
 * reports and case actions need.
 */
const MAX_RUNNING = 2;

const whatIfRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  let running = 0;
  app.post(
    '/v1/routing/what-if',
    {
      schema: {
        tags,
        summary: 'What a draft rule set would change over past cases; publishes nothing',
        body: WhatIfInputSchema,
        response: { 200: WhatIfAnswerSchema },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'office', 'admin');
      // Optional matchers left out must stay absent, as a publish stores them.
      const rules = request.body.rules as RoutingRule[];
      const prepared = await prepareWhatIf(sql, rules);
      const whatIf: WhatIfRequest = { rules, filter: request.body.filter ?? {}, viewer: principal, by: principal.name };
      if (running >= MAX_RUNNING) {
        void reply.header('retry-after', '10');
        throw new HttpProblem(
          429,
          'Too Many Requests',
          `${MAX_RUNNING} what-if previews are running; try again shortly`,
        );
      }
      running++;
      const run = (onProgress?: Parameters<typeof runWhatIf>[3]) =>
        runWhatIf(sql, whatIf, prepared, onProgress).finally(() => running--);
      if (!request.headers.accept?.includes(NDJSON)) return run();

      const stream = new PassThrough();
      // A client that went away leaves a destroyed stream; the preview is still finished and kept.
      const write = (line: object) => void (stream.destroyed || stream.write(`${JSON.stringify(line)}\n`));
      void run((progress) => write({ type: 'progress', ...progress }))
        .then((answer) => write({ type: 'result', ...answer }))
        .catch((error: unknown) => {
          request.log.error({ err: error }, 'what-if failed while streaming its answer');
          write({ type: 'error', ...problemBody(problemOf(error as Error)) });
        })
        .finally(() => stream.end());
      // The 200 schema describes the JSON answer; a stream goes out as it is, never serialized by it.
      return reply.type(NDJSON).send(stream as never);
    },
  );
};

export default whatIfRoutes;
