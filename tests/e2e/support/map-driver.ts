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
