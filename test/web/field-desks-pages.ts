// Steps of the 走访登记 and 走访进度 desks as a person takes them (docs/console-field.md): fill the
// visit, add problems, read the outbox. Locators wait for what they look for; nothing sleeps.
import type { Locator, Page } from 'playwright-core';
import { choose } from './console-pages';

export interface ProblemInput {
  category: string;
  title: string;
  description: string;
  measures?: string;
}

export async function openDesk(page: Page, desk: string, heading: string): Promise<void> {
  await page.locator(`[data-desk="${desk}"]`).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
}

export async function fillVisit(
  page: Page,
  visit: { targetName: string; locality: string; notes: string; problems: ProblemInput[] },
): Promise<void> {
  await page.getByLabel('走访对象（户主、村寨、单位名称）').fill(visit.targetName);
  await choose(page, page.locator('.el-form-item', { hasText: /^属地/ }).locator('.el-select'), visit.locality);
  await page.getByLabel('走访情况').fill(visit.notes);
  for (const [i, problem] of visit.problems.entries()) {
    await page.getByRole('button', { name: '＋ 添加问题' }).click();
    const card = page.locator(`.problem[data-problem="${i}"]`);
    await choose(page, card.locator('.el-form-item', { hasText: '问题类别' }).locator('.el-select'), problem.category);
    await card.getByLabel(`问题${i + 1}标题`).fill(problem.title);
    await card.getByLabel(`问题${i + 1}描述`).fill(problem.description);
    if (problem.measures) {
      await card.getByText('当场解决', { exact: true }).click();
      await card.getByLabel(`问题${i + 1}解决措施`).fill(problem.measures);
    }
  }
}

/** The outbox entry of the visit to `targetName` (the newest such). */
export const outboxEntry = (page: Page, targetName: string): Locator =>
  page.locator('.outbox .entry', { hasText: targetName }).first();

export const entryState = (entry: Locator): Locator => entry.locator('[data-test="entry-state"]');

/** The case numbers the outbox shows for an accepted visit, in problem order. */
export async function caseNumbers(entry: Locator): Promise<string[]> {
  const texts = await entry.locator('[data-test="case-id"]').allTextContents();
  return texts.map((t) => t.replace(/^编号\s*/, '').trim());
}
