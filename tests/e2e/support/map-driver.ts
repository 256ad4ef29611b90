import { colorDistance, readPng, rgb } from './pixels';
import type { SailPlanPage } from './page-driver';

// Map verbs for the layer tests, on top of SailPlanPage: what a user does with the layer
// panel and the map, and what they see there.

/** Waits until the map has drawn the latest analysis results (and data). */
export async function waitForResultsDrawn(app: SailPlanPage): Promise<void> {
  await app.page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="map"]');
      if (!el) return false;
      const r = Number(el.getAttribute('data-results-version'));
      const s = Number(el.getAttribute('data-snapshot-version'));
      return (
        r > 0 &&
        s > 0 &&
        Number(el.getAttribute('data-idle-results-version')) >= r &&
        Number(el.getAttribute('data-idle-version')) >= s
      );
    },
    undefined,
    { timeout: 120_000 },
  );
}

/** Lets the map finish drawing after a style change (two idle frames after the change). */
export async function settle(app: SailPlanPage): Promise<void> {
  await app.page.waitForTimeout(300);
  await app.page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  await app.page.waitForTimeout(300);
}

export async function setLayer(app: SailPlanPage, id: string, on: boolean): Promise<void> {
  await app.page.setChecked(`[data-testid="layer-toggle-${id}"]`, on);
  await settle(app);
}

export async function setChoroplethMetric(app: SailPlanPage, metric: string): Promise<void> {
  await app.page.selectOption('[data-testid="choropleth-metric"]', metric);
  await settle(app);
}

export async function mapScreenshot(app: SailPlanPage): Promise<Buffer> {
  return app.page.locator('[data-testid="map"] canvas').screenshot();
}

/** Share of pixels that differ (by more than a little) between two map screenshots. */
export function changedFraction(a: Buffer, b: Buffer): number {
  const pa = readPng(a);
  const pb = readPng(b);
  if (pa.data.length !== pb.data.length) return 1;
  let changed = 0;
  for (let i = 0; i < pa.width * pa.height; i++) {
    const d = pb.data;
    if (colorDistance(pa, i, [d[4 * i], d[4 * i + 1], d[4 * i + 2]]) > 30) changed++;
  }
  return changed / (pa.width * pa.height);
}

/**
 * Canvas positions (CSS pixels from the canvas' top-left) of pixels of `hex`, whose
 * 3×3 neighbourhood is the same colour: the inside of a station dot, not its edge.
 */
export async function findColorSpots(
  app: SailPlanPage,
  hex: string,
  max = 20,
): Promise<Array<{ x: number; y: number }>> {
  const p = readPng(await mapScreenshot(app));
  const want = rgb(hex);
  const near = (x: number, y: number) => colorDistance(p, y * p.width + x, want) < 30;
  const out: Array<{ x: number; y: number }> = [];
  // Skip the top-left corner where the layer panel sits over the canvas.
  for (let y = 3; y < p.height - 3 && out.length < max; y++) {
    for (let x = 3; x < p.width - 3 && out.length < max; x++) {
      if (x < 320 && y < 600) continue;
      let ok = true;
      for (let dy = -1; dy <= 1 && ok; dy++)
        for (let dx = -1; dx <= 1 && ok; dx++) ok = near(x + dx, y + dy);
      if (ok && !out.some((q) => Math.abs(q.x - x) < 10 && Math.abs(q.y - y) < 10))
        out.push({ x, y });
    }
  }
  return out;
}

/** Clicks the map canvas at a canvas position. */
export async function clickMap(app: SailPlanPage, x: number, y: number): Promise<void> {
  await app.page.locator('[data-testid="map"] canvas').click({ position: { x, y } });
}

export async function popupText(
  app: SailPlanPage,
  testId: 'station-popup' | 'area-popup',
): Promise<string> {
  const el = await app.page.waitForSelector(`[data-testid="${testId}"]`, { timeout: 10_000 });
  return (await el.textContent()) ?? '';
}

/** The URL's `view` (lon, lat, zoom) and `sel` parameters. */
export async function urlState(
  app: SailPlanPage,
): Promise<{ view: number[] | null; sel: string | null }> {
  const u = new URL(app.page.url());
  const v = u.searchParams.get('view');
  return { view: v ? v.split(',').map(Number) : null, sel: u.searchParams.get('sel') };
}

/** Centroid (canvas pixels) and count of the pixels near `hex`. */
export async function colorCentroid(
  app: SailPlanPage,
  hex: string,
): Promise<{ x: number; y: number; n: number }> {
  const p = readPng(await mapScreenshot(app));
  const want = rgb(hex);
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      if (x < 320 && y < 600) continue; // under the layer panel
      if (colorDistance(p, y * p.width + x, want) < 30) {
        sx += x;
        sy += y;
        n++;
      }
    }
  }
  return { x: n ? sx / n : 0, y: n ? sy / n : 0, n };
}

/** Sets an online tile URL and its CRS in the basemap settings, as a user does. */
export async function setBasemap(
  app: SailPlanPage,
  url: string,
  crs: 'WGS84' | 'GCJ02',
): Promise<void> {
  await app.page.click('[data-testid="map-settings"] summary');
  await app.page.fill('[data-testid="basemap-url"]', url);
  await app.page.selectOption('[data-testid="basemap-crs"]', crs);
  await app.page.click('[data-testid="basemap-apply"]');
  await settle(app);
}

// --- Map tools: place search, measuring, print ------------------------------------------

export interface SearchHit {
  kind: string;
  id: string;
  text: string;
}

/** Types into the place search and returns the results list as shown. */
export async function searchPlace(app: SailPlanPage, text: string): Promise<SearchHit[]> {
  await app.page.fill('[data-testid="place-search-input"]', text);
  await app.page.waitForSelector('#place-search-results li', { timeout: 15_000 });
  return app.page.$$eval('#place-search-results li', (lis) =>
    lis.map((li) => ({
      kind: li.getAttribute('data-kind') ?? '',
      id: li.getAttribute('data-id') ?? '',
      text: li.textContent ?? '',
    })),
  );
}

/** Clicks one search result (the map then moves to it). */
export async function pickSearchHit(app: SailPlanPage, kind: string, id: string): Promise<void> {
  await app.page.click(`#place-search-results li[data-kind="${kind}"][data-id="${id}"]`);
}

/** Waits until the URL's view (written after the map stops moving) differs from `before`. */
export async function waitForViewChange(
  app: SailPlanPage,
  before: number[] | null,
): Promise<number[]> {
  const key = before ? before.join(',') : '';
  await app.page.waitForFunction(
    (k) => {
      const v = new URL(location.href).searchParams.get('view');
      return v !== null && v.split(',').map(Number).join(',') !== k;
    },
    key,
    { timeout: 15_000 },
  );
  await settle(app);
  return (await urlState(app)).view ?? [];
}

/** Picks a measuring mode and clicks the given canvas positions. */
export async function measureAt(
  app: SailPlanPage,
  mode: 'distance' | 'area',
  points: Array<{ x: number; y: number }>,
): Promise<string> {
  await app.page.click(`[data-testid="measure-${mode}"]`);
  for (const p of points) await clickMap(app, p.x, p.y);
  await settle(app);
  return (await app.page.textContent('[data-testid="measure-value"]')) ?? '';
}

/** The boxes (page CSS pixels) of the map canvas and of an element. */
export async function box(
  app: SailPlanPage,
  selector: string,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await app.page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not visible`);
  return b;
}

/**
 * A screenshot of the map canvas with the overlays (layer panel, toolbar) hidden, so the
 * pixels are the map's own; the layout does not change.
 */
export async function bareMapScreenshot(app: SailPlanPage): Promise<Buffer> {
  const style = await app.page.addStyleTag({
    content: '[data-map-overlay], .maplibregl-ctrl { visibility: hidden !important; }',
  });
  try {
    return await mapScreenshot(app);
  } finally {
    await style.evaluate((el) => (el as Element).remove());
  }
}

/**
 * Prints the map view as the user does ("打印 / PDF", paper, orientation, 打印) with the
 * browser's print dialog stubbed, then renders the print page to PDF as Chromium's
 * "Save as PDF" would.
 */
export async function printMapToPdf(
  app: SailPlanPage,
  paper: 'A4' | 'A3',
  orientation: 'landscape' | 'portrait',
): Promise<{ pdf: Buffer; sheetText: string; printed: boolean }> {
  await app.page.evaluate(() => {
    (window as unknown as { __printed: boolean }).__printed = false;
    window.print = () => {
      (window as unknown as { __printed: boolean }).__printed = true;
    };
  });
  await app.page.click('[data-testid="print-open"]');
  await app.page.selectOption('[data-testid="print-paper"]', paper);
  await app.page.selectOption('[data-testid="print-orientation"]', orientation);
  await app.page.click('[data-testid="print-go"]');
  await app.page.waitForSelector('[data-testid="print-sheet"][data-ready="true"]', {
    state: 'attached',
    timeout: 30_000,
  });
  await app.page.waitForFunction(() => (window as unknown as { __printed: boolean }).__printed);
  const sheetText = (await app.page.textContent('[data-testid="print-sheet"]')) ?? '';
  await app.page.emulateMedia({ media: 'print' });
  const pdf = await app.page.pdf({ preferCSSPageSize: true, printBackground: true });
  const printed = await app.page.evaluate(
    () => (window as unknown as { __printed: boolean }).__printed,
  );
  await app.page.emulateMedia({ media: 'screen' });
  return { pdf, sheetText, printed };
}
