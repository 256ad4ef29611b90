import { describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import { SailPlanPage } from './support/page-driver';
import {
  changedFraction,
  clickMap,
  colorCentroid,
  setBasemap,
  findColorSpots,
  mapScreenshot,
  popupText,
  setChoroplethMetric,
  setLayer,
  settle,
  urlState,
  waitForResultsDrawn,
} from './support/map-driver';
import { COUNTY_COLORS, SELECTION_COLOR, STATION_COLORS } from '../../src/map/layer-specs';

describe.skipIf(chromiumMissing)('map layers in Chromium', () => {
  const env = e2eEnv();

  it('draws the demo with results; the coverage layer and the choropleth change the picture; nothing leaves the machine', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await waitForResultsDrawn(app);
      await settle(app);
      const px = await app.mapPixels({ nr: STATION_COLORS.nr, nrRedcap: STATION_COLORS.nrRedcap });
      expect(px.matches.nr).toBeGreaterThan(10);
      expect(px.matches.nrRedcap).toBeGreaterThan(10);

      const withCoverage = await mapScreenshot(app);
      await setLayer(app, 'nrCoverage', false);
      const withoutCoverage = await mapScreenshot(app);
      expect(await changedFraction(withCoverage, withoutCoverage)).toBeGreaterThan(0.02);
      await setLayer(app, 'nrCoverage', true);
      expect(await changedFraction(withCoverage, await mapScreenshot(app))).toBeLessThan(0.005);

      await setLayer(app, 'choropleth', true);
      const per10k = await mapScreenshot(app);
      expect(await changedFraction(withCoverage, per10k)).toBeGreaterThan(0.1);
      expect(await app.page.isVisible('[data-testid="legend-choropleth"]')).toBe(true);
      await setChoroplethMetric(app, 'nrAreaPct');
      expect(await changedFraction(per10k, await mapScreenshot(app))).toBeGreaterThan(0.02);

      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('clicking a station shows its popup with site id and bands', async () => {
    // Zoomed in on the 玉树市 area: the fitted overview (which leaves room for the layer
    // panel) draws sites too small to aim at.
    const app = await env.open('?view=96.80000,33.10000,8.00');
    try {
      await app.waitForDemo();
      await waitForResultsDrawn(app);
      await setLayer(app, 'nrCoverage', false);
      const spots = await findColorSpots(app, STATION_COLORS.nr);
      expect(spots.length).toBeGreaterThan(0);
      let text = '';
      for (const s of spots) {
        await clickMap(app, s.x, s.y);
        const el = await app.page.$('[data-testid="station-popup"]');
        if (el) {
          text = (await el.textContent()) ?? '';
          break;
        }
      }
      expect(text).toMatch(/站号/);
      expect(text).toMatch(/n(28|1|41|78|79)\b/);
      expect(text).toMatch(/5G 建模半径/);
      expect(app.offMachineRequests()).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('the URL carries the view and the selected area; a reload restores both', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await waitForResultsDrawn(app);
      await setLayer(app, 'stations', false);
      await setLayer(app, 'nrCoverage', false);
      const box = await app.page.locator('[data-testid="map"] canvas').boundingBox();
      if (!box) throw new Error('no map canvas');
      // Inside the region: the middle of the county outlines (the fit leaves room for the
      // layer panel, so the region is not at the map's centre).
      const mid = await colorCentroid(app, COUNTY_COLORS.line);
      await clickMap(app, mid.x, mid.y);
      await app.page.mouse.move(box.x + mid.x + 5, box.y + mid.y + 5);
      const tooltip = await app.page.waitForSelector('[data-testid="map-tooltip"]');
      expect(((await tooltip.textContent()) ?? '').length).toBeGreaterThan(1);
      const popup = await popupText(app, 'area-popup');
      expect(popup).toMatch(/每万人 5G 基站/);
      await app.page.waitForFunction(() => new URL(location.href).searchParams.has('view'));
      const before = await urlState(app);
      expect(before.sel).toMatch(/^county:\d{6}$/);
      expect(before.view).toHaveLength(3);
      const selected = (await app.mapPixels({ sel: SELECTION_COLOR })).matches.sel;
      expect(selected).toBeGreaterThan(50);

      // Move the view somewhere else, then reload: the URL's view wins over fitting the data.
      await app.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
      await app.page.mouse.wheel(0, -400);
      await app.page.waitForTimeout(1000);
      await app.page.waitForFunction(
        (z) => Number(new URL(location.href).searchParams.get('view')?.split(',')[2]) > z + 0.3,
        before.view?.[2] ?? 0,
      );
      const moved = await urlState(app);
      await app.page.reload();
      await app.waitForDemo();
      await waitForResultsDrawn(app);
      await settle(app);
      const after = await urlState(app);
      expect(after.sel).toBe(before.sel);
      expect(after.view?.[2]).toBeCloseTo(moved.view?.[2] ?? 0, 1);
      expect(after.view?.[0]).toBeCloseTo(moved.view?.[0] ?? 0, 2);
      expect(after.view?.[1]).toBeCloseTo(moved.view?.[1] ?? 0, 2);
      expect((await app.mapPixels({ sel: SELECTION_COLOR })).matches.sel).toBeGreaterThan(50);
      expect(app.offMachineRequests()).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('GCJ-02 tiles: the app shifts its own layers onto them, requests only the configured tiles, and remembers the setting', async () => {
    // Zoomed in on Yushu city, where the 100–700 m offset is several pixels.
    const app = await SailPlanPage.open(env.browser, env.url, '?view=97.01000,33.00000,12.50');
    try {
      await app.waitForDemo();
      await waitForResultsDrawn(app);
      await setLayer(app, 'nrCoverage', false);
      await setLayer(app, 'townZones', false);
      const before = await colorCentroid(app, STATION_COLORS.nr);
      expect(before.n).toBeGreaterThan(20);
      // Tiles from the app's own origin (they 404): no test may reach the network.
      const tiles = `${new URL(env.url).origin}/test-tiles/{z}/{x}/{y}.png`;
      await setBasemap(app, tiles, 'GCJ02');
      await app.page.waitForFunction(
        () => document.querySelectorAll('[data-testid="map"] canvas').length === 1,
      );
      await settle(app);
      await settle(app);
      const after = await colorCentroid(app, STATION_COLORS.nr);
      const moved = Math.hypot(after.x - before.x, after.y - before.y);
      expect(moved).toBeGreaterThan(3);
      expect(app.requests.some((u) => u.includes('/test-tiles/'))).toBe(true);
      expect(app.offMachineRequests()).toEqual([]);
      await app.page.reload();
      await app.waitForDemo();
      expect(await app.page.textContent('[data-testid="basemap-status"]')).toContain('GCJ-02');
    } finally {
      await app.close();
    }
  });
});
