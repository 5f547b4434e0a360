import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  countCampaignVisits,
  createCampaign,
  existingReferences,
  getCampaign,
  listCampaigns,
  unitNames,
} from '../../shared/db/campaigns';
import type { Sql } from '../../shared/db/sql';
import { actorOf } from '../../shared/domain/actor';
import { CampaignInputSchema, CampaignProgressSchema, CampaignSchema } from '../../shared/domain/campaign';
import { PageQuerySchema, pageOf } from '../../shared/domain/reference';
import { campaignProgress } from '../../shared/supervision/progress';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';
import { present, presentPage } from './present';

const tags = ['campaigns and visits'];
const Params = z.object({ id: z.string().min(1).max(80) });

/** 大走访活动: the office sets a campaign's targets; everyone follows its progress. */
const campaignRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  app.post(
    '/v1/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a campaign with its targets',
        body: CampaignInputSchema,
        response: { 201: CampaignSchema },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'office');
      const body = request.body;
      const named = [...new Set(body.targets.flatMap((t) => (t.unitId ? [t.unitId] : [])))];
      const found = await existingReferences(sql, { units: named, localities: [], categories: [] });
      const errors = body.targets.flatMap((t, i) =>
        t.unitId && !found.units.has(t.unitId) ? [{ path: `body.targets.${i}.unitId`, message: 'unknown unit' }] : [],
      );
      if (errors.length > 0) throw new HttpProblem(422, 'Unprocessable Content', 'unknown unit', { errors });
      const actor = actorOf(principal);
      const campaign = await createCampaign(sql, body, actor);
      return reply.code(201).header('location', `/v1/campaigns/${campaign.id}`).send(present(campaign));
    },
  );

  app.get(
    '/v1/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns, the latest first',
        querystring: PageQuerySchema,
        response: { 200: pageOf(CampaignSchema) },
      },
    },
    async (request) => {
      requireRole(request, ...ALL_ROLES);
      return presentPage(await listCampaigns(sql, request.query));
    },
  );

  app.get(
    '/v1/campaigns/:id',
    { schema: { tags, summary: 'One campaign and its targets', params: Params, response: { 200: CampaignSchema } } },
    async (request) => {
      requireRole(request, ...ALL_ROLES);
      const campaign = await getCampaign(sql, request.params.id);
      if (!campaign) throw notFound('campaign');
      return present(campaign);
    },
  );

  app.get(
    '/v1/campaigns/:id/progress',
    {
      schema: {
        tags,
        summary: 'Visits per target type against the targets, overall and per unit (a unit sees its own row)',
        params: Params,
        response: { 200: CampaignProgressSchema },
      },
    },
    async (request) => {
      const viewer = requireRole(request, ...ALL_ROLES);
      const campaign = await getCampaign(sql, request.params.id);
      if (!campaign) throw notFound('campaign');
      const counts = await countCampaignVisits(sql, campaign.id);
      const ids = [...campaign.targets, ...counts].flatMap((x) => (x.unitId ? [x.unitId] : []));
      const progress = campaignProgress(campaign.targets, counts, await unitNames(sql, [...new Set(ids)]));
      // A unit sees the campaign's figures and its own, not how the other units are doing.
      const units = viewer.role === 'unit' ? progress.units.filter((u) => u.unitId === viewer.unitId) : progress.units;
      return {
        campaignId: campaign.id,
        name: campaign.name,
        startsOn: campaign.startsOn,
        endsOn: campaign.endsOn,
        asOf: new Date().toISOString(),
        overall: progress.overall,
        units,
      };
    },
  );
};

export default campaignRoutes;
