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
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    while (parent[i] !== r) {
      const next = parent[i];
      parent[i] = r;
      i = next;
    }
    return r;
  };
  // The root is always the smallest index, so groups are ordered by first appearance.
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  };

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
  if (loose.length > 1) linkNearby(cells, loose, maxDistance, union);

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

function linkNearby(
  cells: readonly Cell[],
  loose: readonly number[],
  maxDistance: Metres,
  union: (a: number, b: number) => void,
): void {
  const index = new KDBush(loose.length);
  for (const i of loose) index.add(cells[i].position[0], cells[i].position[1]);
  index.finish();
  // The degree box is only a prefilter for the index; distances are measured in metres.
  const dLat = (maxDistance / 110_574) * 1.001;
  for (let k = 0; k < loose.length; k++) {
    const a = cells[loose[k]];
    const [lon, lat] = a.position;
    const dLon = (maxDistance / (111_320 * Math.max(1e-6, Math.cos(lat * RAD)))) * 1.001;
    for (const j of index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      if (j <= k) continue;
      const b = cells[loose[j]];
      if (a.operator === b.operator && haversineMetres(a.position, b.position) <= maxDistance) {
        union(loose[k], loose[j]);
      }
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
