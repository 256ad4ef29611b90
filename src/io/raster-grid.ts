import { mollweideForward, mollweideInverse } from '../core/raster/mollweide';
import type {
  RasterGeoref,
  RasterInfo,
  RasterReadOptions,
  RasterSource,
  RasterWindow,
} from '../core/raster/types';
import { throwIfAborted } from './raster-errors';

/*
 * What every raster reader shares: the pixels a WGS-84 box needs, the WGS-84 extent and
 * ground resolution of a grid, the year in a file name, and the RasterSource built from a
 * reader's one primitive — reading a block of whole pixels of its own grid.
 */

export type Bbox = readonly [number, number, number, number];

/** A block of a grid in pixels: columns c0…c0+cols−1, rows r0…r0+rows−1. */
export interface PixelBlock {
  c0: number;
  r0: number;
  cols: number;
  rows: number;
}

/** A RasterSource that also reads blocks of its own grid (what mosaics assemble from). */
export interface GridSource extends RasterSource {
  readBlock(block: PixelBlock, options?: RasterReadOptions): Promise<Float32Array>;
}

/** Points along a WGS-84 box's edges (and the equator when it crosses it). */
function edgeSamples(bbox: Bbox, n = 16): [number, number][] {
  const [w, s, e, nn] = bbox;
  const pts: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const lon = w + (e - w) * t;
    const lat = s + (nn - s) * t;
    pts.push([lon, s], [lon, nn], [w, lat], [e, lat]);
    if (s < 0 && nn > 0) pts.push([lon, 0]);
  }
  return pts;
}

/**
 * A WGS-84 box in a CRS's units. Mollweide x = k·λ·cos θ(φ) is widest at the latitude
 * nearest the equator, so the edges (and the equator) bound the box exactly.
 */
export function crsBox(crs: RasterGeoref['crs'], bbox: Bbox): Bbox {
  if (crs === 'EPSG:4326') return bbox;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [lon, lat] of edgeSamples(bbox)) {
    const [x, y] = mollweideForward(lon, lat);
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

const MOLL_A = 2 * Math.SQRT2 * 6_378_137; // semi-axis in x of Mollweide's ellipse
const MOLL_B = Math.SQRT2 * 6_378_137; // semi-axis in y

/** WGS-84 of Mollweide metres, points outside the ellipse moved onto its rim. */
function inverseClamped(x: number, y: number): [number, number] {
  const yc = Math.max(-MOLL_B, Math.min(MOLL_B, y));
  const half = MOLL_A * Math.sqrt(Math.max(0, 1 - (yc / MOLL_B) ** 2));
  const xc = Math.max(-half, Math.min(half, x));
  return mollweideInverse(xc, yc) ?? [Math.sign(xc) * 180, Math.sign(yc) * 90];
}

/** A grid's extent in WGS-84 [west, south, east, north]. */
export function wgs84Extent(g: RasterGeoref): [number, number, number, number] {
  const east = g.west + g.width * g.dx;
  const south = g.north - g.height * g.dy;
  if (g.crs === 'EPSG:4326') return [g.west, south, east, g.north];
  // The inverse of the corners and of samples along the edges (a Mollweide rectangle's
  // edges are curves in degrees), and of x = 0 where a horizontal edge is widest in
  // latitude span.
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const steps = 64;
  const add = (x: number, y: number) => {
    const [lon, lat] = inverseClamped(x, y);
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  };
  for (let i = 0; i <= steps; i++) {
    const x = g.west + (east - g.west) * (i / steps);
    const y = south + (g.north - south) * (i / steps);
    add(x, south);
    add(x, g.north);
    add(g.west, y);
    add(east, y);
    if (g.west < 0 && east > 0) add(0, y);
  }
  return [w, s, e, n];
}

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320;

/** Ground resolution at the grid's centre (m): the side of a square of the pixel's area. */
export function resolutionAtCentre(g: RasterGeoref): number {
  if (g.crs === 'ESRI:54009') return Math.sqrt(g.dx * g.dy); // Mollweide is equal-area
  const lat = g.north - (g.height * g.dy) / 2;
  const ew = g.dx * M_PER_DEG_LON * Math.cos((lat * Math.PI) / 180);
  return Math.sqrt(Math.max(0, ew) * g.dy * M_PER_DEG_LAT);
}

/**
 * The year a file name states: GHSL's epoch (GHS_POP_E2020_…, not its release R2023A),
 * else a 19xx/20xx standing alone between separators (chn_ppp_2020, 2020_chn).
 */
export function yearFromName(name: string): number | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const epoch = /(?:^|[_\-.])E((?:19|20)\d{2})(?!\d)/i.exec(base);
  if (epoch) return Number(epoch[1]);
  const plain = /(?:^|[_\-. ])((?:19|20)\d{2})(?=[_\-. ]|$)/.exec(base);
  return plain ? Number(plain[1]) : null;
}

/** The pixels covering a WGS-84 box with one pixel of margin, clipped; null if it misses. */
export function pixelWindow(g: RasterGeoref, bbox: Bbox): PixelBlock | null {
  const [x0, y0, x1, y1] = crsBox(g.crs, bbox);
  const east = g.west + g.width * g.dx;
  const south = g.north - g.height * g.dy;
  if (!(x1 >= g.west && x0 <= east && y1 >= south && y0 <= g.north)) return null;
  const c0 = Math.max(0, Math.floor((x0 - g.west) / g.dx) - 1);
  const c1 = Math.min(g.width - 1, Math.floor((x1 - g.west) / g.dx) + 1);
  const r0 = Math.max(0, Math.floor((g.north - y1) / g.dy) - 1);
  const r1 = Math.min(g.height - 1, Math.floor((g.north - y0) / g.dy) + 1);
  if (c0 > c1 || r0 > r1) return null;
  return { c0, r0, cols: c1 - c0 + 1, rows: r1 - r0 + 1 };
}

/** The georef of a block of a grid. */
export function blockGeoref(g: RasterGeoref, b: PixelBlock): RasterGeoref {
  return {
    crs: g.crs,
    west: g.west + b.c0 * g.dx,
    north: g.north - b.r0 * g.dy,
    dx: g.dx,
    dy: g.dy,
    width: b.cols,
    height: b.rows,
  };
}

/** Checks a block lies inside a grid (a reader's precondition). */
export function checkBlock(g: RasterGeoref, b: PixelBlock): void {
  if (
    !(b.c0 >= 0 && b.r0 >= 0 && b.cols > 0 && b.rows > 0) ||
    b.c0 + b.cols > g.width ||
    b.r0 + b.rows > g.height
  ) {
    throw new RangeError(`block ${JSON.stringify(b)} is outside the ${g.width} × ${g.height} grid`);
  }
}

/**
 * Reads a block's rows in chunks (`chunkRows` at a time, chunk starts aligned to it from
 * the top of the file) so progress is told and cancelling is honoured between chunks.
 */
export async function readRowChunks(
  b: PixelBlock,
  chunkRows: number,
  options: RasterReadOptions | undefined,
  readRows: (r0: number, rows: number) => Promise<void>,
): Promise<void> {
  const end = b.r0 + b.rows;
  let r = b.r0;
  options?.onProgress?.(0);
  while (r < end) {
    throwIfAborted(options?.signal);
    const next = Math.min(end, (Math.floor(r / chunkRows) + 1) * chunkRows);
    await readRows(r, next - r);
    r = next;
    options?.onProgress?.((r - b.r0) / b.rows);
  }
}

/** A RasterSource over a reader's block primitive. */
export function gridSource(
  info: RasterInfo,
  readBlock: (b: PixelBlock, options?: RasterReadOptions) => Promise<Float32Array>,
): GridSource {
  return {
    info,
    readBlock: async (b, options) => {
      checkBlock(info.georef, b);
      return readBlock(b, options);
    },
    async readWindow(bbox, options): Promise<RasterWindow | null> {
      throwIfAborted(options?.signal);
      const b = pixelWindow(info.georef, bbox);
      if (!b) return null;
      const data = await readBlock(b, options);
      return { georef: blockGeoref(info.georef, b), values: info.values, data };
    },
  };
}

export function isGridSource(s: RasterSource): s is GridSource {
  return typeof (s as GridSource).readBlock === 'function';
}
