import type { Feature, MultiPolygon } from 'geojson';
import type { Area } from '../area';
import type { Grid } from '../grid/grid';
import { gapUnitPolygon, type GapUnitIndex } from './gap-units';

/** Properties of a gap unit outline (exports, map): what an operator acts on. */
export interface GapUnitFeatureProps {
  id: string;
  areaCode: string;
  areaName: string;
  rank: number;
  people: number;
  areaKm2: number;
  settlements: string[];
  nearestSiteM: number | null;
  nearestSiteId: string | null;
  township: string | null;
  households20: boolean;
  townshipSeat: boolean;
  villageFar: boolean;
  /** WGS-84 [lon, lat] of the unit's centre cell. */
  centre: [number, number];
}

/**
 * The first `perArea` gap units of each area as outlines (cell edges, traceCells), most
 * people first overall, at most `maxTotal`.
 */
export function gapUnitFeatures(
  grid: Grid,
  idx: GapUnitIndex,
  areas: readonly Area[],
  perArea = 10,
  maxTotal = 2000,
): Feature<MultiPolygon, GapUnitFeatureProps>[] {
  const picked = idx.areas
    .flatMap((a, i) => a.units.slice(0, perArea).map((u) => ({ u, area: areas[i] })))
    .filter((x) => x.area !== undefined)
    .sort((a, b) => b.u.people - a.u.people || a.u.id - b.u.id)
    .slice(0, maxTotal);
  const out: Feature<MultiPolygon, GapUnitFeatureProps>[] = [];
  for (const { u, area } of picked) {
    const geometry = gapUnitPolygon(grid, idx, u);
    if (!geometry) continue;
    out.push({
      type: 'Feature',
      geometry,
      properties: {
        id: `${area.code}-u${u.rank}`,
        areaCode: area.code,
        areaName: area.name,
        rank: u.rank,
        people: u.people,
        areaKm2: u.areaKm2,
        settlements: u.settlements,
        nearestSiteM: u.nearestSiteM,
        nearestSiteId: u.nearestSiteId,
        township: u.township ? u.township.name : null,
        households20: u.flags.households20,
        townshipSeat: u.flags.townshipSeat,
        villageFar: u.flags.villageFar,
        centre: [u.lon, u.lat],
      },
    });
  }
  return out;
}
