// The web console's weight (issue 15): what a browser downloads on the first load — index.html's
// scripts, styles and module preloads, gzipped — against the budget of 400 KB of gzipped
// JavaScript and CSS, from a fresh build. Each desk's own chunks load on its first visit and are listed
// apart. Run: npm run bench -- console
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildConsole, consoleDist, consoleFirstLoad } from '../scripts/lib/web-build';
import { machine, writeResult, type SummaryRow } from './support/results';
import { round } from './support/stats';
import { atMost } from './support/targets';

const FIRST_LOAD_BUDGET_KB = 400;

const gzipKb = (file: string) => round(gzipSync(readFileSync(join(consoleDist, file))).length / 1024, 1);

export async function runConsoleBench(): Promise<object> {
  const started = Date.now();
  buildConsole();
  const buildSeconds = round((Date.now() - started) / 1000, 1);
  const first = consoleFirstLoad();
  const firstKb = round(first.gzipBytes / 1024, 1);
  const assets = readdirSync(join(consoleDist, 'assets')).filter((file) => /\.(js|css)$/.test(file));
  const lazy = assets
    .map((file) => `assets/${file}`)
    .filter((file) => !first.files.includes(file))
    .map((file) => ({ file, gzipKb: gzipKb(file) }))
    .sort((a, b) => b.gzipKb - a.gzipKb);
  const summary: SummaryRow[] = [
    {
      figure: 'console first load (index.html’s scripts, styles, preloads), gzipped',
      value: `${firstKb} KB`,
      baseline: `${FIRST_LOAD_BUDGET_KB} KB budget`,
      ratio: `${round(firstKb / FIRST_LOAD_BUDGET_KB, 2)}`,
      target: `≤ ${FIRST_LOAD_BUDGET_KB} KB: ${firstKb <= FIRST_LOAD_BUDGET_KB ? 'holds' : 'fails'}`,
    },
  ];
  const result = {
    bench: 'console',
    ...machine(),
    buildSeconds,
    firstLoad: { gzipKb: firstKb, files: first.files.map((file) => ({ file, gzipKb: gzipKb(file) })) },
    // Loaded on a desk's first visit: the desks' own code, Element Plus parts they use, ECharts.
    lazyChunks: lazy,
    summary,
    targets: [
      atMost('console first load, gzipped KB', firstKb, FIRST_LOAD_BUDGET_KB, { baseline: FIRST_LOAD_BUDGET_KB }),
    ],
    note: 'vite build of web/ (npm run build:web); sizes gzipped with Node zlib at its default level',
  };
  writeResult(result);
  return result;
}
