// Timed calls of POST /v1/routing/what-if over real HTTP on loopback (bench/what-if.ts): the JSON
// answer, and the NDJSON stream with the time to its first line and to its result line. node:http
// rather than fetch, so the time a line arrives is when its bytes do, not when a body is collected.
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { WhatIfAnswer } from '../../api/services/routing-what-if';
import { round } from './stats';

export interface WhatIfBody {
  rules: unknown[];
  filter?: Record<string, unknown>;
}

interface Received {
  status: number;
  seconds: number;
  /** Seconds from sending to each complete line, for NDJSON; empty otherwise. */
  lineSeconds: number[];
  lines: string[];
  text: string;
}

function post(baseUrl: string, token: string, body: WhatIfBody, accept: string): Promise<Received> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const lines: string[] = [];
    const lineSeconds: number[] = [];
    let text = '';
    let pending = '';
    const req = request(
      `${baseUrl}/v1/routing/what-if`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          accept,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          pending += chunk;
          for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
            lines.push(pending.slice(0, end));
            lineSeconds.push((performance.now() - started) / 1000);
            pending = pending.slice(end + 1);
          }
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            seconds: (performance.now() - started) / 1000,
            lineSeconds,
            lines,
            text,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** One JSON what-if: its wall time and its answer; throws on anything but 200. */
export async function timeWhatIf(
  baseUrl: string,
  token: string,
  body: WhatIfBody,
): Promise<{ seconds: number; answer: WhatIfAnswer }> {
  const received = await post(baseUrl, token, body, 'application/json');
  if (received.status !== 200) throw new Error(`what-if answered ${received.status}: ${received.text.slice(0, 500)}`);
  return { seconds: round(received.seconds, 3), answer: JSON.parse(received.text) as WhatIfAnswer };
}

export interface StreamedWhatIf {
  progressLines: number;
  firstLineSeconds: number;
  resultSeconds: number;
  /** The progress lines' `done`/`total` and `cases`, in order. */
  progress: Array<{ done: number; total: number; cases: number; seconds: number }>;
  answer: WhatIfAnswer;
}

/** One streamed what-if (`Accept: application/x-ndjson`): progress lines, then the result as the last line. */
export async function streamWhatIf(baseUrl: string, token: string, body: WhatIfBody): Promise<StreamedWhatIf> {
  const received = await post(baseUrl, token, body, 'application/x-ndjson');
  if (received.status !== 200) throw new Error(`streamed what-if answered ${received.status}: ${received.text}`);
  const parsed = received.lines.map((line) => JSON.parse(line) as { type: string } & Record<string, unknown>);
  const last = parsed.at(-1);
  if (last?.type !== 'result') throw new Error(`the stream's last line is not the result: ${received.lines.at(-1)}`);
  const progress = parsed.flatMap((line, i) =>
    line.type === 'progress'
      ? [{ ...(line as unknown as { done: number; total: number; cases: number }), seconds: received.lineSeconds[i]! }]
      : [],
  );
  if (progress.length !== parsed.length - 1)
    throw new Error('the stream has lines other than progress before its result');
  const { type: _type, ...answer } = last;
  return {
    progressLines: progress.length,
    firstLineSeconds: round(received.lineSeconds[0]!, 3),
    resultSeconds: round(received.lineSeconds.at(-1)!, 3),
    progress: progress.map((p) => ({ done: p.done, total: p.total, cases: p.cases, seconds: round(p.seconds, 3) })),
    answer: answer as unknown as WhatIfAnswer,
  };
}

/** Samples this process's RSS every 50 ms while `measure` runs: the peak, in MiB. */
export async function withPeakRss<T>(measure: () => Promise<T>): Promise<{ result: T; peakRssMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  try {
    const result = await measure();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRssMiB: round(peak / 2 ** 20, 1) };
  } finally {
    clearInterval(timer);
  }
}
