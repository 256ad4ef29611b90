/**
 * A population raster resampled to an analysis grid: people per grid cell, the surface
 * the dasymetric allocation (analysis/population.ts) spreads each area's census total by.
 *
 * Two regimes, by the ground size of a pixel against the cell:
 *
 * - Pixels of at most a quarter of a cell (a 100 m raster on a 1 km grid): every pixel's
 *   people go to the cells its footprint overlaps, in proportion to the overlap. The
 *   footprint is taken as the square of the pixel's true area around its projected centre
 *   (a pixel that small is a near-square there; its rotation against the grid, a degree or
 *   two, is ignored). People are preserved pixel by pixel.
 * - Larger pixels (a 1 km raster on a 100 m grid, a 100 m raster on a 100 m grid): each
 *   cell takes the mean density of s × s sample points spread over it (s = cell/pixel rounded,
 *   1 to 4: 1 when a pixel is about a cell or larger) times its area. A cell inside one pixel gets
 *   exactly its area's share of the pixel's people; a cell on a pixel edge gets the share
 *   of its samples on either side, so a pixel's people are split over the cells it covers
 *   by area up to a fraction of a cell along its edges. Sample positions come from the
 *   grid's inverse projection at knots every KNOT sub-columns, linear in between (< 1 m).
 *
 * A cell where no sample (no pixel) has data is NaN: the allocation tells "the raster
 * says nobody lives here" (0) from "the raster does not cover this" (NaN).
 */
import type { Grid, GridSpec } from '../grid/grid';
import { mollweideForward, mollweideInverse } from '../raster/mollweide';
import type { RasterWindow } from '../raster/types';
import { pixelGroundM, rowPixelKm2 } from './pixel-area';

export type RasterSurfaceMethod = 'pixel-overlap' | 'cell-samples';

export interface RasterSurface {
  /** People per cell as the raster has them; NaN where the raster has no data. */
  values: Float64Array;
  method: RasterSurfaceMethod;
  /** Sample points per cell side (cell-samples), 0 for pixel-overlap. */
  samples: number;
  /** Ground size of a pixel at the window's centre (m). */
  pixelM: number;
}

/** Sub-columns between exactly projected sample positions. */
const KNOT = 64;

/** People per pixel, or density → people, per raster row: the factor applied to a value. */
function rowFactors(win: RasterWindow, toDensity: boolean): Float64Array {
  const g = win.georef;
  const f = new Float64Array(g.height);
  for (let r = 0; r < g.height; r++) {
    const km2 = rowPixelKm2(g, r);
    if (toDensity) f[r] = win.values === 'density' ? 1 : 1 / km2;
    else f[r] = win.values === 'density' ? km2 : 1;
  }
  return f;
}

/**
 * Which cells need a value: per grid row the first and last cell holding an area (a centre
 * label or a border share). Without labels, every cell.
 */
export interface CellRows {
  first: Int32Array;
  last: Int32Array;
}

/** The row spans of a labelled grid's area cells (see CellRows). */
export function areaRows(grid: Grid): CellRows {
  const { cols, rows, label } = grid;
  const first = new Int32Array(rows).fill(cols);
  const last = new Int32Array(rows).fill(-1);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    let c = 0;
    while (c < cols && label[base + c] === 0) c++;
    if (c === cols) continue;
    first[r] = c;
    let d = cols - 1;
    while (label[base + d] === 0) d--;
    last[r] = d;
  }
  const e = grid.edge;
  if (e)
    for (let k = 0; k < e.cell.length; k++) {
      const i = e.cell[k];
      const r = Math.floor(i / cols);
      const c = i - r * cols;
      if (c < first[r]) first[r] = c;
      if (c > last[r]) last[r] = c;
    }
  return { first, last };
}

/**
 * The surface of `win` on the cells of `spec`; see the file comment for the method.
 * `only`: compute the cells of these row spans only (the others are NaN), as an analysis
 * needs the cells of its areas and a county's box is mostly its neighbours'.
 */
export function rasterSurface(
  spec: GridSpec,
  win: RasterWindow,
  only: CellRows | null = null,
): RasterSurface {
  if (win.values === 'elevation')
    throw new Error('an elevation raster is not a population surface');
  const pixelM = pixelGroundM(win.georef);
  if (pixelM <= spec.cellSize / 4) {
    return { values: pixelOverlap(spec, win), method: 'pixel-overlap', samples: 0, pixelM };
  }
  // About one sample per pixel along a cell's side (1 when a pixel is a cell or larger).
  const s = Math.max(1, Math.min(4, Math.round(spec.cellSize / pixelM)));
  return { values: cellSamples(spec, win, s, only), method: 'cell-samples', samples: s, pixelM };
}

function cellSamples(
  spec: GridSpec,
  win: RasterWindow,
  s: number,
  only: CellRows | null,
): Float64Array {
  const { cols, rows, cellSize, x0, y0, projection } = spec;
  const g = win.georef;
  const { width, height, dx, dy, west, north } = g;
  const geographic = g.crs === 'EPSG:4326';
  const density = rowFactors(win, true);
  const data = win.data;
  const sum = new Float64Array(cols * rows);
  const hits = new Uint8Array(cols * rows);
  const sub = cellSize / s;
  const knots = Math.ceil((cols * s) / KNOT) + 2;
  const kx = new Float64Array(knots);
  const ky = new Float64Array(knots);
  for (let r = 0; r < rows; r++) {
    const cFirst = only ? only.first[r] : 0;
    const cLast = only ? only.last[r] : cols - 1;
    if (cLast < cFirst) continue;
    // Sub-columns j0 … j1 − 1 of this row's span; knots every KNOT from j0.
    const j0 = cFirst * s;
    const j1 = (cLast + 1) * s;
    const nk = Math.ceil((j1 - j0) / KNOT) + 1;
    const base = r * cols;
    for (let sr = 0; sr < s; sr++) {
      const y = y0 + r * cellSize + (sr + 0.5) * sub;
      let anyIn = false;
      for (let k = 0; k < nk; k++) {
        const x = x0 + (j0 + k * KNOT + 0.5) * sub;
        const [lon, lat] = projection.inverse(x, y);
        let px: number;
        let py: number;
        if (geographic) {
          px = (lon - west) / dx;
          py = (north - lat) / dy;
        } else {
          const [mx, my] = mollweideForward(lon, lat);
          px = (mx - west) / dx;
          py = (north - my) / dy;
        }
        kx[k] = px;
        ky[k] = py;
        if (py >= -1 && py <= height + 1 && px >= -KNOT && px <= width + KNOT) anyIn = true;
      }
      if (!anyIn) continue;
      for (let k = 0; k + 1 < nk; k++) {
        const ja = j0 + k * KNOT;
        const jb = Math.min(j1, ja + KNOT);
        const ax = kx[k];
        const ay = ky[k];
        const bx = (kx[k + 1] - ax) / KNOT;
        const by = (ky[k + 1] - ay) / KNOT;
        for (let j = ja; j < jb; j++) {
          const t = j - ja;
          const pr = Math.floor(ay + by * t);
          if (pr < 0 || pr >= height) continue;
          const pc = Math.floor(ax + bx * t);
          if (pc < 0 || pc >= width) continue;
          const v = data[pr * width + pc];
          if (!(v === v)) continue; // NaN: nodata
          const cell = s === 1 ? base + j : base + ((j / s) | 0);
          sum[cell] += v * density[pr];
          hits[cell] = 1;
        }
      }
    }
  }
  // Mean density over the cell's samples (a sample off the raster counts as nobody) × area.
  const km2 = (cellSize * cellSize) / 1e6 / (s * s);
  const out = sum;
  for (let i = 0; i < out.length; i++) out[i] = hits[i] ? Math.max(0, out[i]) * km2 : NaN;
  return out;
}

/** The grid's WGS-84 box, from its edges' inverse projection (with a cell of margin). */
function gridLonLatBox(spec: GridSpec): [number, number, number, number] {
  const { x0, y0, cols, rows, cellSize, projection } = spec;
  const x1 = x0 + cols * cellSize;
  const y1 = y0 + rows * cellSize;
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  const steps = 32;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    for (const [x, y] of [
      [x0 + (x1 - x0) * t, y0],
      [x0 + (x1 - x0) * t, y1],
      [x0, y0 + (y1 - y0) * t],
      [x1, y0 + (y1 - y0) * t],
    ]) {
      const [lon, lat] = projection.inverse(x, y);
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  }
  const m = (2 * cellSize) / 100_000;
  return [w - m / Math.cos((Math.max(Math.abs(s), Math.abs(n)) * Math.PI) / 180), s - m, e, n + m];
}

function pixelOverlap(spec: GridSpec, win: RasterWindow): Float64Array {
  const { cols, rows, cellSize, x0, y0, projection } = spec;
  const g = win.georef;
  const { width, height, dx, dy, west, north } = g;
  const geographic = g.crs === 'EPSG:4326';
  const people = rowFactors(win, false);
  const data = win.data;
  const out = new Float64Array(cols * rows).fill(NaN);
  // Only the pixels inside the grid's box: the window may be a province's.
  const [bw, bs, be, bn] = gridLonLatBox(spec);
  // Mollweide rows depend on latitude only; its columns are tested pixel by pixel.
  const ys = geographic ? [bn, bs] : [mollweideForward(bw, bn)[1], mollweideForward(be, bs)[1]];
  const r0 = Math.max(0, Math.floor((north - Math.max(...ys)) / dy) - 1);
  const r1 = Math.min(height - 1, Math.ceil((north - Math.min(...ys)) / dy) + 1);
  const c0 = geographic ? Math.max(0, Math.floor((bw - west) / dx) - 1) : 0;
  const c1 = geographic ? Math.min(width - 1, Math.ceil((be - west) / dx) + 1) : width - 1;
  const lonLat = new Float64Array(2);
  const xy = new Float64Array(2);
  for (let r = r0; r <= r1; r++) {
    const f = people[r];
    const half = Math.sqrt(rowPixelKm2(g, r) * 1e6) / 2;
    // Latitude of the row (geographic), or its Mollweide y.
    const yc = north - (r + 0.5) * dy;
    const base = r * width;
    for (let c = c0; c <= c1; c++) {
      const v = data[base + c];
      if (!(v === v)) continue;
      if (geographic) {
        lonLat[0] = west + (c + 0.5) * dx;
        lonLat[1] = yc;
      } else {
        const ll = mollweideInverse(west + (c + 0.5) * dx, yc);
        if (!ll) continue;
        lonLat[0] = ll[0];
        lonLat[1] = ll[1];
        if (ll[0] < bw || ll[0] > be || ll[1] < bs || ll[1] > bn) continue;
      }
      projection.forwardMany(lonLat, xy);
      const p = Math.max(0, v * f);
      // The footprint [x ± half] × [y ± half] over the cells it overlaps.
      const ax = (xy[0] - half - x0) / cellSize;
      const bx = (xy[0] + half - x0) / cellSize;
      const ay = (xy[1] - half - y0) / cellSize;
      const by = (xy[1] + half - y0) / cellSize;
      if (bx < 0 || by < 0 || ax >= cols || ay >= rows) continue;
      const span = (bx - ax) * (by - ay);
      for (let gr = Math.max(0, Math.floor(ay)); gr <= Math.min(rows - 1, Math.floor(by)); gr++) {
        const oy = Math.min(by, gr + 1) - Math.max(ay, gr);
        if (oy <= 0) continue;
        for (let gc = Math.max(0, Math.floor(ax)); gc <= Math.min(cols - 1, Math.floor(bx)); gc++) {
          const ox = Math.min(bx, gc + 1) - Math.max(ax, gc);
          if (ox <= 0) continue;
          const i = gr * cols + gc;
          const prev = out[i];
          out[i] = (prev === prev ? prev : 0) + (p * ox * oy) / span;
        }
      }
    }
  }
  return out;
}
