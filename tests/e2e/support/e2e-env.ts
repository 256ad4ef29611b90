import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, launchChromium, type LaunchedBrowser } from './browser';
import { SailPlanPage } from './page-driver';
import { startPreview } from './server';

/** True when Debian's Chromium is absent: e2e suites skip with this message printed once. */
export const chromiumMissing = !chromiumAvailable();
if (chromiumMissing)
  console.warn('e2e skipped: /usr/bin/chromium not found (apt-get install chromium)');

export interface E2eEnv {
  /** A fresh page (own context) on the built app, `query` appended to its URL. */
  open(query?: string, viewport?: { width: number; height: number }): Promise<SailPlanPage>;
  readonly url: string;
  readonly browser: Browser;
}

/**
 * The built app served by `vite preview` and one Chromium, started before the describe
 * block's tests and stopped after them. Call at the top of a `describe`.
 */
export function e2eEnv(): E2eEnv {
  let browser: LaunchedBrowser | undefined;
  let server: { url: string; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    server = await startPreview();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = () => {
    if (!browser || !server)
      throw new Error('e2e environment not started (call e2eEnv in a describe)');
    return { browser: browser.browser, url: server.url };
  };
  return {
    open: (query = '', viewport?: { width: number; height: number }) =>
      SailPlanPage.open(started().browser, started().url, query, viewport),
    get url() {
      return started().url;
    },
    get browser() {
      return started().browser;
    },
  };
}
