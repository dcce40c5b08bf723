/** Headless Chromium for browser tests (Debian's /usr/bin/chromium through playwright-core). */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when browser tests can run; in CI they must (a missing browser then fails instead of skipping). */
export const browserAvailable = existsSync(CHROMIUM) || !!process.env.CI;

/** `describe`, or `describe.skip` with a clear message when Chromium is absent outside CI. */
export function describeBrowser(name: string, fn: () => void): void {
  if (browserAvailable) {
    describe(name, fn);
    return;
  }
  process.stderr.write(
    `SKIPPED browser tests "${name}": ${CHROMIUM} is absent (apt-get install -y chromium); CI is unset.\n`,
  );
  describe.skip(name, fn);
}

/** Launch headless Chromium with the flags these machines need. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
