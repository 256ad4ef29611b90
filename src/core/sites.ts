import { findRoot, identityParents, unionMin } from './union-find';
import KDBush from 'kdbush';
import { wgs84 } from './crs';
import type { LngLatWgs84 } from './crs';
import type { Cell, Site, StationStatus } from './station';
import { metres } from './units';
import type { Metres } from './units';

/** Cells without a site id this close (and with the same operator) are one base station. */
export const SAME_SITE_DISTANCE_M = metres(10);

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance on the mean-radius sphere (error < 0.5% — ample at 10 m). */
export function haversineMetres(a: LngLatWgs84, b: LngLatWgs84): Metres {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return metres(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

/** Prefix of ids made up for sites grouped by position (cells had no site id). */
export const GENERATED_SITE_PREFIX = '@';

/**
 * Group cells (sectors) into sites (base stations), per DESIGN.md "Domain definitions":
 * cells with the same non-empty `siteId` form one site; cells with an empty `siteId`
 * form one site with every such cell of the same operator within 10 m, transitively
 * (connected components), so the grouping does not depend on the input order.
 *
 * Pure: the cells are not modified (a site's `cells` are the same objects). Sites come
 * in order of their first cell in the input, cells in input order. A position-grouped
 * site's id is `@` + the smallest cell id in it. Its position is the mean of its cells.
 */
export function groupCellsIntoSites(
  cells: readonly Cell[],
  maxDistance: Metres = SAME_SITE_DISTANCE_M,
): Site[] {
  const n = cells.length;
  const parent = identityParents(n);
  const find = (i: number): number => findRoot(parent, i);
  // The root is always the smallest index, so groups are ordered by first appearance.
  const union = (a: number, b: number): void => void unionMin(parent, a, b);

  const firstWithSiteId = new Map<string, number>();
  const loose: number[] = [];
  for (let i = 0; i < n; i++) {
    const sid = cells[i].siteId;
    if (sid === '') {
      loose.push(i);
      continue;
    }
    const first = firstWithSiteId.get(sid);
    if (first === undefined) firstWithSiteId.set(sid, i);
    else union(first, i);
  }
  if (loose.length > 1)
    linkNearby(
      loose,
      (i) => cells[i].position[0],
      (i) => cells[i].position[1],
      (a, b) => cells[a].operator === cells[b].operator,
      maxDistance,
      union,
    );

  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }

  const sites: Site[] = [];
  const usedIds = new Set(firstWithSiteId.keys());
  for (const members of groups.values()) {
    const first = cells[members[0]];
    let id = first.siteId;
    if (id === '') {
      let minId = first.id;
      for (const i of members) if (cells[i].id < minId) minId = cells[i].id;
      id = GENERATED_SITE_PREFIX + minId;
      for (let k = 2; usedIds.has(id); k++) id = `${GENERATED_SITE_PREFIX}${minId}#${k}`;
      usedIds.add(id);
    }
    sites.push(
      makeSite(
        id,
        members.map((i) => cells[i]),
      ),
    );
  }
  return sites;
}

/**
 * Joins every pair of `loose` indices of the same operator within `maxDistance` (metres,
 * haversine), for both groupings (cell objects here, the columnar table in
 * station-table-sites.ts): a KDBush of the positions, its degree box only a prefilter.
 */
export function linkNearby(
  loose: readonly number[],
  lon: (i: number) => number,
  lat: (i: number) => number,
  sameOperator: (a: number, b: number) => boolean,
  maxDistance: Metres,
  union: (a: number, b: number) => void,
): void {
  const index = new KDBush(loose.length);
  for (const i of loose) index.add(lon(i), lat(i));
  index.finish();
  const dLat = (maxDistance / 110_574) * 1.001;
  for (let k = 0; k < loose.length; k++) {
    const a = loose[k];
    const pa = wgs84(lon(a), lat(a));
    const dLon = (maxDistance / (111_320 * Math.max(1e-6, Math.cos(pa[1] * RAD)))) * 1.001;
    for (const j of index.range(pa[0] - dLon, pa[1] - dLat, pa[0] + dLon, pa[1] + dLat)) {
      if (j <= k) continue;
      const b = loose[j];
      if (sameOperator(a, b) && haversineMetres(pa, wgs84(lon(b), lat(b))) <= maxDistance)
        union(a, b);
    }
  }
}

function makeSite(id: string, cells: Cell[]): Site {
  let lon = 0;
  let lat = 0;
  let operator: string | null = null;
  let name: string | null = null;
  let is5g = false;
  let isRedcap = false;
  let hasLte = false;
  let allPlanned = true;
  for (const c of cells) {
    lon += c.position[0];
    lat += c.position[1];
    operator ??= c.operator;
    name ??= c.name;
    if (c.tech === 'NR') {
      is5g = true;
      if (c.redcap) isRedcap = true;
    } else if (c.tech === 'LTE') hasLte = true;
    if (c.status !== 'planned') allPlanned = false;
  }
  const status: StationStatus = allPlanned ? 'planned' : 'existing';
  return {
    id,
    operator,
    name,
    position:
      cells.length === 1 ? cells[0].position : wgs84(lon / cells.length, lat / cells.length),
    cells,
    is5g,
    isRedcap,
    hasLte,
    status,
  };
}
