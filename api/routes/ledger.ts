import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { countLedger, listLedger } from '../../shared/db/ledger';
import type { Sql } from '../../shared/db/sql';
import { LedgerCountsSchema, LedgerItemSchema } from '../../shared/domain/ledger';
import { pageOf } from '../../shared/domain/reference';
import { DEFAULT_EXPORT_LIMITS, ExportSlots, underDeadline, type ExportLimits } from '../exports/export-slots';
import { exportLedgerCsv } from '../exports/ledger-csv';
import { exportLedgerXlsx } from '../exports/ledger-xlsx';
import { ALL_ROLES, requireRole } from '../plugins/auth';
import { HttpProblem } from '../plugins/problems';
import { LedgerFilterQuery, LedgerPageQuery } from './ledger-query';
import { present } from './present';

const tags = ['ledger'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// 整改台账, percent-encoded for RFC 6266's filename*; the ASCII filename is for old clients.
const disposition = (extension: string) =>
  `attachment; filename="ledger.${extension}"; filename*=UTF-8''${encodeURIComponent(`整改台账.${extension}`)}`;

const REFUSALS = {
  caller: (limits: ExportLimits) => `you already run ${limits.perCaller} ledger exports; wait for one to finish`,
  total: (limits: ExportLimits) => `the API already runs ${limits.total} ledger exports; try again shortly`,
};

/** The ledger (整改台账): the scoped, filtered list of cases, its counts, and streamed exports. */
const ledgerRoutes: FastifyPluginAsyncZod<{ sql: Sql; exportLimits?: ExportLimits }> = async (
  app,
  { sql, exportLimits = DEFAULT_EXPORT_LIMITS },
) => {
  const slots = new ExportSlots(exportLimits);
  app.get(
    '/v1/cases',
    {
      schema: {
        tags,
        summary: 'The ledger, newest first; filters narrow, never widen, the caller’s scope',
        querystring: LedgerPageQuery,
        response: { 200: pageOf(LedgerItemSchema) },
      },
    },
    async (request) => {
      const viewer = requireRole(request, ...ALL_ROLES);
      const { limit, cursor, ...filter } = request.query;
      const page = await listLedger(sql, viewer, filter, { limit, cursor });
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/ledger/counts',
    {
      schema: {
        tags,
        summary: 'Counts per status and per unit, same scope and filters',
        querystring: LedgerFilterQuery,
        response: { 200: LedgerCountsSchema },
      },
    },
    async (request) => {
      const viewer = requireRole(request, ...ALL_ROLES);
      return countLedger(sql, viewer, request.query);
    },
  );

  for (const [extension, type, write] of [
    ['xlsx', XLSX, exportLedgerXlsx],
    ['csv', 'text/csv; charset=utf-8', exportLedgerCsv],
  ] as const) {
    app.get(
      `/v1/ledger.${extension}`,
      {
        schema: {
          tags,
          summary: `The ledger as .${extension}, streamed`,
          description:
            'A caller runs at most DUBAN_EXPORTS_PER_CALLER exports at once (429 past it); each is cut at ' +
            'DUBAN_EXPORT_DEADLINE, however slowly it is read.',
          querystring: LedgerFilterQuery,
        },
      },
      async (request, reply) => {
        const viewer = requireRole(request, 'office', 'leader', 'unit');
        const slot = slots.take(viewer.tokenId);
        if ('refused' in slot) {
          void reply.header('retry-after', '30');
          throw new HttpProblem(429, 'Too Many Requests', REFUSALS[slot.refused](exportLimits));
        }
        const body = new PassThrough();
        // Rows flow from a database cursor into the response as they come; an error mid-way (the
        // deadline, a closed download) ends the stream, which closes the cursor and frees the slot.
        underDeadline(body, exportLimits.deadlineMs, () => write(sql, viewer, request.query, body))
          .catch((error: unknown) => {
            request.log.warn({ err: error }, 'ledger export stopped');
            body.destroy(error instanceof Error ? error : new Error(String(error)));
          })
          .finally(slot.release);
        return reply.type(type).header('content-disposition', disposition(extension)).send(body);
      },
    );
  }
};

export default ledgerRoutes;
