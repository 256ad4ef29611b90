import { describe, expect, it } from 'vitest';
import { chromiumMissing, e2eEnv } from './support/e2e-env';
import { acceptImport, answerDemo, demoQuestion } from './support/import-driver';
import { STATION_COLORS, COUNTY_COLORS } from '../../src/map/layer-specs';

const YUSHU = ['632701', '632722', '632723', '632724', '632725', '632726'];

// In CI Chromium is installed by .ci/run; a developer without it gets a clear skip.

describe.skipIf(chromiumMissing)('SailPlan in Chromium', () => {
  const env = e2eEnv();

  it('opens the Yushu demo: six counties in the table, counties and stations drawn on the map, nothing leaves the machine', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      const rows = await app.countyRows();
      expect(rows.map((r) => r.code).sort()).toEqual(YUSHU);
      const yushuCity = rows.find((r) => r.code === '632701');
      expect(yushuCity?.cells[1]).toBe('玉树市');
      // Population from the 2020 census, formatted for zh-CN.
      expect(yushuCity?.cells[2]).toBe('141,308');
      expect(Number(await app.cellText('632701', 'sites5g'))).toBeGreaterThan(0);
      expect(await app.page.isVisible('[data-testid="synthetic-badge"]')).toBe(true);

      const px = await app.mapPixels({
        nrRedcap: STATION_COLORS.nrRedcap,
        nr: STATION_COLORS.nr,
        lte: STATION_COLORS.lte,
        county: COUNTY_COLORS.line,
      });
      expect(px.width).toBeGreaterThan(300);
      expect(px.distinctColors).toBeGreaterThan(20);
      expect(px.matches.nr).toBeGreaterThan(10);
      expect(px.matches.nrRedcap).toBeGreaterThan(10);
      expect(px.matches.county).toBeGreaterThan(100);

      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('imports a station CSV through the file picker over the demo: the default replaces the synthetic sites, bad rows are listed with reasons', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      expect(Number(await app.cellText('632701', 'sites5g'))).toBeGreaterThan(3);
      const csv = [
        'id,site_id,operator,lon,lat,tech,band,redcap',
        'T1,S1,中国移动,97.0100,33.0000,NR,n41,true',
        'T2,S2,中国移动,97.0200,33.0050,NR,n41,false',
        'T3,S3,中国电信,97.0300,33.0100,NR,n78,true',
        'T4,S4,中国移动,33.0000,97.0000,NR,n41,false',
        'T5,S5,中国移动,2.35,48.85,NR,n41,false',
      ].join('\n');
      await app.importFile('stations', 'new-sites.csv', csv);
      await acceptImport(app);
      // The file has loaded: the app asks before anything of the demo goes.
      const question = await demoQuestion(app);
      expect(question.remove).toEqual(['合成站点 yushu-stations.csv（706 个站点）']);
      expect(question.keep).toHaveLength(2);
      expect(question.text).toContain('与合成演示数据混合');
      await answerDemo(app, 'default');
      const notice = await app.waitForImportNotice();
      expect(notice).toContain('new-sites.csv');
      expect(notice).toContain('已移除演示数据：yushu-stations.csv');
      const rejected = await app.rejectedRows();
      expect(rejected).toHaveLength(2);
      expect(rejected[0]).toContain('第 4 行');
      expect(rejected[0]).toContain('纬度与经度疑似颠倒');
      expect(rejected[1]).toContain('第 5 行');
      expect(rejected[1]).toContain('坐标不在中国范围内');
      await app.waitForAnalysis();
      await app.waitForMapIdle();
      // Only the user's three good sites are counted, all in 玉树市; no synthetic site is left.
      const sites: Record<string, number> = {};
      for (const code of YUSHU) sites[code] = Number(await app.cellText(code, 'sites5g'));
      expect(sites).toEqual({
        '632701': 3,
        '632722': 0,
        '632723': 0,
        '632724': 0,
        '632725': 0,
        '632726': 0,
      });
      expect(await app.page.isVisible('[data-testid="synthetic-badge"]')).toBe(false);
      const datasets = await app.datasets();
      expect(datasets.some((d) => d.includes('yushu-stations.csv'))).toBe(false);
      expect(datasets.some((d) => d.includes('new-sites.csv'))).toBe(true);
      // The demo's real boundaries and census stay.
      expect(datasets.some((d) => d.includes('yushu-counties.geojson'))).toBe(true);
      expect((await app.countyRows()).find((r) => r.code === '632701')?.cells[2]).toBe('141,308');
      expect(app.offMachineRequests()).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('reports a file it cannot read and keeps everything already loaded', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      const before = await app.countyRows();
      await app.importFile(
        'stations',
        'garbage.csv',
        Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 7, 8]),
      );
      await app.waitForImportNotice();
      expect(await app.page.isVisible('[data-testid="import-error"]')).toBe(true);
      const error = await app.page.textContent('[data-testid="import-error"]');
      expect(error).toContain('garbage.csv');
      expect(error).toContain('二进制');
      expect(await app.countyRows()).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it('lists the 49 Yushu townships and counts sites in a township once its boundary is imported', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      const before = await app.townshipRows();
      expect(Object.keys(before)).toHaveLength(49);
      expect(before['632701001']).toBe('无边界');
      const counties = await app.countyRows();
      const sitesBefore: Record<string, string> = {};
      for (const code of YUSHU) sitesBefore[code] = await app.cellText(code, 'sites5g');
      // A square of about 4 km around the 玉树市 seat standing in for 结古街道's boundary.
      const [x, y, d] = [97.008346, 32.995246, 0.02];
      const township = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '632701001000', name: '结古街道' },
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
          },
        ],
      };
      await app.importFile('boundaries', 'jiegu.geojson', JSON.stringify(township));
      // Detail over the demo: keep its sites alongside.
      await answerDemo(app, 'keep');
      await app.waitForImportNotice();
      await app.waitForAnalysis();
      await app.waitForMapIdle();
      const after = await app.townshipRows();
      expect(Object.keys(after)).toHaveLength(49);
      expect(Number(after['632701001'])).toBeGreaterThan(10);
      // Township boundaries add detail (the 街道 now shapes 玉树市's county-town zone, so its
      // coverage columns may move); the counties, their people and their sites stay.
      const siteColumns = (rows: typeof counties) => rows.map((r) => r.cells.slice(0, 3));
      expect(siteColumns(await app.countyRows())).toEqual(siteColumns(counties));
      for (const code of YUSHU) expect(await app.cellText(code, 'sites5g')).toBe(sitesBefore[code]);
    } finally {
      await app.close();
    }
  });

  it('switches language to English and keeps it in the URL', async () => {
    const app = await env.open();
    try {
      await app.waitForDemo();
      expect(await app.page.textContent('h1')).toBe('扬帆覆盖规划');
      await app.setLanguage('en');
      expect(await app.page.textContent('h1')).toBe('SailPlan');
      expect(new URL(app.page.url()).searchParams.get('lang')).toBe('en');
      await app.page.reload();
      await app.waitForDemo();
      expect(await app.page.textContent('h1')).toBe('SailPlan');
      expect(await app.page.textContent('[data-testid="area-table"] thead')).toContain(
        '5G sites per 10k',
      );
    } finally {
      await app.close();
    }
  });
});
