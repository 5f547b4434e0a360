// The second half of the load under a fault: cases in progress get their lead unit's weekly report
// (POST /v1/cases/{id}/reports), paced, each retried after a 503, a 429, a timeout or a refused
// connection until it is answered 200 or its deadline passes, as a unit's client would.
import type { LoadSystem } from '../../../scripts/lib/load-system';
import type { ExpectedCase } from '../../faults/support/invariants';
import { faultBodies } from '../../faults/support/submit';

export interface OpenCase {
  caseId: string;
  lead: string;
}

async function call(system: LoadSystem, token: string, path: string, body: object) {
  const response = await fetch(`${system.api!.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** `count` routed cases through the API, dispatched in one batch and accepted by their lead units. */
export async function casesInProgress(system: LoadSystem, count: number): Promise<OpenCase[]> {
  const routed = faultBodies().filter((b) => b.expected === 'queued');
  const cases: OpenCase[] = [];
  for (let i = 0; i < count; i++) {
    const { body } = routed[i % routed.length]!;
    const created = await call(system, system.tokens.visitor, '/v1/cases', { ...body, title: `进行中 #${i}` });
    if (created.status !== 201) throw new Error(`intake answered ${created.status}`);
    const routing = created.json.routing as { lead: string };
    cases.push({ caseId: String(created.json.id), lead: routing.lead });
  }
  const batch = await call(system, system.tokens.office, '/v1/dispatches', {});
  if (batch.status !== 201) throw new Error(`dispatch answered ${batch.status}`);
  for (const { caseId, lead } of cases) {
    const accepted = await call(system, system.tokens.units[lead]!, `/v1/cases/${caseId}/accept`, {});
    if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}`);
  }
  return cases;
}

export const inProgress = (cases: OpenCase[]): ExpectedCase[] =>
  cases.map(({ caseId }) => ({ caseId, expected: 'in_progress' }));

export interface ReportFigures {
  sent: number;
  answered: number;
  gaveUp: number;
  attempts: number;
  statuses: Record<string, number>;
  /** The slowest report, first attempt to its 200 (ms). */
  slowestMs: number;
}

export function startReports(
  system: LoadSystem,
  cases: OpenCase[],
  options: { count: number; ratePerSecond: number; giveUpAfterMs: number },
): Promise<ReportFigures> {
  const figures: ReportFigures = { sent: 0, answered: 0, gaveUp: 0, attempts: 0, statuses: {}, slowestMs: 0 };
  const send = async (index: number) => {
    const { caseId, lead } = cases[index % cases.length]!;
    const first = Date.now();
    figures.sent++;
    while (Date.now() - first < options.giveUpAfterMs) {
      figures.attempts++;
      const status = await call(system, system.tokens.units[lead]!, `/v1/cases/${caseId}/reports`, {
        progress: `第${index}次周报：已现场核查，正在协调整改`,
        percentDone: 40,
      }).then(
        (answer) => String(answer.status),
        () => 'error',
      );
      figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
      if (status === '200') {
        figures.answered++;
        figures.slowestMs = Math.max(figures.slowestMs, Date.now() - first);
        return;
      }
      if (!['503', '429', 'error'].includes(status)) throw new Error(`report ${index}: unexpected ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    figures.gaveUp++;
  };
  return (async () => {
    const pending: Array<Promise<void>> = [];
    const started = Date.now();
    for (let i = 0; i < options.count; i++) {
      const wait = started + (i * 1000) / options.ratePerSecond - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(send(i));
    }
    await Promise.all(pending);
    return figures;
  })();
}
