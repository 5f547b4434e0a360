// Debian's Chromium for the console's browser tests: Playwright's own browser download cannot work on
// these machines, so playwright-core drives /usr/bin/chromium. As with PostgreSQL
// (scripts/lib/postgres-server.ts), a run as root installs what is missing with apt-get: chromium, and
// fonts-noto-cjk so that Chinese renders in the screenshots rather than as boxes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { underProjectLock } from '../../scripts/lib/web-build';

export const CHROMIUM = '/usr/bin/chromium';
const CJK_FONTS = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

const installed = () => existsSync(CHROMIUM) && existsSync(CJK_FONTS);

export function ensureChromium(): string {
  if (installed()) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    throw new Error(`the browser tests need ${CHROMIUM} and CJK fonts: apt-get install chromium fonts-noto-cjk`);
  }
  // Browser test files start at once: one installs, the others wait and find it done.
  underProjectLock('chromium-install', () => {
    if (installed()) return;
    console.log('duban: installing chromium and fonts-noto-cjk with apt-get…');
    const apt = (args: string[]) =>
      spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (
      apt(['update', '-qq']).status !== 0 ||
      apt(['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk']).status !== 0
    ) {
      throw new Error('apt-get could not install chromium and fonts-noto-cjk; install them by hand');
    }
  });
  return CHROMIUM;
}

/** One headless browser per test file. As root Chromium refuses its sandbox, as in a container. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    chromiumSandbox: false,
    args: ['--disable-dev-shm-usage', '--disable-gpu'],
  });
}
