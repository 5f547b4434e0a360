// axe-core in a console page (issue 15: no serious or critical violation on any desk). The script is
// injected from node_modules, never fetched, and run once the page has settled: the desk's heading
// shown and no loading mask or skeleton left, so axe reads what a person would.
import type { Page } from 'playwright-core';

const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

/** What a failure prints of each violation: the rule, its advice, and where. */
export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The impacts issue 15 forbids; `moderate` and `minor` are reported by axe but do not fail the check. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Waits until nothing on the page is still loading (Element Plus's masks and skeletons gone) or
 * moving: a dialog fading in is measured by axe at its half-transparent colours. Endless animations
 * (a spinner) are not waited for. A string: it runs in the page.
 */
export async function settled(page: Page): Promise<void> {
  await page.locator('.el-loading-mask:visible, .el-skeleton:visible').first().waitFor({ state: 'detached' });
  await page.waitForFunction(
    `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)`,
  );
}

/**
 * The serious and critical violations of the whole document. A string runs in the page (as in
 * console-pages.ts), so the page needs no types of ours.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await settled(page);
  const hasAxe = await page.evaluate<boolean>('typeof window.axe === "object"');
  if (!hasAxe) await page.addScriptTag({ path: AXE_SCRIPT });
  // AXE_DEBUG=1 prints every node with axe's reason (the colours measured, the name missing).
  const debug = Boolean(process.env.AXE_DEBUG);
  const violations = await page.evaluate<Violation[]>(`
    window.axe.run(document, { resultTypes: ['violations'] }).then((results) =>
      results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes
          .slice(0, ${debug ? 50 : 3})
          .map((node) => node.target.join(' ') + (${debug} ? ' :: ' + node.failureSummary : '')),
      })),
    )`);
  return violations.filter((v) => BLOCKING.has(v.impact ?? ''));
}

/** One line per violation, for the assertion's message: `color-contrast (serious): … → .tag, .badge`. */
export const describeViolations = (where: string, violations: Violation[]): string =>
  [`${where}:`, ...violations.map((v) => `  ${v.id} (${v.impact}): ${v.help} → ${v.targets.join(' | ')}`)].join('\n');

/**
 * A place in the console and what shows it has drawn: a heading (the case page names itself by its
 * title, so `ready` instead), then `views` — a tab, a dialog — each opened in turn and checked too.
 */
export interface Stop {
  path: string;
  heading?: string;
  ready?: string;
  views?: Array<{ name: string; open: (page: Page) => Promise<void> }>;
}

/**
 * Opens each stop in the same tab (the session lives in its sessionStorage), runs axe on it and on
 * each of its views, and returns the findings: empty when all is well.
 */
export async function tour(page: Page, origin: string, who: string, stops: Stop[]): Promise<string[]> {
  const findings: string[] = [];
  const check = async (where: string) => {
    const violations = await seriousViolations(page);
    if (violations.length) findings.push(describeViolations(`${who} ${where}`, violations));
  };
  for (const stop of stops) {
    await page.goto(`${origin}/${stop.path}`);
    if (stop.heading) await page.getByRole('heading', { name: stop.heading, exact: true }).waitFor();
    if (stop.ready) await page.locator(stop.ready).first().waitFor();
    await check(`/${stop.path}`);
    for (const view of stop.views ?? []) {
      await view.open(page);
      await check(`/${stop.path} ${view.name}`);
    }
  }
  return findings;
}

/** A view: the case page's action dialog for `label`, open with its confirm button shown. */
export const actionDialog = (label: string) => ({
  name: `${label} dialog`,
  open: async (page: Page) => {
    await page.locator('.case-actions').getByRole('button', { name: label, exact: true }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: `确认${label}` })
      .waitFor();
  },
});

/** A view: a tab of an Element Plus tab bar, by its label. */
export const tabView = (label: string, ready: string) => ({
  name: `${label} tab`,
  open: async (page: Page) => {
    await page.getByRole('tab', { name: label, exact: true }).click();
    await page.locator(ready).first().waitFor();
  },
});
