import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCampaign } from '../../shared/db/campaigns';
import type { Sql } from '../../shared/db/sql';
import { dropVisitImport, finishVisitImport, openVisitImport } from '../../shared/db/visit-imports';
import { actorOf } from '../../shared/domain/actor';
import { ImportResultSchema } from '../../shared/domain/campaign';
import { csvRecords } from '../imports/csv-records';
import { importVisits, MissingColumnsError, UnreadableFileError } from '../imports/visit-import';
import { checkXlsxLimits, spool, XlsxLimitError, type SpooledFile } from '../imports/xlsx-limits';
import { xlsxRecords } from '../imports/xlsx-records';
import { UnreadableZipError } from '../imports/zip-directory';
import { requireRole } from '../plugins/auth';
import { HttpProblem, notFound } from '../plugins/problems';

// POST /v1/campaigns/{id}/visits/import: a CSV or .xlsx file as the raw request body. The body is
// never buffered: the content-type parser hands the request stream on, rows are read, checked and
// inserted in batches as they arrive (api/imports/visit-import.ts).

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 64 MiB: some 500,000 CSV rows, far beyond a city's visits; the cap keeps a runaway upload out. */
const MAX_BYTES = 64 * 1024 * 1024;
const PROGRESS_EVERY = 5_000;

class TooLargeError extends Error {
  constructor() {
    super(`the file is larger than ${MAX_BYTES} bytes`);
    this.name = 'TooLargeError';
  }
}

/** Passes the upload through, failing once it grows beyond the cap (chunked uploads declare no length). */
function capped(input: Readable): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > MAX_BYTES ? new TooLargeError() : null, chunk);
    },
  });
  input.on('error', (error) => counter.destroy(error));
  return input.pipe(counter);
}

const visitImportRoutes: FastifyPluginAsyncZod<{ sql: Sql }> = async (app, { sql }) => {
  // Scoped to this plugin: the rest of the API still refuses these content types (415).
  app.addContentTypeParser([CSV, XLSX], (_request, payload, done) => done(null, payload));

  app.post(
    '/v1/campaigns/:id/visits/import',
    {
      schema: {
        tags: ['campaigns and visits'],
        summary: 'Import visits from a CSV (UTF-8) or .xlsx file sent as the request body',
        description:
          'Columns 走访对象类型, 走访对象名称, 属地, 走访日期, 走访单位 (optional), 备注 (optional), or the field names ' +
          'targetType, targetName, locality, visitedAt, unitId, notes. Valid rows are stored; the others are ' +
          'reported by row (the header is row 1). An Idempotency-Key makes a retried upload answer the first result.',
        consumes: [CSV, XLSX],
        params: z.object({ id: z.string().min(1).max(80) }),
        headers: z.object({
          'idempotency-key': z
            .string()
            .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')
            .optional(),
        }),
        response: { 200: ImportResultSchema },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'visitor', 'office');
      const body: unknown = request.body;
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!body || typeof (body as Readable).pipe !== 'function' || (contentType !== CSV && contentType !== XLSX)) {
        throw new HttpProblem(415, 'Unsupported Media Type', `send the file as ${CSV} or ${XLSX}`);
      }
      const upload = body as Readable;
      // Answering before the body is read: read the rest away, so the client sees the answer, not a reset.
      const refuse = (problem: HttpProblem) => {
        upload.resume();
        return problem;
      };
      if (Number(request.headers['content-length'] ?? 0) > MAX_BYTES) {
        throw refuse(new HttpProblem(413, 'Content Too Large', new TooLargeError().message));
      }
      const campaign = await getCampaign(sql, request.params.id);
      if (!campaign) throw refuse(notFound('campaign'));
      // An .xlsx is checked whole (sizes, rows) before anything is parsed or stored; a CSV streams.
      const spooled = contentType === XLSX ? await spoolCheckedXlsx(upload) : null;
      try {
        const importId = randomUUID();
        const actor = actorOf(principal);
        const key = request.headers['idempotency-key'] ?? null;
        const claim = await openVisitImport(sql, {
          id: importId,
          campaignId: campaign.id,
          tokenId: principal.tokenId,
          key,
          contentType,
          actor,
        });
        if (claim.outcome === 'finished') {
          upload.resume();
          return claim.result;
        }
        if (claim.outcome === 'running') {
          throw refuse(
            new HttpProblem(409, 'Conflict', 'an import with this Idempotency-Key has not finished', {
              importId: claim.importId,
            }),
          );
        }

        const records = spooled ? xlsxRecords(createReadStream(spooled.path)) : csvRecords(capped(upload));
        const log = request.log.child({ importId, campaignId: campaign.id });
        try {
          const result = await importVisits(
            sql,
            records,
            { importId, campaign, recordedBy: actor },
            { progressEvery: PROGRESS_EVERY, onProgress: (progress) => log.info(progress, 'visit import progress') },
          );
          await finishVisitImport(sql, result);
          log.info({ imported: result.imported, failed: result.failed }, 'visit import finished');
          return result;
        } catch (error) {
          throw refuse(await importProblem(sql, importId, error));
        }
      } finally {
        await spooled?.remove();
      }
    },
  );
};

/** The upload in a temporary file, within the size caps and XLSX_LIMITS; else a 413 or 422 problem. */
async function spoolCheckedXlsx(upload: Readable): Promise<SpooledFile> {
  let spooled: SpooledFile;
  try {
    spooled = await spool(capped(upload));
  } catch (error) {
    upload.resume();
    if (error instanceof TooLargeError) throw new HttpProblem(413, 'Content Too Large', error.message);
    throw error;
  }
  try {
    await checkXlsxLimits(spooled.path);
    return spooled;
  } catch (error) {
    await spooled.remove();
    if (error instanceof XlsxLimitError) throw new HttpProblem(413, 'Content Too Large', error.message);
    if (error instanceof UnreadableZipError) {
      throw new HttpProblem(422, 'Unprocessable Content', `the file is not a readable .xlsx: ${error.message}`);
    }
    throw error;
  }
}

/** What a failed import answers; an import that stored nothing leaves no record behind. */
async function importProblem(sql: Sql, importId: string, error: unknown): Promise<HttpProblem> {
  if (error instanceof MissingColumnsError) {
    await dropVisitImport(sql, importId);
    return new HttpProblem(422, 'Unprocessable Content', error.message, {
      errors: error.missing.map((field) => ({ path: `header.${field}`, message: 'missing column' })),
    });
  }
  if (!(error instanceof UnreadableFileError)) throw error;
  const stored = { importId, imported: error.progress.imported, failed: error.progress.failed };
  if (stored.imported === 0) await dropVisitImport(sql, importId);
  else await finishVisitImport(sql, { ...stored, errors: [], errorsTruncated: false });
  if (error.cause instanceof TooLargeError) {
    return new HttpProblem(413, 'Content Too Large', `${error.cause.message}; rows before the cap were kept`, stored);
  }
  return new HttpProblem(422, 'Unprocessable Content', error.message, stored);
}

export default visitImportRoutes;
