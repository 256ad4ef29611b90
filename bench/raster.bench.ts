/**
 * Raster reader benchmarks (issues 12, 13): a whole 1° SRTM3 tile read as a DEM window
 * (bare and zipped), and a 1 km China-size population GeoTIFF (5,000 × 4,000 Float32,
 * tiled + Deflate and striped + uncompressed) read for a 玉树州-size window and for its
 * full extent, and the same surface as an ESRI ASCII grid. Files are seeded, written to a temporary folder and read through
 * fs.openAsBlob as the CLI reads them; every run checks its window.
 */
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { openRasterInputs } from '../src/cli/raster-files';
import { createRng } from '../src/core/random';
import type { RasterWindow } from '../src/core/raster/types';
import { openRaster } from '../src/io/raster-open';
import { encodeTiff, GEO_4326 } from '../tests/unit/support/tiff-encode';
import { count, formatBytes, type BenchContext, type BenchSuite } from './suite';
import { time, type BenchRow } from './table';

const SEED = 20_261_208;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

/** A seeded 3″ tile: plateau relief (value noise) with a few voids, big-endian Int16. */
function srtmTile(): Uint8Array {
  const n = 1201;
  const rng = createRng(SEED);
  const lattice = Array.from({ length: 26 * 26 }, () => rng.uniform(3600, 4900));
  const out = new Uint8Array(n * n * 2);
  const view = new DataView(out.buffer);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const u = (c / (n - 1)) * 24;
      const t = (r / (n - 1)) * 24;
      const i = Math.floor(u);
      const j = Math.floor(t);
      const a = u - i;
      const b = t - j;
      const p = lattice[j * 26 + i] * (1 - a) + lattice[j * 26 + i + 1] * a;
      const q = lattice[(j + 1) * 26 + i] * (1 - a) + lattice[(j + 1) * 26 + i + 1] * a;
      const h = rng.chance(1e-4) ? -32768 : Math.round(p * (1 - b) + q * b + rng.uniform(-20, 20));
      view.setInt16((r * n + c) * 2, h, false);
    }
  }
  return out;
}

const CHINA = { width: 5000, height: 4000, west: 73.5, north: 53.5, dx: 1 / 120 };
/** 玉树藏族自治州 (Yushu prefecture), about 267,000 km². */
const YUSHU = [89.4, 31.6, 97.8, 36.2] as const;

/** People per 1 km pixel: a seeded smooth log-density, empty (0) where it is low; NaN seas. */
function populationSurface(): Float32Array {
  const { width, height } = CHINA;
  const rng = createRng(SEED + 1);
  const lw = 51;
  const lh = 41;
  const lattice = Array.from({ length: lw * lh }, () => rng.uniform(-3, 7));
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    const t = (r / height) * (lh - 1);
    const j = Math.floor(t);
    const b = t - j;
    for (let c = 0; c < width; c++) {
      const u = (c / width) * (lw - 1);
      const i = Math.floor(u);
      const a = u - i;
      const p = lattice[j * lw + i] * (1 - a) + lattice[j * lw + i + 1] * a;
      const q = lattice[(j + 1) * lw + i] * (1 - a) + lattice[(j + 1) * lw + i + 1] * a;
      const g = p * (1 - b) + q * b;
      data[r * width + c] =
        g < -2.5 ? -99999 : g < 0 ? 0 : Math.round(Math.exp(g) * rng.uniform(0.5, 1.5) * 100) / 100;
    }
  }
  return data;
}

/** A Blob over a file, counting the bytes its slices read. */
function counting(blob: Blob): { blob: Blob; read: () => number } {
  let bytes = 0;
  const wrapped = {
    size: blob.size,
    type: '',
    slice(a = 0, b = blob.size) {
      bytes += Math.max(0, Math.min(b, blob.size) - a);
      return blob.slice(a, b);
    },
  } as unknown as Blob;
  return { blob: wrapped, read: () => bytes };
}

const finiteShare = (w: RasterWindow) => {
  let n = 0;
  for (const v of w.data) if (Number.isFinite(v)) n++;
  return n / w.data.length;
};

export const rasterSuite: BenchSuite = {
  name: 'raster',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-bench-raster-'));
    const rows: BenchRow[] = [];
    try {
      ctx.log('raster: writing a seeded SRTM3 tile');
      const tile = srtmTile();
      await writeFile(path.join(dir, 'N33E097.hgt'), tile);
      await writeFile(path.join(dir, 'N33E097.SRTMGL3.hgt.zip'), zipSync({ 'N33E097.hgt': tile }));
      const whole = [97, 33, 98, 34] as const;
      for (const [file, label] of [
        ['N33E097.hgt', ''],
        ['N33E097.SRTMGL3.hgt.zip', ', zipped'],
      ] as const) {
        let win: RasterWindow | null = null;
        const ms = await time(async () => {
          const src = await openRasterInputs([file], dir, 'elevation');
          win = await src.readWindow(whole);
        });
        const w = win as RasterWindow | null;
        check(w !== null && w.georef.width === 1201 && w.georef.height === 1201, 'the whole tile');
        rows.push({
          name: `DEM read of a 1° SRTM3 tile${label}`,
          size: `1201 × 1201 Int16, ${formatBytes(tile.length)}${label ? ` (${formatBytes((await openAsBlob(path.join(dir, file))).size)} zip)` : ''}`,
          ms,
          target: '< 200 ms',
          note: `open + whole-tile window; ${(100 * finiteShare(w!)).toFixed(2)}% valid (seeded voids → NaN)`,
        });
      }

      ctx.log('raster: writing 5,000 × 4,000 Float32 GeoTIFFs (tiled + Deflate, striped)');
      const data = populationSurface();
      const base = {
        width: CHINA.width,
        height: CHINA.height,
        data,
        sampleType: 'Float32' as const,
        origin: [CHINA.west, CHINA.north, CHINA.dx, CHINA.dx] as [number, number, number, number],
        geoKeys: GEO_4326,
        nodata: '-99999',
      };
      const files = [
        {
          file: 'chn_ppp_2020_tiled.tif',
          label: 'tiled 256², Deflate',
          spec: { ...base, tile: [256, 256] as [number, number], compression: 8 },
        },
        {
          file: 'chn_ppp_2020_strips.tif',
          label: 'strips of 16 rows, uncompressed',
          spec: { ...base, rowsPerStrip: 16 },
        },
      ];
      for (const f of files) await writeFile(path.join(dir, f.file), encodeTiff(f.spec));
      for (const f of files) {
        const disk = await openAsBlob(path.join(dir, f.file));
        for (const [what, box] of [
          ['玉树州-size window', YUSHU],
          ['full extent', [73, 18, 116, 54] as const],
        ] as const) {
          let win: RasterWindow | null = null;
          let read = 0;
          const ms = await time(async () => {
            const c = counting(disk);
            const src = await openRaster({ name: f.file, blob: c.blob });
            win = await src.readWindow(box);
            read = c.read();
          });
          const w = win as RasterWindow | null;
          check(w !== null && w.data.length > 100_000, `a ${what}`);
          const share = finiteShare(w!);
          check(share > 0.3 && share < 1, 'nodata read as NaN, the rest as numbers');
          rows.push({
            name: `1 km China-size GeoTIFF, ${what}`,
            size: `5,000 × 4,000 Float32 (${f.label}, ${formatBytes(disk.size)}); window ${count(w!.georef.width)} × ${count(w!.georef.height)}`,
            ms,
            target: '—',
            note: `open + read; ${formatBytes(read)} of the file read (${((100 * read) / disk.size).toFixed(1)}%)`,
          });
        }
      }

      ctx.log('raster: writing the same surface as an ESRI ASCII grid');
      const lines = [
        `ncols ${CHINA.width}`,
        `nrows ${CHINA.height}`,
        `xllcorner ${CHINA.west}`,
        `yllcorner ${CHINA.north - CHINA.height * CHINA.dx}`,
        `cellsize ${CHINA.dx}`,
        'NODATA_value -99999',
      ];
      for (let r = 0; r < CHINA.height; r++) {
        lines.push(
          Array.from(data.subarray(r * CHINA.width, (r + 1) * CHINA.width), (v) =>
            v === -99999 ? '-99999' : String(Math.round(v * 100) / 100),
          ).join(' '),
        );
      }
      const ascFile = path.join(dir, 'chn_ppp_2020_1km.asc');
      await writeFile(ascFile, `${lines.join('\n')}\n`);
      lines.length = 0;
      const ascBlob = await openAsBlob(ascFile);
      let ascWin: RasterWindow | null = null;
      const first = await time(async () => {
        const src = await openRaster({ name: 'chn_ppp_2020_1km.asc', blob: ascBlob });
        ascWin = await src.readWindow(YUSHU);
      });
      const aw = ascWin as RasterWindow | null;
      check(aw !== null && aw.data.length > 100_000, 'an ASCII grid window');
      rows.push({
        name: '1 km China-size ASCII grid, open + first 玉树州-size window',
        size: `5,000 × 4,000 values (${formatBytes(ascBlob.size)} of text); window ${count(aw!.georef.width)} × ${count(aw!.georef.height)}`,
        ms: first,
        target: '—',
        note: 'includes the one-time scan for where each row starts',
      });
      const opened = await openRaster({ name: 'chn_ppp_2020_1km.asc', blob: ascBlob });
      await opened.readWindow([73, 53, 74, 54]);
      const again = await time(async () => {
        ascWin = await opened.readWindow(YUSHU);
      });
      rows.push({
        name: '1 km China-size ASCII grid, a later 玉树州-size window',
        size: 'same',
        ms: again,
        target: '—',
        note: 'rows already located: parses only the window’s rows',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
