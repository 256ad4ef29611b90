import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Grid, GridSpec } from './grid';
import type { Laea } from './laea';
import { polygonFractions, type ProjectedPolygon } from './cell-fractions';
import { projectRing } from './project-ring';

/**
 * Cells cut by an area border, with the exact share of each area in them (DESIGN.md
 * "Boundary cells"). The label array keeps one area per cell (the one holding the cell's
 * centre, 0 for none): every fast loop — stamping, recounts, gaps — stays as it is and
 * attributes a whole cell to that label. The totals are then corrected once per border
 * cell: the whole cell is taken off its label and each area's fraction (and people) put
 * on that area. So an area's cells add up to its polygon's area, a disc cut by a border
 * splits by the areas' true shares, and two townships splitting a cell each get theirs.
 *
 * Fractions are multiples of 2^-FRAC_BITS and people multiples of the grid's weight unit,
 * so the corrected totals are still exact sums: any order of edits gives the same bits.
 */
export interface EdgeCells {
  /** Border cells (index r·cols + c), ascending. */
  cell: Int32Array;
  /** Entries of border cell k: start[k] … start[k + 1] − 1. */
  start: Int32Array;
  /** Per entry: the area's label (index + 1). */
  label: Uint32Array;
  /** Per entry: the area's share of the cell, a multiple of 2^-FRAC_BITS in (0, 1]. */
  frac: Float64Array;
  /** Per entry: the area's people in the cell (set by the population model). */
  weight: Float64Array;
}

export const FRAC_BITS = 20;
const FRAC_UNIT = 2 ** FRAC_BITS;

/** A Polygon or MultiPolygon's parts, projected, each [exterior, …holes] without closing vertices. */
export function projectPolygonParts(
  projection: Laea,
  geometry: Polygon | MultiPolygon,
): ProjectedPolygon[] {
  const polys: Position[][][] =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.map((poly) => poly.map((ring) => projectRing(projection, ring)));
}

/**
 * The border cells of `geometries` (label i + 1 for geometries[i]) on `spec`, or null when
 * no border crosses a cell (areas aligned with the grid, or none).
 */
export function buildEdgeCells(
  spec: GridSpec,
  geometries: readonly (Polygon | MultiPolygon)[],
): EdgeCells | null {
  const cells: Int32Array[] = [];
  const fracs: Float64Array[] = [];
  let total = 0;
  geometries.forEach((g) => {
    const f = polygonFractions(spec, projectPolygonParts(spec.projection, g));
    cells.push(f.cell);
    fracs.push(f.frac);
    total += f.cell.length;
  });
  if (total === 0) return null;
  // Entries (cell, label, fraction) sorted by cell then label.
  const eCell = new Int32Array(total);
  const eLabel = new Uint32Array(total);
  const eFrac = new Float64Array(total);
  let n = 0;
  cells.forEach((c, i) => {
    for (let k = 0; k < c.length; k++) {
      const q = Math.round(fracs[i][k] * FRAC_UNIT) / FRAC_UNIT;
      if (q <= 0) continue;
      eCell[n] = c[k];
      eLabel[n] = i + 1;
      eFrac[n] = q;
      n++;
    }
  });
  if (n === 0) return null;
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((a, b) => eCell[a] - eCell[b] || eLabel[a] - eLabel[b]);
  const label = new Uint32Array(n);
  const frac = new Float64Array(n);
  const cellList: number[] = [];
  const start: number[] = [];
  for (let k = 0; k < n; k++) {
    const o = order[k];
    if (k === 0 || eCell[o] !== eCell[order[k - 1]]) {
      cellList.push(eCell[o]);
      start.push(k);
    }
    label[k] = eLabel[o];
    frac[k] = eFrac[o];
  }
  start.push(n);
  return {
    cell: Int32Array.from(cellList),
    start: Int32Array.from(start),
    label,
    frac,
    weight: new Float64Array(n),
  };
}

/** Totals arrays the corrections touch (AreaTotals in metrics.ts). */
interface CellTotals {
  cells: Float64Array;
  population: Float64Array;
}

/**
 * Moves each border cell's area and people from its centre label to the areas sharing it,
 * after a recount that attributed whole cells to labels.
 */
export function correctAreaTotals(grid: Grid, t: CellTotals): void {
  const e = grid.edge;
  if (!e) return;
  const { label, weight } = grid;
  for (let k = 0; k < e.cell.length; k++) {
    const i = e.cell[k];
    const l = label[i];
    t.cells[l] -= 1;
    t.population[l] -= weight[i];
    for (let j = e.start[k]; j < e.start[k + 1]; j++) {
      const a = e.label[j];
      if (a >= t.cells.length) continue;
      t.cells[a] += e.frac[j];
      t.population[a] += e.weight[j];
    }
  }
}

/** What `syncEdgeCoverage` keeps of a layer: its covered totals and which corrections are applied. */
export interface LayerTotals {
  cells: Float64Array;
  pop: Float64Array;
  /** Per border cell: 1 when the cell counts as covered in the totals' correction. */
  on: Uint8Array;
}

/**
 * Brings the covered totals' border corrections up to date with the counts for the border
 * cells in rows r0 … r1 (all rows by default): a cell that became covered since the last
 * sync has its whole-cell attribution (made by the stamping loop) replaced by the areas'
 * shares; one that became uncovered has it undone. State-based, so syncing more cells than
 * changed is harmless.
 */
export function syncEdgeCoverage(
  grid: Grid,
  counts: Uint16Array,
  t: LayerTotals,
  r0 = 0,
  r1 = grid.rows - 1,
): void {
  const e = grid.edge;
  if (!e) return;
  const { label, weight, cols } = grid;
  const k0 = lowerBound(e.cell, r0 * cols);
  const k1 = lowerBound(e.cell, (r1 + 1) * cols);
  for (let k = k0; k < k1; k++) {
    const i = e.cell[k];
    const on = counts[i] !== 0 ? 1 : 0;
    if (on === t.on[k]) continue;
    t.on[k] = on;
    const s = on ? 1 : -1;
    const l = label[i];
    t.cells[l] -= s;
    t.pop[l] -= s * weight[i];
    for (let j = e.start[k]; j < e.start[k + 1]; j++) {
      const a = e.label[j];
      if (a >= t.cells.length) continue;
      t.cells[a] += s * e.frac[j];
      t.pop[a] += s * e.weight[j];
    }
  }
}

/** First index k with a[k] ≥ v (a ascending). */
export function lowerBound(a: Int32Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
