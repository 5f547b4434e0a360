// One export in a process of its own, so its peak memory is its own: bench/ledger.ts runs it once per
// mode and reads the JSON line it prints. Modes: `xlsx` and `csv` (the product's streamed exports),
// `select` (the same query through the same cursor, rows dropped: the database's share), and `copy`
// (COPY … TO STDOUT of the same rows into a file: PostgreSQL alone).
// Env: DATABASE_URL, BENCH_EXPORT_MODE, BENCH_EXPORT_FROM (ISO instant), BENCH_EXPORT_OUT (file).
import { createWriteStream, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { ledgerExportRecords } from '../api/exports/ledger-export';
import { createSql } from '../shared/db/sql';
import type { Viewer } from '../shared/domain/access';
import { exportLedgerCsv } from '../api/exports/ledger-csv';
import { exportLedgerXlsx } from '../api/exports/ledger-xlsx';

async function main(): Promise<void> {
  const { DATABASE_URL: url, BENCH_EXPORT_MODE: mode, BENCH_EXPORT_FROM: from, BENCH_EXPORT_OUT: out } = process.env;
  if (!url || !mode || !from || !out)
    throw new Error('DATABASE_URL, BENCH_EXPORT_MODE, BENCH_EXPORT_FROM, BENCH_EXPORT_OUT');
  const sql = createSql(url, { max: 1 });
  const office: Viewer = { tokenId: '00000000-0000-0000-0000-000000000000', role: 'office', unitId: null };
  const filter = { reportedFrom: new Date(from) };
  await sql`SELECT 1`;
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  let rows = 0;
  if (mode === 'xlsx') rows = await exportLedgerXlsx(sql, office, filter, createWriteStream(out));
  else if (mode === 'csv') rows = await exportLedgerCsv(sql, office, filter, createWriteStream(out));
  else if (mode === 'select') {
    for await (const batch of ledgerExportRecords(sql, office, filter)) rows += batch.length;
  } else if (mode === 'copy') {
    // The export's SELECT (api/exports/ledger-export.ts), as COPY takes it: values inline, no parameters.
    const since = new Date(from).toISOString();
    const copy = await sql
      .unsafe(
        `COPY (
          WITH RECURSIVE locality_path(code, path) AS (
            SELECT code, name FROM localities WHERE parent_code IS NULL
            UNION ALL
            SELECT l.code, p.path || '/' || l.name FROM localities l JOIN locality_path p ON l.parent_code = p.code)
          SELECT c.id, c.kind, c.visit_id IS NOT NULL, c.reported_by, c.title, c.description, c.status, c.close_reason,
                 c.overdue, c.escalation_level, c.lead_unit_id, c.co_handlers, lu.name,
                 ARRAY(SELECT coalesce(u.name, h.id) FROM unnest(c.co_handlers) WITH ORDINALITY AS h(id, n)
                       LEFT JOIN units u ON u.id = h.id ORDER BY h.n),
                 coalesce(cat.name, c.category), coalesce(lp.path, c.locality), c.assigned_at, c.deadline, c.measures,
                 c.last_report_at, c.last_report_summary, c.last_report_percent, r.name, r.phone, r.erased_at IS NOT NULL
          FROM cases c
          LEFT JOIN reporters r ON r.id = c.reporter_id
          LEFT JOIN categories cat ON cat.code = c.category
          LEFT JOIN locality_path lp ON lp.code = c.locality
          LEFT JOIN units lu ON lu.id = c.lead_unit_id
          WHERE c.reported_at >= '${since}'
          ORDER BY c.reported_at DESC, c.id DESC) TO STDOUT`,
      )
      .readable();
    // Rows counted as COPY's text format ends them (a newline inside a value is escaped as \n);
    // a query on this pool after COPY … TO STDOUT hangs in postgres.js 3.4.
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        for (const byte of chunk) if (byte === 0x0a) rows++;
        done(null, chunk);
      },
    });
    await pipeline(copy, counter, createWriteStream(out));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await sql.end({ timeout: 5 });
  const bytes = mode === 'select' ? 0 : statSync(out).size;
  // maxRSS is the kernel's high-water mark for the whole process (KiB), sampling included or not.
  console.log(
    JSON.stringify({
      mode,
      rows,
      ms: Math.round(ms),
      bytes,
      rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
      peakRssSampledMiB: Math.round(peak / 2 ** 20),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
