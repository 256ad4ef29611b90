import { describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import {
  changedFraction,
  clickMap,
  mapScreenshot,
  setLayer,
  settle,
  waitForResultsDrawn,
} from './support/map-driver';

/** A 3″ SRTM tile N33E097 (under 玉树市's seat): hills of ±300 m around 4,200 m. */
function hgtTile(): Buffer {
  const n = 1201;
  const buf = Buffer.alloc(n * n * 2);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      buf.writeInt16BE(
        Math.round(4200 + 300 * Math.sin(c / 15) * Math.cos(r / 18)),
        (r * n + c) * 2,
      );
  return buf;
}

describe.skipIf(chromiumMissing)('terrain in Chromium', () => {
  const env = e2eEnv();

  it('an imported .hgt joins the demo: the hillshade layer shades the map and switches off; the profile tool shows LOS/NLOS and its numbers', async () => {
    const app = await env.open('?view=97.50000,33.50000,9.00');
    try {
      await app.waitForDemo();
      await waitForResultsDrawn(app);
      await settle(app);
      expect(await app.page.isVisible('[data-testid="layer-toggle-hillshade"]')).toBe(false);
      const before = await mapScreenshot(app);

      await app.importFile('dem', 'N33E097.hgt', hgtTile());
      await app.page.waitForSelector('[data-testid="layer-toggle-hillshade"]', {
        timeout: 180_000,
      });
      await app.waitForAnalysis();
      await waitForResultsDrawn(app);
      await settle(app);
      expect(await app.datasets()).toEqual(
        expect.arrayContaining([expect.stringMatching(/N33E097\.hgt/)]),
      );
      const shaded = await mapScreenshot(app);
      expect(await changedFraction(before, shaded)).toBeGreaterThan(0.1);

      await setLayer(app, 'hillshade', false);
      const off = await mapScreenshot(app);
      expect(await changedFraction(shaded, off)).toBeGreaterThan(0.1);

      // The path profile: transmitter and receiver clicked on the map (over the tile).
      await app.page.click('[data-testid="measure-profile"]');
      await app.page.waitForSelector('[data-testid="profile-hint"]');
      const box = (await app.page.locator('[data-testid="map"] canvas').boundingBox())!;
      await clickMap(app, box.width * 0.45, box.height * 0.5);
      await clickMap(app, box.width * 0.6, box.height * 0.55);
      await app.page.waitForSelector('[data-testid="profile-view"]', { timeout: 60_000 });
      expect(await app.page.textContent('[data-testid="profile-los"]')).toMatch(/^(视距|非视距)$/);
      expect(await app.page.textContent('[data-testid="profile-distance"]')).toMatch(/\d/);
      expect(await app.page.textContent('[data-testid="profile-diffraction"]')).toMatch(
        /\d+(\.\d)? dB/,
      );
      expect(await app.page.textContent('[data-testid="profile-path-loss"]')).toMatch(/\d dB/);
      expect(await app.page.textContent('[data-testid="profile-nr"]')).toMatch(
        /dBm · (覆盖|不覆盖)/,
      );
      expect(await app.page.textContent('[data-testid="profile-redcap"]')).toMatch(/dBm/);
      expect(await app.page.isVisible('[data-testid="profile-chart"]')).toBe(true);
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 300_000);
});
