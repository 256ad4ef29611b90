import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { csvCell } from '../../src/io/csv-export';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED = path.resolve(process.cwd(), '../shared/data');

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

const AREA_FIELDS = [
  'code',
  'name',
  'level',
  'parent',
  'population',
  'area_km2',
  'sites_5g',
  'sites_redcap',
  'sites_per_10k',
  'target_per_10k',
  'sites_needed',
  'coverage',
  'gaps',
  'town_zone',
];

const GAP_UNIT_AREA_FIELDS = ['gap_units', 'gap_units_remainder', 'unpopulated_km2'];
const GAP_UNIT_FIELDS = [
  'rank',
  'lon',
  'lat',
  'area_km2',
  'people',
  'settlements',
  'nearest_site_m',
  'nearest_site_id',
  'township',
  'flags',
];

describe('sailplan analyze (report contract sailplan.report/1)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-analyze-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs on the demo out of the box with every contract field', async () => {
    const r = await cli(['analyze', '--demo']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('sailplan.report/1');
    expect(Number.isNaN(Date.parse(report.generated))).toBe(false);
    // ISO-8601 with the machine's offset, not only UTC.
    expect(report.generated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
    // The demo's stations are generated: the report says so, and which file.
    expect(report.inputs.synthetic).toBe(true);
    // …and so are its settlements, the population surface that goes with its stations.
    expect(report.inputs.files.map((f: { synthetic: boolean }) => f.synthetic)).toEqual([
      false,
      false,
      true,
      true, // the demo's settlements (合成) are generated too
    ]);
    const pm = report.params.grid.population_model;
    expect(pm.surface).toBe('settlements');
    expect(pm.settlements).toMatchObject({ count: 840, used: 840, synthetic: true });
    expect(pm.rasters).toEqual([]);
    expect(pm.per_area.map((a: { model: string }) => a.model)).toEqual(
      Array(6).fill('settlements'),
    );
    // The synthetic settlements sum to each county's census: scale factors near 1.
    for (const a of pm.per_area) expect(Math.abs(a.scale - 1)).toBeLessThan(0.01);
    // The UMa height note, written once per antenna height by the engine, is one note.
    const heightNotes = report.inputs.notes.filter((n: string) => n.startsWith('UMa: h_BS'));
    expect(heightNotes).toHaveLength(1);
    expect(heightNotes[0]).toMatch(
      /^UMa: h_BS = .+ m \(\d+ values\) differs from the nominal 25 m/,
    );
    expect(new Set(report.inputs.notes).size).toBe(report.inputs.notes.length);
    expect(report.params.grid.cell_size_m).toBe(100);
    expect(report.params.target_per_10k).toBe(38);
    expect(report.params.model.length).toBeGreaterThan(20);
    expect(report.inputs.files.map((f: { role: string }) => f.role)).toEqual([
      'areas',
      'population',
      'stations',
      'settlements',
    ]);
    expect(report.params.gap_units).toMatchObject({
      min_density_per_km2: 1,
      merge_m: 1000,
      min_km2: 0.25,
      household_size: 3.2,
    });
    expect(report.areas).toHaveLength(6);
    for (const a of report.areas) {
      expect(Object.keys(a).sort()).toEqual([...AREA_FIELDS, ...GAP_UNIT_AREA_FIELDS].sort());
      expect(Object.keys(a.gap_units_remainder).sort()).toEqual(['area_km2', 'people', 'units']);
      expect(a.unpopulated_km2).toBeGreaterThanOrEqual(0);
      for (const u of a.gap_units) {
        expect(Object.keys(u).sort()).toEqual([...GAP_UNIT_FIELDS].sort());
        expect(Object.keys(u.flags).sort()).toEqual([
          'households20',
          'township_seat',
          'village_far',
        ]);
      }
      expect(a.gap_units.map((u: { rank: number }) => u.rank)).toEqual(
        a.gap_units.map((_: unknown, i: number) => i + 1),
      );
      // Units and remainder hold every uncovered person (to the report's rounding).
      const people = a.gap_units.reduce(
        (s: number, u: { people: number }) => s + u.people,
        a.gap_units_remainder.people,
      );
      expect(people).toBeCloseTo(a.gaps.pop_uncovered, 3);
      expect(Object.keys(a.coverage.nr).sort()).toEqual(['area_pct', 'pop_pct']);
      expect(Object.keys(a.gaps).sort()).toEqual([
        'count',
        'largest_km2',
        'pop_uncovered',
        'total_km2',
      ]);
      expect(Object.keys(a.town_zone).sort()).toEqual([
        'area_km2',
        'continuous',
        'largest_gap_km2',
        'redcap_area_pct',
      ]);
      for (const p of [a.coverage.nr.area_pct, a.coverage.nr.pop_pct, a.coverage.redcap.pop_pct]) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
      }
      expect(a.coverage.redcap.area_pct).toBeLessThanOrEqual(a.coverage.nr.area_pct);
    }
    const yushu = report.areas.find((a: { code: string }) => a.code === '632701');
    expect(yushu).toMatchObject({
      name: '玉树市',
      population: 141308,
      sites_5g: 179,
      sites_needed: 358,
    });
    expect(yushu.sites_per_10k).toBeCloseTo(12.667365, 5);
    expect(report.totals).toMatchObject({
      areas: 6,
      population: 425199,
      sites_5g: 564,
      sites_needed: 1056,
    });
    // Counties roll up to their prefecture and province, which add the same figures.
    expect(report.rollups.map((x: { code: string; level: string }) => [x.code, x.level])).toEqual([
      ['630000', 'province'],
      ['632700', 'prefecture'],
    ]);
    for (const x of report.rollups) {
      expect(Object.keys(x).sort()).toEqual(
        [...AREA_FIELDS, 'counties', 'population_unknown'].sort(),
      );
      expect(x).toMatchObject({ counties: 6, population: 425199, sites_5g: 564, town_zone: null });
      expect(x.population_unknown).toEqual({ counties: 0, codes: [], sites_5g: 0 });
      expect(x.sites_needed).toBe(report.totals.sites_needed);
    }
  });

  it('writes an Excel-safe CSV with one row per area, Chinese headers by default', async () => {
    const out = path.join(dir, 'r.csv');
    const r = await cli(['analyze', '--demo', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text.startsWith('\uFEFF区划代码,名称,级别,上级,常住人口,面积（km²）')).toBe(true);
    // The province and prefecture roll-ups, then the six counties.
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines[1]).toMatch(/^630000,[^,]*,省,/);
    expect(text).toContain('632701,玉树市,区县');
    // The rules and the synthetic flag as columns, as in every area export.
    expect(lines[0]).toContain('规则：连续覆盖最低面积比例（%）');
    expect(lines[0].endsWith(',含合成数据')).toBe(true);
    for (const l of lines.slice(1)) expect(l.endsWith(',95,0.25,-105,100,是')).toBe(true);
  });

  it('with --lang en: the report field names as headers, and the same table as export', async () => {
    const en = await cli(['analyze', '--demo', '--format', 'csv', '--lang', 'en']);
    expect(en.code).toBe(0);
    const header = en.stdout.split('\r\n')[0];
    expect(header.startsWith('\uFEFFcode,name,level,parent,population,area_km2')).toBe(true);
    expect(
      header.endsWith(
        'rule_continuity_min_area_pct,rule_continuity_max_gap_km2,rule_nr_threshold_dbm,rule_cell_size_m,contains_synthetic_data',
      ),
    ).toBe(true);
    expect(en.stdout).toContain('\r\n632701,玉树市,county,');
    // One code path: `analyze --format csv` and `export --what areas` write the same file.
    const out = path.join(dir, 'export-en.csv');
    const ex = await cli(['export', '--demo', '--what', 'areas', '--lang', 'en', '--out', out]);
    expect(ex.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(en.stdout);
    expect((await cli(['analyze', '--demo', '--format', 'csv', '--lang', 'fr'])).code).toBe(2);
  });

  it('leaves population figures blank where the population is unknown', async () => {
    const square = (x: number) => [
      [
        [x, 33],
        [x + 0.05, 33],
        [x + 0.05, 33.05],
        [x, 33.05],
        [x, 33],
      ],
    ];
    const areas = {
      type: 'FeatureCollection',
      features: [
        { code: '632701', name: '有人口县', x: 97 },
        { code: '632722', name: '无人口县', x: 97.1 },
      ].map(({ x, ...p }) => ({
        type: 'Feature',
        properties: p,
        geometry: { type: 'Polygon', coordinates: square(x) },
      })),
    };
    await writeFile(path.join(dir, 'half-pop.geojson'), JSON.stringify(areas));
    await writeFile(
      path.join(dir, 'half-pop.csv'),
      'id,lon,lat,tech,band,redcap,radius_m\na,97.02,33.02,NR,n78,true,800\nb,97.12,33.02,NR,n78,true,800\n',
    );
    // The census table has one of the two counties.
    await writeFile(path.join(dir, 'half-pop-census.csv'), 'code,total\n632701,20000\n');
    const args = [
      '--areas',
      'half-pop.geojson',
      '--population',
      'half-pop-census.csv',
      '--stations',
      'half-pop.csv',
    ];
    const r = await cli(['analyze', ...args, '--format', 'csv', '--lang', 'en'], dir);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    const col = (k: string) => rows[0].indexOf(k);
    const unknown = rows.find((x) => x[0] === '632722')!;
    const known = rows.find((x) => x[0] === '632701')!;
    for (const k of [
      'population',
      'sites_per_10k',
      'sites_needed',
      'nr_pop_pct',
      'gaps_pop_uncovered',
    ]) {
      expect(unknown[col(k)], k).toBe('');
      expect(known[col(k)], k).not.toBe('');
    }
    expect(Number(unknown[col('nr_area_pct')])).toBeGreaterThan(0);
    // Real stations: no synthetic data, in the CSV and in the JSON report.
    expect(known[col('contains_synthetic_data')]).toBe('false');
    const json = JSON.parse((await cli(['analyze', ...args], dir)).stdout);
    expect(json.inputs.synthetic).toBe(false);
    expect(json.areas.find((a: { code: string }) => a.code === '632722').population).toBeNull();
  });

  it('neutralises formula injection in CSV cells', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('玉树市')).toBe('玉树市');
  });

  it('lists rejected rows in inputs and still runs', async () => {
    const f = path.join(dir, 'bad.csv');
    await writeFile(f, 'id,lon,lat,tech,band\nA,97.01,33.0,NR,n41\nB,33.0,97.0,NR,n41\n');
    const r = await cli(['analyze', '--demo', '--stations', f]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const st = report.inputs.files.find((x: { role: string }) => x.role === 'stations');
    expect(st.rejected_count).toBe(1);
    expect(st.rejected[0]).toMatchObject({ row: 2, code: 'swapped-coordinates' });
    expect(report.totals.sites_5g).toBe(1);
    // The user's stations replace the demo's generated ones: nothing synthetic is left.
    expect(report.inputs.synthetic).toBe(false);
    expect(st.synthetic).toBe(false);
  });

  it('exits 1 naming a file it cannot read, 2 on usage errors', async () => {
    const missing = await cli(['analyze', '--demo', '--stations', 'no/such.csv']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no/such.csv');
    expect(missing.stdout).toBe('');
    expect((await cli(['analyze', '--stations', 'x.csv'])).code).toBe(2);
    expect((await cli(['analyze', '--demo', '--cell-size', 'big'])).code).toBe(2);
    expect((await cli(['analyze', '--demo', '--format', 'xml'])).code).toBe(2);
    const bad = await cli(['analyze', '--demo', '--gap-merge-m', 'far']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--gap-merge-m must be a number');
  });

  it('takes the gap-unit options and a settlements file of its own', async () => {
    const csv = path.join(dir, 'villages.csv');
    // One administrative village in 玉树市's rural land (far from any site, uncovered).
    await writeFile(csv, 'name,kind,lon,lat,population\n测试村,行政村,96.6,33.2,300\n');
    const r = await cli([
      'analyze',
      '--demo',
      '--settlements',
      csv,
      '--gap-min-density',
      '2',
      '--gap-merge-m',
      '500',
      '--gap-min-km2',
      '1',
      '--household-size',
      '4',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.params.gap_units).toMatchObject({
      min_density_per_km2: 2,
      merge_m: 500,
      min_km2: 1,
      household_size: 4,
    });
    const files = report.inputs.files.filter((f: { role: string }) => f.role === 'settlements');
    expect(files).toMatchObject([{ file: csv, loaded: 1, synthetic: false }]);
    const yushu = report.areas.find((a: { code: string }) => a.code === '632701');
    const holder = yushu.gap_units.find((u: { settlements: string[] }) =>
      u.settlements.includes('测试村'),
    );
    expect(holder).toBeDefined();
  });
});

describe.skipIf(!existsSync(SHARED))('sailplan analyze on real data', () => {
  it('Guigang: --townships with the 5 counties; rollups to 450800 and 450000', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-gg-'));
    try {
      const all = JSON.parse(await readFile(path.join(SHARED, 'cn-counties-2021.geojson'), 'utf8'));
      const gg = {
        ...all,
        features: all.features.filter((f: { properties: { code: unknown } }) =>
          String(f.properties.code).startsWith('4508'),
        ),
      };
      await writeFile(path.join(dir, 'gg.geojson'), JSON.stringify(gg));
      // Three synthetic sites around Guigang.
      await writeFile(
        path.join(dir, 'st.csv'),
        'id,lon,lat,tech,band,redcap,radius_m\nA,109.6,23.1,NR,n41,true,3000\nB,110.39,23.54,NR,n41,false,2000\nC,110.08,23.4,NR,n41,true,2000\n',
      );
      const r = await cli(
        [
          'analyze',
          '--areas',
          'gg.geojson',
          '--townships',
          path.join(SHARED, 'guigang-townships.geojson'),
          '--population',
          path.join(SHARED, 'cn-county-census-2020.csv'),
          '--stations',
          'st.csv',
        ],
        dir,
      );
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.areas.filter((a: { level: string }) => a.level === 'county')).toHaveLength(5);
      expect(report.areas.filter((a: { level: string }) => a.level === 'township')).toHaveLength(
        58,
      );
      expect(report.totals.areas).toBe(5);
      expect(
        report.rollups.map((x: { code: string; name: string; level: string }) => [
          x.code,
          x.name,
          x.level,
        ]),
      ).toEqual([
        ['450000', '广西壮族自治区', 'province'],
        ['450800', '贵港市', 'prefecture'],
      ]);
      const pref = report.rollups[1];
      expect(pref).toMatchObject({ parent: '450000', counties: 5, population: 4316262 });
      expect(pref.sites_5g).toBe(report.totals.sites_5g);
      expect(pref.sites_needed).toBe(report.totals.sites_needed);
      expect(report.params.grid.town_zone_model).toContain('街道');
      const towns = report.inputs.files.find((f: { role: string }) => f.role === 'townships');
      expect(towns.warnings.some((w: { message: string }) => w.message.includes('丹竹镇'))).toBe(
        true,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('Qinghai DataV counties: code changes and the county without population in the report', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-qh-'));
    try {
      // GCJ-02 like the boundaries: one site in 湟中, one in 同仁, one in 海西州直辖 (大柴旦).
      await writeFile(
        path.join(dir, 'st.csv'),
        'id,lon,lat,tech,band,radius_m\nA,101.5695,36.5004,NR,n41,2000\nB,102.0176,35.5163,NR,n41,2000\nC,95.3572,37.8536,NR,n41,2000\n',
      );
      const r = await cli(
        [
          'analyze',
          '--areas',
          path.join(SHARED, 'qinghai-counties-gcj02.geojson'),
          '--population',
          path.join(SHARED, 'cn-county-census-2020.csv'),
          '--stations',
          'st.csv',
          '--crs',
          'GCJ02',
          '--cell-size',
          '1000',
        ],
        dir,
      );
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      const notes: string[] = report.inputs.notes;
      expect(
        notes.some((n) => n.includes('630122 湟中县 → 630106 湟中区 (2019, 国函〔2019〕106号)')),
      ).toBe(true);
      expect(notes.some((n) => n.includes('632321 同仁县 → 632301 同仁市 (2020'))).toBe(true);
      expect(notes.find((n) => n.includes('no population for'))).toContain(
        'no population for 1 area (population unknown; roll-ups are over the others): 632825 海西蒙古族藏族自治州直辖',
      );
      const area = (code: string) => report.areas.find((a: { code: string }) => a.code === code);
      expect(area('630122')).toMatchObject({ name: '湟中县', population: 395043 });
      expect(area('632321')).toMatchObject({ population: 101519 });
      // A county of unknown population keeps null figures of its own …
      expect(area('632825')).toMatchObject({ population: null, sites_per_10k: null });
      expect(area('632825').sites_5g).toBe(1);
      // … and its prefecture and province are computed over the others, with it stated.
      const up = (code: string) => report.rollups.find((x: { code: string }) => x.code === code);
      expect(up('630000')).toMatchObject({
        name: '青海省',
        counties: 45,
        population: 5907670,
        sites_5g: 3,
        population_unknown: { counties: 1, codes: ['632825'], sites_5g: 1 },
      });
      expect(up('630000').sites_per_10k).toBeCloseTo((10_000 * 2) / 5907670, 6);
      expect(up('630000').sites_needed).toBeGreaterThan(22_000);
      expect(up('632800')).toMatchObject({
        name: '海西蒙古族藏族自治州',
        population: 451929,
        population_unknown: { counties: 1, codes: ['632825'], sites_5g: 1 },
      });
      expect(up('632800').sites_per_10k).toBe(0);
      expect(up('630100')).toMatchObject({ name: '西宁市', population: 2467965 });
      expect(up('630100').population_unknown.counties).toBe(0);
      expect(report.rollups.every((x: { name: string; code: string }) => x.name !== x.code)).toBe(
        true,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('Shanghai districts from cn-counties-2021 with the Shanghai sites at a fixed 500 m radius', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-sh-'));
    try {
      const all = JSON.parse(await readFile(path.join(SHARED, 'cn-counties-2021.geojson'), 'utf8'));
      const sh = {
        ...all,
        features: all.features.filter(
          (f: { properties: { province: string } }) => f.properties.province === '310000',
        ),
      };
      const csv = (await readFile(path.join(SHARED, 'shanghai-telecom-sites-2014.csv'), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((l, i) => (i === 0 ? `${l},tech,radius_m` : `${l},NR,500`))
        .join('\n');
      await writeFile(path.join(dir, 'sh.geojson'), JSON.stringify(sh));
      await writeFile(path.join(dir, 'sh.csv'), csv);
      const r = await cli(
        ['analyze', '--areas', 'sh.geojson', '--stations', 'sh.csv', '--cell-size', '250'],
        dir,
      );
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.areas).toHaveLength(16);
      const huangpu = report.areas.find((a: { name: string }) => a.name === '黄浦区');
      // Dense downtown sites with 500 m discs cover nearly all of 黄浦区.
      expect(huangpu.coverage.nr.area_pct).toBeGreaterThan(95);
      // About 33 of the 3,042 points lie outside Shanghai and are in no district.
      const inside = report.areas.reduce((s: number, a: { sites_5g: number }) => s + a.sites_5g, 0);
      expect(inside).toBeGreaterThan(2900);
      expect(inside).toBeLessThan(3042);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
