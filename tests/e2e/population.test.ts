import { describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import { acceptImport } from './support/import-driver';
import {
  changedFraction,
  mapScreenshot,
  setLayer,
  settle,
  waitForResultsDrawn,
} from './support/map-driver';
import { GEO_4326, encodeTiff } from '../unit/support/tiff-encode';

// A population raster over the whole demo region (Yushu, ~89–98° E, 31–37° N) at 0.05°:
// a few people per pixel everywhere, a dense block around 玉树市 (97.0° E, 33.0° N).
const W = 89;
const N = 37;
const D = 0.05;
const COLS = 180;
const ROWS = 120;

function populationTiff(): Buffer {
  const data = new Float32Array(COLS * ROWS);
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      const lon = W + (c + 0.5) * D;
      const lat = N - (r + 0.5) * D;
      const town = Math.abs(lon - 97) < 0.3 && Math.abs(lat - 33) < 0.3;
      data[r * COLS + c] = town ? 5000 : 2 + (c % 7);
    }
  }
  const bytes = encodeTiff({
    width: COLS,
    height: ROWS,
    data,
    sampleType: 'Float32',
    rowsPerStrip: 8,
    origin: [W, N, D, D],
    geoKeys: GEO_4326,
  });
  return Buffer.from(bytes);
}

async function modelOf(app: Awaited<ReturnType<ReturnType<typeof e2eEnv>['open']>>) {
  const el = await app.page.waitForSelector('[data-testid="population-model"]');
  return {
    surface: await el.getAttribute('data-surface'),
    synthetic: await el.getAttribute('data-synthetic'),
    text: (await el.textContent()) ?? '',
  };
}

describe.skipIf(chromiumMissing)('population surfaces in Chromium', () => {
  const env = e2eEnv();

  it('draws density and settlements on the demo, names its model, and switches to an imported raster', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await waitForResultsDrawn(app);
      await settle(app);

      // The demo places people by its synthetic settlements, and says so.
      const demo = await modelOf(app);
      expect(demo.surface).toBe('settlements');
      expect(demo.synthetic).toBe('true');
      expect(demo.text).toMatch(/人口模型/);
      expect(demo.text).toMatch(/合成/);

      const before = await mapScreenshot(app);
      await setLayer(app, 'density', true);
      await settle(app);
      const withDensity = await mapScreenshot(app);
      expect(changedFraction(before, withDensity)).toBeGreaterThan(0.02);
      expect(await app.page.isVisible('[data-testid="density-legend"]')).toBe(true);

      await setLayer(app, 'settlements', true);
      await settle(app);
      const withSettlements = await mapScreenshot(app);
      expect(changedFraction(withDensity, withSettlements)).toBeGreaterThan(0.001);
      expect(await app.page.textContent('[data-testid="settlement-legend"]')).toMatch(/合成/);

      // An own raster replaces the demo's synthetic settlements as the surface.
      await app.importFile('population-raster', 'yushu_ppp_2020.tif', populationTiff());
      await acceptImport(app);
      const notice = await app.waitForImportNotice();
      expect(notice).toMatch(/yushu_ppp_2020\.tif/);
      await app.page.waitForFunction(
        () =>
          document
            .querySelector('[data-testid="population-model"]')
            ?.getAttribute('data-surface') === 'raster',
        undefined,
        { timeout: 120_000 },
      );
      await app.waitForAnalysis();
      const raster = await modelOf(app);
      expect(raster.synthetic).toBe('false');
      expect(raster.text).toMatch(/yushu_ppp_2020\.tif/);
      expect(raster.text).toMatch(/2020/);
      expect(await app.datasets()).toEqual(
        expect.arrayContaining([expect.stringMatching(/人口栅格.*yushu_ppp_2020\.tif/)]),
      );
      await settle(app);
      expect(changedFraction(withSettlements, await mapScreenshot(app))).toBeGreaterThan(0.01);

      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
