import type { Grid } from './grid';

/**
 * Population weights per cell (DESIGN.md "Population inside an area"). Every weight is
 * stored as a multiple of 2^-bits, with `bits` chosen so the largest weight still fits a
 * Float32 exactly (24-bit significand). Sums of such weights in a Float64 are exact, so
 * covered-population totals are independent of the order of edits. Each area's
 * population is split into whole units with the remainder going one unit at a time to
 * its first cells, so the weights of an area add up to its population (to 2^-bits).
 */

/** Fraction bits so that `maxWeight` stays below 2^(24 − bits); at most 10 (1/1024). */
function chooseBits(maxWeight: number): number {
  const intBits = Math.max(0, Math.ceil(Math.log2(maxWeight + 2)));
  return Math.max(0, Math.min(10, 24 - intBits));
}

/**
 * Spreads per-pool amounts over the cells. A cell's pool is 2·label + zone bit for
 * areas split by zone, 2·label for the others; `amounts`, `cells` (cells per pool) and
 * the split flags are indexed like that. Labels past the arrays get weight 0.
 */
function spreadPools(
  grid: Grid,
  amounts: Float64Array,
  cells: Int32Array,
  split: Uint8Array,
  zone: Uint8Array | null,
): void {
  const { label, weight } = grid;
  const nLabels = split.length;
  let maxAvg = 0;
  for (let k = 2; k < cells.length; k++)
    if (cells[k] > 0) maxAvg = Math.max(maxAvg, amounts[k] / cells[k]);
  grid.weightBits = chooseBits(maxAvg + 1);
  const unit = 2 ** grid.weightBits;
  // Whole units per cell, and the remainder handed out one unit per cell in order.
  const per = new Float64Array(cells.length);
  const rem = new Float64Array(cells.length);
  for (let k = 2; k < cells.length; k++) {
    if (cells[k] === 0) continue;
    const units = Math.round(Math.max(0, amounts[k]) * unit);
    per[k] = Math.floor(units / cells[k]);
    rem[k] = units - per[k] * cells[k];
  }
  const len = label.length;
  let i = 0;
  while (i < len) {
    // One run of cells in the same pool; its remainder counter lives in a local.
    const l = label[i];
    const inPools = l !== 0 && l < nLabels;
    const zoned = inPools && split[l] === 1 ? zone : null;
    const z = zoned ? zoned[i] : 0;
    const k = 2 * l + z;
    const base = inPools ? per[k] / unit : 0;
    const plus = inPools ? (per[k] + 1) / unit : 0;
    let left = inPools ? rem[k] : 0;
    while (i < len && label[i] === l && (zoned === null || zoned[i] === z)) {
      if (left > 0) {
        weight[i] = plus;
        left--;
      } else weight[i] = base;
      i++;
    }
    if (inPools) rem[k] = left;
  }
}

/** Cells per label, counted in locals per run (a per-cell histogram update is slow). */
function cellsPerLabel(grid: Grid, n: number): Int32Array {
  const out = new Int32Array(n);
  const { label } = grid;
  let i = 0;
  while (i < label.length) {
    const l = label[i];
    let c = 0;
    while (i < label.length && label[i] === l) {
      c++;
      i++;
    }
    if (l < n) out[l] += c;
  }
  return out;
}

/** Each area's population spread evenly over its cells (`populations[index]`, index = label − 1). */
export function setUniformPopulation(grid: Grid, populations: ArrayLike<number>): void {
  const n = populations.length + 1;
  const amounts = new Float64Array(2 * n);
  const all = cellsPerLabel(grid, n);
  const cells = new Int32Array(2 * n);
  for (let l = 1; l < n; l++) {
    amounts[2 * l] = populations[l - 1] || 0;
    cells[2 * l] = all[l];
  }
  spreadPools(grid, amounts, cells, new Uint8Array(n), null);
}

/**
 * The census two-zone model: an area's urban population over its cells inside `zone`
 * (the county-town zone mask, 0/1), its rural population over the rest. An area with no
 * zone cells (or no cells outside it) gets its whole population spread over all its cells.
 */
export function setTwoZonePopulation(
  grid: Grid,
  urban: ArrayLike<number>,
  rural: ArrayLike<number>,
  zone: Uint8Array,
): void {
  const n = urban.length + 1;
  const inZone = new Int32Array(n);
  const all = new Int32Array(n);
  const { label } = grid;
  const len = label.length;
  let i = 0;
  while (i < len) {
    // Counted in locals per run of one label (see recountAreas in metrics.ts).
    const l = label[i];
    let c = 0;
    let z = 0;
    while (i < len && label[i] === l) {
      c++;
      z += zone[i];
      i++;
    }
    if (l >= n) continue;
    all[l] += c;
    inZone[l] += z;
  }
  const split = new Uint8Array(n);
  const amounts = new Float64Array(2 * n);
  const cells = new Int32Array(2 * n);
  for (let l = 1; l < n; l++) {
    const u = Math.max(0, urban[l - 1] || 0);
    const r = Math.max(0, rural[l - 1] || 0);
    if (inZone[l] > 0 && inZone[l] < all[l]) {
      split[l] = 1;
      amounts[2 * l + 1] = u;
      amounts[2 * l] = r;
      cells[2 * l + 1] = inZone[l];
      cells[2 * l] = all[l] - inZone[l];
    } else {
      amounts[2 * l] = u + r;
      cells[2 * l] = all[l];
    }
  }
  spreadPools(grid, amounts, cells, split, zone);
}

/**
 * Rounds caller-provided weights (a population raster resampled to the grid) to the
 * grid's fixed-point unit. Negative and non-finite weights become 0.
 */
export function quantizeWeights(grid: Grid): void {
  const { weight } = grid;
  let max = 0;
  for (let i = 0; i < weight.length; i++) {
    const v = weight[i];
    if (!(v > 0) || !Number.isFinite(v)) weight[i] = 0;
    else if (v > max) max = v;
  }
  grid.weightBits = chooseBits(max);
  const unit = 2 ** grid.weightBits;
  for (let i = 0; i < weight.length; i++) weight[i] = Math.round(weight[i] * unit) / unit;
}
