import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Sql } from '../../shared/db/sql';
import type { SpotCheck } from '../../shared/db/spot-checks';
import { actorOf } from '../../shared/domain/actor';
import {
  SpotCheckDaySchema,
  SpotCheckQuerySchema,
  SpotCheckResultInputSchema,
  SpotCheckSchema,
} from '../../shared/domain/supervision';
import { dayPeriod, lastCompletePeriod } from '../../shared/supervision/periods';
import { requireRole } from '../plugins/auth';
import { HttpProblem } from '../plugins/problems';
import { daySample, recordResult } from '../services/spot-check-service';
import { present } from './present';

const tags = ['supervision'];

function presentCheck(check: SpotCheck) {
  return {
    ...present(check),
    visit: check.visit ? present(check.visit) : null,
    case: check.case ? present(check.case) : null,
  } as z.infer<typeof SpotCheckSchema>;
}

/** 日抽查: the office reads the day's sample and records each re-check. */
const spotCheckRoutes: FastifyPluginAsyncZod<{ sql: Sql; temporal: Client; taskQueue: string }> = async (
  app,
  { sql, temporal, taskQueue },
) => {
  app.get(
    '/v1/spot-checks',
    {
      schema: {
        tags,
        summary: "The day's spot-check sample, drawn on first request if the schedule has not drawn it yet",
        querystring: SpotCheckQuerySchema,
        response: { 200: SpotCheckDaySchema },
      },
    },
    async (request) => {
      requireRole(request, 'office');
      const now = Date.now();
      const date = request.query.date ?? lastCompletePeriod('day', now).label;
      const day = dayPeriod(date);
      if (!day) {
        throw new HttpProblem(400, 'Bad Request', 'not a calendar day', {
          errors: [{ path: 'querystring.date', message: 'must be a calendar day' }],
        });
      }
      // A day that has not begun has no visits yet; a draw now would freeze an empty sample for good.
      if (Date.parse(day.startsAt) > now) {
        throw new HttpProblem(422, 'Unprocessable Content', `${date} has not begun in Beijing`, {
          errors: [{ path: 'querystring.date', message: 'must not be in the future' }],
        });
      }
      const { day: drawn, items } = await daySample(sql, temporal, taskQueue, date);
      return {
        date: drawn.date,
        drawnAt: drawn.drawnAt.toISOString(),
        population: { visits: drawn.visitPopulation, cases: drawn.casePopulation },
        items: items.map(presentCheck),
        nextCursor: null,
      };
    },
  );

  app.post(
    '/v1/spot-checks/:id/result',
    {
      schema: {
        tags,
        summary: 'Record a re-check; a failed check of a closed case reopens it (spot_check_failed)',
        params: z.object({ id: z.string().min(1).max(80) }),
        body: SpotCheckResultInputSchema,
        response: { 200: SpotCheckSchema },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'office');
      const actor = actorOf(principal);
      const { passed, note } = request.body;
      return presentCheck(await recordResult(sql, temporal, request.params.id, { passed, note: note ?? null, actor }));
    },
  );
};

export default spotCheckRoutes;
