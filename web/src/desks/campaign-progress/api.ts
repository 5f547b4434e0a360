// The campaign routes this desk reads and writes (docs/supervision.md): progress, the visit import
// (the file as the raw request body, which the JSON client does not send) and the daily spot check.
import { ApiError, get, post } from '../../api/client';
import { chineseMessage, fieldErrorsOf, type Problem } from '../../api/problems';
import { currentToken } from '../../session/session';

export interface Campaign {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface TypeProgress {
  targetType: string;
  target: number | null;
  visited: number;
  percent: number | null;
}

export interface CampaignProgress {
  campaignId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  asOf: string;
  overall: { visited: number; byType: TypeProgress[] };
  units: Array<{ unitId: string; unitName: string | null; visited: number; byType: TypeProgress[] }>;
}

export interface ImportResult {
  importId: string;
  imported: number;
  failed: number;
  errors: Array<{ row: number; field: string; message: string }>;
  errorsTruncated: boolean;
}

export interface SpotCheck {
  id: string;
  subjectType: 'visit' | 'case';
  subjectId: string;
  position: number;
  result: 'pending' | 'passed' | 'failed';
  note: string | null;
  checkedAt: string | null;
  visit: { targetType: string; targetName: string; locality: string; unitId: string | null; visitedAt: string } | null;
  case: { title: string; status: string; closeReason: string | null; lead: string | null; locality: string } | null;
}

export interface SpotCheckDay {
  date: string;
  drawnAt: string;
  population: { visits: number; cases: number };
  items: SpotCheck[];
}

export const listCampaigns = () => get<{ items: Campaign[] }>('/v1/campaigns?limit=100');

export const campaignProgress = (id: string) =>
  get<CampaignProgress>(`/v1/campaigns/${encodeURIComponent(id)}/progress`);

export const spotCheckDay = (date: string) => get<SpotCheckDay>(`/v1/spot-checks?date=${encodeURIComponent(date)}`);

export const recordSpotCheck = (id: string, body: { passed: boolean; note?: string }, key: string) =>
  post<SpotCheck>(`/v1/spot-checks/${encodeURIComponent(id)}/result`, body, key);

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST …/visits/import with the file as it is; the key makes a retried upload answer the first result. */
export async function importVisits(campaignId: string, file: File, idempotencyKey: string): Promise<ImportResult> {
  const contentType = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : CSV;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': contentType,
    'idempotency-key': idempotencyKey,
  };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/v1/campaigns/${encodeURIComponent(campaignId)}/visits/import`, {
      method: 'POST',
      headers,
      body: file,
    });
  } catch {
    const problem: Problem = { status: 0 };
    throw new ApiError(0, chineseMessage(problem, null), problem, {}, null);
  }
  if (response.ok) return (await response.json()) as ImportResult;
  let problem: Problem = { status: response.status };
  try {
    problem = { ...((await response.json()) as Problem), status: response.status };
  } catch {
    // A body that is not a problem: the status alone says enough.
  }
  throw new ApiError(response.status, chineseMessage(problem, null), problem, fieldErrorsOf(problem), null);
}
