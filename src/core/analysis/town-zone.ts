import type { MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import type { Area } from '../area';

/**
 * The townships of each county in `areas` (by parent code = the township code's first
 * six digits), in input order; null for areas that are not counties or have none.
 */
export function townshipsByCounty(
  areas: readonly Area[],
  townships: readonly Area[],
): (Area[] | null)[] {
  const byParent = new Map<string, Area[]>();
  for (const t of townships) {
    if (t.level !== 'township' || t.parent === null) continue;
    const list = byParent.get(t.parent);
    if (list) list.push(t);
    else byParent.set(t.parent, [t]);
  }
  return areas.map((a) => (a.level === 'county' ? (byParent.get(a.code) ?? null) : null));
}

/**
 * The county-town zone from township polygons (DESIGN.md "County town zone"): the
 * county's 街道 (subdistricts, kind from the name) plus the township holding the county
 * seat. Null when there is neither, so the caller can fall back to the seat disc.
 */
export function townZoneTownships(county: Area, towns: readonly Area[]): Area[] | null {
  const seat = county.seat;
  const zone = towns.filter(
    (t) =>
      t.kind === 'subdistrict' ||
      (seat !== null && booleanPointInPolygon([seat[0], seat[1]], t.geometry)),
  );
  return zone.length ? zone : null;
}

/** True when every township of a county has a population, so they replace the census split. */
export function townshipsHavePopulation(towns: readonly Area[] | null): towns is Area[] {
  return towns !== null && towns.length > 0 && towns.every((t) => t.population !== null);
}

/** WGS-84 [west, south, east, north] of the outer rings of some polygons. */
export function bboxOfGeometries(
  geometries: readonly (Polygon | MultiPolygon)[],
): [number, number, number, number] {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const g of geometries) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const p of polys)
      for (const [x, y] of p[0]) {
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
  }
  return [w, s, e, n];
}
