import { describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import { answerDemo, demoQuestion, removeDatasetEntry } from './support/import-driver';
import { urlState } from './support/map-driver';

// The synthetic demo never mixes with the user's data (issue 11): own boundaries replace the
// demo's, and every demo dataset can be removed, down to an empty workspace.

const box = (code: string, name: string, x: number, y: number, d: number) => ({
  type: 'Feature',
  properties: { code, name },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x - d, y - d],
        [x + d, y - d],
        [x + d, y + d],
        [x - d, y + d],
        [x - d, y - d],
      ],
    ],
  },
});

// Two 西宁 districts, far from Yushu: where the map must go after the import.
const XINING = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    box('630102', '城东区', 101.83, 36.6, 0.04),
    box('630103', '城中区', 101.76, 36.6, 0.03),
  ],
});

const badgeShown = (app: { page: { isVisible: (s: string) => Promise<boolean> } }) =>
  app.page.isVisible('[data-testid="synthetic-badge"]');

describe.skipIf(chromiumMissing)('demo data in Chromium', () => {
  const env = e2eEnv();

  it('own county boundaries replace the demo counties, their township list and the synthetic sites; the map fits them', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      expect(Object.keys(await app.townshipRows())).toHaveLength(49);
      const [lon0] = (await urlState(app)).view ?? [NaN];
      expect(lon0).toBeLessThan(99);

      await app.importFile('boundaries', 'xining.geojson', XINING);
      const question = await demoQuestion(app);
      expect(question.remove).toEqual([
        '演示区县边界 yushu-counties.geojson（6 个区域）',
        '合成站点 yushu-stations.csv（706 个站点）',
      ]);
      expect(question.text).toContain('49 个乡镇');
      await answerDemo(app, 'default');
      await app.waitForImportNotice();
      await app.waitForAnalysis();
      await app.waitForMapIdle();

      expect((await app.countyRows()).map((r) => r.code)).toEqual(['630102', '630103']);
      for (const code of ['630102', '630103'])
        expect(await app.cellText(code, 'sites5g')).toBe('0');
      expect(await app.page.isVisible('[data-testid="townships"]')).toBe(false);
      expect(await badgeShown(app)).toBe(false);
      // The map moved to 西宁.
      await expect
        .poll(async () => (await urlState(app)).view?.slice(0, 2), { timeout: 30_000 })
        .toEqual([expect.closeTo(101.79, 1), expect.closeTo(36.6, 1)]);
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('removes every demo dataset in turn and stays usable: no sites, then no areas, then nothing', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      expect(await badgeShown(app)).toBe(true);

      await removeDatasetEntry(app, 'yushu-stations.csv');
      await app.page.waitForFunction(
        () =>
          [...document.querySelectorAll('[data-testid="area-table"] td[data-col="sites5g"]')].every(
            (td) => td.textContent === '0',
          ),
        undefined,
        { timeout: 60_000 },
      );
      await app.waitForAnalysis();
      expect(await badgeShown(app)).toBe(false);
      expect((await app.countyRows()).length).toBe(6);
      expect(Object.keys(await app.townshipRows())).toHaveLength(49);

      await removeDatasetEntry(app, 'yushu-counties.geojson');
      await app.page.waitForSelector('text=尚未加载区域边界', { timeout: 60_000 });
      expect(await app.page.isVisible('[data-testid="townships"]')).toBe(false);

      await removeDatasetEntry(app, 'yushu-population.csv');
      await app.page.waitForSelector('[data-testid="datasets"]', { state: 'detached' });
      await app.page.waitForSelector('[data-testid="analysis-progress"]', { state: 'detached' });
      // Still an app: the import buttons work on the empty workspace.
      expect(await app.page.isEnabled('[data-testid="import-stations"]')).toBe(true);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
