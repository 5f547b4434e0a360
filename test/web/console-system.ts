// The whole system for a browser test file, listening on a real port with the console served: the
// console built first when web/dist is stale (the API routes the files it finds when it starts), then
// the test system of test/support/system.ts (its own database, a real worker, the API), then a browser.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { projectRoot } from '../../scripts/lib/processes';
import { ensureConsoleBuilt } from '../../scripts/lib/web-build';
import { startSystem, type TestSystem } from '../support/system';
import { launchChromium } from './chromium';

export const SCREENSHOTS = join(projectRoot, '.data', 'test', 'screenshots');

export interface ConsoleSystem {
  system: TestSystem;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  origin: string;
  /**
   * A fresh browser context (its own sessionStorage: one person), in a zone far from Beijing so that
   * every time shown proves it is converted, not the browser's.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** .data/test/screenshots/<name>.png, the whole page unless told (a dialog's overlay covers the viewport only). */
  screenshot(page: Page, name: string, options?: { fullPage: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export async function startConsoleSystem(prefix: string): Promise<ConsoleSystem> {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const system = await startSystem(prefix);
  const contexts: BrowserContext[] = [];
  let browser: Browser | null = null;
  try {
    await system.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = system.app.server.address() as AddressInfo;
    browser = await launchChromium();
    const opened = browser;
    return {
      system,
      browser: opened,
      origin: `http://127.0.0.1:${port}`,
      async newPage(options = {}) {
        const context = await opened.newContext({
          locale: 'zh-CN',
          timezoneId: 'America/Los_Angeles',
          viewport: { width: 1280, height: 900 },
          ...options,
        });
        contexts.push(context);
        return context.newPage();
      },
      async screenshot(page, name, { fullPage } = { fullPage: true }) {
        // Transitions finished first: a dialog caught while it fades in shows the page through it.
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
      },
      async stop() {
        for (const context of contexts) await context.close();
        await opened.close();
        await system.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await system.stop();
    throw error;
  }
}
