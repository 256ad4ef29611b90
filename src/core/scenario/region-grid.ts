import type { Area } from '../area';
import { buildAreaGrid, townZoneGrid, type TownZoneGrid } from '../analysis/analyze';
import type { AnalysisParams } from '../analysis/params';
import type { PopulationInput, PopulationModel } from '../analysis/population';
import type { Grid } from '../grid/grid';
import type { Laea } from '../grid/laea';

export type { TownZoneGrid };

/**
 * The grid of a region as `analyzeAreas` builds it — labels, county-town zone mask,
 * population weights — and the fine grids of the county-town zones, kept so a
 * scenario can be re-evaluated edit by edit instead of from scratch.
 */
export interface RegionGrid {
  projection: Laea;
  grid: Grid;
  /** 1 where a cell is in a county-town zone (drives 'auto' env → UMa, and the planner). */
  zone: Uint8Array;
  /** Per area: the zone of its continuity check, or null (not a county / no zone). */
  townZones: (TownZoneGrid | null)[];
  notes: string[];
  population: PopulationModel;
}

export function buildRegionGrid(
  areas: readonly Area[],
  params: AnalysisParams,
  townships: readonly Area[] = [],
  population?: PopulationInput,
): RegionGrid {
  const { projection, grid, zone, zoneTowns, notes, ...rest } = buildAreaGrid(
    areas,
    params,
    townships,
    population,
  );
  const townZones = areas.map((a, i) => {
    if (a.level !== 'county') return null;
    const zt = zoneTowns[i];
    if (zt)
      return townZoneGrid(
        a,
        params,
        zt.map((t) => t.geometry),
      );
    return a.seat ? townZoneGrid(a, params, null) : null;
  });
  return { projection, grid, zone, townZones, notes, population: rest.population };
}
