// Statistics at a city's scale (issue 14): GET /v1/statistics over the ledger bench's 1,000,000 cases
// (bench/ledger-data.ts) and their folded statistics (bench/statistics-data.ts), one month by unit,
// timed through the real API (app.inject: auth, validation, SQL, ranking, serialisation), with the
// plan PostgreSQL chose. Target: p95 ≤ 200 ms. Run: npm run bench -- statistics
//   BENCH_STATISTICS_CASES=1000000  BENCH_STATISTICS_RUNS=50
import { performance } from 'node:perf_hooks';
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app';
import { createToken } from '../shared/db/tokens';
import { lastCompletePeriod } from '../shared/supervision/periods';
import { generateLedger } from './ledger-data';
import { deriveStatistics } from './statistics-data';
import { machine, writeResult, type SummaryRow } from './support/results';
import { round, summarize } from './support/stats';
import { atMost } from './support/targets';
import { CITY_POSTGRES_SETTINGS, startCityDatabase } from './support/city-postgres';

const CASES = Number(process.env.BENCH_STATISTICS_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_STATISTICS_RUNS ?? 50);
const P95_TARGET_MS = 200;

export async function runStatisticsBench(): Promise<object> {
  const city = await startCityDatabase('statistics');
  const { sql } = city;
  let app: FastifyInstance | undefined;
  try {
    // The route never calls Temporal; the client is lazy and never connects.
    app = await buildApp({ sql, temporal: new Client(), taskQueue: 'bench-none', rateLimitPerMinute: 1_000_000 });
    const api = app;
    const data = await generateLedger(sql, CASES, (line) => console.log(line));
    const derived = await deriveStatistics(sql);
    console.log(`  cases in ${JSON.stringify(data.seconds)} s; statistics derived in ${derived.seconds} s`);
    const office = await createToken(sql, { name: 'bench office', role: 'office', unitId: null });
    const unit = await createToken(sql, { name: 'bench unit', role: 'unit', unitId: 'city-management' });
    const month = lastCompletePeriod('month', Date.now()).label;
    const [active] = await sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM case_statistics
      WHERE last_at >= ${lastCompletePeriod('month', Date.now()).startsAt}`;

    const time = async (name: string, url: string, token: string) => {
      const headers = { authorization: `Bearer ${token}` };
      const warm = await api.inject({ method: 'GET', url, headers });
      if (warm.statusCode !== 200) throw new Error(`${url}: ${warm.statusCode} ${warm.body}`);
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const response = await api.inject({ method: 'GET', url, headers });
        ms.push(performance.now() - started);
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
      }
      const latency = summarize(ms);
      console.log(`  ${name.padEnd(40)} p50 ${latency.p50} ms p95 ${latency.p95} ms`);
      // Each call's time in the order timed, so a reader sees whether the slow ones cluster (warm-up) or not.
      const inOrder = ms.map((t) => round(t, 1));
      return { name, url, groups: warm.json<{ groups: unknown[] }>().groups.length, ...latency, ms: inOrder };
    };
    const calls = [
      await time('month by unit, office', `/v1/statistics?period=month&from=${month}&groupBy=unit`, office.token),
      await time(
        'month by locality, office',
        `/v1/statistics?period=month&from=${month}&groupBy=locality`,
        office.token,
      ),
      await time('month by unit, unit scope', `/v1/statistics?period=month&from=${month}&groupBy=unit`, unit.token),
    ];
    const plan = await sql.unsafe(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM case_statistics c
      WHERE c.last_at >= '${lastCompletePeriod('month', Date.now()).startsAt}'
        AND c.reported_at < '${lastCompletePeriod('month', Date.now()).endsAt}'`);
    const main = calls[0]!;
    const summary: SummaryRow[] = [
      {
        figure: `GET /v1/statistics, one month by unit, ${CASES.toLocaleString('en')} cases: p50 / p95`,
        value: `${main.p50} / ${main.p95} ms`,
        baseline: `${active!.n.toLocaleString('en')} cases active in the month read`,
        ratio: `p95 ${round(main.p95 / P95_TARGET_MS, 2)}× target`,
        target: `≤ ${P95_TARGET_MS} ms: ${main.p95 <= P95_TARGET_MS ? 'holds' : 'fails'}`,
      },
    ];
    const result = {
      bench: 'statistics',
      ...machine(),
      postgres: { version: 15, settings: CITY_POSTGRES_SETTINGS },
      data: { ...data, statistics: derived, month, activeInMonth: active!.n },
      summary,
      targets: [
        atMost('GET /v1/statistics, one month by unit: p95 ms', main.p95, P95_TARGET_MS, { baseline: P95_TARGET_MS }),
      ],
      calls,
      plan: plan[0],
      note:
        'through app.inject (auth, validation, SQL, ranking, JSON); case_statistics derived from the ledger ' +
        'bench’s case rows in SQL (bench/statistics-data.ts), not folded from generated events',
    };
    writeResult(result);
    return result;
  } finally {
    await app?.close();
    await city.close();
  }
}
