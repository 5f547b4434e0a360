import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCategory } from '../../shared/db/categories';
import { loadRoutingReference } from '../../shared/db/reference';
import { loadPreview } from '../../shared/db/routing-previews';
import { listRuleSets, loadPublishedRules, loadRuleSetVersion, publishRules } from '../../shared/db/rules';
import type { Sql } from '../../shared/db/sql';
import { RoutingDecisionSchema } from '../../shared/domain/case';
import {
  ExplainInputSchema,
  PageQuerySchema,
  pageOf,
  RoutingRuleSchema,
  RuleSetInputSchema,
  RuleSetSchema,
} from '../../shared/domain/reference';
import { RuleSetInvalidError, validateRuleSet, type RoutingRule } from '../../shared/routing';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';
import type { RoutingService } from '../services/routing-service';

const tags = ['routing'];

/** `previewId`: the what-if answer the publisher reviewed (docs/routing-what-if.md). */
const PublishInputSchema = RuleSetInputSchema.extend({ previewId: z.uuid().optional() }).strict();

const RuleSetSummarySchema = z.object({
  version: z.number().int(),
  ruleCount: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  previewId: z.string().nullable(),
});

const PreviewSummarySchema = z.object({
  id: z.string(),
  baseVersion: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  filter: z.record(z.string(), z.unknown()),
  cases: z.number().int(),
  changedLead: z.number().int(),
  changedCoHandlers: z.number().int(),
  toTriage: z.number().int(),
});

const RuleSetVersionSchema = RuleSetSummarySchema.extend({
  rules: z.array(RoutingRuleSchema),
  preview: PreviewSummarySchema.nullable(),
});

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
    { schema: { tags, body: PublishInputSchema, response: { 200: RuleSetSchema } } },
    async (request) => {
      const principal = requireRole(request, 'admin');
      // Optional matchers left out must not be stored as explicit nulls: the engine reads absence.
      const rules = request.body.rules as RoutingRule[];
      const problems = validateRuleSet(rules, await loadRoutingReference(sql));
      if (problems.length > 0) throw new RuleSetInvalidError(problems);
      const version = await publishRules(sql, rules, principal.name, request.body.previewId ?? null);
      routing.invalidate();
      const published = await loadPublishedRules(sql);
      if (published.version !== version)
        throw new HttpProblem(409, 'Conflict', 'another rule set was published at the same time');
      return { version, publishedAt: published.publishedAt?.toISOString() ?? null, rules: published.rules };
    },
  );

  app.get(
    '/v1/routing-rules/versions',
    {
      schema: {
        tags,
        summary: 'Every published rule set, newest first, with who published it after which preview',
        querystring: PageQuerySchema,
        response: { 200: pageOf(RuleSetSummarySchema) },
      },
    },
    async (request) => {
      requireRole(request, 'office', 'admin');
      const page = await listRuleSets(sql, request.query);
      return {
        items: page.items.map((row) => ({ ...row, publishedAt: row.publishedAt.toISOString() })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/v1/routing-rules/versions/:version',
    {
      schema: {
        tags,
        summary: 'One published rule set, its rules, and the preview it was published after',
        params: z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 200: RuleSetVersionSchema },
      },
    },
    async (request) => {
      requireRole(request, 'office', 'admin');
      const found = await loadRuleSetVersion(sql, request.params.version);
      if (found === null) throw notFound('rule set version');
      const preview = found.previewId === null ? null : await loadPreview(sql, found.previewId);
      return {
        ...found,
        publishedAt: found.publishedAt.toISOString(),
        preview:
          preview === null
            ? null
            : {
                id: preview.id,
                baseVersion: preview.baseVersion,
                createdBy: preview.createdBy,
                createdAt: preview.createdAt.toISOString(),
                filter: preview.filter,
                cases: preview.summary.cases,
                changedLead: preview.summary.changedLead,
                changedCoHandlers: preview.summary.changedCoHandlers,
                toTriage: preview.summary.toTriage,
              },
      };
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
