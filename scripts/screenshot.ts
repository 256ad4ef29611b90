// Takes the README screenshot (docs/screenshot.png) of the built app with the demo region.
// Usage: npx vite build && npx tsx scripts/screenshot.ts   (needs /usr/bin/chromium and CJK fonts)
import { launchChromium } from '../tests/e2e/support/browser';
import { startPreview } from '../tests/e2e/support/server';
import { SailPlanPage } from '../tests/e2e/support/page-driver';

const server = await startPreview();
const browser = await launchChromium();
try {
  const app = await SailPlanPage.open(browser.browser, server.url);
  await app.waitForDemo();
  await app.page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  await server.close();
}
