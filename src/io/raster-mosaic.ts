import type { RasterGeoref, RasterReadOptions, RasterSource } from '../core/raster/types';
import { RasterFileError, throwIfAborted } from './raster-errors';
import {
  gridSource,
  isGridSource,
  resolutionAtCentre,
  wgs84Extent,
  type GridSource,
  type PixelBlock,
} from './raster-grid';

/*
 * Tiles of one grid as one raster: SRTM 1° tiles, a population raster cut into pieces.
 * The tiles must share CRS, meaning of values, pixel size and grid alignment, so every
 * mosaic pixel is exactly one tile pixel (nothing is resampled). Where tiles overlap (SRTM
 * tiles share their edge rows) the first tile with a value wins.
 */

const REL = 1e-9;
/** Grid alignment tolerance, in pixels (coordinates written with ~12 digits). */
const ALIGN = 1e-6;

const near = (a: number, b: number) => Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b));

function mismatch(a: RasterSource, b: RasterSource): string | null {
  const ga = a.info.georef;
  const gb = b.info.georef;
  if (ga.crs !== gb.crs) return `its CRS is ${gb.crs}, not ${ga.crs}`;
  if (a.info.values !== b.info.values)
    return `its values are ${b.info.values}, not ${a.info.values}`;
  if (!near(ga.dx, gb.dx) || !near(ga.dy, gb.dy)) {
    return `its pixels are ${gb.dx} × ${gb.dy}, not ${ga.dx} × ${ga.dy}`;
  }
  const sx = (gb.west - ga.west) / ga.dx;
  const sy = (ga.north - gb.north) / ga.dy;
  if (Math.abs(sx - Math.round(sx)) > ALIGN || Math.abs(sy - Math.round(sy)) > ALIGN) {
    return `its grid is shifted by a fraction of a pixel (${(sx - Math.round(sx)).toFixed(4)}, ${(sy - Math.round(sy)).toFixed(4)} px)`;
  }
  return null;
}

/** A block of another grid read through readWindow, for sources not made by openRaster. */
function blockReader(s: RasterSource): GridSource['readBlock'] {
  if (isGridSource(s)) return (b, o) => s.readBlock(b, o);
  const g = s.info.georef;
  return async (b, options) => {
    const sub: RasterGeoref = {
      ...g,
      west: g.west + b.c0 * g.dx,
      north: g.north - b.r0 * g.dy,
      width: b.cols,
      height: b.rows,
    };
    const out = new Float32Array(b.cols * b.rows).fill(NaN);
    // The window of the block's extent holds the block (and a margin, dropped below).
    const [w, s2, e, n] = wgs84Extent(sub);
    const win = await s.readWindow([w, s2, e, n], options);
    if (!win) return out;
    const oc = Math.round((win.georef.west - sub.west) / g.dx);
    const or = Math.round((sub.north - win.georef.north) / g.dy);
    for (let r = 0; r < win.georef.height; r++) {
      const rr = r + or;
      if (rr < 0 || rr >= b.rows) continue;
      for (let c = 0; c < win.georef.width; c++) {
        const cc = c + oc;
        if (cc >= 0 && cc < b.cols) out[rr * b.cols + cc] = win.data[r * win.georef.width + c];
      }
    }
    return out;
  };
}

export function mosaicRasters(sources: RasterSource[]): RasterSource {
  if (sources.length === 0) throw new RangeError('a mosaic needs at least one raster');
  if (sources.length === 1) return sources[0];
  const first = sources[0];
  for (const s of sources.slice(1)) {
    const why = mismatch(first, s);
    if (why) {
      throw new RasterFileError(
        s.info.files.join(', '),
        `cannot be a mosaic tile with ${first.info.files.join(', ')}: ${why}`,
      );
    }
  }
  const g0 = first.info.georef;
  const { dx, dy } = g0;
  // Each tile's place in the mosaic grid, in whole pixels from the first tile.
  const offsets = sources.map((s) => ({
    col: Math.round((s.info.georef.west - g0.west) / dx),
    row: Math.round((g0.north - s.info.georef.north) / dy),
  }));
  const minCol = Math.min(...offsets.map((o) => o.col));
  const minRow = Math.min(...offsets.map((o) => o.row));
  const maxCol = Math.max(...offsets.map((o, i) => o.col + sources[i].info.georef.width));
  const maxRow = Math.max(...offsets.map((o, i) => o.row + sources[i].info.georef.height));
  const georef: RasterGeoref = {
    crs: g0.crs,
    west: g0.west + minCol * dx,
    north: g0.north - minRow * dy,
    dx,
    dy,
    width: maxCol - minCol,
    height: maxRow - minRow,
  };
  const tiles = sources.map((s, i) => ({
    c0: offsets[i].col - minCol,
    r0: offsets[i].row - minRow,
    width: s.info.georef.width,
    height: s.info.georef.height,
    read: blockReader(s),
  }));
  const unique = (xs: (string | number | null)[]) => [...new Set(xs)];
  const formats = unique(sources.map((s) => s.info.format));
  const types = unique(sources.map((s) => s.info.sampleType));
  const nodatas = unique(sources.map((s) => s.info.nodata));
  const years = unique(sources.map((s) => s.info.year));
  const boxes = sources.map((s) => s.info.bboxWgs84);

  return gridSource(
    {
      files: sources.flatMap((s) => s.info.files),
      format: `mosaic of ${formats.join(' + ')}`,
      georef,
      values: first.info.values,
      sampleType: types.join(' + '),
      nodata: nodatas.length === 1 ? (nodatas[0] as number | null) : null,
      bboxWgs84: [
        Math.min(...boxes.map((b) => b[0])),
        Math.min(...boxes.map((b) => b[1])),
        Math.max(...boxes.map((b) => b[2])),
        Math.max(...boxes.map((b) => b[3])),
      ],
      resolutionM: resolutionAtCentre(georef),
      year: years.length === 1 ? (years[0] as number | null) : null,
    },
    async (b: PixelBlock, options?: RasterReadOptions) => {
      const out = new Float32Array(b.cols * b.rows).fill(NaN);
      const parts = tiles
        .map((t) => {
          const c0 = Math.max(b.c0, t.c0);
          const r0 = Math.max(b.r0, t.r0);
          const c1 = Math.min(b.c0 + b.cols, t.c0 + t.width);
          const r1 = Math.min(b.r0 + b.rows, t.r0 + t.height);
          return { t, c0, r0, cols: c1 - c0, rows: r1 - r0 };
        })
        .filter((p) => p.cols > 0 && p.rows > 0);
      const total = parts.reduce((n, p) => n + p.cols * p.rows, 0);
      let done = 0;
      options?.onProgress?.(0);
      for (const p of parts) {
        throwIfAborted(options?.signal);
        const size = p.cols * p.rows;
        const data = await p.t.read(
          { c0: p.c0 - p.t.c0, r0: p.r0 - p.t.r0, cols: p.cols, rows: p.rows },
          {
            ...(options?.signal ? { signal: options.signal } : {}),
            onProgress: (f) => options?.onProgress?.((done + f * size) / total),
          },
        );
        for (let r = 0; r < p.rows; r++) {
          const o = (p.r0 - b.r0 + r) * b.cols + (p.c0 - b.c0);
          for (let c = 0; c < p.cols; c++) {
            if (Number.isNaN(out[o + c])) out[o + c] = data[r * p.cols + c];
          }
        }
        done += size;
      }
      options?.onProgress?.(1);
      return out;
    },
  );
}
