// Takes the README screenshot (docs/screenshot.png) of the built app with the demo region.
// Usage: npx vite build && npx tsx scripts/screenshot.ts   (needs /usr/bin/chromium and CJK fonts)
import { launchChromium } from '../tests/e2e/support/browser';
import { startPreview } from '../tests/e2e/support/server';
import { SailPlanPage } from '../tests/e2e/support/page-driver';
import { setLayer, settle, waitForResultsDrawn } from '../tests/e2e/support/map-driver';
import { clickRow } from '../tests/e2e/support/panels-driver';

const server = await startPreview();
const browser = await launchChromium();
try {
  const app = await SailPlanPage.open(browser.browser, server.url);
  await app.waitForDemo();
  await waitForResultsDrawn(app);
  // The coverage and the gaps of 玉树市, with its detail open: what a planner looks at first.
  await setLayer(app, 'nrCoverage', true);
  await setLayer(app, 'gaps', true);
  await clickRow(app, '632701');
  await app.page.waitForTimeout(1500);
  await waitForResultsDrawn(app);
  await settle(app);
  await app.page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  await server.close();
}
