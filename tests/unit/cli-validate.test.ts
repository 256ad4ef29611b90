import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { fileProgress } from '../../src/cli/progress';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/bad-stations');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in-process, with captured output; relative paths resolve against `cwd`. */
async function cli(argv: string[], cwd = ROOT): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
  });
  return { code, stdout, stderr };
}

interface Issue {
  row?: number;
  feature?: number;
  field?: string;
  code: string;
  message: string;
}
interface InputSummary {
  role: string;
  file: string;
  ok: boolean;
  error?: { code: string; message: string };
  rows?: { read: number; loaded: number; rejected: number };
  features?: { read: number; loaded: number; rejected: number };
  sites?: { total: number; nr: number; redcap: number; lteOnly: number; other: number };
  areas?: { count: number; withPopulation: number; areaKm2: number };
  rejected?: { count: number; items: Issue[] };
  warnings?: { count: number; items: Issue[] };
}
interface Summary {
  schema: string;
  ok: boolean;
  inputs: InputSummary[];
  join: {
    matched: number;
    areaCount: number;
    aggregateRows: number;
    unmatchedRows: { code: string }[];
    areasWithoutPopulation: { code: string; name: string }[];
  } | null;
}

async function cliJson(
  argv: string[],
): Promise<{ code: number; summary: Summary; stderr: string }> {
  const r = await cli([...argv, '--json']);
  return { code: r.code, summary: JSON.parse(r.stdout) as Summary, stderr: r.stderr };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sailplan-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('sailplan validate --demo', () => {
  it('reads the Yushu demo: 1,608 rows, 706 sites (564 5G), 6 counties, 6 population rows all joined', async () => {
    const r = await cli(['validate', '--demo']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('stations: geo/yushu-stations.csv  (demo)');
    expect(r.stdout).toContain('rows        1,608 read, 1,608 loaded, 0 rejected');
    expect(r.stdout).toContain('sites       706: 564 5G (144 RedCap), 142 LTE-only');
    expect(r.stdout).toContain('areas       6 county-level');
    expect(r.stdout).toContain('rows        6 read, 6 loaded, 0 rejected');
    expect(r.stdout).toContain('matched     6 of 6 areas; 0 without a population row');
    expect(r.stdout).toContain('settlements: geo/yushu-settlements.csv  (demo)');
    expect(r.stdout).toContain('rows        840 read, 840 loaded, 0 rejected');
    expect(r.stdout).toContain(
      'kinds       6 county towns, 40 township seats, 258 administrative villages, 3 natural villages, 533 herding sites',
    );
    expect(r.stdout).toContain('people      425,199 in 840 of 840 settlements; households for 0');
    expect(r.stdout).toContain(
      'synthetic   all (made up by a generator, labelled 合成: not facts)',
    );
    expect(r.stdout).toMatch(/^OK: 4 files read; 0 rows\/features rejected, 0 warnings\.$/m);
  });

  it('--json: the same figures, machine-readable', async () => {
    const { code, summary } = await cliJson(['validate', '--demo']);
    expect(code).toBe(0);
    expect(summary.schema).toBe('sailplan.validate/1');
    expect(summary.ok).toBe(true);
    const [areas, population, stations, settlements] = summary.inputs;
    expect(settlements).toMatchObject({
      role: 'settlements',
      file: 'geo/yushu-settlements.csv',
      demo: true,
      ok: true,
      format: 'csv',
      crs: 'WGS84',
      rows: { read: 840, loaded: 840, rejected: 0 },
      settlements: { population: 425_199, synthetic: 840, byKind: { town: 6 } },
    });
    expect(stations).toMatchObject({
      role: 'stations',
      file: 'geo/yushu-stations.csv',
      ok: true,
      rows: { read: 1608, loaded: 1608, rejected: 0 },
      sites: { total: 706, nr: 564, redcap: 144, lteOnly: 142, other: 0 },
      rejected: { count: 0, items: [] },
    });
    expect(areas).toMatchObject({
      role: 'areas',
      features: { read: 6, loaded: 6, rejected: 0 },
      areas: { count: 6, withPopulation: 6 },
    });
    expect(areas.areas?.areaKm2).toBeGreaterThan(195_000);
    expect(areas.areas?.areaKm2).toBeLessThan(215_000);
    expect(population).toMatchObject({
      role: 'population',
      rows: { read: 6, loaded: 6, rejected: 0 },
    });
    expect(summary.join).toMatchObject({
      matched: 6,
      areaCount: 6,
      unmatchedRows: [],
      areasWithoutPopulation: [],
    });
  });

  it('an input option replaces the demo file it names', async () => {
    const r = await cliJson([
      'validate',
      '--demo',
      '--stations',
      'tests/fixtures/bad-stations/swapped.csv',
    ]);
    expect(r.summary.inputs.map((i) => i.file)).toEqual([
      'geo/yushu-counties.geojson',
      'geo/yushu-population.csv',
      'tests/fixtures/bad-stations/swapped.csv',
      'geo/yushu-settlements.csv',
    ]);
  });
});

describe('sailplan validate: bad rows and unreadable files', () => {
  it('a station CSV with bad rows: exit 0, one line per rejected row with row, field, reason, value', async () => {
    const file = path.join(tmp, '基站.csv');
    await writeFile(
      file,
      '\ufeff小区,基站编号,经度,纬度,制式,方位角\n' +
        'C1,S1,97.01,33.00,NR,0\n' +
        'C2,S1,97.01,abc,NR,120\n' +
        'C3,S2,33.00,97.02,LTE,\n' +
        'C1,S3,97.03,33.01,NR,400\n' +
        'C5,S4,2.35,48.86,NR,0\n',
    );
    const r = await cli(['validate', '--stations', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rows        5 read, 1 loaded, 4 rejected');
    expect(r.stdout).toContain('columns     id "小区", site_id "基站编号", lon "经度", lat "纬度"');
    const lines = r.stdout.split('\n').filter((l) => l.startsWith(`    ${file}`));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/, row 2, field lat: latitude is not a number .*\(value "abc"\)$/);
    expect(lines[1]).toMatch(/, row 3, field lon\/lat: latitude and longitude appear swapped/);
    expect(lines[2]).toMatch(/, row 4, field (id|azimuth): /);
    expect(lines[3]).toMatch(/, row 5, field lon\/lat: .*China/);
    expect(r.stdout).toMatch(/^OK: 1 file read; 4 rows\/features rejected/m);
  });

  it('--settlements: what loaded, then one line per problem with row, field, reason, value', async () => {
    const file = path.join(tmp, '村庄.csv');
    await writeFile(
      file,
      '\ufeff名称,经度,纬度,人口,类型,代码\n' +
        '仲多村,96.878,33.131,736,行政村,632701001200\n' +
        '隆宝镇,96.50,33.20,2100,乡镇驻地,632701101\n' +
        '牧点,96.91,33.10,-4,牧业点,\n' +
        '反了,33.10,96.91,10,自然村,\n' +
        '仲多村,96.8781,33.1311,20,行政村,\n' +
        '境外,2.35,48.86,5,行政村,\n',
    );
    const r = await cli(['validate', '--settlements', file, '--settlements-crs', 'GCJ02']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`settlements: ${file}\n  format      CSV, UTF-8 with BOM`);
    expect(r.stdout).toContain('CRS         GCJ02 (given)');
    expect(r.stdout).toContain('rows        6 read, 3 loaded, 3 rejected');
    expect(r.stdout).toContain(
      'columns     name "名称", kind "类型", lon "经度", lat "纬度", population "人口", code "代码"',
    );
    expect(r.stdout).toContain('kinds       1 township seat, 2 administrative villages');
    expect(r.stdout).toContain('people      2,856 in 3 of 3 settlements; households for 0');
    expect(r.stdout).not.toContain('synthetic ');
    const lines = r.stdout.split('\n').filter((l) => l.startsWith(`    ${file}`));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/, row 3, field population: population is negative .*\(value "-4"\)$/);
    expect(lines[1]).toMatch(/, row 4, field lon\/lat: latitude and longitude appear swapped/);
    expect(lines[2]).toMatch(/, row 6, field lon\/lat: .*outside China/);
    expect(lines[3]).toMatch(/, row 5, field name: "仲多村" is listed twice at the same spot/);
    expect(r.stdout).toMatch(/^OK: 1 file read; 3 rows\/features rejected, 1 warning\.$/m);

    const { summary } = await cliJson(['validate', '--settlements', file]);
    expect(summary.inputs[0]).toMatchObject({
      role: 'settlements',
      ok: true,
      rows: { read: 6, loaded: 3, rejected: 3 },
      rejected: { count: 3 },
      warnings: { count: 1 },
    });
    expect(summary.inputs[0].rejected?.items.map((i) => [i.row, i.field, i.code])).toEqual([
      [3, 'population', 'negative-value'],
      [4, 'lon/lat', 'swapped-coordinates'],
      [6, 'lon/lat', 'outside-china'],
    ]);
  });

  it('--settlements with GeoJSON points: polygons are rejected by feature, points load', async () => {
    const file = path.join(tmp, 'points.geojson');
    const feature = (name: string, geometry: unknown) => ({
      type: 'Feature',
      properties: { name, 人口: 50 },
      geometry,
    });
    await writeFile(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature('甲', { type: 'Point', coordinates: [97, 33] }),
          feature('面', {
            type: 'Polygon',
            coordinates: [
              [
                [97, 33],
                [97.1, 33],
                [97.1, 33.1],
                [97, 33],
              ],
            ],
          }),
        ],
      }),
    );
    const r = await cli(['validate', '--settlements', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('format      GeoJSON, UTF-8');
    expect(r.stdout).toContain('CRS         WGS84 (default: the file declares none)');
    expect(r.stdout).toContain('features    2 read, 1 loaded, 1 rejected');
    expect(r.stdout).toMatch(
      /, feature 2, field geometry: the geometry is a Polygon, not a point.*\(value "面"\)$/m,
    );
  });

  it('--settlements that cannot be read: exit 1, named', async () => {
    const r = await cli(['validate', '--settlements', path.join(FIXTURES, 'empty.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read settlements file');
    expect(r.stderr).toContain('the file is empty');
  });

  it('--max-issues caps the listed problems, not the counts', async () => {
    const r = await cli([
      'validate',
      '--stations',
      path.join(FIXTURES, 'unparseable.csv'),
      '--max-issues',
      '3',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rejected (10):');
    expect(r.stdout).toContain('… 7 more (raise --max-issues, or use --json)');
    const { summary } = await cliJson([
      'validate',
      '--stations',
      path.join(FIXTURES, 'unparseable.csv'),
      '--max-issues',
      '2',
    ]);
    expect(summary.inputs[0].rejected?.count).toBe(10);
    expect(summary.inputs[0].rejected?.items.map((i) => i.row)).toEqual([2, 3]);
  });

  it('a missing file: exit 1, the message names it, the other files are still reported', async () => {
    const r = await cli([
      'validate',
      '--stations',
      'no/such/stations.csv',
      '--population',
      'geo/yushu-population.csv',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'sailplan validate: cannot read stations file no/such/stations.csv: file not found\n',
    );
    expect(r.stdout).toContain(
      'stations: no/such/stations.csv\n  error       cannot be read: file not found',
    );
    expect(r.stdout).toContain('population: geo/yushu-population.csv\n  format      CSV');
    expect(r.stdout).toMatch(
      /^FAILED: 1 of 2 files could not be read \(no\/such\/stations\.csv\)/m,
    );
    const { code, summary } = await cliJson(['validate', '--stations', 'no/such/stations.csv']);
    expect(code).toBe(1);
    expect(summary.ok).toBe(false);
    expect(summary.inputs[0]).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'file not found' },
    });
  });

  it('a binary file: exit 1 with the reason, as stations and as boundaries', async () => {
    const bin = path.join(FIXTURES, 'binary.csv');
    const r = await cli(['validate', '--stations', bin, '--areas', bin]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot read stations file ${bin}: this is not a text table`);
    expect(r.stderr).toContain(`cannot read areas file ${bin}: binary data`);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a directory and an empty file: exit 1, named plainly', async () => {
    const r = await cli([
      'validate',
      '--areas',
      'geo',
      '--stations',
      path.join(FIXTURES, 'empty.csv'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read areas file geo: is a directory, not a file');
    expect(r.stderr).toContain('the file is empty');
  });

  it('a file given to the wrong option: the reason, capped, and which option it belongs to', async () => {
    const r = await cli(['validate', '--stations', 'geo/yushu-counties.geojson']);
    expect(r.code).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.startsWith('  error')) ?? '';
    expect(line).toMatch(
      /more characters\) \(this looks like JSON \(GeoJSON\/TopoJSON\?\): boundaries go in --areas or --townships\)$/,
    );
    expect(line.length).toBeLessThan(500);
    const areas = await cli(['validate', '--areas', 'geo/yushu-population.csv']);
    expect(areas.stderr).toContain('stations go in --stations, population in --population');
  });

  it('control characters from a file are shown escaped, never sent to the terminal', async () => {
    const file = path.join(tmp, 'escapes.csv');
    await writeFile(file, 'id,lon,lat\nC1,97.0,33.0\nC2,97.1,abc\u001b[2J\n');
    const r = await cli(['validate', '--stations', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('(value "abc\\x1b[2J")');
  });

  it('no progress output when stderr is not a terminal', async () => {
    const r = await cli(['validate', '--demo']);
    expect(r.stderr).toBe('');
  });
});

describe('sailplan: usage errors exit 2 with one line and a pointer to --help', () => {
  it.each([
    [['validate', '--stationz', 'x.csv'], 'unknown option --stationz (did you mean --stations?)'],
    [['validate'], 'no input: give at least one of --areas'],
    [['validate', '--stations'], 'option --stations needs a value'],
    [
      ['validate', '--stations', 'a.csv', '--stations', 'b.csv'],
      'option --stations is given more than once',
    ],
    [['validate', '--demo', '--crs', 'mars2000'], '--crs "mars2000" is not a known CRS'],
    [['validate', '--demo', '--max-issues', 'many'], '--max-issues "many" is not a whole number'],
    [['validate', 'stations.csv'], 'unexpected argument "stations.csv"'],
    [
      ['validate', '--demo', '--townships-crs', 'GCJ02'],
      '--townships-crs is given but --townships is not',
    ],
    [
      ['validate', '--stations', 'a.csv', '--settlements-crs', 'GCJ02'],
      '--settlements-crs is given but --settlements is not',
    ],
    [
      ['validate', '--stations', 'a.csv', '--code-field', 'adcode'],
      '--code-field applies to --areas',
    ],
  ])('%j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`sailplan validate: ${message}`);
    // The error and the pointer, not the whole usage text burying the error.
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^sailplan validate: /);
    expect(lines[1]).toBe('see "sailplan validate --help" for its options');
    expect(r.stderr).not.toContain('Usage:');
  });

  it('an unknown command or none', async () => {
    const unknown = await cli(['analyse']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'sailplan: unknown command "analyse"\nsee "sailplan --help" for the commands\n',
    );
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^sailplan: no command given \(one of analyze, plan, /);
    expect(none.stderr.trimEnd().split('\n')).toHaveLength(2);
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('validate  read input files');
    const v = await cli(['validate', '--help']);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('--stations-crs CRS');
    expect(v.stdout).toContain('Exit status: 0 every file was read');
  });
});

describe('progress', () => {
  it('draws on a terminal only, after a delay, and erases itself', () => {
    let t = 0;
    const clock = () => t;
    let tty = '';
    const p = fileProgress({ write: (s: string) => (tty += s), isTTY: true }, 'reading x', clock);
    p.onProgress({ fraction: 0.1, rows: 10 });
    expect(tty).toBe('');
    t = 1000;
    p.onProgress({ fraction: 0.5, rows: 500_000 });
    expect(tty).toBe('\r\x1b[Kreading x: 50%, 500,000 rows');
    p.done();
    expect(tty.endsWith('\r\x1b[K')).toBe(true);
    let pipe = '';
    const q = fileProgress({ write: (s: string) => (pipe += s) }, 'reading x', clock);
    t = 5000;
    q.onProgress({ fraction: 0.5, rows: 1 });
    q.done();
    expect(pipe).toBe('');
  });
});

describe('the sailplan command (spawned)', () => {
  it('bin/sailplan.mjs and `tsx src/cli/main.ts` work from another directory', async () => {
    const exec = promisify(execFile);
    // A fresh directory, so the clone is never below the working directory, wherever it lives
    // (os.tmpdir() itself may hold the clone).
    const [bin, tsx] = await Promise.all([
      exec(
        process.execPath,
        [path.join(ROOT, 'bin/sailplan.mjs'), 'validate', '--demo', '--json'],
        { cwd: tmp },
      ),
      exec(
        process.execPath,
        [
          path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
          path.join(ROOT, 'src/cli/main.ts'),
          '--help',
        ],
        { cwd: tmp },
      ),
    ]);
    const summary = JSON.parse(bin.stdout) as Summary;
    expect(summary.ok).toBe(true);
    expect(summary.inputs[2].sites?.total).toBe(706);
    // Outside the working directory a demo file is named by its absolute path…
    expect(summary.inputs[2].file).toBe(path.join(ROOT, 'geo/yushu-stations.csv'));
    expect(tsx.stdout).toContain('Usage: sailplan <command>');
    // A non-zero exit comes through the process too.
    const failed = await exec(process.execPath, [
      path.join(ROOT, 'bin/sailplan.mjs'),
      'validate',
      '--bogus',
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('unknown option --bogus');
  });
});

describe('how the CLI names demo files', () => {
  it('relative below the working directory, absolute elsewhere, never "../"', async () => {
    const stationsFile = (r: CliResult) =>
      (JSON.parse(r.stdout) as Summary).inputs.find((i) => i.role === 'stations')?.file;
    const parent = path.dirname(ROOT);
    // …below it by the path from there (the clone's folder name, whatever it is)…
    expect(stationsFile(await cli(['validate', '--demo', '--json'], parent))).toBe(
      path.join(path.basename(ROOT), 'geo', 'yushu-stations.csv'),
    );
    expect(stationsFile(await cli(['validate', '--demo', '--json'], path.join(ROOT, 'geo')))).toBe(
      'yushu-stations.csv',
    );
    // …and from a sibling folder by the absolute path, not a climb out with "..".
    expect(stationsFile(await cli(['validate', '--demo', '--json'], path.join(ROOT, 'src')))).toBe(
      path.join(ROOT, 'geo', 'yushu-stations.csv'),
    );
    expect(stationsFile(await cli(['validate', '--demo', '--json'], tmp))).toBe(
      path.join(ROOT, 'geo', 'yushu-stations.csv'),
    );
  });
});

// Third-party data lives outside the repository (see ../shared/data/README.md).
const DATA = path.resolve(process.cwd(), '../shared/data');
const present = existsSync(path.join(DATA, 'cn-counties-2021.geojson'));
if (!present) console.warn(`cli-validate: real-data tests skipped, ${DATA} is absent`);

describe.skipIf(!present)('sailplan validate on real data (../shared/data)', () => {
  it('all 2,990 counties with the 2020 census: join statistics', async () => {
    const { code, summary } = await cliJson([
      'validate',
      '--areas',
      path.join(DATA, 'cn-counties-2021.geojson'),
      '--population',
      path.join(DATA, 'cn-county-census-2020.csv'),
    ]);
    expect(code).toBe(0);
    const [areas, population] = summary.inputs;
    expect(areas).toMatchObject({
      features: { read: 2990, loaded: 2990, rejected: 0 },
      areas: { count: 2990, withPopulation: 2990 },
    });
    expect(population).toMatchObject({ rows: { read: 3358, rejected: 1 } });
    const j = summary.join;
    expect(j).not.toBeNull();
    if (!j) return;
    expect(j.areaCount).toBe(2990);
    expect(j.matched / j.areaCount).toBeGreaterThan(0.98);
    expect(j.matched + j.areasWithoutPopulation.length).toBe(2990);
    expect(j.aggregateRows).toBeGreaterThan(300);
    // The census's development zones and Kinmen have no row under the boundary codes.
    expect(j.areasWithoutPopulation.map((a) => a.name)).toContain('金门县');
    console.info(
      `cli census join: ${j.matched}/${j.areaCount} matched, ${j.areasWithoutPopulation.length} without a row, ` +
        `${j.unmatchedRows.length} unmatched rows, ${j.aggregateRows} aggregate rows`,
    );
  });

  it('guigang-townships: warns about 丹竹镇 in the text report', async () => {
    const r = await cli(['validate', '--townships', path.join(DATA, 'guigang-townships.geojson')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('58 township-level');
    expect(r.stdout).toContain('warnings (2):');
    expect(r.stdout).toMatch(
      /feature 2, field geometry: 丹竹镇 \(450821113\) has 7 separate parts/,
    );
    expect(r.stdout).toMatch(/丹竹镇 \(450821113\) covers 2959\.\d km²/);
  });
});
