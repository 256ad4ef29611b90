import { createLaea, type Laea } from './laea';
import type { EdgeCells } from './edge-cells';
import type { Metres } from '../units';

/**
 * A square-cell raster on a local equal-area projection, stored as struct-of-arrays so
 * it crosses a worker boundary as a handful of transferable buffers.
 *
 * Cell (c, r) — index r·cols + c — has its centre at
 * (x0 + (c + ½)·cellSize, y0 + (r + ½)·cellSize): row 0 is the southern edge.
 * A point is "in" a cell-shaped region when the cell's centre is.
 *
 * A grid covers any projected box, so a large region is processed as tiles: grids that
 * share a projection and cell size and whose origins are multiples of the cell size line
 * up exactly (see `tileSpecs`). Per-area totals of tiles simply add up.
 */
export interface GridSpec {
  projection: Laea;
  /** South-west corner of cell (0, 0), projected metres; a multiple of cellSize. */
  x0: number;
  y0: number;
  cellSize: Metres;
  cols: number;
  rows: number;
}

export interface Grid extends GridSpec {
  /** Area index + 1 per cell; 0 = outside every area. */
  label: Uint16Array | Uint32Array;
  /**
   * Population per cell. Every value is a multiple of 2^-weightBits and below
   * 2^(24 − weightBits), so sums of weights in a Float64 are exact integers of that
   * unit (for grids under 2^29 cells): totals do not depend on the order of additions.
   */
  weight: Float32Array;
  weightBits: number;
  /** Number of the stamped sites covering the cell, per layer. */
  nr: Uint16Array;
  redcap: Uint16Array;
  /**
   * Cells an area border cuts, with each area's exact share (edge-cells.ts); null when the
   * labels are whole cells (a mask, a grid aligned with its areas). `weight` of such a cell
   * is the sum of its areas' people.
   */
  edge?: EdgeCells | null;
}

/** A projected box [minX, minY, maxX, maxY] in metres. */
export type ProjectedBox = [number, number, number, number];

/** Grid geometry covering a projected box, snapped outwards to whole cells. */
export function gridSpecForBox(projection: Laea, box: ProjectedBox, cellSize: Metres): GridSpec {
  const x0 = Math.floor(box[0] / cellSize) * cellSize;
  const y0 = Math.floor(box[1] / cellSize) * cellSize;
  const cols = Math.max(1, Math.ceil((box[2] - x0) / cellSize));
  const rows = Math.max(1, Math.ceil((box[3] - y0) / cellSize));
  return { projection, x0, y0, cellSize, cols, rows };
}

/**
 * The grid of a WGS-84 [west, south, east, north] box: a Lambert equal-area projection
 * centred on the box, whole cells of `cellSize` covering it.
 */
export function gridSpecForLngLatBox(bbox: ArrayLike<number>, cellSize: Metres): GridSpec {
  const [w, s, e, n] = [bbox[0], bbox[1], bbox[2], bbox[3]];
  const projection = createLaea((w + e) / 2, (s + n) / 2);
  return gridSpecForBox(projection, projectLngLatBox(projection, [w, s, e, n]), cellSize);
}

/**
 * Projected box of a WGS-84 [west, south, east, north] box. Parallels and meridians curve
 * under the projection, so the edges are sampled, not only the corners.
 */
export function projectLngLatBox(projection: Laea, bbox: readonly number[]): ProjectedBox {
  const [w, s, e, n] = bbox;
  const out: ProjectedBox = [Infinity, Infinity, -Infinity, -Infinity];
  const steps = 32;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const lon = w + (e - w) * t;
    const lat = s + (n - s) * t;
    for (const [a, b] of [
      [lon, s],
      [lon, n],
      [w, lat],
      [e, lat],
    ]) {
      const [x, y] = projection.forward(a, b);
      if (x < out[0]) out[0] = x;
      if (y < out[1]) out[1] = y;
      if (x > out[2]) out[2] = x;
      if (y > out[3]) out[3] = y;
    }
  }
  return out;
}

/** Default number of weight fraction bits: population to 1/1024 of a person. */
export const DEFAULT_WEIGHT_BITS = 10;

/** Allocates the arrays of a grid; `areaCount` picks a Uint16 or Uint32 label array. */
export function createGrid(spec: GridSpec, areaCount: number): Grid {
  const n = spec.cols * spec.rows;
  if (!(n > 0) || n >= 2 ** 29)
    throw new Error(`grid of ${spec.cols} × ${spec.rows} cells is out of range; use tiles`);
  return {
    ...spec,
    label: areaCount + 1 <= 0xffff ? new Uint16Array(n) : new Uint32Array(n),
    weight: new Float32Array(n),
    weightBits: DEFAULT_WEIGHT_BITS,
    nr: new Uint16Array(n),
    redcap: new Uint16Array(n),
  };
}

/** Cell area in km² (the projection is equal-area, so every cell has the same). */
export const cellAreaKm2 = (g: GridSpec): number => (g.cellSize * g.cellSize) / 1e6;

/** Column/row of the cell whose centre is nearest to projected (x, y) (may be outside). */
export function cellOf(g: GridSpec, x: number, y: number): [number, number] {
  return [Math.floor((x - g.x0) / g.cellSize), Math.floor((y - g.y0) / g.cellSize)];
}

/** Projected centre of cell (c, r). */
export function cellCentre(g: GridSpec, c: number, r: number): [number, number] {
  return [g.x0 + (c + 0.5) * g.cellSize, g.y0 + (r + 0.5) * g.cellSize];
}

/**
 * Splits a grid's extent into aligned tiles of at most `tileCells` cells a side. Each tile
 * is a GridSpec on the same projection; stamping a site into every tile its footprint
 * touches and adding the tiles' per-area totals gives the totals of the whole grid.
 */
export function tileSpecs(spec: GridSpec, tileCells: number): GridSpec[] {
  const out: GridSpec[] = [];
  for (let r = 0; r < spec.rows; r += tileCells) {
    for (let c = 0; c < spec.cols; c += tileCells) {
      out.push({
        projection: spec.projection,
        cellSize: spec.cellSize,
        x0: spec.x0 + c * spec.cellSize,
        y0: spec.y0 + r * spec.cellSize,
        cols: Math.min(tileCells, spec.cols - c),
        rows: Math.min(tileCells, spec.rows - r),
      });
    }
  }
  return out;
}
