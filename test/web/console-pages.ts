// What a person does in the console, as steps a test reads like a story: log in, open an inbox item,
// take an action through its form. Only what a user sees and clicks; Playwright's locators wait for
// each thing to appear, so no step sleeps or times anything.
import type { Locator, Page } from 'playwright-core';

/** From `url` (the console's origin, or a login page that says where to go back to). */
export async function logInWithPassword(page: Page, url: string, login: string, password: string): Promise<void> {
  await page.goto(url.includes('/login') ? url : `${url}/`);
  await page.getByLabel('账号', { exact: true }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '工作台', exact: true }).waitFor();
}

/** The inbox's count of one kind, as its filter tag shows it (`待分诊 1`). */
export async function inboxCount(page: Page, kind: string): Promise<number> {
  const tag = page.locator(`.counts [data-kind="${kind}"] .count`);
  return Number(await tag.textContent());
}

/** The count on the menu's 工作台 entry. */
export async function menuCount(page: Page): Promise<number> {
  return Number(await page.locator('[data-desk="inbox"] .el-badge__content').textContent());
}

export function inboxItem(page: Page, caseId: string): Locator {
  return page.locator(`.items .item[data-case-id="${caseId}"]`);
}

export async function openCase(page: Page, caseId: string): Promise<void> {
  await inboxItem(page, caseId).first().click();
  await page.waitForURL(`**/cases/${caseId}`);
  await page.locator('.case-actions').waitFor();
}

export const caseStatus = (page: Page): Locator => page.locator('[data-test="status"]');

/** Waits until the case shows `status` (the page reloads the case after every action). */
export async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.locator('[data-test="status"]', { hasText: status }).waitFor();
}

/** Opens an action's form from its button, lets `fill` answer it, confirms. */
export async function startAction(page: Page, label: string, fill: (form: Locator) => Promise<void> = async () => {}) {
  await page.locator('.case-actions').getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: `确认${label}` }).waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: `确认${label}` }).click();
  return dialog;
}

/** An action that goes through: the console says `said` and the dialog closes. */
export async function act(page: Page, label: string, said: string, fill?: (form: Locator) => Promise<void>) {
  const dialog = await startAction(page, label, fill);
  await page.locator('.el-message', { hasText: said }).first().waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

/** Picks an option of an Element Plus select by its visible label. */
export async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The timeline entry of an event type, with its 责任人 line. */
export const timelineEntry = (page: Page, type: string): Locator => page.locator(`.event[data-event-type="${type}"]`);

/** The page scrolls sideways: wider content than the viewport. (A string: this runs in the page, not Node.) */
export const scrollsSideways = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth');
