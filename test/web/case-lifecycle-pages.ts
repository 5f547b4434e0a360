// Steps of a case's whole life as the people at its desks take them (docs/console.md): go back to the
// 工作台 and find what waits there, answer a form's date picker and its yes/no, read what a form says
// next to a field. Locators wait for what they look for; nothing sleeps.
import type { Locator, Page } from 'playwright-core';
import { inboxItem } from './console-pages';

/** To the 工作台 from the menu (the inbox is asked afresh when its desk opens). */
export async function backToInbox(page: Page): Promise<void> {
  await page.locator('[data-desk="inbox"]').click();
  await page.getByRole('heading', { name: '工作台', exact: true }).waitFor();
}

/** The inbox item of this case with this kind's tag (a case can wait on a person for several reasons). */
export const inboxItemOfKind = (page: Page, caseId: string, kindLabel: string): Locator =>
  inboxItem(page, caseId).filter({ has: page.locator('.el-tag', { hasText: kindLabel }) });

/** From the 工作台, the item of `kindLabel` for this case: waits for it, then opens the case from it. */
export async function openFromInbox(page: Page, caseId: string, kindLabel: string): Promise<string> {
  await backToInbox(page);
  const item = inboxItemOfKind(page, caseId, kindLabel);
  await item.waitFor();
  const said = (await item.textContent()) ?? '';
  await item.click();
  await page.waitForURL(`**/cases/${caseId}`);
  await page.locator('.case-actions').waitFor();
  return said;
}

const formItem = (form: Locator, label: string): Locator =>
  form.locator('.el-form-item').filter({ has: form.page().locator('.el-form-item__label', { hasText: label }) });

/** Types a Beijing wall-clock time into a date picker as the picker shows it (2026年12月3日 17:00). */
export async function typeDateTime(form: Locator, label: string, shown: string): Promise<void> {
  const input = form.getByLabel(label);
  await input.fill(shown);
  await input.press('Enter');
}

/** Picks one answer of a yes/no field by its word (同意, 不满意…). */
export async function answer(form: Locator, label: string, word: string): Promise<void> {
  await formItem(form, label).getByText(word, { exact: true }).click();
}

/** What the form says under a field (the API's field error, or a missing required answer). */
export const fieldError = (form: Locator, label: string): Locator =>
  formItem(form, label).locator('.el-form-item__error');

/** An instant as a clerk types it into a picker: Beijing wall clock, 2026年12月3日 17:00. */
export function beijingWallClock(instant: number): string {
  const b = new Date(instant + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${b.getUTCFullYear()}年${b.getUTCMonth() + 1}月${b.getUTCDate()}日 ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

/** The 责任人 line of every timeline entry, in the timeline's order: [what, who]. */
export async function timelineSteps(page: Page): Promise<Array<[string, string]>> {
  const entries = await page.locator('.event').all();
  return Promise.all(
    entries.map(async (entry) => {
      const what = (await entry.locator('.what').textContent()) ?? '';
      const who = ((await entry.locator('.who').textContent()) ?? '').replace(/^责任人：/, '');
      return [what.trim(), who.trim()] as [string, string];
    }),
  );
}
