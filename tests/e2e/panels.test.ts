import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import { answerDemo } from './support/import-driver';
import {
  applyParam,
  areaDetail,
  clickRow,
  resultsParamsLine,
  rowCells,
  rowSelected,
  showLevel,
  waitForAnalysis,
} from './support/panels-driver';
import { run } from '../../src/cli/main';
import { formatNumber } from '../../src/i18n';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface ReportArea {
  code: string;
  population: number;
  sites_5g: number;
  sites_needed: number;
  coverage: { nr: { area_pct: number } };
  town_zone: { redcap_area_pct: number; continuous: boolean } | null;
}

/** `sailplan analyze --demo --format json`, in process: the numbers the table must show. */
async function cliDemoReport(): Promise<ReportArea[]> {
  let stdout = '';
  const code = await run(['analyze', '--demo', '--format', 'json'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => undefined },
    cwd: ROOT,
  });
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { areas: (ReportArea & { level: string })[] }).areas.filter(
    (a) => a.level === 'county',
  );
}

const zh = (x: number, digits = 0) => formatNumber(x, 'zh-CN', digits);

describe.skipIf(chromiumMissing)('side panels in Chromium', () => {
  const env = e2eEnv();
  let report: ReportArea[];

  beforeAll(async () => {
    report = await cliDemoReport();
  });

  it('shows the CLI’s numbers for the six Yushu counties, the detail verdict on click, and re-plans with a new target', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await waitForAnalysis(app);
      expect(report).toHaveLength(6);
      const shown = await rowCells(app, ['sites5g', 'sitesNeeded', 'nrAreaPct', 'townZone']);
      expect(Object.keys(shown).sort()).toEqual(report.map((a) => a.code).sort());
      for (const a of report) {
        expect(shown[a.code], a.code).toEqual({
          sites5g: zh(a.sites_5g),
          sitesNeeded: zh(a.sites_needed),
          nrAreaPct: zh(a.coverage.nr.area_pct, 1),
          townZone: a.town_zone
            ? `${a.town_zone.continuous ? '连续' : '不连续'} ${zh(a.town_zone.redcap_area_pct, 1)}%`
            : '—',
        });
      }
      expect(await resultsParamsLine(app)).toContain('默认参数');

      // Clicking a row selects it and shows its county-town verdict with the reason.
      const yushu = report.find((a) => a.code === '632701');
      await clickRow(app, '632701');
      expect(await rowSelected(app, '632701')).toBe(true);
      const detail = await areaDetail(app);
      expect(detail.code).toBe('632701');
      const tz = yushu?.town_zone;
      expect(tz).toBeTruthy();
      if (tz) {
        expect(detail.verdict).toContain(
          `${tz.continuous ? '连续' : '不连续'}：覆盖 ${zh(tz.redcap_area_pct, 1)}% ${tz.redcap_area_pct >= 95 ? '≥' : '<'} 95%`,
        );
        expect(detail.verdict).toMatch(/最大空洞 [\d.,]+ km² [>≤] 0\.25 km²/);
      }

      // A higher target: the worker re-runs and "sites needed" follows the new target.
      await applyParam(app, 'targetPer10k', '50');
      await app.page.waitForFunction(
        () =>
          document.querySelector('[data-testid="results-params"]')?.textContent?.includes('= 50'),
        undefined,
        { timeout: 120_000 },
      );
      await waitForAnalysis(app);
      const after = await rowCells(app, ['sitesNeeded']);
      for (const a of report) {
        const needed = Math.max(0, Math.ceil((50 * a.population) / 10_000) - a.sites_5g);
        expect(after[a.code].sitesNeeded, a.code).toBe(zh(needed));
      }
      expect(await resultsParamsLine(app)).toContain('每万人 5G 基站目标 = 50');
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('switches to townships once township boundaries are loaded and shows their coverage', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await waitForAnalysis(app);
      // A square of about 4 km around the 玉树市 seat standing in for 结古街道's boundary.
      const [x, y, d] = [97.008346, 32.995246, 0.02];
      const ring = [
        [x - d, y - d],
        [x + d, y - d],
        [x + d, y + d],
        [x - d, y + d],
        [x - d, y - d],
      ];
      await app.importFile(
        'boundaries',
        'jiegu.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { code: '632701001000', name: '结古街道' },
              geometry: { type: 'Polygon', coordinates: [ring] },
            },
          ],
        }),
      );
      // Township detail over the demo: keep its sites alongside.
      await answerDemo(app, 'keep');
      await app.waitForImportNotice();
      await waitForAnalysis(app);
      await showLevel(app, 'township');
      // The import notice may come before the new run has started: wait on this level too.
      await waitForAnalysis(app);
      const rows = await rowCells(app, ['name', 'sites5g', 'nrAreaPct', 'townZone']);
      const codes = Object.keys(rows);
      expect(codes).toHaveLength(1);
      const jiegu = rows[codes[0]];
      expect(jiegu.name).toBe('结古街道');
      expect(Number(jiegu.sites5g)).toBeGreaterThan(10);
      // The seat of a county town is densely built: most of the square is covered.
      expect(Number(jiegu.nrAreaPct)).toBeGreaterThan(50);
      await showLevel(app, 'county');
      expect(Object.keys(await rowCells(app, ['sites5g']))).toHaveLength(6);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
