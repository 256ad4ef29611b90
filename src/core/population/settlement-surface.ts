/**
 * A population surface from settlement points: each settlement's people spread around it
 * by a distance-decay kernel, for areas without a population raster. The allocation
 * (analysis/population.ts) only uses the surface's shape inside each area, rescaled to the
 * census total, so the weights need to be right relative to each other, not absolutely.
 *
 * Kernel: w·exp(−d/λ) over the cells whose centre is within 3λ of the point, normalised
 * over those cells so each point puts exactly its weight w on the grid; λ = 100 m·√(w/100)
 * (a settlement's built-up radius grows with the square root of its people at a roughly
 * constant density: 100 people ≈ a 100 m hamlet, 2,000 ≈ a 450 m township seat, cut at
 * 1.3 km). A point whose kernel reaches no cell centre puts its weight on its own cell.
 * Only cells of an area are reached (a kernel does not spill people into no-man's land
 * or across the grid's edge); a point outside every area is left out and counted.
 */
import type { Grid } from '../grid/grid';
import type { Settlement, SettlementKind } from '../settlement';

/**
 * People assumed for a settlement the source gives no population or households for, by
 * kind. Typical sizes in western China's statistics: a county town is a few 10,000 (its
 * real figure is the urban census population, which the allocation applies anyway); a
 * township seat (集镇) holds the township's government, school and clinic, ~2,000; an
 * administrative village ~400 in pastoral counties (1,000+ in the east; the shape matters,
 * not the level); a natural village or villagers' group ~100; a herding site a few
 * families, ~20 (3–5 households).
 */
export const SETTLEMENT_DEFAULT_PEOPLE: Readonly<Record<SettlementKind, number>> = {
  town: 20_000,
  'township-seat': 2_000,
  'admin-village': 400,
  'natural-village': 100,
  'herding-site': 20,
  other: 100,
};

/** People per household when a settlement gives households only (China's 2020 census: 2.62; pastoral west ~3.2). */
export const DEFAULT_HOUSEHOLD_SIZE = 3.2;

/** The weight a settlement carries: its people, else households × size, else its kind's default. */
export function settlementWeight(s: Settlement, householdSize = DEFAULT_HOUSEHOLD_SIZE): number {
  if (s.population != null && s.population > 0) return s.population;
  if (s.households != null && s.households > 0) return s.households * householdSize;
  return SETTLEMENT_DEFAULT_PEOPLE[s.kind];
}

/** Kernel length λ (m) for a weight of `w` people. */
export const kernelLengthM = (w: number): number => 100 * Math.sqrt(Math.max(w, 1) / 100);

/** Kernel cut-off in λ. */
export const KERNEL_CUT = 3;

export interface SettlementSurface {
  /** Settlement weight per cell (people); 0 where no kernel reaches. */
  values: Float64Array;
  /** Settlements placed on the grid. */
  used: number;
  /** Settlements outside every area of the grid (not placed). */
  outside: number;
}

/** Cells that belong to some area: a centre label, or a share of a border cell. */
function areaCells(grid: Grid): Uint8Array {
  const inArea = new Uint8Array(grid.label.length);
  for (let i = 0; i < inArea.length; i++) if (grid.label[i] !== 0) inArea[i] = 1;
  const e = grid.edge;
  if (e)
    for (let k = 0; k < e.cell.length; k++) if (e.start[k + 1] > e.start[k]) inArea[e.cell[k]] = 1;
  return inArea;
}

export function settlementSurface(
  grid: Grid,
  settlements: readonly Settlement[],
  householdSize = DEFAULT_HOUSEHOLD_SIZE,
): SettlementSurface {
  const { cols, rows, cellSize, x0, y0, projection } = grid;
  const values = new Float64Array(cols * rows);
  const inArea = areaCells(grid);
  let used = 0;
  let outside = 0;
  // Per point: the cells it reaches and their kernel values, then normalised.
  let idx = new Int32Array(1024);
  let ker = new Float64Array(1024);
  for (const s of settlements) {
    const [x, y] = projection.forward(s.position[0], s.position[1]);
    const pc = Math.floor((x - x0) / cellSize);
    const pr = Math.floor((y - y0) / cellSize);
    const own = pc >= 0 && pr >= 0 && pc < cols && pr < rows ? pr * cols + pc : -1;
    if (own < 0 || !inArea[own]) {
      outside++;
      continue;
    }
    const w = settlementWeight(s, householdSize);
    if (!(w > 0)) continue;
    const lambda = kernelLengthM(w);
    const cut = KERNEL_CUT * lambda;
    const c0 = Math.max(0, Math.floor((x - cut - x0) / cellSize));
    const c1 = Math.min(cols - 1, Math.floor((x + cut - x0) / cellSize));
    const r0 = Math.max(0, Math.floor((y - cut - y0) / cellSize));
    const r1 = Math.min(rows - 1, Math.floor((y + cut - y0) / cellSize));
    const need = (c1 - c0 + 1) * (r1 - r0 + 1);
    if (need > idx.length) {
      idx = new Int32Array(need);
      ker = new Float64Array(need);
    }
    let n = 0;
    let total = 0;
    for (let r = r0; r <= r1; r++) {
      const dy = y0 + (r + 0.5) * cellSize - y;
      for (let c = c0; c <= c1; c++) {
        const i = r * cols + c;
        if (!inArea[i]) continue;
        const d = Math.hypot(x0 + (c + 0.5) * cellSize - x, dy);
        if (d > cut) continue;
        const k = Math.exp(-d / lambda);
        idx[n] = i;
        ker[n] = k;
        total += k;
        n++;
      }
    }
    used++;
    if (n === 0) {
      values[own] += w;
      continue;
    }
    const f = w / total;
    for (let j = 0; j < n; j++) values[idx[j]] += ker[j] * f;
  }
  return { values, used, outside };
}
