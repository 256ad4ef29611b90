import { cellAreaKm2, type Grid } from './grid';
import { correctAreaTotals, syncEdgeCoverage } from './edge-cells';

/**
 * Per-area totals, indexed by label (0 = outside every area, kept so the stamping loop
 * needs no branch). Cell counts are in cells: whole cells plus the exact shares of border
 * cells (grid.edge), multiples of 2^-20. Population sums are Float64 sums of the grid's
 * quantised weights (multiples of 2^-weightBits). Both are exact: a covered population is
 * the same number whichever order sites were added or removed in, so an add followed by a
 * remove restores it bit for bit.
 */
export interface AreaTotals {
  cells: Float64Array;
  population: Float64Array;
  nrCells: Float64Array;
  redcapCells: Float64Array;
  nrPop: Float64Array;
  redcapPop: Float64Array;
  /** Per border cell (grid.edge): whether its shares are in the covered totals, per layer. */
  edgeNr: Uint8Array;
  edgeRc: Uint8Array;
}

/** Zeroed totals for `areaCount` areas on a grid with `edgeCells` border cells. */
export function emptyTotals(areaCount: number, edgeCells = 0): AreaTotals {
  const n = areaCount + 1;
  return {
    cells: new Float64Array(n),
    population: new Float64Array(n),
    nrCells: new Float64Array(n),
    redcapCells: new Float64Array(n),
    nrPop: new Float64Array(n),
    redcapPop: new Float64Array(n),
    edgeNr: new Uint8Array(edgeCells),
    edgeRc: new Uint8Array(edgeCells),
  };
}

/**
 * Brings the border-cell corrections of both layers' covered totals up to date with the
 * counts in rows r0 … r1 (after the stamping loops attributed whole cells to labels).
 */
export function syncCoverageEdges(grid: Grid, t: AreaTotals, r0 = 0, r1 = grid.rows - 1): void {
  if (!grid.edge) return;
  syncEdgeCoverage(grid, grid.nr, { cells: t.nrCells, pop: t.nrPop, on: t.edgeNr }, r0, r1);
  syncEdgeCoverage(
    grid,
    grid.redcap,
    { cells: t.redcapCells, pop: t.redcapPop, on: t.edgeRc },
    r0,
    r1,
  );
}

/** Totals with every cell uncovered; area cells and population read from the grid. */
export function createTotals(grid: Grid, areaCount: number): AreaTotals {
  const t = emptyTotals(areaCount, grid.edge ? grid.edge.cell.length : 0);
  recountAreas(grid, t);
  return t;
}

/** Recomputes cells and population per area (after labels or weights change). */
export function recountAreas(grid: Grid, t: AreaTotals): void {
  t.cells.fill(0);
  t.population.fill(0);
  const { label, weight } = grid;
  // Sums are kept in locals while the label stays the same: a per-cell read-modify-write
  // of t.population[l] is a memory dependency chain and runs 3–4× slower. The sums are
  // of fixed-point weights, so regrouping them changes nothing.
  const n = label.length;
  let i = 0;
  while (i < n) {
    const l = label[i];
    let cells = 0;
    let pop = 0;
    while (i < n && label[i] === l) {
      cells++;
      pop += weight[i];
      i++;
    }
    t.cells[l] += cells;
    t.population[l] += pop;
  }
  correctAreaTotals(grid, t);
}

/** Recomputes the covered totals of both layers from the counts (a full pass). */
export function recountCoverage(grid: Grid, t: AreaTotals): void {
  t.nrCells.fill(0);
  t.redcapCells.fill(0);
  t.nrPop.fill(0);
  t.redcapPop.fill(0);
  const { label, weight, nr, redcap } = grid;
  for (let i = 0; i < label.length; i++) {
    const l = label[i];
    if (nr[i] !== 0) {
      t.nrCells[l]++;
      t.nrPop[l] += weight[i];
    }
    if (redcap[i] !== 0) {
      t.redcapCells[l]++;
      t.redcapPop[l] += weight[i];
    }
  }
  t.edgeNr.fill(0);
  t.edgeRc.fill(0);
  syncCoverageEdges(grid, t);
}

export interface LayerMetrics {
  areaKm2: number;
  /** 0–100. */
  areaPct: number;
  population: number;
  /** 0–100; 0 when the area has no population. */
  popPct: number;
}

export interface AreaMetrics {
  cells: number;
  /** Cells × cellSize² (the projection is equal-area). */
  areaKm2: number;
  population: number;
  nr: LayerMetrics;
  redcap: LayerMetrics;
}

const pct = (part: number, whole: number): number => (whole > 0 ? (100 * part) / whole : 0);

/** Metrics of area `index` (0-based; label = index + 1). */
export function areaMetrics(grid: Grid, t: AreaTotals, index: number): AreaMetrics {
  const l = index + 1;
  const km2 = cellAreaKm2(grid);
  const layer = (cells: number, pop: number): LayerMetrics => ({
    areaKm2: cells * km2,
    areaPct: pct(cells, t.cells[l]),
    population: pop,
    popPct: pct(pop, t.population[l]),
  });
  return {
    cells: t.cells[l],
    areaKm2: t.cells[l] * km2,
    population: t.population[l],
    nr: layer(t.nrCells[l], t.nrPop[l]),
    redcap: layer(t.redcapCells[l], t.redcapPop[l]),
  };
}

/** Adds the totals of tile `b` into `a` (tiles of one region, same area indexing). */
export function addTotals(a: AreaTotals, b: AreaTotals): void {
  for (let l = 0; l < a.cells.length; l++) {
    a.cells[l] += b.cells[l];
    a.population[l] += b.population[l];
    a.nrCells[l] += b.nrCells[l];
    a.redcapCells[l] += b.redcapCells[l];
    a.nrPop[l] += b.nrPop[l];
    a.redcapPop[l] += b.redcapPop[l];
  }
}
