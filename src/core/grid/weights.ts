import type { Grid } from './grid';

/**
 * Population weights per cell (DESIGN.md "Population inside an area").
 *
 * Every cell (and every area's share of a border cell, grid.edge) belongs to a pool — an
 * area, or an area's urban or rural zone — and each pool's people are spread over its
 * cells in proportion to a surface: 1 per whole cell (an even spread), or a value per
 * cell (a population raster resampled to the grid, a settlement kernel), times the area's
 * share of a border cell. Weights are fixed-point, multiples of 2^-bits with `bits`
 * chosen so the largest weight still fits a Float32 exactly (24-bit significand); sums
 * of such weights in a Float64 are exact, so covered-population totals do not depend on
 * the order of edits. Each pool's amount is handed out by cumulative rounding along the
 * cells (a cell gets round(d·S) − round(d·S_before), S the pool's running surface), so
 * the weights of a pool add up to its amount exactly (to 2^-bits) and no cell is off by
 * more than one unit.
 */

/** Fraction bits so that `maxWeight` stays below 2^(24 − bits); at most 10 (1/1024). */
function chooseBits(maxWeight: number): number {
  const intBits = Math.max(0, Math.ceil(Math.log2(maxWeight + 2)));
  return Math.max(0, Math.min(10, 24 - intBits));
}

/**
 * Which pool a cell's people come from. `whole(i, l)` is the pool of cell i, whose centre
 * label is l ≠ 0 (a whole cell, or the centre area's share of a border cell); `part(i, a)`
 * the pool of area label a's share of border cell i. −1: not placed (weight 0).
 */
export interface PoolMap {
  pools: number;
  whole(i: number, l: number): number;
  part(i: number, a: number): number;
  /** Cells i and j (same label) are in one pool: lets runs be handed out without a call per cell. */
  samePool(i: number, j: number): boolean;
}

/**
 * Surfaces chosen per pool: pool p is spread by `layers[of[p]]` (null = 1 per cell), so
 * areas whose raster is missing fall back to an even spread in the same pass — and in
 * the same fixed-point unit — as their neighbours spread by the raster.
 */
export interface PoolSurfaces {
  layers: readonly (ArrayLike<number> | null)[];
  of: Uint8Array;
}

/**
 * Spreads `amounts[p]` over each pool p's cells, in proportion to `surface` (per cell,
 * ≥ 0, NaN = 0; null = 1 for every cell; or a surface per pool). A pool whose surface sums
 * to 0 places nothing (the caller falls back to another surface first). Returns per pool
 * the surface sum, so the caller can report the scale factor applied (amount ÷ surface).
 */
export function allocatePools(
  grid: Grid,
  map: PoolMap,
  amounts: ArrayLike<number>,
  surface: ArrayLike<number> | null | PoolSurfaces,
): Float64Array {
  const { label, weight } = grid;
  const edge = grid.edge ?? null;
  const len = label.length;
  const np = map.pools;
  const size = new Float64Array(np);
  const maxS = new Float64Array(np);
  const perPool = surface !== null && 'layers' in surface;
  const layers: readonly (ArrayLike<number> | null)[] = perPool
    ? surface.layers
    : [surface as ArrayLike<number> | null];
  const layerOf = perPool ? surface.of : new Uint8Array(np);
  const layer = (p: number) => layers[layerOf[p]];
  const at = (i: number, p: number) => {
    const l = layers[layerOf[p]];
    return l ? Math.max(0, l[i] || 0) : 1;
  };

  // Pass 1: each pool's surface sum (the order of additions is pass 2's).
  const eCells = edge ? edge.cell : new Int32Array(0);
  let e = 0;
  let nextEdge = eCells.length ? eCells[0] : len;
  let i = 0;
  while (i < len) {
    if (i === nextEdge) {
      for (let j = edge!.start[e]; j < edge!.start[e + 1]; j++) {
        const p = map.part(i, edge!.label[j]);
        if (p < 0) continue;
        const s = at(i, p);
        const v = s * edge!.frac[j];
        size[p] += v;
        if (s > maxS[p]) maxS[p] = s;
      }
      e++;
      nextEdge = e < eCells.length ? eCells[e] : len;
      i++;
      continue;
    }
    const l = label[i];
    if (l === 0) {
      i++;
      continue;
    }
    const p = map.whole(i, l);
    let j = i + 1;
    while (j < nextEdge && label[j] === l && map.samePool(i, j)) j++;
    if (p >= 0) {
      const lp = layer(p);
      if (lp) {
        let sum = 0;
        let mx = maxS[p];
        for (let k = i; k < j; k++) {
          const v = Math.max(0, lp[k] || 0);
          sum += v;
          if (v > mx) mx = v;
        }
        size[p] += sum;
        maxS[p] = mx;
      } else {
        size[p] += j - i;
        maxS[p] = 1;
      }
    }
    i = j;
  }

  // Units per unit of surface, per pool, and the unit that fits the largest weight.
  let maxWeight = 0;
  for (let p = 0; p < np; p++) {
    const a = Math.max(0, amounts[p] || 0);
    if (size[p] > 0) maxWeight = Math.max(maxWeight, (a / size[p]) * maxS[p]);
  }
  // Twice the largest: a border cell's weight is the sum of its areas' shares.
  grid.weightBits = chooseBits(2 * maxWeight + 1);
  const unit = 2 ** grid.weightBits;
  const d = new Float64Array(np);
  for (let p = 0; p < np; p++) {
    if (size[p] > 0) d[p] = (Math.round(Math.max(0, amounts[p] || 0) * unit) / size[p]) as number;
  }
  // Pass 2: cumulative rounding per pool, in pass 1's order.
  const run = new Float64Array(np);
  const given = new Float64Array(np);
  const hand = (p: number, v: number): number => {
    run[p] += v;
    const target = Math.round(d[p] * run[p]);
    const u = target - given[p];
    given[p] = target;
    return u;
  };
  e = 0;
  nextEdge = eCells.length ? eCells[0] : len;
  i = 0;
  while (i < len) {
    if (i === nextEdge) {
      let units = 0;
      for (let j = edge!.start[e]; j < edge!.start[e + 1]; j++) {
        const p = map.part(i, edge!.label[j]);
        const u = p < 0 || !(size[p] > 0) ? 0 : hand(p, at(i, p) * edge!.frac[j]);
        edge!.weight[j] = u / unit;
        units += u;
      }
      weight[i] = units / unit;
      e++;
      nextEdge = e < eCells.length ? eCells[e] : len;
      i++;
      continue;
    }
    const l = label[i];
    if (l === 0) {
      weight[i] = 0;
      i++;
      continue;
    }
    const p = map.whole(i, l);
    let j = i + 1;
    while (j < nextEdge && label[j] === l && map.samePool(i, j)) j++;
    const lp = p < 0 ? null : layer(p);
    if (p < 0 || !(size[p] > 0)) weight.fill(0, i, j);
    else if (lp) {
      // hand() per cell, with the pool's running sums in locals.
      const dp = d[p];
      let s = run[p];
      let g = given[p];
      for (let k = i; k < j; k++) {
        s += Math.max(0, lp[k] || 0);
        const target = Math.round(dp * s);
        weight[k] = (target - g) / unit;
        g = target;
      }
      run[p] = s;
      given[p] = g;
    } else {
      // The running surface is a whole number of cells here: d·S in one product per cell.
      const dp = d[p];
      let s = run[p];
      let g = given[p];
      for (let k = i; k < j; k++) {
        s += 1;
        const target = Math.round(dp * s);
        weight[k] = (target - g) / unit;
        g = target;
      }
      run[p] = s;
      given[p] = g;
    }
    i = j;
  }
  return size;
}

/** Pools by label: pool l − 1 is area l's; border shares go to their own area's pool. */
function labelPools(areaCount: number): PoolMap {
  return {
    pools: areaCount,
    whole: (_i, l) => (l <= areaCount ? l - 1 : -1),
    part: (_i, a) => (a <= areaCount ? a - 1 : -1),
    samePool: () => true,
  };
}

/** Each area's population spread evenly over its cells (`populations[index]`, index = label − 1). */
export function setUniformPopulation(grid: Grid, populations: ArrayLike<number>): void {
  allocatePools(grid, labelPools(populations.length), populations, null);
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
  const n = urban.length;
  const { label } = grid;
  // Whether each area has cells both inside and outside the zone (by centre label).
  const inZone = new Uint8Array(n + 1);
  const outZone = new Uint8Array(n + 1);
  for (let i = 0; i < label.length; i++) {
    const l = label[i];
    if (l === 0 || l > n) continue;
    if (zone[i]) inZone[l] = 1;
    else outZone[l] = 1;
  }
  const split = new Uint8Array(n + 1);
  const amounts = new Float64Array(2 * n);
  for (let l = 1; l <= n; l++) {
    const u = Math.max(0, urban[l - 1] || 0);
    const r = Math.max(0, rural[l - 1] || 0);
    if (inZone[l] && outZone[l]) {
      split[l] = 1;
      amounts[2 * (l - 1)] = r;
      amounts[2 * (l - 1) + 1] = u;
    } else amounts[2 * (l - 1)] = u + r;
  }
  const pool = (i: number, l: number): number =>
    l > n ? -1 : 2 * (l - 1) + (split[l] ? zone[i] : 0);
  allocatePools(
    grid,
    { pools: 2 * n, whole: pool, part: pool, samePool: (i, j) => zone[i] === zone[j] },
    amounts,
    null,
  );
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
