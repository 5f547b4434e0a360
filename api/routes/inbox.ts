import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readInbox } from '../../shared/db/inbox';
import type { Sql } from '../../shared/db/sql';
import { InboxQuerySchema, InboxSchema, inboxWhy, type InboxItem } from '../../shared/domain/inbox';
import { ALL_ROLES, requireRole } from '../plugins/auth';

/** 待办: what waits on the caller's desk, oldest first (docs/inbox.md). */
const inboxRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  app.get(
    '/v1/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: "What waits on the caller's desk and why, oldest first, with the time it is due",
        description:
          'The office: triage, returns, extension requests, resolutions awaiting follow-up, escalations from ' +
          'level 1, failed spot checks, operator alerts. A unit (as lead): cases to sign for, weekly reports ' +
          'due within the warning window or missed, reworks, deadlines within the window, overdue cases. A leader: ' +
          'level-2 escalations, overdue cases. An admin: operator alerts. A visitor: its reports awaiting ' +
          'follow-up. `counts` has every kind of the desk, however many wait beyond `limit`.',
        querystring: InboxQuerySchema,
        response: { 200: InboxSchema },
      },
    },
    async (request) => {
      const viewer = requireRole(request, ...ALL_ROLES);
      const now = new Date();
      const { findings, counts } = await readInbox(sql, viewer, { now, limit: request.query.limit });
      const items = findings.map((f): InboxItem => ({
        kind: f.kind,
        ...(f.caseId === null ? {} : { caseId: f.caseId }),
        title: f.title,
        since: f.since.toISOString(),
        ...(f.due === null ? {} : { due: f.due.toISOString() }),
        why: inboxWhy(f, now.getTime()),
      }));
      return { items, counts };
    },
  );
};

export default inboxRoutes;
