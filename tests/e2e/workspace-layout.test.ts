// The planning workspace's layout (issue 14 "Layout" and the township tab): a resizable,
// remembered side panel whose tables keep 名称 and 每万人 5G 基站 in view, a map fit that
// keeps the region clear of the layer panel, and a township tab that says what is missing.
import { describe, expect, it } from 'vitest';
import { COUNTY_COLORS } from '../../src/map/layer-specs';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import { answerDemo } from './support/import-driver';
import {
  bareMapScreenshot,
  box,
  setLayer,
  settle,
  urlState,
  waitForResultsDrawn,
} from './support/map-driver';
import {
  clickRow,
  clippedHeadlineCells,
  dragPanelResizer,
  showLevel,
  sidePanelWidth,
  totalsRow,
} from './support/panels-driver';
import { colorDistance, readPng, rgb } from './support/pixels';

/** Canvas pixels of the county outline colour inside a box given in canvas pixels. */
function countyPixelsIn(
  png: Buffer,
  area: { x0: number; y0: number; x1: number; y1: number },
): { inside: number; total: number } {
  const p = readPng(png);
  const want = rgb(COUNTY_COLORS.line);
  let [inside, total] = [0, 0];
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      if (colorDistance(p, y * p.width + x, want) >= 40) continue;
      total++;
      if (x >= area.x0 && x <= area.x1 && y >= area.y0 && y <= area.y1) inside++;
    }
  }
  return { inside, total };
}

const square = (x: number, y: number, d: number) => [
  [
    [x - d, y - d],
    [x + d, y - d],
    [x + d, y + d],
    [x - d, y + d],
    [x - d, y - d],
  ],
];

/** A county in two parts, a large one and a small one far apart, both in view once fitted. */
const TWO_PARTS = { big: [101.0, 36.0, 0.2], small: [102.0, 36.0, 0.05] } as const;
const TWO_PART_COUNTY = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '630121', name: '大通县' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [square(...TWO_PARTS.big), square(...TWO_PARTS.small)],
      },
    },
  ],
});

/** Canvas position of a WGS-84 point under a view (Web Mercator, 512 px tiles). */
function canvasAt(
  lon: number,
  lat: number,
  canvas: { width: number; height: number },
  view: number[],
): { x: number; y: number } {
  const [lon0, lat0, zoom] = view;
  const world = 512 * 2 ** zoom;
  const mercY = (l: number) => Math.log(Math.tan(Math.PI / 4 + (l * Math.PI) / 360));
  return {
    x: canvas.width / 2 + ((lon - lon0) * world) / 360,
    y: canvas.height / 2 - ((mercY(lat) - mercY(lat0)) * world) / (2 * Math.PI),
  };
}

describe.skipIf(chromiumMissing)('workspace layout in Chromium', () => {
  const env = e2eEnv();

  it('1366 × 768: headline columns never clipped; the panel resizes, is remembered; fits keep clear of the layer panel; the township tab says boundaries are missing', async () => {
    const app = await env.open('', { width: 1366, height: 768 });
    try {
      await app.waitForDemo();
      await waitForResultsDrawn(app);
      expect(await clippedHeadlineCells(app)).toEqual([]);

      // The first fit keeps every county outline off the layer panel.
      const canvas = await box(app, '[data-testid="map"] canvas');
      const panel = await box(app, '[data-testid="layer-panel"]');
      const under = {
        x0: panel.x - canvas.x,
        y0: panel.y - canvas.y,
        x1: panel.x - canvas.x + panel.width,
        y1: panel.y - canvas.y + panel.height,
      };
      await settle(app);
      const first = countyPixelsIn(await bareMapScreenshot(app), under);
      expect(first.total).toBeGreaterThan(100);
      expect(first.inside).toBe(0);

      // Drag the handle 200 px to the left: the panel widens by 200, the table stays whole.
      const before = await sidePanelWidth(app);
      await dragPanelResizer(app, -200);
      expect(Math.abs((await sidePanelWidth(app)) - (before + 200))).toBeLessThanOrEqual(2);
      expect(await clippedHeadlineCells(app)).toEqual([]);
      // Narrow it again to the minimum: still nothing clipped (the metrics scroll instead).
      await dragPanelResizer(app, 2000);
      expect(await sidePanelWidth(app)).toBe(360);
      expect(await clippedHeadlineCells(app)).toEqual([]);
      await dragPanelResizer(app, -240);
      const chosen = await sidePanelWidth(app);
      expect(chosen).toBeGreaterThanOrEqual(598);
      expect(chosen).toBeLessThanOrEqual(602);

      // Fit to a county from the table, with the wider panel: still clear of the layer panel.
      await clickRow(app, '632722');
      await settle(app);
      await app.waitForMapIdle();
      await settle(app);
      const canvas2 = await box(app, '[data-testid="map"] canvas');
      const panel2 = await box(app, '[data-testid="layer-panel"]');
      const fitted = countyPixelsIn(await bareMapScreenshot(app), {
        x0: panel2.x - canvas2.x,
        y0: panel2.y - canvas2.y,
        x1: panel2.x - canvas2.x + panel2.width,
        y1: panel2.y - canvas2.y + panel2.height,
      });
      expect(fitted.total).toBeGreaterThan(100);
      // Neighbouring counties may run under the panel; the fitted one (selected, orange) may not.
      const sel = readPng(await bareMapScreenshot(app));
      const orange = rgb('#f08c00');
      let selectedUnder = 0;
      let selectedAll = 0;
      for (let y = 0; y < sel.height; y++)
        for (let x = 0; x < sel.width; x++) {
          if (colorDistance(sel, y * sel.width + x, orange) >= 60) continue;
          selectedAll++;
          if (
            x >= panel2.x - canvas2.x &&
            x <= panel2.x - canvas2.x + panel2.width &&
            y >= panel2.y - canvas2.y &&
            y <= panel2.y - canvas2.y + panel2.height
          )
            selectedUnder++;
        }
      expect(selectedAll).toBeGreaterThan(200);
      expect(selectedUnder).toBe(0);

      // The township tab: no township polygons in the demo, so it says so (and how to add
      // them); its totals are the county tab's.
      const countyTotals = await totalsRow(app);
      await showLevel(app, 'township');
      const missing = (await app.page.textContent('[data-testid="townships-missing"]')) ?? '';
      expect(missing).toContain('缺少乡镇边界');
      expect(missing).toContain('49');
      expect(missing).toContain('导入边界');
      expect(await app.page.textContent('[data-testid="area-table-status"]')).not.toContain(
        '覆盖分析尚未完成',
      );
      const townshipTotals = await totalsRow(app);
      expect(townshipTotals.population).toBe(countyTotals.population);
      expect(townshipTotals.sites5g).toBe(countyTotals.sites5g);
      expect(townshipTotals.per10k).toBe(countyTotals.per10k);
      expect(townshipTotals.nrPopPct).toBe(countyTotals.nrPopPct);
      expect(townshipTotals.nrPopPct).toMatch(/\d/);

      // The width is remembered across a reload.
      await app.page.reload();
      await app.page.waitForSelector('[data-testid="area-table"] tbody tr', { timeout: 60_000 });
      expect(Math.abs((await sidePanelWidth(app)) - chosen)).toBeLessThanOrEqual(1);
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('1600 × 1000: headline columns never clipped, on both tabs', async () => {
    const app = await env.open('', { width: 1600, height: 1000 });
    try {
      await app.waitForDemo();
      expect(await clippedHeadlineCells(app)).toEqual([]);
      await showLevel(app, 'township');
      expect(await clippedHeadlineCells(app)).toEqual([]);
      await showLevel(app, 'county');
      // English headers are longer.
      await app.setLanguage('en');
      await app.page.waitForFunction(() =>
        document
          .querySelector('[data-testid="area-table"] th[data-col="per10k"]')
          ?.textContent?.includes('per'),
      );
      expect(await clippedHeadlineCells(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('an area in two parts is named once, on its larger part', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await app.importFile('boundaries', 'two-parts.geojson', TWO_PART_COUNTY);
      await answerDemo(app, 'default');
      await app.waitForImportNotice();
      await app.waitForAnalysis();
      await app.waitForMapIdle();
      await setLayer(app, 'gaps', false);
      await settle(app);
      const view = (await urlState(app)).view ?? [];
      const canvas = await box(app, '[data-testid="map"] canvas');
      // The name is what disappears with the county layer (its fill is too faint to count).
      const on = readPng(await bareMapScreenshot(app));
      await setLayer(app, 'counties', false);
      const off = readPng(await bareMapScreenshot(app));
      const labelPixels = (lon: number, lat: number, hw: number, hh: number) => {
        const c = canvasAt(lon, lat, canvas, view);
        let n = 0;
        for (let y = Math.round(c.y) - hh; y <= Math.round(c.y) + hh; y++)
          for (let x = Math.round(c.x) - hw; x <= Math.round(c.x) + hw; x++) {
            const i = y * on.width + x;
            const d = off.data;
            if (colorDistance(on, i, [d[4 * i], d[4 * i + 1], d[4 * i + 2]]) > 40) n++;
          }
        return n;
      };
      const [bx, by] = TWO_PARTS.big;
      const [sx, sy] = TWO_PARTS.small;
      // Boxes well inside each part (the small one is ~40 px wide: its outline stays out).
      expect(labelPixels(bx, by, 24, 10)).toBeGreaterThan(10);
      expect(labelPixels(sx, sy, 12, 8)).toBe(0);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
