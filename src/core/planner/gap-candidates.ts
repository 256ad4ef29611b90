import { unitAt, type GapUnitIndex } from '../analysis/gap-units';
import type { Grid } from '../grid/grid';
import type { Settlement } from '../settlement';

/** Where a new-site candidate came from. */
export const CANDIDATE_SOURCES = ['gap-units', 'settlements', 'lattice'] as const;
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];

export interface SitePoint {
  /** Cell index r·cols + c. */
  cell: number;
  source: CandidateSource;
}

/** A unit this large (km²) also gets points on its covered/uncovered frontier. */
export const LARGE_UNIT_KM2 = 10;

/**
 * New-site points where people are (issue 12 "Planner"): the cell of each gap unit's
 * centre, each settlement point inside a unit, and for large units cells on the
 * frontier with coverage (a run ending next to a covered cell), thinned to one per
 * `spacingM` square. Units in rank order across areas (most people first), settlements by
 * population, so `max` keeps the most useful. Empty when there is no unit: the caller
 * falls back to the lattice.
 */
export function gapSitePoints(
  grid: Grid,
  idx: GapUnitIndex,
  settlements: readonly Settlement[],
  spacingM: number,
  max: number,
): SitePoint[] {
  const { cols, rows, cellSize, x0, y0, projection } = grid;
  const units = idx.areas.flatMap((a) => a.units).sort((a, b) => b.people - a.people);
  if (units.length === 0 || max <= 0) return [];
  const seen = new Set<number>();
  const out: SitePoint[] = [];
  const add = (cell: number, source: CandidateSource): void => {
    if (out.length >= max || seen.has(cell)) return;
    seen.add(cell);
    out.push({ cell, source });
  };
  const listed = new Set(units.map((u) => u.id));
  for (const u of units) {
    const [x, y] = projection.forward(u.lon, u.lat);
    add(Math.floor((y - y0) / cellSize) * cols + Math.floor((x - x0) / cellSize), 'gap-units');
  }
  const inUnits = settlements
    .map((s) => {
      const [x, y] = projection.forward(s.position[0], s.position[1]);
      const c = Math.floor((x - x0) / cellSize);
      const r = Math.floor((y - y0) / cellSize);
      const u = c < 0 || r < 0 || c >= cols || r >= rows ? -1 : unitAt(idx, c, r);
      return { s, cell: r * cols + c, u };
    })
    .filter((p) => p.u >= 0 && listed.has(p.u))
    .sort((a, b) => (b.s.population ?? 0) - (a.s.population ?? 0) || a.cell - b.cell);
  for (const p of inUnits) add(p.cell, 'settlements');
  // Frontier cells of the large units, one per spacing square.
  const large = new Set(units.filter((u) => u.areaKm2 >= LARGE_UNIT_KM2).map((u) => u.id));
  if (large.size === 0) return out;
  const step = Math.max(1, Math.round(spacingM / cellSize));
  const taken = new Set<number>();
  const counts = grid[idx.layer];
  const { rowStart, runC0, runC1, runUnit } = idx;
  for (let r = 0; r < rows && out.length < max; r++) {
    for (let k = rowStart[r]; k < rowStart[r + 1]; k++) {
      if (!large.has(runUnit[k])) continue;
      for (const c of [runC0[k], runC1[k]]) {
        const left = c > 0 && counts[r * cols + c - 1] !== 0;
        const right = c < cols - 1 && counts[r * cols + c + 1] !== 0;
        if (!left && !right) continue;
        const bucket = Math.floor(r / step) * Math.ceil(cols / step) + Math.floor(c / step);
        if (taken.has(bucket)) continue;
        taken.add(bucket);
        add(r * cols + c, 'gap-units');
      }
    }
  }
  return out;
}
