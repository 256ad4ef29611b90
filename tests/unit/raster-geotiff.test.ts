import { fromArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random';
import { mollweideForward, mollweideInverse } from '../../src/core/raster/mollweide';
import { openRaster, RasterFileError } from '../../src/io/raster-open';
import { encodeTiff, GEO_4326, GEO_54009, GEO_GHSL, type TiffSpec } from './support/tiff-encode';
import { blobOf, recordingBlob } from './support/raster-fixtures';

/** A 20 × 10 geographic raster at 0.1°, value 1000·row + col, from (100°E, 40°N). */
function geoSpec(over: Partial<TiffSpec> = {}): TiffSpec {
  const width = 20;
  const height = 10;
  return {
    width,
    height,
    data: Array.from(
      { length: width * height },
      (_, i) => 1000 * Math.floor(i / width) + (i % width),
    ),
    sampleType: 'Int32',
    origin: [100, 40, 0.1, 0.1],
    geoKeys: GEO_4326,
    ...over,
  };
}

const open = (spec: TiffSpec, name = 'pop.tif', values?: 'count' | 'density' | 'elevation') =>
  openRaster({ name, blob: blobOf(encodeTiff(spec)) }, values ? { values } : {});

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RasterFileError);
    return (e as Error).message;
  }
  throw new Error('expected a RasterFileError');
}

describe('GeoTIFF reader', () => {
  it('georef, info and the exact pixels of a window (with one pixel of margin)', async () => {
    const src = await open(geoSpec(), 'chn_ppp_2020_1km.tif');
    expect(src.info).toMatchObject({
      files: ['chn_ppp_2020_1km.tif'],
      format: 'GeoTIFF',
      georef: { crs: 'EPSG:4326', west: 100, north: 40, dx: 0.1, dy: 0.1, width: 20, height: 10 },
      values: 'count',
      sampleType: 'Int32',
      nodata: null,
      year: 2020,
    });
    const [w, s, e, n] = src.info.bboxWgs84;
    expect([w, s, e, n].map((x) => +x.toFixed(9))).toEqual([100, 39, 102, 40]);
    // 0.1° × cos 39.5° × 111.32 km by 0.1° × 110.574 km, as one square's side.
    expect(src.info.resolutionM).toBeCloseTo(
      Math.sqrt(11132 * Math.cos((39.5 * Math.PI) / 180) * 11057.4),
      3,
    );
    // Box 100.52…100.78°E, 39.33…39.56°N: columns 5–7, rows 4–6, and one more each side.
    const win = await src.readWindow([100.52, 39.33, 100.78, 39.56]);
    expect(win).not.toBeNull();
    expect(win!.georef.width).toBe(5);
    expect(win!.georef.height).toBe(5);
    expect(win!.georef.west).toBeCloseTo(100.4, 12);
    expect(win!.georef.north).toBeCloseTo(39.7, 12);
    expect(win!.values).toBe('count');
    const rows = Array.from({ length: 5 }, (_, r) => Array.from(win!.data.slice(r * 5, r * 5 + 5)));
    expect(rows).toEqual([3, 4, 5, 6, 7].map((r) => [4, 5, 6, 7, 8].map((c) => 1000 * r + c)));
  });

  it('windows at the edges are clipped; a box outside gives null', async () => {
    const src = await open(geoSpec());
    const corner = await src.readWindow([99, 39.95, 100.05, 41]);
    expect(corner!.georef).toMatchObject({ west: 100, north: 40, width: 2, height: 2 });
    expect(Array.from(corner!.data)).toEqual([0, 1, 1000, 1001]);
    const all = await src.readWindow([90, 30, 110, 50]);
    expect(all!.georef).toMatchObject({ west: 100, north: 40, width: 20, height: 10 });
    expect(all!.data[all!.data.length - 1]).toBe(9019);
    expect(await src.readWindow([102.5, 39, 103, 40])).toBeNull();
    expect(await src.readWindow([100, 41, 101, 42])).toBeNull();
  });

  it('pixel-is-point shifts the grid by half a pixel', async () => {
    const area = await open(geoSpec());
    const point = await open(geoSpec({ geoKeys: { ...GEO_4326, raster: 2 } }));
    expect(area.info.georef.west).toBe(100);
    expect(point.info.georef.west).toBeCloseTo(99.95, 12);
    expect(point.info.georef.north).toBeCloseTo(40.05, 12);
  });

  it('GDAL_NODATA becomes NaN, NaN samples stay NaN; every supported sample type', async () => {
    const data = [1, -9999, 3, 4, 5, NaN];
    const f32 = await open({
      width: 3,
      height: 2,
      data,
      sampleType: 'Float32',
      origin: [0, 1, 0.5, 0.5],
      geoKeys: GEO_4326,
      nodata: '-9999',
    });
    const w = await f32.readWindow([0, 0, 1.5, 1]);
    expect(Array.from(w!.data)).toEqual([1, NaN, 3, 4, 5, NaN]);
    expect(f32.info.nodata).toBe(-9999);
    // A Float32 nodata that only matches once rounded to single precision.
    const big = await open({
      width: 2,
      height: 1,
      data: [-3.4028234663852886e38, 2],
      sampleType: 'Float32',
      origin: [0, 1, 0.5, 0.5],
      geoKeys: GEO_4326,
      nodata: '-3.40282346638529e+38',
    });
    expect(Array.from((await big.readWindow([0, 0, 1, 1]))!.data)).toEqual([NaN, 2]);
    for (const [sampleType, v] of [
      ['Float64', 2.5],
      ['Int32', -70000],
      ['Int16', -300],
      ['UInt16', 65000],
      ['UInt8', 200],
    ] as const) {
      const src = await open({
        width: 2,
        height: 1,
        data: [v, 7],
        sampleType,
        origin: [0, 1, 0.5, 0.5],
        geoKeys: GEO_4326,
        nodata: '7',
      });
      expect(src.info.sampleType).toBe(sampleType);
      expect(Array.from((await src.readWindow([0, 0, 1, 1]))!.data)).toEqual([v, NaN]);
    }
  });

  it('tiled and Deflate-compressed, big-endian and striped files read the same pixels', async () => {
    const width = 70;
    const height = 50;
    const data = Array.from({ length: width * height }, (_, i) => (i * 37) % 1013);
    const base: TiffSpec = {
      width,
      height,
      data,
      sampleType: 'Float32',
      origin: [100, 40, 0.01, 0.01],
      geoKeys: GEO_4326,
    };
    const box = [100.13, 39.71, 100.52, 39.94] as const;
    const ref = await (await open(base)).readWindow(box);
    for (const over of [
      { tile: [16, 16] as [number, number] },
      { tile: [32, 16] as [number, number], compression: 8 },
      { littleEndian: false, rowsPerStrip: 3 },
      { compression: 8, rowsPerStrip: 7 },
    ]) {
      const w = await (await open({ ...base, ...over })).readWindow(box);
      expect(w!.georef).toEqual(ref!.georef);
      expect(Array.from(w!.data)).toEqual(Array.from(ref!.data));
    }
  });

  it('windows equal geotiff.js readRasters for every layout, byte order and sample type', async () => {
    const rng = createRng(12);
    const width = 83;
    const height = 61;
    for (const sampleType of ['Int16', 'Float64', 'UInt8', 'Int32'] as const) {
      const data = Array.from({ length: width * height }, () => rng.int(0, 250));
      for (const over of [
        { rowsPerStrip: 1 },
        { rowsPerStrip: 7, littleEndian: false },
        { tile: [16, 16] as [number, number], compression: 8 },
        { tile: [32, 16] as [number, number], littleEndian: false },
      ]) {
        const bytes = encodeTiff({
          width,
          height,
          data,
          sampleType,
          origin: [100, 40, 0.01, 0.01],
          geoKeys: GEO_4326,
          nodata: '7',
          ...over,
        });
        const src = await openRaster({ name: 'x.tif', blob: blobOf(bytes) });
        const oracle = await (await fromArrayBuffer(bytes.slice().buffer)).getImage();
        for (let k = 0; k < 5; k++) {
          const w = rng.uniform(100, 100.8);
          const n = rng.uniform(39.4, 40);
          const win = (await src.readWindow([
            w,
            n - rng.uniform(0, 0.3),
            w + rng.uniform(0, 0.3),
            n,
          ]))!;
          const g = win.georef;
          const c0 = Math.round((g.west - 100) / 0.01);
          const r0 = Math.round((40 - g.north) / 0.01);
          const ref = (
            await oracle.readRasters({
              window: [c0, r0, c0 + g.width, r0 + g.height],
              samples: [0],
            })
          )[0] as ArrayLike<number>;
          expect(Array.from(win.data)).toEqual(Array.from(ref, (v) => (v === 7 ? NaN : v)));
        }
      }
    }
  });

  it('a ModelTransformation georeference; a rotated one is refused', async () => {
    const t = [0.1, 0, 0, 100, 0, -0.1, 0, 40, 0, 0, 0, 0, 0, 0, 0, 1];
    const src = await open(geoSpec({ origin: undefined, transformation: t }));
    expect(src.info.georef).toMatchObject({ west: 100, north: 40, dx: 0.1, dy: 0.1 });
    const rotated = [0.1, 0.01, 0, 100, 0.01, -0.1, 0, 40, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(await reason(open(geoSpec({ origin: undefined, transformation: rotated })))).toMatch(
      /pop\.tif: has a rotated or skewed geotransform/,
    );
  });

  it('Mollweide (ESRI:54009 and GDAL’s user-defined World_Mollweide): WGS-84 extent and windows', async () => {
    // 1 km pixels around Yushu: x from 8,800 km, y from 4,000 km north.
    const [x0, y0] = [8_800_000, 4_000_000];
    const width = 300;
    const height = 200;
    const data = Array.from({ length: width * height }, (_, i) => i);
    for (const geoKeys of [GEO_54009, GEO_GHSL]) {
      const src = await open(
        { width, height, data, sampleType: 'Float32', origin: [x0, y0, 1000, 1000], geoKeys },
        'GHS_POP_E2020_GLOBE_R2023A_54009_1000_V1_0.tif',
      );
      expect(src.info.georef.crs).toBe('ESRI:54009');
      expect(src.info.year).toBe(2020);
      expect(src.info.resolutionM).toBe(1000);
      // The extent holds the inverse of every edge point of the raster.
      const [w, s, e, n] = src.info.bboxWgs84;
      for (let i = 0; i <= 10; i++) {
        for (const [x, y] of [
          [x0 + i * 30_000, y0],
          [x0 + i * 30_000, y0 - 200_000],
          [x0, y0 - i * 20_000],
          [x0 + 300_000, y0 - i * 20_000],
        ]) {
          const [lon, lat] = mollweideInverse(x, y)!;
          expect(lon).toBeGreaterThanOrEqual(w - 1e-9);
          expect(lon).toBeLessThanOrEqual(e + 1e-9);
          expect(lat).toBeGreaterThanOrEqual(s - 1e-9);
          expect(lat).toBeLessThanOrEqual(n + 1e-9);
        }
      }
      // East of the central meridian, a grid column's longitude grows away from the
      // equator: the westmost point is the south-west corner, the eastmost the north-east.
      expect(w).toBeCloseTo(mollweideInverse(x0, y0 - 200_000)![0], 9);
      expect(e).toBeCloseTo(mollweideInverse(x0 + 300_000, y0)![0], 9);
      expect(n).toBeCloseTo(mollweideInverse(0, y0)![1], 9);
      // A 0.5° × 0.3° box around the raster's middle.
      const [lonC, latC] = mollweideInverse(x0 + 150_000, y0 - 100_000)!;
      const box = [lonC - 0.25, latC - 0.15, lonC + 0.25, latC + 0.15] as const;
      const win = (await src.readWindow(box))!;
      expect(win.georef.crs).toBe('ESRI:54009');
      const g = win.georef;
      // Every point of the box falls inside the window, and the window is tight (≤ 1 px + margin).
      let minX = Infinity;
      let maxX = -Infinity;
      for (let i = 0; i <= 20; i++) {
        for (let j = 0; j <= 20; j++) {
          const [x, y] = mollweideForward(box[0] + (0.5 * i) / 20, box[1] + (0.3 * j) / 20);
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          expect(x).toBeGreaterThan(g.west + 1000);
          expect(x).toBeLessThan(g.west + g.width * 1000 - 1000);
          expect(y).toBeLessThan(g.north - 1000);
          expect(y).toBeGreaterThan(g.north - g.height * 1000 + 1000);
        }
      }
      expect(g.width).toBeLessThanOrEqual(Math.ceil((maxX - minX) / 1000) + 3);
      // The pixel values are those of the file at the window's place.
      const c0 = Math.round((g.west - x0) / 1000);
      const r0 = Math.round((y0 - g.north) / 1000);
      expect(win.data[0]).toBe(r0 * width + c0);
      expect(win.data[g.width + 1]).toBe((r0 + 1) * width + c0 + 1);
    }
  });

  it('a window reads only the strips it needs from a big file', async () => {
    const width = 1000;
    const height = 1000;
    const bytes = encodeTiff({
      width,
      height,
      data: new Float32Array(width * height).map((_, i) => i % 977),
      sampleType: 'Float32',
      origin: [100, 40, 0.001, 0.001],
      geoKeys: GEO_4326,
      rowsPerStrip: 8,
    });
    const rec = recordingBlob(bytes);
    const src = await openRaster({ name: 'big.tif', blob: rec.blob });
    const opened = rec.bytesRead();
    expect(opened).toBeLessThan(20_000);
    const win = await src.readWindow([100.4, 39.5, 100.41, 39.51]);
    expect(win!.georef.width).toBe(12);
    // 12 rows of pixels lie in two or three 8-row strips of 32,000 bytes each.
    const read = rec.bytesRead() - opened;
    expect(read).toBeGreaterThanOrEqual(2 * 32_000);
    expect(read).toBeLessThanOrEqual(3 * 32_000 + 1000);
    expect(read / bytes.length).toBeLessThan(0.03);
  });

  it('big windows report progress and stop when aborted', async () => {
    const width = 2000;
    const height = 1200;
    const src = await open({
      width,
      height,
      data: new Float32Array(width * height),
      sampleType: 'Float32',
      origin: [100, 40, 0.001, 0.001],
      geoKeys: GEO_4326,
      rowsPerStrip: 16,
    });
    const seen: number[] = [];
    await src.readWindow([99, 38, 103, 41], { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const ctl = new AbortController();
    const p = src.readWindow([99, 38, 103, 41], {
      signal: ctl.signal,
      onProgress: (f) => f > 0 && ctl.abort(),
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses what it cannot read, naming the file and the reason', async () => {
    expect(await reason(open(geoSpec({ geoKeys: { model: 1, projected: 32648 } })))).toMatch(
      /pop\.tif: is in EPSG:32648; supported: EPSG:4326 .* and ESRI:54009/,
    );
    expect(await reason(open(geoSpec({ geoKeys: { model: 2, geographic: 4490 } })))).toMatch(
      /is in EPSG:4490; supported/,
    );
    expect(
      await reason(
        open(geoSpec({ geoKeys: { model: 1, projected: 32767, citation: 'Albers China' } })),
      ),
    ).toMatch(/user-defined projection \("Albers China"\)/);
    expect(await reason(open(geoSpec({ geoKeys: null })))).toMatch(/has no GeoKeys/);
    expect(await reason(open(geoSpec({ origin: undefined })))).toMatch(/has no georeference/);
    expect(await reason(open(geoSpec({ origin: [500_000, 4_000_000, 1000, 1000] })))).toMatch(
      /is not in degrees/,
    );
    expect(await reason(open(geoSpec({ sampleType: 'Float16' })))).toMatch(
      /16-bit floating-point samples; supported: Float32, Float64, Int32, Int16, UInt16, UInt8/,
    );
    expect(await reason(open(geoSpec({ compression: 7 })))).toMatch(
      /compression 7 \(JPEG, lossy\); supported: none, LZW, Deflate/,
    );
    const bytes = encodeTiff(geoSpec());
    expect(
      await reason(openRaster({ name: 'cut.tif', blob: blobOf(bytes.slice(0, 500)) })),
    ).toMatch(/cut\.tif: is not a readable TIFF|cut\.tif: is truncated/);
    expect(await reason(openRaster({ name: 'x.tif', blob: blobOf('hello, not a tiff') }))).toMatch(
      /x\.tif: is not a TIFF file/,
    );
    expect(await reason(openRaster({ name: 'x.bin', blob: blobOf('hello') }))).toMatch(
      /x\.bin: is not a raster: expected a GeoTIFF/,
    );
    expect(await reason(openRaster({ name: 'e.tif', blob: blobOf('') }))).toMatch(
      /e\.tif: is empty/,
    );
  });

  it('a window over 2^28 pixels is refused before anything is read', async () => {
    // A small file whose header declares 20,000 × 20,000 pixels (1.6 GB as Float32).
    const bytes = encodeTiff(geoSpec({ rowsPerStrip: 10, origin: [100, 40, 0.001, 0.001] }));
    const view = new DataView(bytes.buffer);
    const ifd = view.getUint32(4, true);
    for (let i = 0; i < view.getUint16(ifd, true); i++) {
      const e = ifd + 2 + i * 12;
      if (view.getUint16(e, true) === 256 || view.getUint16(e, true) === 257)
        view.setUint32(e + 8, 20_000, true);
    }
    const src = await openRaster({ name: 'huge.tif', blob: blobOf(bytes) });
    expect(src.info.georef.width).toBe(20_000);
    expect(await reason(src.readWindow([100, 20, 120, 40]))).toMatch(
      /huge\.tif: the window of 20,000 × 20,000 pixels is over the 268,435,456-pixel limit/,
    );
  });

  it('a file cut short after its tags is refused at open as truncated', async () => {
    // The IFD first (as in a COG), then the strips: the cut loses the last strips.
    const bytes = encodeTiff(geoSpec({ ifdFirst: true }));
    const whole = await openRaster({ name: 'whole.tif', blob: blobOf(bytes) });
    expect((await whole.readWindow([100, 39, 102, 40]))!.data[199]).toBe(9019);
    expect(
      await reason(
        openRaster({ name: 'short.tif', blob: blobOf(bytes.slice(0, bytes.length - 40)) }),
      ),
    ).toMatch(/short\.tif: is truncated: strip 10 of 10 ends at byte 1,?\d+, the file has/);
  });
});
