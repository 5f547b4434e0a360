import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { Sql } from '../../shared/db/sql';
import { BulletinSchema, MonthlySummaryQuerySchema, WeeklyBulletinQuerySchema } from '../../shared/domain/supervision';
import { renderBulletinHtml } from '../exports/bulletin-html';
import { writeBulletinXlsx } from '../exports/bulletin-xlsx';
import type { Bulletin } from '../../shared/supervision/bulletin';
import type { BulletinKind } from '../../shared/contracts/supervision';
import { requireRole } from '../plugins/auth';
import { bulletinFor } from '../services/bulletin-service';

// 周调度、月小结 for the office and leaders: JSON, .xlsx (Accept or ?format=xlsx) or a printable HTML
// page (?format=html).

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['supervision'];

const responses = {
  200: {
    description: 'The bulletin: JSON, an .xlsx workbook, or a printable HTML page',
    content: {
      'application/json': { schema: BulletinSchema },
      [XLSX]: { schema: z.string().meta({ format: 'binary' }) },
      'text/html': { schema: z.string() },
    },
  },
};

type Format = 'json' | 'xlsx' | 'html';

/** ?format wins; otherwise an Accept that names the xlsx type; otherwise JSON. */
function formatOf(request: FastifyRequest, format: Format | undefined): Format {
  if (format) return format;
  return (request.headers.accept ?? '').includes(XLSX) ? 'xlsx' : 'json';
}

function send(reply: FastifyReply, bulletin: Bulletin & { source: 'stored' | 'live' }, format: Format) {
  const name = `${bulletin.kind === 'weekly' ? 'weekly-bulletin' : 'monthly-summary'}-${bulletin.period}`;
  if (format === 'html') return reply.type('text/html; charset=utf-8').send(renderBulletinHtml(bulletin));
  if (format === 'xlsx') {
    const out = new PassThrough();
    // The writer destroys `out` on failure: the client sees a broken download, never a short file.
    writeBulletinXlsx(bulletin, out).catch((error: unknown) => reply.log.error({ err: error }, 'bulletin xlsx failed'));
    return reply.type(XLSX).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(out);
  }
  return reply.type('application/json; charset=utf-8').send(bulletin);
}

const bulletinRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  const handle =
    (kind: BulletinKind) => async (request: FastifyRequest, reply: FastifyReply, label?: string, format?: Format) => {
      requireRole(request, 'office', 'leader');
      return send(reply, await bulletinFor(sql, kind, label), formatOf(request, format));
    };
  const weekly = handle('weekly');
  const monthly = handle('monthly');

  app.get(
    '/v1/bulletins/weekly',
    {
      schema: {
        tags,
        summary: '周调度: per-unit figures of an ISO week in Beijing, the ranking and the slow units',
        querystring: WeeklyBulletinQuerySchema,
        response: responses,
      },
    },
    (request, reply) => weekly(request, reply, request.query.week, request.query.format),
  );

  app.get(
    '/v1/summaries/monthly',
    {
      schema: {
        tags,
        summary: '月小结: per-unit figures of a month in Beijing, the ranking and the slow units',
        querystring: MonthlySummaryQuerySchema,
        response: responses,
      },
    },
    (request, reply) => monthly(request, reply, request.query.month, request.query.format),
  );
};

export default bulletinRoutes;
