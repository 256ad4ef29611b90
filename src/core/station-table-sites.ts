import { findRoot, identityParents, unionMin } from './union-find';
import { wgs84 } from './crs';
import { GENERATED_SITE_PREFIX, SAME_SITE_DISTANCE_M, haversineMetres, linkNearby } from './sites';
import type { Cell, Site } from './station';
import type { StationTable } from './station-table';
import type { Metres } from './units';

/**
 * `groupCellsIntoSites` (sites.ts) over a columnar station table, with the same rules and
 * the same order (sites by first cell, cells in input order, generated ids `@` + the
 * smallest cell id), without a `Site` or `Cell` object per row.
 */

export const TABLE_SITE_5G = 1;
export const TABLE_SITE_REDCAP = 2;
export const TABLE_SITE_LTE = 4;
export const TABLE_SITE_PLANNED = 8;

export interface TableSites {
  count: number;
  /** Cells of site s are `members[start[s] … start[s + 1])`, in input order. */
  start: Int32Array;
  members: Int32Array;
  /** Mean of the cells' positions (WGS-84 degrees). */
  lon: Float64Array;
  lat: Float64Array;
  /** TABLE_SITE_* bits (PLANNED: every cell is planned). */
  flags: Uint8Array;
  /** Index in `table.siteIds`, or −1 for a site grouped by position (id in `generatedIds`). */
  idIndex: Int32Array;
  generatedIds: Map<number, string>;
}

export function tableSiteId(t: StationTable, s: TableSites, i: number): string {
  return s.idIndex[i] >= 0 ? t.siteIds.get(s.idIndex[i]) : s.generatedIds.get(i)!;
}

export function groupTableIntoSites(
  t: StationTable,
  maxDistance: Metres = SAME_SITE_DISTANCE_M,
): TableSites {
  const n = t.count;
  const parent = identityParents(n);
  const find = (i: number): number => findRoot(parent, i);
  const union = (a: number, b: number): void => void unionMin(parent, a, b);

  const empty = t.siteIds.find('');
  const firstWithSiteId = new Int32Array(t.siteIds.size).fill(-1);
  const loose: number[] = [];
  for (let i = 0; i < n; i++) {
    const sid = t.siteId[i];
    if (sid === empty) {
      loose.push(i);
      continue;
    }
    if (firstWithSiteId[sid] < 0) firstWithSiteId[sid] = i;
    else union(firstWithSiteId[sid], i);
  }
  if (loose.length > 1)
    linkNearby(
      loose,
      (i) => t.lon[i],
      (i) => t.lat[i],
      (a, b) => t.operator[a] === t.operator[b],
      maxDistance,
      union,
    );

  // The root is the smallest index of its group: sites are numbered at their first cell.
  const siteOf = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) siteOf[i] = find(i) === i ? count++ : siteOf[find(i)];
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) start[siteOf[i] + 1]++;
  for (let s = 0; s < count; s++) start[s + 1] += start[s];
  const fill = start.slice(0, count);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[siteOf[i]]++] = i;

  const out: TableSites = {
    count,
    start,
    members,
    lon: new Float64Array(count),
    lat: new Float64Array(count),
    flags: new Uint8Array(count),
    idIndex: new Int32Array(count),
    generatedIds: new Map(),
  };
  const used = new Set<string>();
  for (let s = 0; s < count; s++) {
    const a = start[s];
    const b = start[s + 1];
    let lon = 0;
    let lat = 0;
    let flags = TABLE_SITE_PLANNED;
    for (let k = a; k < b; k++) {
      const i = members[k];
      lon += t.lon[i];
      lat += t.lat[i];
      const tech = t.techOf(i);
      if (tech === 'NR') {
        flags |= TABLE_SITE_5G;
        if (t.isRedcap(i)) flags |= TABLE_SITE_REDCAP;
      } else if (tech === 'LTE') flags |= TABLE_SITE_LTE;
      if (!t.isPlanned(i)) flags &= ~TABLE_SITE_PLANNED;
    }
    const first = members[a];
    out.lon[s] = b - a === 1 ? t.lon[first] : lon / (b - a);
    out.lat[s] = b - a === 1 ? t.lat[first] : lat / (b - a);
    out.flags[s] = flags;
    if (t.siteId[first] !== empty) out.idIndex[s] = t.siteId[first];
    else {
      out.idIndex[s] = -1;
      let minId = t.ids.get(t.id[first]);
      for (let k = a + 1; k < b; k++) {
        const id = t.ids.get(t.id[members[k]]);
        if (id < minId) minId = id;
      }
      let id = GENERATED_SITE_PREFIX + minId;
      for (let k = 2; used.has(id) || isSiteId(t, id, empty); k++)
        id = `${GENERATED_SITE_PREFIX}${minId}#${k}`;
      used.add(id);
      out.generatedIds.set(s, id);
    }
  }
  return out;
}

function isSiteId(t: StationTable, id: string, empty: number): boolean {
  const i = t.siteIds.find(id);
  return i >= 0 && i !== empty;
}

/**
 * Sites whose cells lie farther than `limitM` from the site's centre: how many, and the
 * first (site index), as the importer warns about them.
 */
export function farApartSites(
  t: StationTable,
  s: TableSites,
  limitM: number,
): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (let k = 0; k < s.count; k++) {
    const a = s.start[k];
    const b = s.start[k + 1];
    if (b - a < 2) continue;
    const centre = wgs84(s.lon[k], s.lat[k]);
    for (let m = a; m < b; m++) {
      const i = s.members[m];
      if (haversineMetres(centre, wgs84(t.lon[i], t.lat[i])) > limitM) {
        count++;
        if (first < 0) first = k;
        break;
      }
    }
  }
  return { count, first };
}

/**
 * The sites as `Site` objects with their cells, exactly as `groupCellsIntoSites` and the
 * importer give them (position-grouped cells carry their site's id): for the paths that
 * need objects (scenario edits, the app), and to check the columnar path against them.
 */
export function tableSitesAsSites(t: StationTable, s: TableSites): Site[] {
  const out: Site[] = [];
  for (let k = 0; k < s.count; k++) {
    const id = tableSiteId(t, s, k);
    const cells: Cell[] = [];
    for (let m = s.start[k]; m < s.start[k + 1]; m++) {
      const c = t.cell(s.members[m]);
      if (c.siteId === '') c.siteId = id;
      cells.push(c);
    }
    const f = s.flags[k];
    const first = cells[0];
    out.push({
      id,
      operator: cells.find((c) => c.operator !== null)?.operator ?? null,
      name: cells.find((c) => c.name !== null)?.name ?? null,
      position: cells.length === 1 ? first.position : wgs84(s.lon[k], s.lat[k]),
      cells,
      is5g: (f & TABLE_SITE_5G) !== 0,
      isRedcap: (f & TABLE_SITE_REDCAP) !== 0,
      hasLte: (f & TABLE_SITE_LTE) !== 0,
      status: f & TABLE_SITE_PLANNED ? 'planned' : 'existing',
    });
  }
  return out;
}
