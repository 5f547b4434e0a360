// A load of reported problems through the real HTTP API, sent the way a careful client sends them:
// each with an Idempotency-Key of its own, retried with that same key after a 503 (honouring
// Retry-After, capped so scenarios stay short), a 429, a timeout or a refused connection, until it is
// answered 201/200 or its deadline passes. Every attempt is recorded for the scenario's figures.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CaseStatus } from '../../../shared/domain/enums';

export interface FaultBody {
  body: Record<string, unknown>;
  /** The status the case must settle in after intake. */
  expected: CaseStatus;
}

/** Queued (routed, not urgent), closed on the spot, and triage (no unit for it): the three intake outcomes. */
export function faultBodies(): FaultBody[] {
  const base = { description: '群众反映的问题，需核实处理', reporter: { name: '王某', phone: '13800001234' } };
  return [
    {
      expected: 'queued',
      body: { ...base, kind: 'suggestion', category: 'street-vending', title: '夜市占道', locality: 'xingtai' },
    },
    {
      expected: 'queued',
      body: {
        ...base,
        kind: 'conflict_risk',
        category: 'neighbour-dispute',
        title: '便道纠纷',
        locality: 'qishe-magenao-xiaojiazhai',
      },
    },
    {
      expected: 'closed',
      body: {
        ...base,
        kind: 'problem_clue',
        category: 'funeral-reform',
        title: '殡葬政策不理解',
        locality: 'xingtai',
        resolvedOnSpot: { measures: '当场讲解政策' },
      },
    },
    {
      expected: 'triage',
      body: {
        kind: 'problem_clue',
        category: 'other',
        title: '无主问题',
        description: '市级无主管',
        locality: 'xingyi',
      },
    },
    {
      expected: 'queued',
      body: { ...base, kind: 'hardship', category: 'wage-arrears', title: '欠薪', locality: 'sajin-jinzhou' },
    },
  ];
}

export interface Attempt {
  /** ms since the load started. */
  at: number;
  ms: number;
  status: number | 'error';
  /** Why there was no answer (client timeout after 30 s, connection reset). */
  error?: string;
}

export interface Submission {
  key: string;
  expected: CaseStatus;
  attempts: Attempt[];
  /** The case id of every 2xx answer (all must agree). */
  caseIds: string[];
  /** 201 answers: exactly one per key is right. */
  created: number;
  accepted: boolean;
  /** ms since the load started, of the first 2xx. */
  acceptedAt: number | null;
}

export interface LoadOptions {
  apiUrl: string;
  token: string;
  count: number;
  ratePerSecond: number;
  /** How long one submission keeps retrying before it gives up. */
  giveUpAfterMs: number;
  bodies?: FaultBody[];
}

export interface RunningLoad {
  startedAt: number;
  /** ms since the load started. */
  now(): number;
  done: Promise<Submission[]>;
}

const RETRY_AFTER_CAP_MS = 2000;

async function attempt(url: string, token: string, key: string, body: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, text, retryAfter: Number(response.headers.get('retry-after') ?? 1) };
}

export function startLoad(options: LoadOptions): RunningLoad {
  const bodies = options.bodies ?? faultBodies();
  const startedAt = performance.now();
  const now = () => Math.round(performance.now() - startedAt);
  const url = `${options.apiUrl}/v1/cases`;

  const submit = async (index: number): Promise<Submission> => {
    const { body, expected } = bodies[index % bodies.length]!;
    const submission: Submission = {
      key: `fault-${index}-${randomUUID()}`,
      expected,
      attempts: [],
      caseIds: [],
      created: 0,
      accepted: false,
      acceptedAt: null,
    };
    const deadline = now() + options.giveUpAfterMs;
    while (now() < deadline) {
      const at = now();
      let wait = 500;
      try {
        const answer = await attempt(url, options.token, submission.key, {
          ...body,
          title: `${String(body.title)} #${index}`,
        });
        submission.attempts.push({ at, ms: now() - at, status: answer.status });
        if (answer.status === 201 || answer.status === 200) {
          submission.caseIds.push((JSON.parse(answer.text) as { id: string }).id);
          if (answer.status === 201) submission.created++;
          submission.accepted = true;
          submission.acceptedAt ??= now();
          return submission;
        }
        if (answer.status !== 503 && answer.status !== 429) {
          throw new Error(`submission ${index}: unexpected ${answer.status} ${answer.text}`);
        }
        wait = Math.min(answer.retryAfter * 1000, RETRY_AFTER_CAP_MS);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('submission')) throw error;
        const cause =
          error instanceof Error
            ? `${error.name}: ${String((error.cause as Error | undefined)?.message ?? error.message)}`
            : String(error);
        submission.attempts.push({ at, ms: now() - at, status: 'error', error: cause });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return submission;
  };

  const done = (async () => {
    const pending: Array<Promise<Submission>> = [];
    for (let i = 0; i < options.count; i++) {
      const due = (i * 1000) / options.ratePerSecond;
      const wait = due - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(submit(i));
    }
    return Promise.all(pending);
  })();
  return { startedAt, now, done };
}

export interface LoadFigures {
  submitted: number;
  accepted: number;
  /** Submissions answered 201 more than once, or 2xx with different case ids: must be 0. */
  duplicated: number;
  gaveUp: number;
  attempts: number;
  /** Answers by status over all attempts (503s while a dependency was down, 'error' for no answer). */
  statuses: Record<string, number>;
  /** The longest time no submission was accepted, between the first and the last acceptance (ms). */
  longestGapMs: number;
  /** The slowest accepted submission, first attempt to acceptance (ms). */
  slowestAcceptanceMs: number;
  /** The longest single attempt, answered or not (ms): how long a client waited for one answer. */
  longestAttemptMs: number;
  /** Attempts without an answer, by cause. */
  errors: Record<string, number>;
}

export function loadFigures(submissions: Submission[]): LoadFigures {
  const attempts = submissions.flatMap((s) => s.attempts);
  const tally = (keys: string[]) => {
    const counts: Record<string, number> = {};
    for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  };
  const acceptedAt = submissions
    .map((s) => s.acceptedAt)
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b);
  let longestGapMs = 0;
  for (let i = 1; i < acceptedAt.length; i++) {
    longestGapMs = Math.max(longestGapMs, acceptedAt[i]! - acceptedAt[i - 1]!);
  }
  const accepted = submissions.filter((s) => s.accepted);
  return {
    submitted: submissions.length,
    accepted: accepted.length,
    duplicated: submissions.filter((s) => s.created > 1 || new Set(s.caseIds).size > 1).length,
    gaveUp: submissions.length - accepted.length,
    attempts: attempts.length,
    statuses: tally(attempts.map((a) => String(a.status))),
    longestGapMs,
    slowestAcceptanceMs: Math.max(0, ...accepted.map((s) => s.acceptedAt! - s.attempts[0]!.at)),
    longestAttemptMs: Math.max(0, ...attempts.map((a) => a.ms)),
    errors: tally(attempts.flatMap((a) => (a.error ? [a.error] : []))),
  };
}
