import KDBush from 'kdbush';
import type { Area } from '../area';
import type { Site } from '../station';
import { createFootprintSolver } from '../model/cell-coverage';
import { footprintMaxRadius, type CellFootprint } from '../model/footprint';
import { createLaea } from '../grid/laea';
import type { AnalysisParams } from './params';
import { cellFootprints } from './analyze';

/**
 * Sites as struct-of-arrays, for national runs: 4 million `Site` objects with their
 * cells take gigabytes; here a site is 21 bytes (position, a footprint reference, flags)
 * and the footprints live once in a small table of unique kinds (band × scenario ×
 * sector layout), so the arrays can be shared between worker threads without copying.
 */

/** Site flags (bits of `SiteTable.flags`). */
export const SITE_5G = 1;
export const SITE_REDCAP = 2;

/** The footprints one or more sites share (same cells, same azimuths). */
export interface SiteKind {
  /** NR cells' footprints (never empty). */
  nr: readonly CellFootprint[];
  /** RedCap footprints (empty unless RedCap-capable). */
  redcap: readonly CellFootprint[];
  /** Largest covered radius on either layer (m): how far the site can reach. */
  reachM: number;
}

export interface SiteTable {
  count: number;
  /** WGS-84 degrees. */
  lon: Float64Array;
  lat: Float64Array;
  /** Index into `kinds`, or −1 for a site with nothing to stamp (not 5G). */
  kind: Int32Array;
  /** SITE_5G | SITE_REDCAP: what the site counts as (per-10k figures). */
  flags: Uint8Array;
  kinds: readonly SiteKind[];
  /** Notes of the model (assumed bands, extrapolated distances), each once, sorted. */
  notes: string[];
}

type BufferType = ArrayBufferConstructor | SharedArrayBufferConstructor;

/**
 * An empty table of `count` sites whose arrays sit on `Buffer` (SharedArrayBuffer to share
 * them with worker threads; it needs cross-origin isolation in a browser).
 */
export function allocSiteTable(
  count: number,
  kinds: readonly SiteKind[],
  Buffer: BufferType = ArrayBuffer,
): SiteTable {
  return {
    count,
    lon: new Float64Array(new Buffer(8 * count)),
    lat: new Float64Array(new Buffer(8 * count)),
    kind: new Int32Array(new Buffer(4 * count)),
    flags: new Uint8Array(new Buffer(count)),
    kinds,
    notes: [],
  };
}

/** A site kind from its footprints; `reachM` is computed. The lists are shared by its sites. */
export function siteKind(nr: readonly CellFootprint[], redcap: readonly CellFootprint[]): SiteKind {
  let reachM = 0;
  for (const f of nr) reachM = Math.max(reachM, footprintMaxRadius(f));
  for (const f of redcap) reachM = Math.max(reachM, footprintMaxRadius(f));
  return { nr, redcap, reachM };
}

/**
 * Whether a point lies in some county-town zone: within `radiusM` of a county seat, as
 * `analyzeAreas` rasterises the seat discs (it tests the disc's cells; this tests the
 * distance, so a site within half a cell of the rim may resolve 'auto' differently).
 */
export function seatDiscTest(
  areas: readonly Area[],
  radiusM: number,
): (lon: number, lat: number) => boolean {
  const seats = areas.filter((a) => a.level === 'county' && a.seat).map((a) => a.seat!);
  if (seats.length === 0) return () => false;
  const index = new KDBush(seats.length);
  for (const [lon, lat] of seats) index.add(lon, lat);
  index.finish();
  const dLat = radiusM / 110_000;
  return (lon, lat) => {
    const dLon = dLat / Math.max(0.05, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180));
    const hits = index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
    for (const h of hits) {
      const [x, y] = createLaea(seats[h][0], seats[h][1]).forward(lon, lat);
      if (x * x + y * y <= radiusM * radiusM) return true;
    }
    return false;
  };
}

/**
 * Converts sites to a table, solving each cell's footprint once per parameter set and
 * deduplicating the sites' footprint lists into kinds. 'auto' environments resolve to
 * UMa inside a county-town zone (`insideTownZone`, by default the seat discs of `areas`).
 */
export function siteTableFromSites(
  sites: readonly Site[],
  params: AnalysisParams,
  areas: readonly Area[],
  options: SiteTableOptions = {},
): SiteTable {
  return buildSiteTable(
    sites.length,
    {
      lon: (i) => sites[i].position[0],
      lat: (i) => sites[i].position[1],
      flags: (i) => (sites[i].is5g ? SITE_5G : 0) | (sites[i].isRedcap ? SITE_REDCAP : 0),
      footprints: (i, solve, inZone, notes) => cellFootprints(sites[i], solve, inZone, notes),
    },
    params,
    areas,
    options,
  );
}

export interface SiteTableOptions {
  buffer?: BufferType;
  insideTownZone?: (lon: number, lat: number) => boolean;
}

/** How `buildSiteTable` reads site i of some site list (objects or columns). */
export interface SiteSource {
  lon(i: number): number;
  lat(i: number): number;
  /** SITE_5G | SITE_REDCAP. */
  flags(i: number): number;
  /** The site's NR and RedCap footprints, or null when it has nothing to stamp. */
  footprints(
    i: number,
    solve: ReturnType<typeof createFootprintSolver>,
    insideTownZone: (lon: number, lat: number) => boolean,
    notes: Set<string>,
  ): { nr: CellFootprint[]; redcap: CellFootprint[] } | null;
}

/** The site table of `count` sites read through `src`. */
export function buildSiteTable(
  count: number,
  src: SiteSource,
  params: AnalysisParams,
  areas: readonly Area[],
  options: SiteTableOptions = {},
): SiteTable {
  const solve = createFootprintSolver(params.model);
  const inZone = options.insideTownZone ?? seatDiscTest(areas, params.townZoneRadiusM);
  const notes = new Set<string>();
  const kinds: SiteKind[] = [];
  const kindOf = new Map<string, number>();
  const radiiIds = new Map<Float32Array, number>();
  const fpKey = (f: CellFootprint): string => {
    if (f.kind === 'disc') return `d${f.radiusM}`;
    if (f.kind === 'wedge') return `w${f.radiusM}@${f.azimuthDeg}/${f.beamwidthDeg}`;
    let id = radiiIds.get(f.radii);
    if (id === undefined) {
      id = radiiIds.size;
      radiiIds.set(f.radii, id);
    }
    return `s${id}@${f.azimuthDeg}/${f.beamwidthDeg}`;
  };
  const table = allocSiteTable(count, kinds, options.buffer);
  for (let i = 0; i < count; i++) {
    table.lon[i] = src.lon(i);
    table.lat[i] = src.lat(i);
    table.flags[i] = src.flags(i);
    table.kind[i] = -1;
    const fp = src.footprints(i, solve, inZone, notes);
    if (!fp) continue;
    const { nr, redcap } = fp;
    const key = `${nr.map(fpKey).join(',')}|${redcap.map(fpKey).join(',')}`;
    let k = kindOf.get(key);
    if (k === undefined) {
      k = kinds.length;
      kinds.push(siteKind(nr, redcap));
      kindOf.set(key, k);
    }
    table.kind[i] = k;
  }
  table.notes = [...notes].sort();
  return table;
}

/** Largest reach of any kind (m). */
export function maxReachM(table: SiteTable): number {
  let m = 0;
  for (const k of table.kinds) m = Math.max(m, k.reachM);
  return m;
}

/**
 * A KDBush index of the site positions (lon, lat), on `Buffer`: with a SharedArrayBuffer,
 * workers open the same index with `KDBush.from(index.data)` and nothing is copied.
 */
export function indexSites(table: SiteTable, Buffer: BufferType = ArrayBuffer): KDBush {
  const index = new KDBush(Math.max(1, table.count), 64, Float64Array, Buffer);
  for (let i = 0; i < table.count; i++) index.add(table.lon[i], table.lat[i]);
  // KDBush needs at least one point; a far-away dummy (never a site) stands in.
  if (table.count === 0) index.add(1e9, 1e9);
  index.finish();
  return index;
}
