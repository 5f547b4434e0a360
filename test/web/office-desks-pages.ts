// Steps on 分诊与交办 and 整改台账 as a person takes them: open the desk from the menu, assign a triage
// case from its card, pick filters, read the ledger's rows. Locators wait; nothing sleeps.
import type { Locator, Page } from 'playwright-core';
import { choose } from './console-pages';

export async function openDesk(page: Page, desk: 'triage-dispatch' | 'ledger', heading: string): Promise<void> {
  await page.locator(`[data-desk="${desk}"]`).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
}

export const triageCard = (page: Page, caseId: string): Locator =>
  page.locator(`.triage-case[data-case-id="${caseId}"]`);

/** 交办 on a triage card: the dialog's 牵头单位 by its Chinese name, then 确认交办. */
export async function assignFromTriage(page: Page, caseId: string, unitName: string, note: string): Promise<void> {
  await triageCard(page, caseId).getByRole('button', { name: '交办', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await choose(page, dialog.getByLabel('牵头单位'), unitName);
  await dialog.getByLabel('备注').fill(note);
  await dialog.getByRole('button', { name: '确认交办' }).click();
  await page.locator('.el-message', { hasText: '已交办' }).first().waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

/** Picks an option of a select in the ledger's filter bar, found by its field's label. */
export async function pickFilter(page: Page, label: string, option: string): Promise<void> {
  const field = page
    .locator('.ledger-filters .el-form-item')
    .filter({ has: page.locator('.el-form-item__label', { hasText: label }) });
  // The wrapper, not the input: in a multiple select the placeholder lies over the (empty) input.
  await field.locator('.el-select__wrapper').click();
  await page.getByRole('option', { name: option, exact: true }).click();
  // A multiple select stays open after a pick; Escape closes its list so the next control is reachable.
  await page.keyboard.press('Escape');
}

export async function search(page: Page): Promise<void> {
  await page.locator('.ledger-filters').getByRole('button', { name: '查询' }).click();
}

export const ledgerTotal = (page: Page): Locator => page.locator('[data-test="ledger-total"]');

/** The ids of the ledger rows on screen, in order. */
export async function ledgerRowIds(page: Page): Promise<string[]> {
  const titles = await page.locator('[data-test="ledger-rows"] .el-table__body-wrapper .title[data-case-id]').all();
  return Promise.all(titles.map(async (title) => (await title.getAttribute('data-case-id')) ?? ''));
}

export const columnHeader = (page: Page, label: string): Locator =>
  page.locator('[data-test="ledger-rows"] .el-table__header-wrapper th', { hasText: label });
