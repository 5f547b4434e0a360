// What-if routing at a city's scale (issue 17): POST /v1/routing/what-if over the ledger bench's
// 1,000,000 cases (bench/ledger-data.ts) through the real API over loopback HTTP, against the plain
// scan of the same rows (`SELECT count(*) FROM cases`) in the same run. The draft changes a fair
// share of the cases (support/what-if-draft.ts); every answer's figures are checked to hold together.
// Target: the answer over 1,000,000 cases in ≤ 10 s (median). Run: npx tsx bench/run.ts what-if
//   BENCH_WHATIF_CASES=1000000  BENCH_WHATIF_RUNS=5
import type { AddressInfo } from 'node:net';
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app';
import { xingyiDemo } from '../scripts/lib/demo/xingyi';
import { ensureCategory } from '../shared/db/reference';
import { loadPublishedRules, publishRules } from '../shared/db/rules';
import { createToken } from '../shared/db/tokens';
import { generateLedger } from './ledger-data';
import { machine, writeResult, type SummaryRow } from './support/results';
import { percentile, round } from './support/stats';
import { atMost } from './support/targets';
import { checkAnswer, DROPPED_RULE, FILTER_LOCALITY, lastCompleteQuarter, whatIfDraft } from './support/what-if-draft';
import { streamWhatIf, timeWhatIf, withPeakRss } from './support/what-if-http';
import { countAll, countFiltered, groupAll, readCosts, timeQuery, timeSteps } from './support/what-if-postgres';
import { CITY_POSTGRES_SETTINGS, startCityDatabase } from './support/city-postgres';

const CASES = Number(process.env.BENCH_WHATIF_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_WHATIF_RUNS ?? 5);
const TARGET_SECONDS = 10;

const median = (values: readonly number[]) => round(percentile(values, 50), 3);
const max = (values: readonly number[]) => round(Math.max(...values), 3);
const headline = (answer: { cases: number; changedLead: number; changedCoHandlers: number; toTriage: number }) =>
  `${answer.cases} cases: lead ${answer.changedLead}, co-handlers ${answer.changedCoHandlers}, to triage ${answer.toTriage}`;

export async function runWhatIfBench(): Promise<object> {
  const city = await startCityDatabase('what-if');
  const { sql } = city;
  let app: FastifyInstance | undefined;
  try {
    const data = await generateLedger(sql, CASES, (line) => console.log(line));
    console.log(`  cases in ${JSON.stringify(data.seconds)} s; table ${data.tableSizeMiB} MiB`);
    // The ledger bench writes case rows only; routing needs the categories and their business owners.
    for (const category of xingyiDemo.categories) await ensureCategory(sql, category);
    if ((await loadPublishedRules(sql)).version === 0) await publishRules(sql, xingyiDemo.rules, 'bench');
    const inForce = await loadPublishedRules(sql);
    const draft = whatIfDraft(inForce.rules);
    const { token } = await createToken(sql, { name: 'bench office', role: 'office', unitId: null });

    // The route never calls Temporal; the client is lazy and never connects.
    app = await buildApp({ sql, temporal: new Client(), taskQueue: 'bench-none', rateLimitPerMinute: 1_000_000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // Warm-up: the table into the buffer cache, the route and the engine compiled.
    const warm = await timeWhatIf(baseUrl, token, { rules: draft });
    checkAnswer('warm-up', warm.answer, CASES);
    console.log(`  warm-up ${warm.seconds} s; ${headline(warm.answer)}`);

    const measured = await withPeakRss(async () => {
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await timeWhatIf(baseUrl, token, { rules: draft });
        checkAnswer(`run ${i + 1}`, run.answer, CASES);
        runs.push(run.seconds);
        console.log(`  what-if run ${i + 1}: ${run.seconds} s`);
      }
      return runs;
    });
    const runs = measured.result;

    const quarter = lastCompleteQuarter(Date.now());
    const filter = { ...quarter, locality: FILTER_LOCALITY };
    const filtered = await timeWhatIf(baseUrl, token, { rules: draft, filter });
    checkAnswer(
      'filtered',
      filtered.answer,
      await countFiltered(sql, quarter.reportedFrom, quarter.reportedTo, FILTER_LOCALITY),
    );
    console.log(`  filtered ${JSON.stringify(filter)}: ${filtered.seconds} s; ${headline(filtered.answer)}`);

    const streamed = await streamWhatIf(baseUrl, token, { rules: draft });
    checkAnswer('streamed', streamed.answer, CASES);
    console.log(
      `  streamed: ${streamed.progressLines} progress lines, first ${streamed.firstLineSeconds} s, result ${streamed.resultSeconds} s`,
    );

    const countRuns = await timeQuery(RUNS, () => countAll(sql));
    const groupRuns = await timeQuery(RUNS, () => groupAll(sql));
    const steps = await timeSteps(sql, draft);
    const read = await readCosts(sql);
    console.log(`  count(*) median ${median(countRuns)} s; one grouped statement ${median(groupRuns)} s`);
    console.log(
      `  in-process steps ${JSON.stringify(steps)}; read ${read.wallMs} ms (CPU here ${read.processCpuMs} ms), in PostgreSQL ${read.executionMs} ms, ${read.rows} rows`,
    );

    const value = median(runs);
    const baseline = median(countRuns);
    const target = {
      ...atMost(`POST /v1/routing/what-if over ${CASES} cases: median s`, value, TARGET_SECONDS, { baseline }),
      target: `≤ ${TARGET_SECONDS} s`,
    };
    const all = warm.answer;
    const summary: SummaryRow[] = [
      {
        figure: `POST /v1/routing/what-if, ${CASES.toLocaleString('en')} cases, no filter: median / max of ${RUNS}`,
        value: `${value} / ${max(runs)} s`,
        baseline: `${baseline} s SELECT count(*); ${median(groupRuns)} s the grouping as one statement`,
        ratio: `${round(value / baseline, 1)}× count(*)`,
        target: `≤ ${TARGET_SECONDS} s: ${target.holds ? 'holds' : 'fails'}`,
      },
      {
        figure: `what-if, one quarter (${quarter.reportedFrom}…${quarter.reportedTo}) in ${FILTER_LOCALITY}`,
        value: `${filtered.seconds} s (${filtered.answer.cases.toLocaleString('en')} cases)`,
        baseline: '',
        ratio: '',
      },
      {
        figure: 'what-if streamed (NDJSON): first line / result',
        value: `${streamed.firstLineSeconds} / ${streamed.resultSeconds} s, ${streamed.progressLines} progress lines`,
        baseline: `${value} s JSON`,
        ratio: '',
      },
      {
        figure: `what-if's grouped read, ${read.slices.length} block slices: wall / this process's CPU / PostgreSQL execution`,
        value: `${round(read.wallMs / 1000, 2)} / ${round(read.processCpuMs / 1000, 2)} / ${round(read.executionMs / 1000, 2)} s, ${read.rows.toLocaleString('en')} rows for ${read.groups.toLocaleString('en')} groups`,
        baseline: `${median(groupRuns)} s one grouped statement`,
        ratio: '',
      },
      {
        figure: 'what-if: bench process peak RSS over the timed runs (API in-process)',
        value: `${measured.peakRssMiB} MiB`,
        baseline: '',
        ratio: '',
      },
    ];
    const result = {
      bench: 'what-if',
      ...machine(),
      postgres: { version: 15, settings: CITY_POSTGRES_SETTINGS },
      data: { ...data, towns: data.towns.length, villages: data.villages.length },
      rules: {
        inForceVersion: inForce.version,
        inForce: inForce.rules.length,
        draft: draft.length,
        dropped: DROPPED_RULE,
        added: draft.filter((rule) => !inForce.rules.some((kept) => kept.id === rule.id)).map((rule) => rule.id),
      },
      summary,
      targets: [target],
      whatIf: {
        runsSeconds: runs,
        medianSeconds: value,
        maxSeconds: max(runs),
        warmUpSeconds: warm.seconds,
        peakRssMiB: measured.peakRssMiB,
        processMaxRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
        answer: { ...all, examples: all.examples.slice(0, 3), exampleCount: all.examples.length },
      },
      filtered: { filter, seconds: filtered.seconds, answer: { ...filtered.answer, examples: undefined } },
      streamed: { ...streamed, answer: undefined },
      baseline: { countRunsSeconds: countRuns, countMedianSeconds: baseline, groupOneStatementSeconds: groupRuns },
      steps,
      read,
      note:
        'through HTTP on loopback to the API in this process (auth, validation, compiling, the grouped read, ' +
        'the comparison, the preview saved, JSON); the baseline is SELECT count(*) on the same PostgreSQL',
    };
    writeResult(result);
    return result;
  } finally {
    await app?.close();
    await city.close();
  }
}
