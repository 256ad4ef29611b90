// `--population-raster` end to end: a GeoTIFF written here, read by the raster reader, each
// county's census spread by it, the report naming it; tiles give the file's numbers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { GEO_4326, encodeTiff } from './support/tiff-encode';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

// 0.05° pixels over the Yushu demo, people around 玉树市's town (97.0°E, 33.0°N) and a
// thin rural floor; NaN in a strip at the north edge to check nodata.
const W = 89;
const N = 37;
const D = 0.05;
const COLS = 200;
const ROWS = 130;
function people(c: number, r: number): number {
  const lon = W + (c + 0.5) * D;
  const lat = N - (r + 0.5) * D;
  if (r < 2) return -99999;
  return 2 + 5000 * Math.exp(-((lon - 97.0) ** 2 + (lat - 33.0) ** 2) / 0.01);
}
function tiff(c0: number, c1: number): Uint8Array {
  const data = new Float32Array((c1 - c0) * ROWS);
  for (let r = 0; r < ROWS; r++)
    for (let c = c0; c < c1; c++) data[r * (c1 - c0) + (c - c0)] = people(c, r);
  return encodeTiff({
    width: c1 - c0,
    height: ROWS,
    data,
    sampleType: 'Float32',
    rowsPerStrip: 16,
    origin: [W + c0 * D, N, D, D],
    geoKeys: GEO_4326,
    nodata: '-99999',
  });
}

describe('sailplan analyze --population-raster', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-pop-'));
    await writeFile(path.join(dir, 'chn_ppp_2020.tif'), tiff(0, COLS));
    await writeFile(path.join(dir, 'west.tif'), tiff(0, 100));
    await writeFile(path.join(dir, 'east.tif'), tiff(100, COLS));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('spreads each county by the raster and names it in the report; tiles give the same numbers', async () => {
    const base = ['analyze', '--demo', '--cell-size', '1000'];
    const one = await cli([...base, '--population-raster', path.join(dir, 'chn_ppp_2020.tif')]);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    const report = JSON.parse(one.stdout);
    const pm = report.params.grid.population_model;
    expect(pm.surface).toBe('raster');
    expect(pm.rasters).toHaveLength(1);
    expect(pm.rasters[0]).toMatchObject({ format: 'GeoTIFF', crs: 'EPSG:4326', values: 'count' });
    expect(pm.rasters[0].file).toMatch(/chn_ppp_2020\.tif$/);
    expect(pm.rasters[0].resolution_m).toBeGreaterThan(4000);
    expect(pm.per_area.map((a: { model: string }) => a.model)).toEqual(Array(6).fill('raster'));
    expect(report.inputs.files.map((f: { role: string }) => f.role)).toContain('population-raster');
    // People are where the raster has them: 玉树市's town is covered, so far more of its
    // people are covered than under the settlements' surface.
    const yushu = report.areas.find((a: { code: string }) => a.code === '632701');
    const demo = JSON.parse((await cli(base)).stdout);
    const yushuDemo = demo.areas.find((a: { code: string }) => a.code === '632701');
    expect(yushu.coverage.nr.pop_pct).not.toBe(yushuDemo.coverage.nr.pop_pct);

    const tiles = await cli([
      ...base,
      '--population-raster',
      path.join(dir, 'west.tif'),
      '--population-raster',
      path.join(dir, 'east.tif'),
    ]);
    expect(tiles.code).toBe(0);
    const t = JSON.parse(tiles.stdout);
    expect(t.areas).toEqual(report.areas);
    expect(t.params.grid.population_model.rasters).toHaveLength(2);
  });

  it('threads get each county its window: the same models as on one grid', async () => {
    const r = await cli([
      'analyze',
      '--demo',
      '--cell-size',
      '1000',
      '--threads',
      '2',
      '--population-raster',
      path.join(dir, 'chn_ppp_2020.tif'),
    ]);
    expect(r.code).toBe(0);
    const pm = JSON.parse(r.stdout).params.grid.population_model;
    expect(pm.surface).toBe('raster');
    expect(pm.per_area.map((a: { model: string }) => a.model)).toEqual(Array(6).fill('raster'));
  });

  it('--settlements spreads people around the given settlements; own stations drop the demo ones', async () => {
    const own = [
      'analyze',
      '--demo',
      '--cell-size',
      '1000',
      '--stations',
      'geo/yushu-stations.csv',
    ];
    const census = JSON.parse((await cli(own)).stdout);
    expect(census.params.grid.population_model.surface).toBe('two-zone');
    expect(census.inputs.files.map((f: { role: string }) => f.role)).not.toContain('settlements');
    const r = await cli([...own, '--settlements', 'geo/yushu-settlements.csv']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const pm = report.params.grid.population_model;
    expect(pm.surface).toBe('settlements');
    expect(pm.settlements).toMatchObject({ count: 840, synthetic: true });
    // Its records are labelled synthetic (合成): the report says synthetic data went in.
    expect(report.inputs.synthetic).toBe(true);
    expect(report.areas).not.toEqual(census.areas);
  });

  it('exits 1 on a raster it cannot read, 2 on a bad --population-values', async () => {
    const missing = await cli(['analyze', '--demo', '--population-raster', 'no/such.tif']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/population raster .*no\/such\.tif/);
    const bad = await cli(['analyze', '--demo', '--population-values', 'people']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--population-values must be count or density/);
  });
});
