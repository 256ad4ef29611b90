import Papa from 'papaparse';
import { PNG } from 'pngjs';
import readXlsxFile from 'read-excel-file/node';
import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { analysisParams } from '../../src/core/analysis/params';
import { describeParams } from '../../src/core/model/params';
import { AREA_COLUMNS, areaHeader } from '../../src/io/export-areas';
import { readGeoJson } from '../../src/io/boundaries-geojson';
import { readKml } from '../../src/io/boundaries-kml';
import { readPngText } from '../../src/io/export-png-text';
import { parseWorldFile, worldFileLngLat } from '../../src/io/export-raster';
import { importBoundaries } from '../../src/io/import-boundaries';
import {
  areasFile,
  coverageFiles,
  exportStem,
  gapsFile,
  reportFile,
  zonesFile,
  type ExportContext,
} from '../../src/store/export-files';
import { scopeResults } from '../../src/store/compliance-of-results';
import { run as cli } from '../../src/cli/main';
import type {
  AnalysisResults,
  CoverageImage,
  DatasetSummary,
  WorkspaceSnapshot,
} from '../../src/worker/protocol';
import { demoRun } from './export-demo';

const KEYS = AREA_COLUMNS.map((c) => c.key);

/** CSV rows keyed by the English field names whatever the header language. */
function csvRecords(csv: string): Record<string, string>[] {
  const [, ...rows] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), {
    skipEmptyLines: true,
  }).data;
  return rows.map((r) => Object.fromEntries(KEYS.map((k, i) => [k, r[i]])));
}

/** What the app holds after loading the demo: its stations are synthetic. */
function demoSnapshot(synthetic: boolean): WorkspaceSnapshot {
  const dataset = (kind: DatasetSummary['kind'], fileName: string): DatasetSummary => ({
    id: kind,
    kind,
    fileName,
    crs: 'WGS84',
    rowCount: 1,
    loadedCount: 1,
    itemCount: 1,
    rejectedCount: 0,
    warningCount: 0,
    rejected: [],
    warnings: [],
    synthetic: kind === 'stations' && synthetic,
    demo: synthetic,
    encoding: null,
  });
  return {
    datasets: [
      dataset('boundaries', 'yushu-counties.geojson'),
      dataset('population', 'yushu-population.csv'),
      dataset('stations', synthetic ? 'yushu-stations.csv' : 'own-stations.csv'),
    ],
    boundaries: null,
    townships: [],
    stationLayers: [],
    areas: [],
    totals: null,
    bbox: null,
  };
}

// An imported county name that is a spreadsheet formula and XML markup at once.
const EVIL = '=HYPERLINK("http://x","玉树市")<b>&';

let results: AnalysisResults;
let ctx: ExportContext;

/** The demo analysed by the CLI's code path, as the worker's results object. */
beforeAll(async () => {
  const run = await demoRun();
  const rename = <T extends { code?: string; name?: string }>(x: T): T =>
    x.code === '632701' ? { ...x, name: EVIL } : x;
  const counties = run.countyResults.map(rename);
  results = {
    runId: 1,
    params: run.params,
    paramTable: describeParams(run.params.model),
    counties,
    townships: run.townshipResults,
    totals: counties[0],
    // As the worker gives them: the engine's notes, one per value.
    notes: run.notes,
    grid: { cellSizeM: run.params.cellSizeM, cols: 0, rows: 0 },
    areaBoxes: {},
    coverage: [],
    gaps: { type: 'FeatureCollection', features: run.gaps },
    townZones: {
      type: 'FeatureCollection',
      features: run.townZones.map((z) => ({ ...z, properties: rename(z.properties) })),
    },
    elapsedMs: 1,
  };
  const generated = new Date(2026, 10, 24, 10, 30);
  ctx = {
    results,
    snapshot: null,
    lang: 'zh-CN',
    generated,
    stem: exportStem(results, generated),
  };
});

const text = (b: Blob) => b.text();

/** A coverage image of the demo's corner (the pixels do not matter here). */
const IMG: CoverageImage = {
  layer: 'nr',
  url: null,
  coordinates: [
    [96.5, 33],
    [97.5, 33],
    [97.5, 32.25],
    [96.5, 32.25],
  ],
  width: 2,
  height: 2,
};

describe('app exports of the analysis results', () => {
  it('names files after the region and the date', async () => {
    // The demo's one prefecture, named from the GB/T 2260 table.
    expect(ctx.stem).toBe('玉树藏族自治州-2026-11-24');
    expect((await areasFile(ctx, 'csv')).name).toBe('玉树藏族自治州-2026-11-24-areas.csv');
    expect(gapsFile(ctx, 'kml').name).toBe('玉树藏族自治州-2026-11-24-gaps.kml');
  });

  it('area CSV: BOM, the rules on every row, injection neutralised, the same numbers', async () => {
    const bytes = new Uint8Array(await (await areasFile(ctx, 'csv')).blob.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Decoded without stripping the BOM (Blob.text() would drop it).
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    // The UI is in Chinese: so are the headers.
    expect(lines[0]).toBe(areaHeader('zh-CN').join(','));
    // Excel would run this as a formula without the leading apostrophe.
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""玉树市"")<b>&"`);
    const byCode = new Map(csvRecords(csv).map((r) => [r.code, r]));
    expect(byCode.get('630000')?.name).toBe('青海省');
    expect(byCode.get('632700')?.level).toBe('地市');
    for (const c of results.counties) {
      const r = byCode.get(c.code)!;
      expect(Number(r.sites_needed)).toBe(c.sitesNeeded);
      expect(Number(r.sites_5g)).toBe(c.sites5g);
      expect(Number(r.population)).toBe(c.population);
      expect(Number(r.sites_per_10k)).toBe(Math.round(c.sitesPer10k! * 100) / 100);
      expect(r.target_per_10k).toBe('38');
      expect(r.rule_continuity_max_gap_km2).toBe('0.25');
      // No snapshot: nothing says the stations were generated.
      expect(r.contains_synthetic_data).toBe('否');
    }
    expect(byCode.get('632701')?.name).toBe(`'${EVIL}`);
    // The prefecture's shortfall is the sum of its counties'.
    const sum = results.counties.reduce((s, c) => s + (c.sitesNeeded ?? 0), 0);
    expect(Number(byCode.get('632700')!.sites_needed)).toBe(sum);
  });

  it('area XLSX: the same table, names as text cells, and the parameters sheet', async () => {
    const f = await areasFile(ctx, 'xlsx');
    expect(f.name.endsWith('.xlsx')).toBe(true);
    const buf = Buffer.from(await f.blob.arrayBuffer());
    const sheets = await readXlsxFile(buf);
    const areas = sheets.find((s) => s.sheet === 'areas')!.data;
    expect(areas[0]).toEqual(areaHeader('zh-CN'));
    const yushu = areas.find((r) => r[0] === '632701')!;
    expect(yushu[1]).toBe(EVIL);
    expect(yushu[KEYS.indexOf('sites_needed')]).toBe(
      results.counties.find((c) => c.code === '632701')!.sitesNeeded,
    );
    const params = sheets.find((s) => s.sheet === 'parameters')!.data;
    expect(params.find((r) => r[0] === 'target_per_10k')?.[1]).toBe(38);
  });

  it('gaps GeoJSON re-imports with the same outlines and people, rules on top', async () => {
    const f = gapsFile(ctx, 'geojson');
    const parsed = JSON.parse(await text(f.blob)) as FeatureCollection & {
      properties: Record<string, unknown>;
    };
    expect(parsed.properties.target_per_10k).toBe(38);
    expect(String(parsed.properties.rules)).toContain('每万人 5G 基站目标 38 个');
    const layer = readGeoJson(parsed, f.name);
    expect(layer.features).toHaveLength(results.gaps.features.length);
    layer.features.forEach((g, i) => {
      const want = results.gaps.features[i].properties;
      expect(g.properties.areaCode).toBe(want.areaCode);
      expect(g.properties.population).toBe(want.population);
      expect(g.properties.areaKm2).toBe(want.areaKm2);
    });
  });

  it('county-town zones re-import through the boundary importer, GeoJSON and KML alike', async () => {
    const zones = results.townZones.features;
    expect(zones).toHaveLength(6);
    const want = zones.map((z) => [z.properties.code, z.properties.name]);
    expect(want).toContainEqual(['632701', EVIL]);
    for (const format of ['geojson', 'kml'] as const) {
      const f = zonesFile(ctx, format);
      const r = await importBoundaries(f.blob, f.name);
      expect(r.rejected).toEqual([]);
      expect(r.areas.map((a) => [a.code, a.name])).toEqual(want);
    }
    const kml = await text(zonesFile(ctx, 'kml').blob);
    // Markup in a name stays text; the verdict picks the style.
    expect(kml).toContain('&lt;b&gt;&amp;');
    const layer = readKml(new TextEncoder().encode(kml), 'zones.kml');
    layer.features.forEach((f, i) => {
      expect(f.properties.styleUrl).toBe(zones[i].properties.continuous ? '#pass' : '#fail');
      expect(Number(f.properties.redcapAreaPct)).toBe(zones[i].properties.redcapAreaPct);
    });
  });

  it('a coverage PNG gets its rules as text and a world file that puts its corners back', () => {
    const png = new PNG({ width: 40, height: 30 });
    const bytes = new Uint8Array(PNG.sync.write(png));
    const [w, s, e, n] = [96.5, 32.25, 97.5, 33.0];
    const img: CoverageImage = {
      layer: 'redcap',
      url: null,
      coordinates: [
        [w, n],
        [e, n],
        [e, s],
        [w, s],
      ],
      width: 40,
      height: 30,
    };
    const files = coverageFiles(ctx, img, bytes, 'RedCap');
    expect(files.map((f) => f.name)).toEqual([
      '玉树藏族自治州-2026-11-24-coverage-redcap.png',
      '玉树藏族自治州-2026-11-24-coverage-redcap.pgw',
      '玉树藏族自治州-2026-11-24-coverage-redcap.prj',
    ]);
    return (async () => {
      const tagged = new Uint8Array(await files[0].blob.arrayBuffer());
      expect(readPngText(tagged).Description).toContain('每万人 5G 基站目标 38 个');
      expect(PNG.sync.read(Buffer.from(tagged)).width).toBe(40);
      const wf = parseWorldFile(await text(files[1].blob));
      // The outer corners of the corner pixels are the image's corners.
      const tl = worldFileLngLat(wf, -0.5, -0.5);
      const br = worldFileLngLat(wf, 39.5, 29.5);
      expect(tl[0]).toBeCloseTo(w, 9);
      expect(tl[1]).toBeCloseTo(n, 9);
      expect(br[0]).toBeCloseTo(e, 9);
      expect(br[1]).toBeCloseTo(s, 9);
      expect(await text(files[2].blob)).toContain('Mercator_Auxiliary_Sphere');
    })();
  });

  it('the HTML report of the results: rules, every county, names escaped, both languages', async () => {
    const zh = await text(reportFile(ctx, '0.1.0', null).blob);
    expect(zh.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(zh).toContain('核查规则与参数');
    for (const c of results.counties.filter((x) => x.code !== '632701'))
      expect(zh).toContain(`<td>${c.name}</td>`);
    expect(zh).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;玉树市&quot;)&lt;b&gt;&amp;');
    expect(zh).not.toContain('<b>&');
    const en = await text(reportFile({ ...ctx, lang: 'en' }, '0.1.0', null).blob);
    expect(en).toContain('<html lang="en">');
    // The largest populated gaps: one table, up to 10 rows per county, rank 1 first.
    expect(zh).toContain('最大的有人口覆盖空洞（每区前 10 个）');
    const unitTable = zh.match(/<table class="gap-units">.*?<\/table>/s)![0];
    const rows = unitTable.match(/<tr><td>/g) ?? [];
    const expected = results.counties.reduce(
      (n, c) => n + Math.min(10, c.gapUnits?.length ?? 0),
      0,
    );
    expect(rows.length).toBe(expected);
    expect(en).toContain('Largest populated gaps (top 10 per area)');
    // The time the user exported, in their zone; the model notes grouped and translated.
    expect(zh).toMatch(/生成时间: 2026-11-24 10:30（UTC[+-]\d{2}:\d{2}）/);
    expect(en).toMatch(/Generated: 2026-11-24 10:30 \(UTC[+-]\d{2}:\d{2}\)/);
    expect(results.notes.filter((n) => n.startsWith('UMa: h_BS')).length).toBeGreaterThan(1);
    expect(zh.match(/<li>UMa：基站天线高度/g)).toHaveLength(1);
    expect(en.match(/<li>UMa: h_BS = [^<]* values\)/g)).toHaveLength(1);
  });

  it('the demo loaded (synthetic stations): every export of the app says so', async () => {
    const demo = { ...ctx, snapshot: demoSnapshot(true) };
    const csv = csvRecords(await text((await areasFile(demo, 'csv')).blob));
    expect(csv.every((r) => r.contains_synthetic_data === '是')).toBe(true);
    const xlsx = await readXlsxFile(
      Buffer.from(await (await areasFile(demo, 'xlsx')).blob.arrayBuffer()),
    );
    const params = xlsx.find((s) => s.sheet === 'parameters')!.data;
    expect(String(params.find((r) => r[0] === 'contains_synthetic_data')?.[3])).toContain(
      '合成数据',
    );
    const gaps = JSON.parse(await text(gapsFile(demo, 'geojson').blob));
    expect(gaps.properties.synthetic).toBe(true);
    const kml = await text(zonesFile(demo, 'kml').blob);
    expect(kml).toContain('<Data name="synthetic"><value>true</value></Data>');
    expect(kml).toContain('（含合成数据）</name>');
    const png = coverageFiles(
      demo,
      IMG,
      new Uint8Array(PNG.sync.write(new PNG({ width: 2, height: 2 }))),
      'NR',
    );
    const pngText = readPngText(new Uint8Array(await png[0].blob.arrayBuffer()));
    expect(pngText.Synthetic).toBe('true');
    expect(pngText.Warning).toContain('含合成数据');
    const html = await text(reportFile(demo, '0.1.0', null).blob);
    expect(html).toContain('id="synthetic"');
    expect(html).toMatch(/<tr class="synthetic"><td>含合成数据<\/td><td>是：yushu-stations\.csv/);

    // Own stations instead: no marker anywhere.
    const own = { ...ctx, snapshot: demoSnapshot(false) };
    const ownCsv = csvRecords(await text((await areasFile(own, 'csv')).blob));
    expect(ownCsv.every((r) => r.contains_synthetic_data === '否')).toBe(true);
    expect(JSON.parse(await text(gapsFile(own, 'geojson').blob)).properties.synthetic).toBe(false);
    expect(await text(zonesFile(own, 'kml').blob)).not.toContain('合成');
    const ownPng = coverageFiles(
      own,
      IMG,
      new Uint8Array(PNG.sync.write(new PNG({ width: 2, height: 2 }))),
      'NR',
    );
    expect(readPngText(new Uint8Array(await ownPng[0].blob.arrayBuffer())).Warning).toBeUndefined();
    // No synthetic marker (the run underneath still holds the demo's 合成- settlement names
    // in its gap units, so the names themselves may appear).
    const ownHtml = await text(reportFile(own, '0.1.0', null).blob);
    expect(ownHtml).not.toContain('含合成数据');
    expect(ownHtml).not.toContain('id="synthetic"');
  });

  it('the app CSV and the CLI CSV of the same analysis are one table, rule columns and all', async () => {
    const run = await demoRun();
    const same: ExportContext = {
      ...ctx,
      results: { ...results, counties: run.countyResults, totals: run.countyResults[0] },
      snapshot: demoSnapshot(true),
    };
    for (const lang of ['zh-CN', 'en'] as const) {
      const app = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
        await (await areasFile({ ...same, lang }, 'csv')).blob.arrayBuffer(),
      );
      let cliCsv = '';
      const code = await cli(['analyze', '--demo', '--format', 'csv', '--lang', lang], {
        stdout: { write: (s: string) => ((cliCsv += s), true) },
        stderr: { write: () => true },
        cwd: process.cwd(),
      });
      expect(code).toBe(0);
      const rules = (csv: string) =>
        csvRecords(csv).map((r) =>
          Object.entries(r).filter(([k]) => k.startsWith('rule_') || k === 'target_per_10k'),
        );
      expect(app.split('\r\n')[0]).toBe(cliCsv.split('\r\n')[0]);
      expect(rules(app)).toEqual(rules(cliCsv));
      expect(rules(app)[0].map(([k]) => k)).toEqual([
        'target_per_10k',
        'rule_continuity_min_area_pct',
        'rule_continuity_max_gap_km2',
        'rule_nr_threshold_dbm',
        'rule_cell_size_m',
      ]);
      // Not only the rules: the whole table, cell for cell. Roll-up names aside: the app
      // names the provinces it knows, the CLI only those the population table names.
      const rows = (csv: string) => csvRecords(csv).map(({ name: _name, ...r }) => r);
      const areaNames = (csv: string) =>
        csvRecords(csv)
          .filter((r) => !['省', '地市', 'province', 'prefecture'].includes(r.level))
          .map((r) => r.name);
      expect(rows(app)).toEqual(rows(cliCsv));
      expect(areaNames(app)).toEqual(areaNames(cliCsv));
      expect(areaNames(app)).toHaveLength(6);
    }
  });

  it('exports of a scope hold its areas only, with the scope as totals', async () => {
    const county = scopeResults(results, { level: 'county', code: '632722' });
    const scoped = { ...ctx, results: county, stem: exportStem(county, ctx.generated, '杂多县') };
    expect(scoped.stem).toBe('杂多县-2026-11-24');
    const csv = await text((await areasFile(scoped, 'csv')).blob);
    const codes = csvRecords(csv)
      .map((r) => r.code)
      .sort();
    expect(codes).toEqual(['630000', '632700', '632722']);
    expect(zonesFile(scoped, 'geojson').blob.size).toBeGreaterThan(0);
    expect(county.townZones.features.map((z) => z.properties.code)).toEqual(['632722']);
    expect(county.gaps.features.every((g) => g.properties.areaCode === '632722')).toBe(true);
    expect(county.gaps.features.length).toBeGreaterThan(0);
    const html = await text(reportFile(scoped, '0.1.0', null).blob);
    expect(html).toContain('杂多县');
    expect(html).not.toContain('囊谦县');

    // A prefecture: its counties, and its roll-up as the totals.
    const pref = scopeResults(results, { level: 'prefecture', code: '632700' });
    expect(pref.counties).toHaveLength(6);
    expect(pref.totals?.sitesNeeded).toBe(
      results.counties.reduce((s, c) => s + (c.sitesNeeded ?? 0), 0),
    );
    expect(scopeResults(results, { level: 'prefecture', code: '632800' }).totals).toBeNull();
  });

  it('no report without analysed areas', async () => {
    const empty = { ...ctx, results: { ...results, totals: null, params: analysisParams() } };
    await expect(areasFile(empty, 'csv')).rejects.toThrow();
    expect(() => reportFile(empty, '0.1.0', null)).toThrow();
  });
});
