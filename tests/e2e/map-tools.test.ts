// A map that orients (issue 14): the offline basemap's rivers, lakes and places drawn under
// the analysis layers, place search, distance and area measuring, print to PDF (A4/A3).
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { DETAIL_COLORS } from '../../src/map/basemap-detail-specs';
import { MEASURE_COLOR } from '../../src/map/measure';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import {
  bareMapScreenshot,
  box,
  mapScreenshot,
  measureAt,
  pickSearchHit,
  printMapToPdf,
  searchPlace,
  setLayer,
  settle,
  urlState,
  waitForViewChange,
} from './support/map-driver';
import { colorDistance, readPng, rgb } from './support/pixels';
import type { SailPlanPage } from './support/page-driver';

/** Pixels of the canvas screenshot within `tolerance` (RGB Manhattan) of `hex`. */
function count(png: Buffer, hex: string, tolerance: number): number {
  const p = readPng(png);
  const want = rgb(hex);
  let n = 0;
  for (let i = 0; i < p.width * p.height; i++) if (colorDistance(p, i, want) <= tolerance) n++;
  return n;
}

/** Qinghai Lake (青海湖) and Xining in one view, far from the Yushu data: only basemap. */
const LAKE_VIEW = { lon: 100.9, lat: 36.8, zoom: 8 };

/** WGS-84 of a canvas position, from the view (Web Mercator, 512 px tiles, no rotation). */
function lonLatAt(
  x: number,
  y: number,
  canvas: { width: number; height: number },
  view: { lon: number; lat: number; zoom: number },
): [number, number] {
  const world = 512 * 2 ** view.zoom;
  const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const lon = view.lon + ((x - canvas.width / 2) * 360) / world;
  const my = mercY(view.lat) - ((y - canvas.height / 2) * 2 * Math.PI) / world;
  const lat = (Math.atan(Math.sinh(my)) * 180) / Math.PI;
  return [lon, lat];
}

const numberIn = (s: string) => Number(/([\d,]+(?:\.\d+)?)/.exec(s)?.[1].replace(/,/g, ''));

async function waitForBasemapDetail(app: SailPlanPage): Promise<void> {
  // The detail loads after the first frame: wait until lake pixels show up.
  for (let i = 0; i < 40; i++) {
    if (count(await bareMapScreenshot(app), DETAIL_COLORS.water, 10) > 2000) return;
    await app.page.waitForTimeout(500);
  }
}

describe.skipIf(chromiumMissing)('map tools in Chromium', () => {
  const env = e2eEnv();

  it('basemap detail is drawn and switchable; measuring is geodesic; place search goes to areas and places', async () => {
    const v = LAKE_VIEW;
    const app = await env.open(`?view=${v.lon},${v.lat},${v.zoom}`);
    try {
      await app.waitForDemo();
      await waitForBasemapDetail(app);
      await settle(app);
      const on = await bareMapScreenshot(app);
      // Qinghai Lake alone is ~4,300 km²: tens of thousands of pixels at zoom 8.
      const lake = count(on, DETAIL_COLORS.water, 10);
      expect(lake).toBeGreaterThan(20_000);
      expect(count(on, DETAIL_COLORS.river, 12)).toBeGreaterThan(30);
      expect(count(on, DETAIL_COLORS.place, 12)).toBeGreaterThan(10);
      await setLayer(app, 'basemapDetail', false);
      const off = await bareMapScreenshot(app);
      expect(count(off, DETAIL_COLORS.water, 10)).toBeLessThan(lake / 50);
      expect(count(off, DETAIL_COLORS.river, 12)).toBe(0);
      await setLayer(app, 'basemapDetail', true);

      // Measuring: a 240 px line along the centre row, then a triangle.
      const canvas = await box(app, '[data-testid="map"] canvas');
      const cy = Math.round(canvas.height / 2);
      const a = { x: 330, y: cy };
      const b = { x: 570, y: cy };
      const c = { x: 450, y: cy - 120 };
      const ll = (p: { x: number; y: number }) => lonLatAt(p.x, p.y, canvas, v);
      const text = await measureAt(app, 'distance', [a, b]);
      const expectedKm = turf.distance(ll(a), ll(b), { units: 'kilometers' });
      expect(text).toContain('千米');
      expect(Math.abs(numberIn(text) - expectedKm) / expectedKm).toBeLessThan(0.005);
      expect(count(await mapScreenshot(app), MEASURE_COLOR, 40)).toBeGreaterThan(100);
      const areaText = await measureAt(app, 'area', [a, b, c]);
      const expectedKm2 = turf.area(turf.polygon([[ll(a), ll(b), ll(c), ll(a)]])) / 1e6;
      expect(areaText).toContain('平方千米');
      expect(Math.abs(numberIn(areaText) - expectedKm2) / expectedKm2).toBeLessThan(0.01);
      // While measuring, a click opens no popup; after "结束量算" the tool is off.
      expect(await app.page.$('[data-testid="area-popup"]')).toBeNull();
      await app.page.click('[data-testid="measure-stop"]');
      expect(await app.page.$('[data-testid="measure-result"]')).toBeNull();

      // Search: a county by name goes to it and selects it.
      const view0 = (await urlState(app)).view;
      const hits = await searchPlace(app, '杂多');
      expect(hits[0]).toMatchObject({ kind: 'county', id: '632722' });
      await pickSearchHit(app, 'county', '632722');
      const atZaduo = await waitForViewChange(app, view0);
      expect((await urlState(app)).sel).toBe('county:632722');
      // 杂多县 spans about 93.4–95.8 E, 32.2–33.8 N.
      expect(atZaduo[0]).toBeGreaterThan(93);
      expect(atZaduo[0]).toBeLessThan(96.2);
      expect(atZaduo[1]).toBeGreaterThan(32);
      expect(atZaduo[1]).toBeLessThan(34);
      // A township known by name and code only, by its code.
      const town = await searchPlace(app, '632701001');
      expect(town[0]).toMatchObject({ kind: 'township', id: '632701001' });
      expect(town[0].text).toContain('结古街道');
      // A site by its id.
      const siteId = (await searchPlace(app, 'SYN-')).find((h) => h.kind === 'site')?.id;
      expect(siteId).toMatch(/^SYN-/);
      // A basemap place by its romanised name (GeoNames).
      const places = await searchPlace(app, 'Xining');
      const xining = places.find((h) => h.kind === 'place');
      expect(xining).toBeDefined();
      await pickSearchHit(app, 'place', xining!.id);
      const atXining = await waitForViewChange(app, atZaduo);
      expect(atXining[0]).toBeCloseTo(101.78, 1);
      expect(atXining[1]).toBeCloseTo(36.62, 1);
      expect(atXining[2]).toBeGreaterThan(11);
      const none = await searchPlace(app, 'zzqx-no-such-place');
      expect(none[0].text).toContain('没有匹配');

      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('prints the current view with legend, scale, north arrow, rules and sources to PDF, A4 landscape and A3 portrait', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await settle(app);
      const a4 = await printMapToPdf(app, 'A4', 'landscape');
      expect(a4.printed).toBe(true);
      for (const part of ['图例', '比例尺', '规则', '每万人 5G 基站目标 38', '数据来源']) {
        expect(a4.sheetText).toContain(part);
      }
      expect(a4.sheetText).toContain('yushu-stations.csv');
      expect(a4.sheetText).toContain('OpenStreetMap');
      expect(a4.sheetText).toContain('合成');
      const s = a4.pdf.toString('latin1');
      expect(s.slice(0, 5)).toBe('%PDF-');
      expect((s.match(/\/Type\s*\/Page\b/g) ?? []).length).toBe(1);
      expect(s).toMatch(/\/Subtype\s*\/Image/);
      const mb = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(s);
      expect(Math.abs(Number(mb![1]) - 842)).toBeLessThan(2);
      expect(Math.abs(Number(mb![2]) - 595)).toBeLessThan(2);

      // The picture on the print page is the map (many colours), not a blank canvas.
      await app.page.emulateMedia({ media: 'print' });
      const pic = readPng(await app.page.locator('[data-testid="print-map-image"]').screenshot());
      await app.page.emulateMedia({ media: 'screen' });
      const colours = new Set<number>();
      for (let i = 0; i < pic.width * pic.height; i += 7) {
        const d = pic.data;
        colours.add(((d[4 * i] >> 4) << 8) | ((d[4 * i + 1] >> 4) << 4) | (d[4 * i + 2] >> 4));
      }
      expect(colours.size).toBeGreaterThan(40);

      await app.page.click('[data-testid="print-open"]'); // closes the dialog
      const a3 = await printMapToPdf(app, 'A3', 'portrait');
      const s3 = a3.pdf.toString('latin1');
      expect((s3.match(/\/Type\s*\/Page\b/g) ?? []).length).toBe(1);
      const mb3 = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)/.exec(s3);
      expect(Math.abs(Number(mb3![1]) - 842)).toBeLessThan(2);
      expect(Math.abs(Number(mb3![2]) - 1191)).toBeLessThan(2);
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
