/**
 * Map panning with 100,000 stations in the built app (Chromium through playwright-core,
 * WebGL in software through SwiftShader here, so the numbers are a floor for a GPU). The
 * stations come from the seeded generator, imported through the real file picker; the
 * map is then dragged in circles for ~5 s while the page counts animation frames.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumAvailable, launchChromium } from '../tests/e2e/support/browser';
import { startPreview } from '../tests/e2e/support/server';
import { SailPlanPage } from '../tests/e2e/support/page-driver';
import { waitForResultsDrawn } from '../tests/e2e/support/map-driver';
import { acceptImport, answerDemo } from '../tests/e2e/support/import-driver';
import { stationRows } from './station-data';
import { count, type BenchContext, type BenchSuite } from './suite';
import type { BenchRow } from './table';

const SEED = 20_240_601;
const SITES = 100_000;
const PAN_MS = 5000;
const TARGET = '≥ 30 fps';

/** Station rows (cells) from the seeded generator until exactly `sites` sites exist. */
function stationCsv(sites: number): { text: string; rows: number } {
  const lines = ['id,site_id,name,operator,lon,lat,tech,band,redcap,azimuth,height_m,env'];
  let last = '';
  let seen = 0;
  for (const r of stationRows(sites * 4, SEED)) {
    if (r.siteId !== last) {
      if (seen === sites) break;
      seen++;
      last = r.siteId;
    }
    lines.push(
      [
        r.id,
        r.siteId,
        r.name,
        r.operator,
        r.lon.toFixed(6),
        r.lat.toFixed(6),
        r.tech,
        r.band,
        r.redcap,
        r.azimuth ?? '',
        r.heightM,
        r.env,
      ].join(','),
    );
  }
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

interface PanResult {
  frames: number;
  ms: number;
  longestMs: number;
}

/** Drags the map in circles for `ms` while counting requestAnimationFrame callbacks. */
async function pan(app: SailPlanPage, ms: number): Promise<PanResult> {
  const box = await app.page.locator('[data-testid="map"] canvas').boundingBox();
  if (!box) throw new Error('no map canvas');
  // Right half of the canvas: the layer panel covers the top-left.
  const cx = box.x + box.width * 0.65;
  const cy = box.y + box.height * 0.5;
  // A string, not a function: tsx (esbuild) would wrap named inner functions in a
  // `__name` helper that does not exist in the page.
  await app.page.evaluate(`(() => {
    const pan = { t: [], on: true };
    window.__pan = pan;
    const tick = (t) => {
      pan.t.push(t);
      if (pan.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await app.page.mouse.move(cx, cy);
  await app.page.mouse.down();
  const t0 = Date.now();
  let a = 0;
  while (Date.now() - t0 < ms) {
    a += 0.15;
    await app.page.mouse.move(cx + 120 * Math.cos(a) - 120, cy + 120 * Math.sin(a));
  }
  await app.page.mouse.up();
  return app.page.evaluate(() => {
    const w = window as unknown as { __pan: { t: number[]; on: boolean } };
    w.__pan.on = false;
    const t = w.__pan.t;
    let longest = 0;
    for (let i = 1; i < t.length; i++) longest = Math.max(longest, t[i] - t[i - 1]);
    return { frames: t.length - 1, ms: t[t.length - 1] - t[0], longestMs: longest };
  });
}

const YUSHU: [number, number] = [97.01, 33.0];

async function resultsVersion(app: SailPlanPage): Promise<number> {
  return Number(await app.page.getAttribute('[data-testid="map"]', 'data-results-version'));
}

/** The map's view as the URL records it (centre lon, lat, zoom). */
function urlView(app: SailPlanPage): [number, number, number] {
  const v = new URL(app.page.url()).searchParams.get('view')?.split(',').map(Number);
  if (!v || v.length !== 3) throw new Error('the URL has no view');
  return [v[0], v[1], v[2]];
}

/**
 * Double-clicks on a WGS-84 point until the zoom reaches `zoom` (each double-click zooms
 * in by one, keeping the point under the pointer). Its pixel comes from the URL's view
 * and Web Mercator (512-pixel tiles, as maplibre).
 */
async function zoomInOn(app: SailPlanPage, p: [number, number], zoom: number): Promise<number> {
  const box = await app.page.locator('[data-testid="map"] canvas').boundingBox();
  if (!box) throw new Error('no map canvas');
  const merc = (lon: number, lat: number, z: number) => {
    const ws = 512 * 2 ** z;
    const s = Math.sin((lat * Math.PI) / 180);
    return [((lon + 180) / 360) * ws, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * ws];
  };
  for (let i = 0; i < 12; i++) {
    const [lon, lat, z] = urlView(app);
    if (z >= zoom) return z;
    const [cx, cy] = merc(lon, lat, z);
    const [px, py] = merc(p[0], p[1], z);
    await app.page.mouse.dblclick(
      box.x + box.width / 2 + px - cx,
      box.y + box.height / 2 + py - cy,
    );
    await app.page.waitForTimeout(1500);
  }
  return urlView(app)[2];
}

function row(name: string, r: PanResult, note: string): BenchRow {
  const fps = (1000 * r.frames) / r.ms;
  return {
    name,
    size: `${count(SITES)} sites`,
    ms: r.ms / r.frames,
    target: TARGET,
    note: `${fps.toFixed(1)} fps (per frame in "time"), longest frame ${r.longestMs.toFixed(0)} ms; ${note}`,
  };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const skipped = (why: string): BenchRow[] => [
    {
      name: 'map pan, 100k stations',
      size: `${count(SITES)} sites`,
      ms: null,
      target: TARGET,
      note: why,
    },
  ];
  if (!chromiumAvailable()) return skipped('Chromium not installed');
  const root = path.resolve(import.meta.dirname, '..');
  if (!existsSync(path.join(root, 'dist/index.html'))) {
    ctx.log('building the app (vite build)…');
    execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'ignore' });
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'sailplan-pan-'));
  const file = path.join(dir, 'stations-100k.csv');
  ctx.log(`generating ${count(SITES)} seeded sites…`);
  const csv = stationCsv(SITES);
  writeFileSync(file, csv.text);
  const server = await startPreview();
  const browser = await launchChromium();
  try {
    const app = await SailPlanPage.open(browser.browser, server.url);
    await app.waitForDemo();
    await waitForResultsDrawn(app);
    await app.page.waitForTimeout(1000);
    const demo = await pan(app, PAN_MS);
    ctx.log(`demo only: ${demo.frames} frames in ${demo.ms.toFixed(0)} ms`);
    const resultsBefore = await resultsVersion(app);
    ctx.log(`importing ${count(csv.rows)} rows through the file picker…`);
    await app.importFilePath('stations', file);
    await acceptImport(app);
    // Measured on top of the demo's sites, as before the demo question existed.
    await answerDemo(app, 'keep');
    const notice = await app.waitForImportNotice();
    if (!notice.includes('stations-100k.csv')) throw new Error(`import failed: ${notice}`);
    // The analysis of the new data runs in the worker: let it finish, so it does not share
    // the CPU with the frames being measured.
    await app.page.waitForFunction(
      (v) =>
        Number(
          document.querySelector('[data-testid="map"]')?.getAttribute('data-results-version'),
        ) > v,
      resultsBefore,
      { timeout: 300_000 },
    );
    await waitForResultsDrawn(app);
    await app.page.waitForTimeout(1000);
    // The map fits the imported sites after the import.
    const fittedZoom = urlView(app)[2];
    const fitted = await pan(app, PAN_MS);
    ctx.log(`fitted view: ${fitted.frames} frames in ${fitted.ms.toFixed(0)} ms`);
    const zoom = await zoomInOn(app, YUSHU, 12);
    await app.page.waitForTimeout(2000);
    const close = await pan(app, PAN_MS);
    ctx.log(`zoom ${zoom.toFixed(1)}: ${close.frames} frames in ${close.ms.toFixed(0)} ms`);
    await app.close();
    const gl = 'Chromium, WebGL in software (SwiftShader)';
    return [
      { ...row('map pan, demo only (baseline)', demo, gl), size: '706 sites' },
      row(
        `map pan, 100k stations, zoom ${fittedZoom.toFixed(0)} (fitted to the import)`,
        fitted,
        `clustered; ${gl}`,
      ),
      row(`map pan, 100k stations, zoom ${zoom.toFixed(0)}`, close, `single sites; ${gl}`),
    ];
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const appPanSuite: BenchSuite = { name: 'app-pan', run };
