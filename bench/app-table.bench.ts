/**
 * The app's own response times in Chromium (the built app through vite preview): from
 * opening the page to the demo's first complete county table (boundaries, stations and
 * census loaded, the coverage analysis done in the worker, its numbers on screen), and
 * from applying a changed parameter to the updated table. Software WebGL (SwiftShader)
 * draws the map meanwhile, on the same two cores.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromiumAvailable, launchChromium } from '../tests/e2e/support/browser';
import { startPreview } from '../tests/e2e/support/server';
import { SailPlanPage } from '../tests/e2e/support/page-driver';
import { applyParam } from '../tests/e2e/support/panels-driver';
import type { BenchContext, BenchSuite } from './suite';
import type { BenchRow } from './table';

const RUNS = 3;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const SITES_NEEDED = '[data-testid="area-table"] tr[data-code="632701"] td[data-col="sitesNeeded"]';

/** Applies a target and waits until 玉树市's "sites needed" cell shows something new. */
async function changeTarget(app: SailPlanPage, target: number): Promise<number> {
  const before = await app.page.textContent(SITES_NEEDED);
  const t0 = Date.now();
  await applyParam(app, 'targetPer10k', String(target));
  await app.page.waitForFunction(
    ([sel, old]) => {
      const now = document.querySelector(sel)?.textContent;
      return (
        now !== old &&
        !document.querySelector('[data-testid="analysis-progress"]') &&
        document.querySelector('[data-testid="area-table"]')?.getAttribute('data-analysed') ===
          'true'
      );
    },
    [SITES_NEEDED, before] as const,
    { timeout: 120_000 },
  );
  return Date.now() - t0;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const names = ['app: page load → demo table with coverage', 'app: parameter change → table'];
  if (!chromiumAvailable())
    return names.map((name) => ({
      name,
      size: '—',
      ms: null,
      target: '—',
      note: 'Chromium not installed',
    }));
  const root = path.resolve(import.meta.dirname, '..');
  if (!existsSync(path.join(root, 'dist/index.html'))) {
    ctx.log('building the app (vite build)…');
    execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'ignore' });
  }
  const server = await startPreview();
  const browser = await launchChromium();
  const load: number[] = [];
  const change: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const t0 = Date.now();
      const app = await SailPlanPage.open(browser.browser, server.url);
      try {
        await app.page.waitForSelector('[data-testid="area-table"] tbody tr');
        await app.waitForAnalysis();
        load.push(Date.now() - t0);
        ctx.log(`app: demo table in ${load[i]} ms`);
        change.push(await changeTarget(app, 50 + i));
        ctx.log(`app: target change → table in ${change[i]} ms`);
      } finally {
        await app.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const size = '6 counties, 706 sites, 100 m grid (7,928 × 5,268 cells)';
  return [
    {
      name: names[0],
      size,
      ms: median(load),
      target: '—',
      note: `median of ${RUNS} fresh pages (${load.join(', ')} ms): fetch, import, analysis, images, gaps`,
    },
    {
      name: names[1],
      size,
      ms: median(change),
      target: '—',
      note: `median of ${RUNS} (${change.join(', ')} ms): target per 10k changed: re-judged in the worker from the last counts; the rest is the table and a software-WebGL map redraw`,
    },
  ];
}

export const appTableSuite: BenchSuite = { name: 'app', run };
