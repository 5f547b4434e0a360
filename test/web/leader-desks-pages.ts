// What a leader does on the 统计与通报 and 驾驶舱 desks, as steps a test reads like a story. Only what
// the page shows; Playwright's locators wait, nothing sleeps.
import type { Locator, Page } from 'playwright-core';

/** Opens a desk from the side menu and waits for its heading. */
export async function openDesk(page: Page, title: string): Promise<void> {
  await page.getByRole('menuitem', { name: title }).click();
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
}

/** The per-group table's row of one unit, by the name it shows. */
export const figureRow = (page: Page, unitName: string): Locator =>
  page.locator('[data-test="figure-table"] .el-table__body tr', {
    has: page.locator('td', { hasText: new RegExp(`^${unitName}$`) }),
  });

/** The text of one figure of a unit's row (`closeRate`, `received`, …). */
export const figureText = (page: Page, unitName: string, figure: string): Promise<string | null> =>
  figureRow(page, unitName).locator(`[data-figure="${figure}"]`).textContent();

/** The width and height of a chart's canvas, once ECharts has drawn it. */
export async function chartCanvasSize(page: Page, chart: string): Promise<{ width: number; height: number }> {
  const canvas = page.locator(`[data-chart="${chart}"] canvas`).first();
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

/** A case's row (or, on a phone, card) in one of the cockpit's lists (`escalated-cases`, `overdue-cases`). */
export const cockpitRow = (page: Page, list: string, caseId: string): Locator =>
  page.locator(`[data-test="${list}"] :is(.el-table__body tr, .case-card)`, {
    has: page.locator(`[data-case-id="${caseId}"]`),
  });

/** The rate as the desk writes it: one decimal and %, — without a denominator. */
export const asPercent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
