import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRasterInputs } from '../../src/cli/raster-files';
import type { RasterSource } from '../../src/core/raster/types';
import { mosaicRasters } from '../../src/io/raster-mosaic';
import { openRaster, RasterFileError } from '../../src/io/raster-open';
import { encodeTiff, GEO_4326, GEO_54009 } from './support/tiff-encode';
import { blobOf, hgtBytes } from './support/raster-fixtures';

/** A 40 × 30 raster at 0.05° from (100°E, 40°N), cut into tiles of 20 × 15 (2 × 2). */
const W = 40;
const H = 30;
const value = (r: number, c: number) => r * 100 + c;

function tiff(
  c0: number,
  r0: number,
  w: number,
  h: number,
  over: { dx?: number; shift?: number; geoKeys?: typeof GEO_4326 } = {},
) {
  const dx = over.dx ?? 0.05;
  const data = Array.from({ length: w * h }, (_, i) => value(r0 + Math.floor(i / w), c0 + (i % w)));
  return encodeTiff({
    width: w,
    height: h,
    data,
    sampleType: 'Float32',
    origin: [100 + c0 * dx + (over.shift ?? 0), 40 - r0 * dx, dx, dx],
    geoKeys: over.geoKeys ?? GEO_4326,
    rowsPerStrip: 4,
  });
}

const open = (name: string, bytes: Uint8Array) => openRaster({ name, blob: blobOf(bytes) });

async function tiles(): Promise<RasterSource[]> {
  return Promise.all([
    open('a.tif', tiff(0, 0, 20, 15)),
    open('b.tif', tiff(20, 0, 20, 15)),
    open('c.tif', tiff(0, 15, 20, 15)),
    open('d.tif', tiff(20, 15, 20, 15)),
  ]);
}

describe('raster mosaics', () => {
  it('2 × 2 tiles read as the one big raster, window for window', async () => {
    const big = await open('big.tif', tiff(0, 0, W, H));
    const mosaic = mosaicRasters(await tiles());
    expect(mosaic.info.files).toEqual(['a.tif', 'b.tif', 'c.tif', 'd.tif']);
    expect(mosaic.info.format).toBe('mosaic of GeoTIFF');
    expect(mosaic.info.georef).toEqual(big.info.georef);
    expect(mosaic.info.bboxWgs84).toEqual(big.info.bboxWgs84);
    expect(mosaic.info.resolutionM).toBeCloseTo(big.info.resolutionM, 9);
    for (const box of [
      [100.9, 39.2, 101.1, 39.4],
      [100, 38.5, 102, 40],
      [101.5, 38.6, 101.7, 38.8],
      [99, 38, 100.02, 38.52],
    ] as const) {
      const a = (await big.readWindow(box))!;
      const m = (await mosaic.readWindow(box))!;
      expect(m.georef).toEqual(a.georef);
      expect(Array.from(m.data)).toEqual(Array.from(a.data));
    }
    expect(await mosaic.readWindow([103, 38, 104, 39])).toBeNull();
  });

  it('tiles that only offer readWindow (not made by openRaster) mosaic the same', async () => {
    const big = await open('big.tif', tiff(0, 0, W, H));
    const plain = (await tiles()).map((t): RasterSource => ({
      info: t.info,
      readWindow: (b, o) => t.readWindow(b, o),
    }));
    const mosaic = mosaicRasters(plain);
    for (const box of [
      [100.9, 39.2, 101.1, 39.4],
      [100, 38.5, 102, 40],
    ] as const) {
      const a = (await big.readWindow(box))!;
      const m = (await mosaic.readWindow(box))!;
      expect(m.georef).toEqual(a.georef);
      expect(Array.from(m.data)).toEqual(Array.from(a.data));
    }
  });

  it('SRTM tiles sharing their edge rows: the first with a value wins', async () => {
    const south = hgtBytes(1201, (r) => (r === 0 ? -32768 : 1000));
    const north = hgtBytes(1201, (r) => (r === 1200 ? 2222 : 2000));
    const m = mosaicRasters([
      await openRaster({ name: 'N33E097.hgt', blob: blobOf(south) }),
      await openRaster({ name: 'N34E097.hgt', blob: blobOf(north) }),
    ]);
    expect(m.info.georef.height).toBe(2401);
    expect(m.info.georef.north).toBeCloseTo(35 + 1 / 2400, 12);
    const w = (await m.readWindow([97.5, 33.99, 97.5, 34.01]))!;
    const row34 = Math.round((w.georef.north - 34) * 1200);
    // The shared row at 34°N: the south tile's void there gives way to the north tile's value.
    expect(w.data[row34 * w.georef.width]).toBe(2222);
    expect(w.data[(row34 + 1) * w.georef.width]).toBe(1000);
    expect(w.data[(row34 - 1) * w.georef.width]).toBe(2000);
  });

  it('reports progress across tiles and honours an abort', async () => {
    const m = mosaicRasters(await tiles());
    const seen: number[] = [];
    await m.readWindow([100, 38.5, 102, 40], { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen[seen.length - 1]).toBe(1);
    const ctl = new AbortController();
    ctl.abort();
    await expect(m.readWindow([100, 38.5, 102, 40], { signal: ctl.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('refuses tiles that do not fit, naming both files and what differs', async () => {
    const a = await open('a.tif', tiff(0, 0, 20, 15));
    const cases: [Uint8Array, RegExp][] = [
      [
        tiff(20, 0, 20, 15, { dx: 0.1 }),
        /b\.tif: cannot be a mosaic tile with a\.tif: its pixels are 0\.1 × 0\.1, not 0\.05 × 0\.05/,
      ],
      [
        tiff(20, 0, 20, 15, { shift: 0.01 }),
        /b\.tif: cannot be a mosaic tile with a\.tif: its grid is shifted by a fraction of a pixel/,
      ],
      [
        encodeTiff({
          width: 2,
          height: 2,
          data: [1, 2, 3, 4],
          sampleType: 'Float32',
          origin: [8_800_000, 4_000_000, 0.05, 0.05],
          geoKeys: GEO_54009,
        }),
        /b\.tif: cannot be a mosaic tile with a\.tif: its CRS is ESRI:54009, not EPSG:4326/,
      ],
    ];
    for (const [bytes, re] of cases) {
      const b = await open('b.tif', bytes);
      expect(() => mosaicRasters([a, b])).toThrow(RasterFileError);
      expect(() => mosaicRasters([a, b])).toThrow(re);
    }
    const dem = await openRaster(
      { name: 'b.tif', blob: blobOf(tiff(20, 0, 20, 15)) },
      { values: 'elevation' },
    );
    expect(() => mosaicRasters([a, dem])).toThrow(/its values are elevation, not count/);
  });
});

describe('CLI raster inputs', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-raster-'));
    await mkdir(path.join(dir, 'tiles'));
    await mkdir(path.join(dir, 'empty'));
    const names = ['a', 'b', 'c', 'd'];
    const parts = [
      tiff(0, 0, 20, 15),
      tiff(20, 0, 20, 15),
      tiff(0, 15, 20, 15),
      tiff(20, 15, 20, 15),
    ];
    await Promise.all(
      parts.map((p, i) => writeFile(path.join(dir, 'tiles', `${names[3 - i]}_2020.tif`), p)),
    );
    await writeFile(path.join(dir, 'tiles', 'notes.txt'), 'not a raster');
    await writeFile(path.join(dir, 'big.tif'), tiff(0, 0, W, H));
    await writeFile(
      path.join(dir, 'grid.asc'),
      'ncols 2\nnrows 1\nxllcorner 8800000\nyllcorner 3900000\ncellsize 1000\n5 6\n',
    );
    await writeFile(
      path.join(dir, 'grid.prj'),
      'PROJCS["World_Mollweide",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]],PROJECTION["Mollweide"]]',
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a folder of tiles is one mosaic (files in name order), equal to the big file', async () => {
    const folder = await openRasterInputs(['tiles'], dir);
    expect(folder.info.files).toEqual(
      ['a_2020.tif', 'b_2020.tif', 'c_2020.tif', 'd_2020.tif'].map((n) => path.join('tiles', n)),
    );
    expect(folder.info.year).toBe(2020);
    const big = await openRasterInputs(['big.tif'], dir);
    const box = [100.3, 38.7, 101.8, 39.9] as const;
    expect(Array.from((await folder.readWindow(box))!.data)).toEqual(
      Array.from((await big.readWindow(box))!.data),
    );
  });

  it('an ASCII grid takes its sibling .prj; a folder without rasters is refused', async () => {
    const asc = await openRasterInputs(['grid.asc'], dir, 'density');
    expect(asc.info.georef.crs).toBe('ESRI:54009');
    expect(asc.info.values).toBe('density');
    await expect(openRasterInputs(['empty'], dir)).rejects.toThrow(
      /empty: is a folder without raster files/,
    );
    await expect(openRasterInputs(['missing.tif'], dir)).rejects.toThrow(/file not found/);
  });
});
