import Papa from 'papaparse';
import { PNG } from 'pngjs';
import readXlsxFile from 'read-excel-file/node';
import type { FeatureCollection } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { analysisParams } from '../../src/core/analysis/params';
import { describeParams } from '../../src/core/model/params';
import { AREA_COLUMNS } from '../../src/io/export-areas';
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
import type { AnalysisResults, CoverageImage } from '../../src/worker/protocol';
import { demoRun } from './export-demo';

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
    notes: run.report.inputs.notes,
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
    expect(lines[0]).toBe(AREA_COLUMNS.join(','));
    // Excel would run this as a formula without the leading apostrophe.
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""玉树市"")<b>&"`);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const byCode = new Map(parsed.map((r) => [r.code, r]));
    expect(byCode.get('630000')?.name).toBe('青海省');
    expect(byCode.get('632700')?.level).toBe('prefecture');
    for (const c of results.counties) {
      const r = byCode.get(c.code)!;
      expect(Number(r.sites_needed)).toBe(c.sitesNeeded);
      expect(Number(r.sites_5g)).toBe(c.sites5g);
      expect(Number(r.population)).toBe(c.population);
      expect(Number(r.sites_per_10k)).toBeCloseTo(c.sitesPer10k!, 5);
      expect(r.target_per_10k).toBe('38');
      expect(r.rule_continuity_max_gap_km2).toBe('0.25');
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
    expect(areas[0]).toEqual([...AREA_COLUMNS]);
    const yushu = areas.find((r) => r[0] === '632701')!;
    expect(yushu[1]).toBe(EVIL);
    expect(yushu[AREA_COLUMNS.indexOf('sites_needed')]).toBe(
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
  });

  it('exports of a scope hold its areas only, with the scope as totals', async () => {
    const county = scopeResults(results, { level: 'county', code: '632722' });
    const scoped = { ...ctx, results: county, stem: exportStem(county, ctx.generated, '杂多县') };
    expect(scoped.stem).toBe('杂多县-2026-11-24');
    const csv = await text((await areasFile(scoped, 'csv')).blob);
    const codes = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true })
      .data.map((r) => r.code)
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
