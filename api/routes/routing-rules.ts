import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCategory } from '../../shared/db/categories';
import { loadRoutingReference } from '../../shared/db/reference';
import { loadPublishedRules, publishRules } from '../../shared/db/rules';
import type { Sql } from '../../shared/db/sql';
import { RoutingDecisionSchema } from '../../shared/domain/case';
import { ExplainInputSchema, RuleSetInputSchema, RuleSetSchema } from '../../shared/domain/reference';
import { RuleSetInvalidError, validateRuleSet, type RoutingRule } from '../../shared/routing';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { HttpProblem } from '../plugins/problems';
import type { RoutingService } from '../services/routing-service';

const tags = ['routing'];

interface Deps {
  sql: Sql;
  routing: RoutingService;
}

/** The published rule set, publishing a new version, and a side-effect-free routing explanation. */
const routingRuleRoutes: FastifyPluginAsyncZod<Deps> = async (app, { sql, routing }) => {
  app.get('/v1/routing-rules', { schema: { tags, response: { 200: RuleSetSchema } } }, async (request) => {
    requireRole(request, ...ALL_ROLES);
    const published = await loadPublishedRules(sql);
    return {
      version: published.version,
      publishedAt: published.publishedAt?.toISOString() ?? null,
      rules: published.rules,
    };
  });

  app.put(
    '/v1/routing-rules',
    { schema: { tags, body: RuleSetInputSchema, response: { 200: RuleSetSchema } } },
    async (request) => {
      const principal = requireRole(request, 'admin');
      // Optional matchers left out must not be stored as explicit nulls: the engine reads absence.
      const rules = request.body.rules as RoutingRule[];
      const problems = validateRuleSet(rules, await loadRoutingReference(sql));
      if (problems.length > 0) throw new RuleSetInvalidError(problems);
      const version = await publishRules(sql, rules, principal.name);
      routing.invalidate();
      const published = await loadPublishedRules(sql);
      if (published.version !== version)
        throw new HttpProblem(409, 'Conflict', 'another rule set was published at the same time');
      return { version, publishedAt: published.publishedAt?.toISOString() ?? null, rules: published.rules };
    },
  );

  app.post(
    '/v1/routing/explain',
    {
      schema: {
        tags,
        summary: 'How a case would be routed now; changes nothing',
        body: ExplainInputSchema,
        response: { 200: RoutingDecisionSchema },
      },
    },
    async (request) => {
      requireRole(request, ...ALL_ROLES);
      const { category, locality, priority } = request.body;
      const kind = request.body.kind ?? (await getCategory(sql, category))?.defaultKind ?? 'problem_clue';
      const { decision } = await routing.decide({ category, locality, kind, ...(priority ? { priority } : {}) });
      return decision;
    },
  );
};

export default routingRuleRoutes;
