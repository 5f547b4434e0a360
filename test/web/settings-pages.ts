// The settings desk as steps a person takes: open a tab, fill the new-account form, pick a policy
// duration, edit a routing rule's row. Only what a user sees and clicks; locators wait.
import type { Locator, Page } from 'playwright-core';
import { choose } from './console-pages';

export async function openSettingsTab(page: Page, tab: string): Promise<void> {
  await page.locator('[data-desk="settings"]').click();
  await page.getByRole('heading', { name: '设置' }).waitFor();
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

/** The open dialog with this title (Element Plus keeps closed ones in the page, hidden). */
export const dialogTitled = (page: Page, title: string): Locator =>
  page.locator('.el-dialog', { has: page.locator('.el-dialog__title', { hasText: title }) });

/** The error Element Plus shows under a form item, found by the item's label. */
export const fieldErrorOf = (form: Locator, label: string): Locator =>
  formItem(form, label).locator('.el-form-item__error');

/** A form item by its label's text (an inner locator of `has` is relative: from the page, not the form). */
export const formItem = (form: Locator, label: string): Locator =>
  form.locator('.el-form-item', { has: form.page().locator('.el-form-item__label', { hasText: label }) });

/**
 * Element Plus's toasts, by their class: they carry role="alert", as a form's refusal does, so a role
 * query would also find the refusal a test means to keep on screen.
 */
const toasts = (page: Page): Locator => page.locator('.el-message');

/** A success toast with this text. */
export const toast = (page: Page, text: string): Locator => toasts(page).filter({ hasText: text }).first();

/** Resolves once no toast is left on screen (before a screenshot meant to show the page alone). */
export const toastsGone = (page: Page): Promise<void> => toasts(page).first().waitFor({ state: 'detached' });

/** The tab shown now (a tab once opened stays in the page, hidden). */
export const activePane = (page: Page): Locator => page.locator('.el-tab-pane[aria-hidden="false"]');

/** A row of the shown tab's table holding this text. */
export const tableRow = (page: Page, text: string): Locator =>
  activePane(page).locator('.el-table__body tr', { hasText: text });

/** Sets one duration of the policy form: its number and its unit (个工作日, 天, 小时, …). */
export async function setDuration(page: Page, dialog: Locator, label: string, amount: number, unit: string) {
  const item = formItem(dialog, label);
  await choose(page, item.locator('.el-select'), unit);
  const input = item.locator('.el-input-number input');
  await input.fill(String(amount));
  await input.press('Tab');
  return item;
}

/** The n-th row (0-based) of the routing rules table, and its cells by column. */
export function ruleRow(page: Page, n: number) {
  const row = page.locator('.rules-table .el-table__body tr').nth(n);
  const cell = (column: number) => row.locator('td').nth(column);
  return {
    row,
    id: row.getByLabel('规则编号'),
    category: cell(1).locator('.el-select'),
    locality: cell(2).locator('.el-select'),
    lead: cell(4).locator('.el-select'),
    problems: cell(6),
  };
}

/** Until no loading mask is left (it fades out after the data is drawn): for a clean screenshot. */
export const loadingDone = (page: Page) => page.locator('.el-loading-mask').first().waitFor({ state: 'detached' });

/** The what-if dialog: 发布前影响预览. */
export const whatIfDialog = (page: Page): Locator => dialogTitled(page, '发布前影响预览');

/** One figure of the preview (cases, changedLead, changedCoHandlers, toTriage), as shown. */
export const whatIfFigure = (dialog: Locator, figure: string): Locator => dialog.locator(`[data-figure="${figure}"]`);

/** A unit's row of the preview's per-unit table, by the unit's name. */
export const unitShiftRow = (dialog: Locator, unit: string): Locator =>
  dialog.locator('.units .el-table__body tr', { has: dialog.page().locator(`[data-unit-row="${unit}"]`) });

/** A row of 版本记录, by its version. */
export const versionRow = (page: Page, version: number): Locator =>
  page.locator('[data-test="rule-set-history"] .el-table__body tr', { hasText: `第 ${version} 版` });
