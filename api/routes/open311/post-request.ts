import type { FastifyInstance } from 'fastify';
import { getCategory } from '../../../shared/db/categories';
import { NewCaseSchema } from '../../../shared/domain/case';
import { list, record } from '../../../shared/open311/document';
import { matchLocality } from '../../../shared/open311/locality-match';
import { newCaseBody, PARAMETER_OF, readReportForm, type Form } from '../../../shared/open311/report-form';
import { loadPlacedLocalities, recordRequestLocation, unitName } from '../../../shared/open311/request-store';
import { serviceNotice } from '../../../shared/open311/request-view';
import { reportCase, type IntakeDeps } from '../../services/case-intake';
import { parameter, principalOfKey } from './api-key';
import { Open311Error } from './errors';
import { FORMATS, send } from './reference-routes';

/** The roles that may report a case through POST /v1/cases may post an Open311 request, and no others. */
const REPORTING_ROLES = new Set(['visitor', 'office']);
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The idempotency key (docs/open311.md "Idempotency"): the `Idempotency-Key` header, as on
 * POST /v1/cases; else the request's `attribute[client_request_id]`, prefixed so that it never meets
 * a header key; else none, and every POST is a new report. Either way scoped to the api_key's token.
 */
function idempotencyKey(header: string | string[] | undefined, clientRequestId: string | null): string | undefined {
  if (Array.isArray(header)) throw new Open311Error(400, 'Idempotency-Key was sent more than once');
  const key = header ?? (clientRequestId === null ? undefined : `open311:${clientRequestId}`);
  if (key !== undefined && !KEY.test(key)) {
    throw new Open311Error(
      400,
      'Idempotency-Key and attribute[client_request_id] must be 1 to 255 visible ASCII characters',
    );
  }
  return key;
}

/** POST requests: a form becomes a case through the one intake every report goes through (reportCase). */
export async function postRequestRoutes(app: FastifyInstance, intake: IntakeDeps): Promise<void> {
  const { sql } = intake;
  for (const format of FORMATS) {
    app.post(`/requests.${format}`, { schema: { hide: true } }, async (request, reply) => {
      if (request.headers['content-type']?.split(';')[0]?.trim() !== 'application/x-www-form-urlencoded') {
        throw new Open311Error(400, 'the request must be sent as application/x-www-form-urlencoded');
      }
      const form = (request.body ?? {}) as Form;
      const principal = await principalOfKey(sql, request, parameter(form, 'api_key'));
      if (!REPORTING_ROLES.has(principal.role)) {
        throw new Open311Error(403, `the ${principal.role} role may not post requests`);
      }
      const report = readReportForm(form);
      const category = await getCategory(sql, report.serviceCode);
      if (category === null) throw new Open311Error(404, `no service with service_code ${report.serviceCode}`);
      const located = matchLocality(await loadPlacedLocalities(sql), { point: report.point, address: report.address });
      if (located === null) throw new Open311Error(503, 'no locality is set up yet: requests cannot be taken');
      const parsed = NewCaseSchema.safeParse(newCaseBody(report, category, located.code));
      if (!parsed.success) {
        const described = parsed.error.issues.map(
          (i) => `${PARAMETER_OF[i.path.join('.')] ?? i.path.join('.')}: ${i.message}`,
        );
        throw new Open311Error(400, described.join('; '));
      }
      const key = idempotencyKey(request.headers['idempotency-key'], report.clientRequestId);
      const { created, answer } = await reportCase(intake, principal, parsed.data, key, {
        placeUnknown: located.locatedBy === 'fallback',
      });
      // After the commit: a crash here loses only the address, which a retry with the same key writes.
      await recordRequestLocation(sql, answer.id, {
        address: report.address,
        point: report.point,
        locatedBy: located.locatedBy,
      });
      const agency = await unitName(sql, answer.routing.lead);
      return send(
        reply,
        format,
        'service_requests',
        list('request', [
          record([
            ['service_request_id', answer.id],
            ['service_notice', serviceNotice(agency, null)],
            ['account_id', null],
          ]),
        ]),
        created ? 201 : 200,
      );
    });
  }
}
