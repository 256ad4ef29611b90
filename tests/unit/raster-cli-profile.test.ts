import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTiff, GEO_4326, GEO_54009 } from './support/tiff-encode';
import { hgtBytes, zipOf } from './support/raster-fixtures';
import { runCli } from './support/cli-run';

/** Level 3500 m with a 150 m N–S ridge at 97.55°E (as terrain-cli-profile.test.ts). */
const height = (_r: number, c: number) => (Math.abs(97 + c / 1200 - 97.55) < 0.004 ? 3650 : 3500);

const cli = runCli;

describe('sailplan profile --dem through the raster reader', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-dem-'));
    const tile = hgtBytes(1201, height);
    await writeFile(path.join(dir, 'N33E097.hgt'), tile);
    await mkdir(path.join(dir, 'srtm'));
    await writeFile(
      path.join(dir, 'srtm', 'N33E097.SRTMGL3.hgt.zip'),
      zipOf({ 'N33E097.hgt': tile }),
    );
    await writeFile(
      path.join(dir, 'srtm', 'N33E098.hgt'),
      hgtBytes(1201, () => 3500),
    );
    const data = new Int16Array(1201 * 1201);
    for (let i = 0; i < data.length; i++) data[i] = height(Math.floor(i / 1201), i % 1201);
    await writeFile(
      path.join(dir, 'dem.tif'),
      encodeTiff({
        width: 1201,
        height: 1201,
        data,
        sampleType: 'Int16',
        origin: [97, 34, 1 / 1200, 1 / 1200],
        geoKeys: { ...GEO_4326, raster: 2 },
        rowsPerStrip: 32,
      }),
    );
    await writeFile(
      path.join(dir, 'moll.tif'),
      encodeTiff({
        width: 2,
        height: 2,
        data: [1, 2, 3, 4],
        sampleType: 'Float32',
        origin: [8_800_000, 4_000_000, 1000, 1000],
        geoKeys: GEO_54009,
      }),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const across = ['--from', '97.5,33.5', '--height', '30', '--to', '97.58,33.5', '--band', 'n28'];

  it('a GeoTIFF, a bare tile and a folder of tiles (one zipped) give the same profile', async () => {
    const hgt = await cli(['profile', '--dem', 'N33E097.hgt', ...across], dir);
    expect(hgt.code).toBe(0);
    const ref = JSON.parse(hgt.stdout);
    expect(ref.obstacles[0].ground_m).toBe(3650);
    for (const dem of ['dem.tif', 'srtm']) {
      const r = await cli(['profile', '--dem', dem, ...across], dir);
      expect(r.stderr).toBe('');
      const j = JSON.parse(r.stdout);
      expect(j.dem.file).toBe(dem);
      expect({ ...j, dem: null }).toEqual({ ...ref, dem: null });
      expect(j.dem.window).toEqual(ref.dem.window);
    }
    expect(
      JSON.parse((await cli(['profile', '--dem', 'srtm', ...across], dir)).stdout).dem.format,
    ).toBe('mosaic of SRTM .hgt');
  });

  it('a DEM outside EPSG:4326 is refused by name', async () => {
    const r = await cli(['profile', '--dem', 'moll.tif', ...across], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /moll\.tif: a DEM must be in EPSG:4326 \(WGS-84 degrees\), not ESRI:54009/,
    );
  });
});
