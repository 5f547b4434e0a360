import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loadStatistics } from '../../shared/db/statistics';
import type { Sql } from '../../shared/db/sql';
import { StatisticsQuerySchema, StatisticsSchema } from '../../shared/domain/statistics';
import {
  COUNT_DEFINITIONS,
  RATE_DEFINITIONS,
  SEGMENT_DEFINITIONS,
} from '../../shared/supervision/statistics/definitions';
import { fairRanking } from '../../shared/supervision/statistics/fair-ranking';
import { totalsOf } from '../../shared/supervision/statistics/figures';
import { resolveWindow } from '../../shared/supervision/statistics/window';
import { requireRole } from '../plugins/auth';
import { HttpProblem } from '../plugins/problems';

// 统计: the figures of docs/statistics.md per unit, category, kind or locality over weeks, months or a
// campaign, scoped like the ledger; grouped by unit, with the fair ranking.

const DEFINITIONS = { counts: COUNT_DEFINITIONS, rates: RATE_DEFINITIONS, segments: SEGMENT_DEFINITIONS };

const statisticsRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  app.get(
    '/v1/statistics',
    {
      schema: {
        tags: ['supervision'],
        summary:
          '统计: 受理数, 办结率, 按期办结率, 签收及时率, 按期上报率, 满意率, 重办率 and segment times, with the fair ranking',
        querystring: StatisticsQuerySchema,
        response: { 200: StatisticsSchema },
      },
    },
    async (request) => {
      // docs/api.md: office and leaders see every case, a unit the cases it handles; visitors are refused.
      const viewer = requireRole(request, 'office', 'leader', 'unit');
      const { period, from, to, groupBy, minimumSample, ...filters } = request.query;
      const [campaign] = await sql<{ startsOn: string; endsOn: string }[]>`
        SELECT starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM campaigns
        ORDER BY starts_on DESC, id DESC LIMIT 1`;
      const resolved = resolveWindow(period, from, to, { now: new Date(), campaign: campaign ?? null });
      if ('error' in resolved) {
        throw new HttpProblem(400, 'Bad Request', resolved.error.message, { errors: [resolved.error] });
      }
      const { window } = resolved;
      const groups = await loadStatistics(sql, viewer, {
        from: window.startsAt,
        to: window.endsAt,
        groupBy,
        ...filters,
      });
      const units = groups.filter((g) => g.key !== '');
      return {
        ...window,
        groupBy,
        groups,
        totals: totalsOf(groups),
        ranking: groupBy === 'unit' ? fairRanking(units, minimumSample ? { minimumSample } : undefined) : null,
        definitions: DEFINITIONS,
      };
    },
  );
};

export default statisticsRoutes;
