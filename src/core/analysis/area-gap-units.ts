import type { Area } from '../area';
import type { Grid } from '../grid/grid';
import { rasterizeAreas } from '../grid/rasterize';
import type { Settlement } from '../settlement';
import {
  DEFAULT_GAP_UNIT_PARAMS,
  findGapUnits,
  type GapUnitIndex,
  type GapUnitParams,
  type GapUnitSite,
} from './gap-units';
import type { AnalysisParams } from './params';
import type { AreaResult } from './analyze';
import { townshipsByCounty } from './town-zone';

/** The gap-unit parameters of an analysis, defaults filled in. */
export function gapUnitParams(p: Pick<AnalysisParams, 'gapUnits'>): GapUnitParams {
  return { ...DEFAULT_GAP_UNIT_PARAMS, ...p.gapUnits };
}

/**
 * The NR gap units of a region's grid: townships (when given for counties) split units
 * and name them; township-level areas name their units themselves. Distances are to
 * `sites` (the caller passes those with an NR footprint).
 */
export function regionGapUnits(
  grid: Grid,
  areas: readonly Area[],
  sites: readonly GapUnitSite[],
  params: Pick<AnalysisParams, 'gapUnits'>,
  townships: readonly Area[] = [],
  settlements: readonly Settlement[] = [],
): GapUnitIndex {
  let towns: { label: Uint16Array | Uint32Array; list: Area[] } | undefined;
  const inside = townshipsByCounty(areas, townships).flatMap((t) => t ?? []);
  if (inside.length > 0) {
    const label =
      inside.length < 0xffff
        ? new Uint16Array(grid.cols * grid.rows)
        : new Uint32Array(grid.cols * grid.rows);
    rasterizeAreas(
      grid,
      inside.map((t) => t.geometry),
      label,
    );
    towns = { label, list: inside };
  }
  const idx = findGapUnits(grid, 'nr', gapUnitParams(params), {
    areaCount: areas.length,
    sites,
    settlements,
    townships: towns,
  });
  areas.forEach((a, i) => {
    if (a.level !== 'township') return;
    for (const u of idx.areas[i].units) u.township = { code: a.code, name: a.name };
  });
  return idx;
}

/** Puts each area's gap units on its result (same order as the region's areas). */
export function attachGapUnits(results: AreaResult[], idx: GapUnitIndex): void {
  results.forEach((r, i) => {
    const a = idx.areas[i];
    if (!a) return;
    r.gapUnits = a.units;
    r.gapUnitsRemainder = a.remainder;
    r.unpopulatedKm2 = a.unpopulatedKm2;
  });
}
