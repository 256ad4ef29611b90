import { describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import { answerDemo } from './support/import-driver';
import { rowCells } from './support/panels-driver';
import {
  breadcrumbs,
  complianceRows,
  downloadExport,
  downloadExportFiles,
  drillInto,
  openCompliance,
  rankBy,
  rulesText,
  setFailuresOnly,
  showOnMap,
} from './support/compliance-driver';
import { formatNumber } from '../../src/i18n';
import { parseWorldFile, worldFileLngLat } from '../../src/io/export-raster';

const YUSHU = ['632701', '632722', '632723', '632724', '632725', '632726'];

describe.skipIf(chromiumMissing)('the compliance view and exports in Chromium', () => {
  const env = e2eEnv();

  it('lists the six Yushu counties failing per 10k with the table’s sites needed, and exports the CSV', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      await openCompliance(app);
      expect(await rulesText(app)).toContain('每万人 5G 基站目标 38 个');
      // One province, one prefecture: the view opens on the prefecture's counties.
      expect(await breadcrumbs(app)).toEqual(['全部', '青海省', '玉树藏族自治州']);
      const rows = await complianceRows(app);
      expect(rows.map((r) => r.code).sort()).toEqual(YUSHU);
      const table = await rowCells(app, ['sitesNeeded', 'per10k']);
      for (const r of rows) {
        expect(r.level).toBe('county');
        expect(r.status, r.code).toBe('fail');
        expect(r.failures, r.code).toContain('per10k');
        expect(Number(r.missing)).toBeGreaterThan(0);
        expect(formatNumber(Number(r.missing), 'zh-CN'), r.code).toBe(table[r.code].sitesNeeded);
        expect(r.reason, r.code).toContain(`低于目标 38 个，缺 ${table[r.code].sitesNeeded} 个`);
      }
      // Ranked by sites missing, most first, by default.
      const missingOrder = rows.map((r) => Number(r.missing));
      expect(missingOrder).toEqual([...missingOrder].sort((a, b) => b - a));
      await rankBy(app, 'per10k');
      const per10k = (await complianceRows(app)).map((r) =>
        Number(table[r.code].per10k.replace(/,/g, '')),
      );
      expect(per10k).toEqual([...per10k].sort((a, b) => a - b));
      await setFailuresOnly(app, true);
      expect((await complianceRows(app)).length).toBe(6);

      await showOnMap(app, '632701');
      await app.page.waitForSelector('[data-testid="area-detail"][data-code="632701"]');

      const csv = await downloadExport(app, 'areas-csv');
      expect(csv.name).toMatch(/^玉树藏族自治州-\d{4}-\d{2}-\d{2}-areas\.csv$/);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = csv.bytes.toString('utf8');
      expect(text).toContain('玉树市');
      for (const code of YUSHU) expect(text).toContain(`\r\n${code},`);
      // Chinese headers like the screen; the demo's generated stations marked on every row.
      expect(text.startsWith('\uFEFF区划代码,名称,级别')).toBe(true);
      for (const code of YUSHU) expect(text).toMatch(new RegExp(`\r\n${code},[^\r]*,是\r\n`));

      const zones = await downloadExport(app, 'zones-kml');
      expect(zones.name).toMatch(/-town-zones\.kml$/);
      expect(zones.bytes.toString('utf8')).toContain(
        '<kml xmlns="http://www.opengis.net/kml/2.2">',
      );

      const report = await downloadExport(app, 'report-html');
      const html = report.bytes.toString('utf8');
      expect(html).toContain('核查规则与参数');
      expect(html).toContain('玉树市');
      // The map made from the app's coverage images is inside, as a data: URL.
      expect(html).toContain('src="data:image/png;base64,');

      // The RedCap layer as the map shows it, with a world file that places it.
      const [png, pgw, prj] = await downloadExportFiles(app, 'coverage-redcap', 3);
      expect(png.name).toMatch(/-coverage-redcap\.png$/);
      expect([...png.bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
      expect(pgw.name).toBe(png.name.replace(/png$/, 'pgw'));
      expect(prj.bytes.toString('utf8')).toContain('Mercator_Auxiliary_Sphere');
      // The top-left pixel of the image lies at Yushu's north-west corner.
      const [lon, lat] = worldFileLngLat(parseWorldFile(pgw.bytes.toString('utf8')), 0, 0);
      expect(lon).toBeGreaterThan(89);
      expect(lon).toBeLessThan(90);
      expect(lat).toBeGreaterThan(36);
      expect(lat).toBeLessThan(36.5);
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('drills into a county to its townships once township boundaries are loaded', async () => {
    const app = await env.open('?lang=en');
    try {
      await app.waitForDemo();
      // A square of about 4 km around the 玉树市 seat standing in for 结古街道, and a
      // township far from every site.
      const square = (x: number, y: number, d: number) => [
        [
          [x - d, y - d],
          [x + d, y - d],
          [x + d, y + d],
          [x - d, y + d],
          [x - d, y - d],
        ],
      ];
      await app.importFile(
        'boundaries',
        'townships.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { code: '632701001000', name: '结古街道' },
              geometry: { type: 'Polygon', coordinates: square(97.008346, 32.995246, 0.02) },
            },
            {
              type: 'Feature',
              properties: { code: '632701104000', name: '哈秀乡' },
              geometry: { type: 'Polygon', coordinates: square(96.3, 33.6, 0.01) },
            },
          ],
        }),
      );
      // Township detail over the demo: keep its sites alongside.
      await answerDemo(app, 'keep');
      await app.waitForImportNotice();
      await app.waitForAnalysis();
      await openCompliance(app);
      expect(await rulesText(app)).toContain('target 38 5G sites per 10,000 people');
      await app.page.waitForSelector(
        '[data-testid="compliance-row"][data-code="632701"] [data-testid="compliance-drill"]',
      );
      const yushu = (await complianceRows(app)).find((r) => r.code === '632701')!;
      expect(yushu.failures).toContain('township-no-5g');
      expect(yushu.reason).toContain('townships without a 5G site (1): 哈秀乡');
      await drillInto(app, '632701');
      expect(await breadcrumbs(app)).toEqual(['All', '青海省', '玉树藏族自治州', '玉树市']);
      const towns = await complianceRows(app);
      expect(towns.map((r) => [r.code, r.level]).sort()).toEqual([
        ['632701001', 'township'],
        ['632701104', 'township'],
      ]);
      const haxiu = towns.find((r) => r.code === '632701104')!;
      expect(haxiu.status).toBe('fail');
      expect(haxiu.failures).toContain('township-no-5g');
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
