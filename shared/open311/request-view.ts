import type { CaseStatus, CloseReason } from '../domain/enums';
import { list, record, type OpenList } from './document';
import type { RequestRow } from './request-store';

// A case as a GeoReport v2 service request (docs/open311.md "Reading requests"): its public fields,
// in the element order of the specification's example. Never its reporter.

const STATUS_NOTES: Record<CaseStatus, string> = {
  triage: '待活动办分派承办单位',
  queued: '已受理，待集中交办',
  assigned: '已交办，待承办单位签收',
  in_progress: '承办单位办理中',
  verifying: '承办单位已办结，待回访核实',
  closed: '已办结',
};

const CLOSE_NOTES: Record<CloseReason, string> = {
  on_spot: '已现场解决',
  resolved: '已办结，经回访核实',
  duplicate: '重复件，已合并办理',
  withdrawn: '已撤回',
  not_actionable: '不予受理',
};

export const openStatus = (status: string): 'open' | 'closed' => (status === 'closed' ? 'closed' : 'open');

export function statusNotes(status: string, closeReason: string | null): string {
  if (status === 'closed' && closeReason !== null)
    return CLOSE_NOTES[closeReason as CloseReason] ?? STATUS_NOTES.closed;
  return STATUS_NOTES[status as CaseStatus] ?? status;
}

/** What will be done: who leads it, by when; or that the office assigns it. */
export function serviceNotice(agency: string | null, deadline: Date | null): string {
  if (agency === null) return '由大走访活动办分派承办单位';
  return deadline === null ? `由${agency}主办` : `由${agency}主办，办结期限 ${deadline.toISOString()}`;
}

const iso = (time: Date | null) => time?.toISOString() ?? null;

export function requestList(rows: readonly RequestRow[]): OpenList {
  return list(
    'request',
    rows.map((row) =>
      record([
        ['service_request_id', row.id],
        ['status', openStatus(row.status)],
        ['status_notes', statusNotes(row.status, row.closeReason)],
        ['service_name', row.serviceName],
        ['service_code', row.serviceCode],
        ['description', row.description],
        ['agency_responsible', row.agency],
        ['service_notice', serviceNotice(row.agency, row.deadline)],
        ['requested_datetime', iso(row.reportedAt)],
        ['updated_datetime', iso(row.updatedAt)],
        ['expected_datetime', iso(row.deadline)],
        ['address', row.address],
        ['address_id', null],
        ['zipcode', null],
        ['lat', row.lat],
        ['long', row.long],
        ['media_url', null],
      ]),
    ),
  );
}
