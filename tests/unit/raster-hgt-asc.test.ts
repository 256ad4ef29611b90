import { describe, expect, it } from 'vitest';
import { openRaster, RasterFileError } from '../../src/io/raster-open';
import { encodeTiff, GEO_4326 } from './support/tiff-encode';
import {
  ascText,
  blobOf,
  hgtBytes,
  recordingBlob,
  terrain,
  zipOf,
} from './support/raster-fixtures';

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RasterFileError);
    return (e as Error).message;
  }
  throw new Error('expected a RasterFileError');
}

const tile = hgtBytes(1201, terrain);
const box = [97.3, 33.4, 97.45, 33.52] as const;

describe('SRTM .hgt reader', () => {
  it('a 3″ tile: pixel-centred grid half a pixel out of the corner, voids as NaN', async () => {
    const src = await openRaster({ name: 'N33E097.hgt', blob: blobOf(tile) });
    const dx = 1 / 1200;
    expect(src.info).toMatchObject({
      format: 'SRTM .hgt',
      values: 'elevation',
      sampleType: 'Int16',
      nodata: -32768,
      georef: {
        crs: 'EPSG:4326',
        west: 97 - dx / 2,
        north: 34 + dx / 2,
        dx,
        dy: dx,
        width: 1201,
        height: 1201,
      },
    });
    expect(src.info.resolutionM).toBeGreaterThan(80);
    expect(src.info.resolutionM).toBeLessThan(90);
    const w = (await src.readWindow(box))!;
    const c0 = Math.round((w.georef.west - (97 - dx / 2)) / dx);
    const r0 = Math.round((34 + dx / 2 - w.georef.north) / dx);
    // The box's west edge 97.3° is column 360's centre; one pixel of margin each side.
    expect(c0).toBe(359);
    expect(r0).toBe(Math.floor((34 + dx / 2 - 33.52) / dx) - 1);
    for (const [r, c] of [
      [0, 0],
      [5, 17],
      [w.georef.height - 1, w.georef.width - 1],
    ]) {
      expect(w.data[r * w.georef.width + c]).toBe(terrain(r0 + r, c0 + c));
    }
    const voidWin = (await src.readWindow([97 + 700 / 1200, 33.5, 97 + 700 / 1200, 33.5]))!;
    const vr = 600 - Math.round((34 + dx / 2 - voidWin.georef.north) / dx);
    const vc = 700 - Math.round((voidWin.georef.west - (97 - dx / 2)) / dx);
    expect(Number.isNaN(voidWin.data[vr * voidWin.georef.width + vc])).toBe(true);
    // A 1″ tile and a southern-hemisphere, western name.
    const one = await openRaster({
      name: 'S12W077.hgt',
      blob: blobOf(new Uint8Array(3601 * 3601 * 2)),
    });
    expect(one.info.georef.dx).toBeCloseTo(1 / 3600, 15);
    expect(one.info.georef.west).toBeCloseTo(-77 - 1 / 7200, 12);
    expect(one.info.georef.north).toBeCloseTo(-11 + 1 / 7200, 12);
  });

  it('a window reads only its rows of the tile', async () => {
    const rec = recordingBlob(tile);
    const src = await openRaster({ name: 'N33E097.hgt', blob: rec.blob });
    const before = rec.bytesRead();
    const w = (await src.readWindow(box))!;
    expect(rec.bytesRead() - before).toBe(w.georef.height * 1201 * 2);
  });

  it('the .hgt and a GeoTIFF of the same terrain give identical windows', async () => {
    const hgt = await openRaster({ name: 'N33E097.hgt', blob: blobOf(tile) });
    const data = new Int16Array(tile.length / 2);
    const view = new DataView(tile.buffer);
    for (let i = 0; i < data.length; i++) data[i] = view.getInt16(i * 2, false);
    // Pixel-is-point with the tie point on the tile's north-west sample, as GDAL exports.
    const tif = encodeTiff({
      width: 1201,
      height: 1201,
      data,
      sampleType: 'Int16',
      origin: [97, 34, 1 / 1200, 1 / 1200],
      geoKeys: { ...GEO_4326, raster: 2 },
      nodata: '-32768',
      rowsPerStrip: 16,
      compression: 8,
    });
    const geotiff = await openRaster(
      { name: 'dem.tif', blob: blobOf(tif) },
      { values: 'elevation' },
    );
    expect(geotiff.info.georef).toEqual(hgt.info.georef);
    for (const b of [box, [97.58, 33.49, 97.59, 33.51], [96, 32, 99, 35]] as const) {
      const a = (await hgt.readWindow(b))!;
      const t = (await geotiff.readWindow(b))!;
      expect(t.georef).toEqual(a.georef);
      expect(t.values).toBe('elevation');
      expect(Array.from(t.data)).toEqual(Array.from(a.data));
    }
  });

  it('a zipped tile reads as the bare one', async () => {
    const bare = await openRaster({ name: 'N33E097.hgt', blob: blobOf(tile) });
    const zipped = await openRaster({
      name: 'N33E097.SRTMGL3.hgt.zip',
      blob: blobOf(zipOf({ 'N33E097.hgt': tile })),
    });
    expect(zipped.info.georef).toEqual(bare.info.georef);
    expect(zipped.info.values).toBe('elevation');
    const a = (await bare.readWindow(box))!;
    const z = (await zipped.readWindow(box))!;
    expect(Array.from(z.data)).toEqual(Array.from(a.data));
  });

  it('refuses a wrong size, a name without origin, a zip without a tile and a zip bomb', async () => {
    expect(
      await reason(openRaster({ name: 'N33E097.hgt', blob: blobOf(new Uint8Array(1000)) })),
    ).toMatch(
      /N33E097\.hgt: 1,000 bytes is not an SRTM \.hgt tile: one has 2,884,802 bytes \(3″, 1201 × 1201\) or 25,934,402 bytes/,
    );
    expect(await reason(openRaster({ name: 'dem.hgt', blob: blobOf(tile) }))).toMatch(
      /dem\.hgt: "dem\.hgt" does not say where the tile lies: .* such as N33E097\.hgt/,
    );
    expect(
      await reason(
        openRaster({ name: 'x.zip', blob: blobOf(zipOf({ 'readme.txt': new Uint8Array(10) })) }),
      ),
    ).toMatch(/x\.zip: the archive holds no \.hgt tile \(1 entries: readme\.txt\)/);
    expect(
      await reason(
        openRaster({
          name: 'two.zip',
          blob: blobOf(zipOf({ 'N33E097.hgt': tile, 'N34E097.hgt': tile })),
        }),
      ),
    ).toMatch(/two\.zip: the archive holds 2 \.hgt tiles/);
    // A bomb: an entry whose central directory declares 4 GB. Refused before inflating.
    const bomb = zipOf({ 'N33E097.hgt': new Uint8Array(1000) });
    const view = new DataView(bomb.buffer);
    let cen = bomb.length - 22;
    while (view.getUint32(cen, true) !== 0x02014b50) cen--;
    view.setUint32(cen + 24, 0xfffffff0, true);
    expect(await reason(openRaster({ name: 'bomb.hgt.zip', blob: blobOf(bomb) }))).toMatch(
      /bomb\.hgt\.zip: .*(4,294,967,280 bytes|MB uncompressed|zip bomb)/,
    );
    expect(
      await reason(
        openRaster({
          name: 'cut.hgt.zip',
          blob: blobOf(zipOf({ 'N33E097.hgt': tile }).slice(0, 5000)),
        }),
      ),
    ).toMatch(/cut\.hgt\.zip: not a readable zip archive/);
  });
});

describe('ESRI ASCII grid reader', () => {
  const rows = Array.from({ length: 6 }, (_, r) =>
    Array.from({ length: 8 }, (_, c) => 10 * r + c + 0.5),
  );
  rows[2][3] = -9999;
  const header = {
    ncols: 8,
    nrows: 6,
    xllcorner: 100,
    yllcorner: 30,
    cellsize: 0.25,
    NODATA_value: -9999,
  };

  it('header, exact window values, nodata as NaN, the year from the name', async () => {
    const src = await openRaster(
      { name: 'chn_pd_2020_1km.asc', blob: blobOf(ascText(header, rows)) },
      { values: 'density' },
    );
    expect(src.info).toMatchObject({
      format: 'ESRI ASCII grid',
      values: 'density',
      nodata: -9999,
      year: 2020,
      georef: { crs: 'EPSG:4326', west: 100, north: 31.5, dx: 0.25, dy: 0.25, width: 8, height: 6 },
      bboxWgs84: [100, 30, 102, 31.5],
    });
    const w = (await src.readWindow([100.6, 30.9, 100.9, 31.1]))!;
    // Columns 2–3 and rows 1–2 hold the box, plus a pixel of margin.
    expect(w.georef).toMatchObject({ west: 100.25, north: 31.5, width: 4, height: 4 });
    expect(Array.from(w.data.slice(0, 4))).toEqual([1.5, 2.5, 3.5, 4.5]);
    expect(Array.from(w.data.slice(8, 12))).toEqual([21.5, 22.5, NaN, 24.5]);
    expect(w.data[15]).toBe(34.5);
  });

  it('xllcenter/yllcenter, wrapped rows and CRLF give the same grid', async () => {
    const centred = ascText(
      {
        ncols: 8,
        nrows: 6,
        xllcenter: 100.125,
        yllcenter: 30.125,
        cellsize: 0.25,
        NODATA_value: -9999,
      },
      rows,
      { wrap: 3 },
    ).replace(/\n/g, '\r\n');
    const a = await openRaster({ name: 'a.asc', blob: blobOf(ascText(header, rows)) });
    const b = await openRaster({ name: 'b.asc', blob: blobOf(centred) });
    expect(b.info.georef).toEqual(a.info.georef);
    const wa = (await a.readWindow([100, 30, 102, 31.5]))!;
    const wb = (await b.readWindow([100, 30, 102, 31.5]))!;
    expect(Array.from(wb.data)).toEqual(Array.from(wa.data));
  });

  it('parses only the rows of a window', async () => {
    const big = Array.from({ length: 400 }, (_, r) =>
      Array.from({ length: 300 }, (_, c) => r * 300 + c),
    );
    const text = ascText(
      { ncols: 300, nrows: 400, xllcorner: 70, yllcorner: 15, cellsize: 0.01 },
      big,
    );
    const rec = recordingBlob(new TextEncoder().encode(text));
    const src = await openRaster({ name: 'big.asc', blob: rec.blob });
    const seen: number[] = [];
    const w = (await src.readWindow([71, 17, 71.05, 17.05], { onProgress: (f) => seen.push(f) }))!;
    // The row scan is the first half of the first read's progress.
    expect(seen[0]).toBe(0);
    expect(seen.some((f) => f === 0.5)).toBe(true);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const r0 = Math.round((19 - w.georef.north) / 0.01);
    const c0 = Math.round((w.georef.west - 70) / 0.01);
    expect(c0).toBe(99);
    expect(w.data[0]).toBe(r0 * 300 + c0);
    expect(w.data[w.data.length - 1]).toBe(
      (r0 + w.georef.height - 1) * 300 + c0 + w.georef.width - 1,
    );
    const first = rec.bytesRead();
    // The first read scans the file once for row starts; later windows read their rows only.
    await src.readWindow([72, 18, 72.03, 18.02]);
    const second = rec.bytesRead() - first;
    expect(second).toBeLessThan(text.length / 40);
  });

  it('a Mollweide .prj, and what is refused', async () => {
    const moll =
      'PROJCS["World_Mollweide",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mollweide"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],UNIT["Meter",1.0]]';
    const m = ascText(
      { ncols: 2, nrows: 2, xllcorner: 8_800_000, yllcorner: 3_900_000, cellsize: 1000 },
      [
        [1, 2],
        [3, 4],
      ],
    );
    const src = await openRaster({ name: 'ghs.asc', blob: blobOf(m) }, { prj: moll });
    expect(src.info.georef.crs).toBe('ESRI:54009');
    expect(src.info.bboxWgs84[1]).toBeGreaterThan(30);
    const wgs =
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(
      (await openRaster({ name: 'g.asc', blob: blobOf(ascText(header, rows)) }, { prj: wgs })).info
        .georef.crs,
    ).toBe('EPSG:4326');
    expect(await reason(openRaster({ name: 'ghs.asc', blob: blobOf(m) }))).toMatch(
      /ghs\.asc: its extent .* is not in degrees though no \.prj is given/,
    );
    const utm =
      'PROJCS["WGS_1984_UTM_Zone_47N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]],PROJECTION["Transverse_Mercator"]]';
    expect(await reason(openRaster({ name: 'u.asc', blob: blobOf(m) }, { prj: utm }))).toMatch(
      /u\.asc: its \.prj is in "WGS_1984_UTM_Zone_47N"; supported: EPSG:4326/,
    );
    const text = ascText(header, rows);
    expect(
      await reason(
        openRaster({ name: 'cut.asc', blob: blobOf(text.slice(0, text.length - 40)) }).then((s) =>
          s.readWindow([100, 30, 102, 31.5]),
        ),
      ),
    ).toMatch(
      /cut\.asc: is truncated: 4\d of the 48 values the header declares \(6 rows × 8\); it ends in row 6/,
    );
    expect(
      await reason(
        openRaster({ name: 'bad.asc', blob: blobOf(text.replace(' 24.5 ', ' 2x.5 ')) }).then((s) =>
          s.readWindow([100, 30, 102, 31.5]),
        ),
      ),
    ).toMatch(/bad\.asc: row 3, column 5: "2x\.5" is not a number/);
    expect(
      await reason(openRaster({ name: 'h.asc', blob: blobOf('ncols 3\nxllcorner 1\n1 2 3\n') })),
    ).toMatch(/h\.asc: the ESRI ASCII grid header has no nrows/);
    expect(
      await reason(
        openRaster({
          name: 'short.asc',
          blob: blobOf('ncols 300\nnrows 300\nxllcorner 0\nyllcorner 0\ncellsize 0.1\n1 2 3\n'),
        }),
      ),
    ).toMatch(/short\.asc: is truncated/);
  });
});
