import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { readSheet } from 'read-excel-file/universal';
import { readPngText } from '../../src/io/export-png-text';
import { reportHtml } from '../../src/io/report-html';
import { REPORT_DICTIONARIES } from '../../src/io/report-i18n';
import { demoRun } from './export-demo';
import { parseWorldFile } from '../../src/io/export-raster';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function cli(argv: string[], cwd = ROOT) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
  });
  return { code, stdout, stderr };
}

const YUSHU_COUNTIES = ['玉树市', '杂多县', '称多县', '治多县', '囊谦县', '曲麻莱县'];

/** A few real-looking NR sites of the user's own (not the demo's generated ones). */
const OWN_STATIONS =
  'id,name,lon,lat,tech,band,redcap,radius_m\n' +
  'own-1,玉树一号,97.008,32.995,NR,n78,true,1500\n' +
  'own-2,玉树二号,97.03,33.01,NR,n41,false,2000\n';

/** Two counties, the census has one of them: the other's population is unknown. */
async function writeHalfPopulation(dir: string): Promise<string[]> {
  const square = (x: number) => [
    [
      [x, 33],
      [x + 0.05, 33],
      [x + 0.05, 33.05],
      [x, 33.05],
      [x, 33],
    ],
  ];
  const features = [
    { code: '632701', name: '有人口县', x: 97 },
    { code: '632722', name: '无人口县', x: 97.1 },
  ].map(({ x, ...properties }) => ({
    type: 'Feature',
    properties,
    geometry: { type: 'Polygon', coordinates: square(x) },
  }));
  await writeFile(
    path.join(dir, 'half.geojson'),
    JSON.stringify({ type: 'FeatureCollection', features }),
  );
  await writeFile(path.join(dir, 'half-census.csv'), 'code,total\n632701,20000\n');
  await writeFile(
    path.join(dir, 'half-stations.csv'),
    'id,lon,lat,tech,band,redcap,radius_m\na,97.02,33.02,NR,n78,true,800\nb,97.12,33.02,NR,n78,true,800\n',
  );
  return [
    '--areas',
    'half.geojson',
    '--population',
    'half-census.csv',
    '--stations',
    'half-stations.csv',
  ];
}

describe('sailplan report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one self-contained HTML file in Chinese with the rules at the top', async () => {
    const out = path.join(dir, 'report.html');
    const r = await cli(['report', '--demo', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote');
    const html = await readFile(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    // Self-contained: no script, no external resource; the map is inline.
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:|\/\/)/i);
    expect(html).toMatch(/<img alt="[^"]*" src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    // Rules first, then the summary, the checklist, charts, map, tables, sources.
    const order = [
      'id="rules"',
      'id="summary"',
      'id="checklist"',
      'id="charts"',
      'id="map"',
      'id="areas"',
      'id="sources"',
    ];
    const at = order.map((s) => html.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('核查规则与参数');
    expect(html).toMatch(/每万人 5G 基站目标<\/dt><dd>38<\/dd>/);
    expect(html).toContain('0.25 km²');
    for (const name of YUSHU_COUNTIES) expect(html).toContain(name);
    // Charts are inline SVG with a bar per county and the target line.
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toContain('stroke-dasharray');
    // Data sources with their dates.
    expect(html).toContain('yushu-stations.csv');
    expect(html).toMatch(/<td>\d{4}-\d{2}-\d{2}<\/td>/);
    // Print CSS: A4 pages, table headers repeat on every page.
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('thead { display: table-header-group; }');
    // The demo's stations are generated: the header and the data sources say so.
    expect(html).toMatch(/<h1>[^<]*（含合成数据）<\/h1>/);
    expect(html).toMatch(
      /<div class="synthetic-banner" role="alert" id="synthetic">含合成数据：[^<]*yushu-stations\.csv/,
    );
    expect(html).toMatch(
      /<tr class="synthetic"><td>含合成数据<\/td><td>是：[^<]*yushu-stations\.csv/,
    );
    expect(html).toMatch(
      /<td>基站 <span class="fail">（含合成数据）<\/span><\/td><td>[^<]*yushu-stations\.csv/,
    );
    // …and so are its settlements, which place the people: the population model is named.
    expect(html).toMatch(
      /<td>居民点 <span class="fail">（含合成数据）<\/span><\/td><td>[^<]*yushu-settlements\.csv/,
    );
    expect(html).toMatch(
      /<tr[^>]*><td>人口分布模型<\/td><td>按居民点分配各区域普查人口[^<]*缩放系数/,
    );
    // Generated in local time with its zone.
    expect(html).toMatch(/生成时间: \d{4}-\d{2}-\d{2} \d{2}:\d{2}（UTC[+-]\d{2}:\d{2}）/);
    // The model notes: the UMa height note once, in Chinese, with its heights.
    expect(html.match(/<li>UMa：基站天线高度 h_BS = /g)).toHaveLength(1);
    expect(html).not.toContain('differs from the nominal');
  });

  it('has no synthetic marker for real inputs, and says 人口未知 where the population is unknown', async () => {
    const own = await writeHalfPopulation(dir);
    const r = await cli(['report', ...own, '--no-map'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('合成');
    expect(r.stdout).not.toContain('synthetic-banner"');
    // The county without a census row: its people, per 10k and population % say so.
    const row = r.stdout.match(/<tr><td>无人口县<\/td><td>632722<\/td>.*?<\/tr>/)?.[0] ?? '';
    expect(row).toContain('人口未知');
    expect(row).not.toMatch(/<td class="num">0<\/td>/);
    const en = await cli(['report', ...own, '--no-map', '--lang', 'en'], dir);
    expect(en.stdout).toContain('population unknown');
    expect(en.stdout).not.toContain('synthetic data');
  });

  it('writes English with --lang en', async () => {
    const r = await cli(['report', '--demo', '--lang', 'en', '--no-map']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<html lang="en">');
    expect(r.stdout).toContain('Compliance checklist');
    expect(r.stdout).toContain('Target 5G sites per 10,000 people');
    // A failing county town names its reason and where its largest gap is.
    expect(r.stdout).toMatch(/fail<\/span>: coverage \d+(\.\d)?% below 95%/);
    expect(r.stdout).toMatch(/over 0\.25 km² \(at \d+\.\d{4}, \d+\.\d{4}\)/);
    expect(r.stdout).not.toContain('核查规则与参数');
    expect(r.stdout).not.toContain('id="map"');
    expect(r.stdout).toContain('(contains synthetic data)</h1>');
    expect(r.stdout).toMatch(/Generated: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\)/);
    expect(
      r.stdout.match(/<li>UMa: h_BS = [^<]* values\) differs from the nominal 25 m/g),
    ).toHaveLength(1);
  });

  it('never renders imported names as HTML', async () => {
    const evil = '<img src=x onerror=alert(1)>"玉树&';
    const areas = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '632701', name: evil, population: 20000, center: [97.0, 33.0] },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [96.95, 32.95],
                [97.05, 32.95],
                [97.05, 33.05],
                [96.95, 33.05],
                [96.95, 32.95],
              ],
            ],
          },
        },
      ],
    };
    await writeFile(path.join(dir, 'evil.geojson'), JSON.stringify(areas));
    await writeFile(
      path.join(dir, 'evil.csv'),
      'id,name,lon,lat,tech,band,redcap,radius_m\ns1,<script>x</script>,97.0,33.0,NR,n78,true,1500\n',
    );
    const r = await cli(
      ['report', '--areas', 'evil.geojson', '--stations', 'evil.csv', '--no-map', '--lang', 'en'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('<img src=x');
    expect(r.stdout).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;玉树&amp;');
    expect(r.stdout).not.toMatch(/<script/i);
  });

  it('notes the counties a roll-up has no population for, when the roll-up records them', async () => {
    const run = await demoRun();
    const unknown = { counties: 2, codes: ['632722', '632723'], sites_5g: 0 };
    const withUnknown = {
      ...run,
      report: {
        ...run.report,
        rollups: run.report.rollups.map((r) =>
          r.level === 'prefecture' ? { ...r, population_unknown: unknown } : r,
        ),
      },
    };
    const html = reportHtml({ run: withUnknown, lang: 'zh-CN', mapDataUrl: null, version: 't' });
    expect(html).toContain('<li>玉树藏族自治州：2 个区县（632722、632723）人口未知</li>');
    expect(reportHtml({ run, lang: 'zh-CN', mapDataUrl: null, version: 't' })).not.toContain(
      '个区县（',
    );
  });

  it('rejects an unknown language and missing inputs as usage errors', async () => {
    expect((await cli(['report', '--demo', '--lang', 'fr'])).code).toBe(2);
    expect((await cli(['report', '--stations', 'x.csv'])).code).toBe(2);
  });

  it('has the same keys in both languages', () => {
    expect(Object.keys(REPORT_DICTIONARIES.en).sort()).toEqual(
      Object.keys(REPORT_DICTIONARIES['zh-CN']).sort(),
    );
  });
});

describe('sailplan export', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-export-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes area metrics as CSV (BOM) and XLSX, Chinese headers by default', async () => {
    expect((await cli(['export', '--demo', '--what', 'areas', '--out', 'a.csv'], dir)).code).toBe(
      0,
    );
    const csv = await readFile(path.join(dir, 'a.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.startsWith('\uFEFF区划代码,名称,级别')).toBe(true);
    for (const name of YUSHU_COUNTIES) expect(csv).toContain(name);
    const x = await cli(
      ['export', '--demo', '--what', 'areas', '--format', 'xlsx', '--out', 'a.xlsx'],
      dir,
    );
    expect(x.code).toBe(0);
    const xlsx = await readFile(path.join(dir, 'a.xlsx'));
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheet = (await readSheet(new Blob([xlsx]), 'areas')) as unknown[][];
    expect(sheet[0].slice(0, 3)).toEqual(['区划代码', '名称', '级别']);
    const en = await cli(
      [
        'export',
        '--demo',
        '--what',
        'areas',
        '--format',
        'xlsx',
        '--lang',
        'en',
        '--out',
        'e.xlsx',
      ],
      dir,
    );
    expect(en.code).toBe(0);
    const enSheet = (await readSheet(
      new Blob([await readFile(path.join(dir, 'e.xlsx'))]),
      'areas',
    )) as unknown[][];
    expect(enSheet[0].slice(0, 3)).toEqual(['code', 'name', 'level']);
  });

  it('marks synthetic data in every format for the demo, and nowhere for real stations', async () => {
    await writeFile(path.join(dir, 'own.csv'), OWN_STATIONS);
    // A coarse grid: this is about the flag, not the figures.
    const coarse = ['--cell-size', '1000'];
    const runs = {
      demo: ['--demo', ...coarse],
      own: ['--demo', '--stations', 'own.csv', ...coarse],
    };
    for (const [kind, inputs] of Object.entries(runs)) {
      const synthetic = kind === 'demo';
      const out = async (what: string, format: string, lang = 'zh-CN') => {
        const file = `${kind}-${what}.${format}`;
        const r = await cli(
          ['export', ...inputs, '--what', what, '--format', format, '--lang', lang, '--out', file],
          dir,
        );
        expect(r.code, `${kind} ${what} ${format}`).toBe(0);
        return readFile(path.join(dir, file));
      };
      // CSV: a column on every row.
      const csv = (await out('areas', 'csv')).toString('utf8').trimEnd().split('\r\n');
      expect(csv[0].endsWith(',含合成数据')).toBe(true);
      for (const l of csv.slice(1)) expect(l.endsWith(synthetic ? ',是' : ',否')).toBe(true);
      // XLSX: the column and a note on the parameters sheet.
      const xlsx = new Blob([await out('areas', 'xlsx')]);
      const areas = (await readSheet(xlsx, 'areas')) as unknown[][];
      expect(areas[1].at(-1)).toBe(synthetic ? '是' : '否');
      const params = (await readSheet(xlsx, 'parameters')) as unknown[][];
      const note = params.find((r) => r[0] === 'contains_synthetic_data')!;
      expect(note[1]).toBe(synthetic ? '是' : '否');
      expect(String(note[3] ?? '').includes('合成数据')).toBe(synthetic);
      // GeoJSON: top-level properties.
      const zones = JSON.parse((await out('zones', 'geojson')).toString('utf8'));
      expect(zones.properties.synthetic).toBe(synthetic);
      expect(zones.properties.warning !== undefined).toBe(synthetic);
      // KML: the document's name, description and data.
      const kml = (await out('gaps', 'kml')).toString('utf8');
      expect(kml).toContain(`<Data name="synthetic"><value>${synthetic}</value></Data>`);
      expect(kml.includes('含合成数据')).toBe(synthetic);
      // PNG: text chunks.
      const text = readPngText(new Uint8Array(await out('coverage', 'png')));
      expect(text.Synthetic).toBe(String(synthetic));
      expect(text.Warning !== undefined).toBe(synthetic);
      // The JSON report.
      const json = JSON.parse((await cli(['analyze', ...inputs], dir)).stdout);
      expect(json.inputs.synthetic).toBe(synthetic);
    }
  }, 300_000);

  it('writes the gap units as CSV, GeoJSON and KML with rank, people, settlements and nearest site', async () => {
    const run = async (format: string) => {
      const file = `units.${format}`;
      const r = await cli(
        ['export', '--demo', '--what', 'gap-units', '--format', format, '--out', file],
        dir,
      );
      expect(r.code, format).toBe(0);
      return readFile(path.join(dir, file), 'utf8');
    };
    const csv = (await run('csv'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(csv[0].split(',').slice(0, 10)).toEqual([
      'area_code',
      'area_name',
      'rank',
      'people',
      'area_km2',
      'lon',
      'lat',
      'settlements',
      'nearest_site_m',
      'nearest_site_id',
    ]);
    expect(csv.length).toBeGreaterThan(6);
    const gj = JSON.parse(await run('geojson'));
    const report = JSON.parse((await cli(['analyze', '--demo'], dir)).stdout);
    // The features are the report's units: same people, rank and settlements.
    for (const f of gj.features) {
      const area = report.areas.find((a: { code: string }) => a.code === f.properties.areaCode);
      const u = area.gap_units[f.properties.rank - 1];
      expect(f.properties.people).toBeCloseTo(u.people, 5);
      expect(f.properties.settlements).toEqual(u.settlements);
      expect(f.properties.nearestSiteId).toBe(u.nearest_site_id);
      expect(f.geometry.type).toBe('MultiPolygon');
    }
    expect(gj.features.length).toBe(csv.length - 1);
    const kml = await run('kml');
    expect(kml).toContain('<Placemark>');
    expect(kml).toContain('最近基站');
  }, 120_000);

  it('writes gaps as KML and zones as GeoJSON, with the rules', async () => {
    expect(
      (await cli(['export', '--demo', '--what', 'gaps', '--format', 'kml', '--out', 'g.kml'], dir))
        .code,
    ).toBe(0);
    const kml = await readFile(path.join(dir, 'g.kml'), 'utf8');
    expect(kml).toContain('<Placemark>');
    expect(kml).toContain('每万人 5G 基站目标 38 个');
    expect(
      (await cli(['export', '--demo', '--what', 'zones', '--out', 'z.geojson'], dir)).code,
    ).toBe(0);
    const zones = JSON.parse(await readFile(path.join(dir, 'z.geojson'), 'utf8'));
    expect(zones.features).toHaveLength(6);
    expect(zones.properties.target_per_10k).toBe(38);
  });

  it('writes the coverage PNG with a world file and a .prj', async () => {
    const r = await cli(['export', '--demo', '--what', 'coverage', '--out', 'c.png'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('c.pgw');
    const bytes = await readFile(path.join(dir, 'c.png'));
    // Still a valid PNG (pngjs checks every chunk's CRC), with the rules as iTXt.
    const png = PNG.sync.read(bytes);
    expect(png.width).toBeGreaterThan(100);
    const text = readPngText(new Uint8Array(bytes));
    expect(text.Description).toContain('每万人 5G 基站目标 38 个');
    expect(text.CRS).toContain('EPSG:3857');
    const wf = parseWorldFile(await readFile(path.join(dir, 'c.pgw'), 'utf8'));
    // EPSG:3857 metres: Yushu's west edge (89.4°E) is x ≈ 9.95e6 m, its north (36°N) y ≈ 4.3e6 m.
    expect(wf[4]).toBeGreaterThan(9.5e6);
    expect(wf[4]).toBeLessThan(11e6);
    expect(wf[5]).toBeGreaterThan(3.5e6);
    expect(wf[5]).toBeLessThan(4.4e6);
    expect(await readFile(path.join(dir, 'c.prj'), 'utf8')).toContain('Mercator_Auxiliary_Sphere');
  });

  it('rejects a format the export does not offer', async () => {
    const r = await cli(
      ['export', '--demo', '--what', 'gaps', '--format', 'csv', '--out', 'x'],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('geojson or kml');
  });
});
