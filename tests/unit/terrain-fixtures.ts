/** DEMs, sites and grids built in memory for the terrain tests. */
import { wgs84 } from '../../src/core/crs';
import { gridSpecForLngLatBox, type GridSpec } from '../../src/core/grid/grid';
import { stampSite, type StampedSite } from '../../src/core/grid/stamp';
import { createFootprintSolver } from '../../src/core/model/cell-coverage';
import type { ModelParams } from '../../src/core/model/params';
import type { Cell, Env, NrBand, Site } from '../../src/core/station';
import type { ElevationWindow } from '../../src/core/terrain/elevation';
import { radioSiteOf, type RadioSite } from '../../src/core/terrain/radio-site';
import { metres } from '../../src/core/units';

export const LON = 97.0;
export const LAT = 33.0;
/** Metres per degree near (LON, LAT), for placing terrain features. */
export const M_LAT = 110_900;
export const M_LON = 93_300;

/**
 * A geographic Float32 window around (LON, LAT), `halfDeg` each way, pixels of `arcSec`,
 * heights f(east metres, north metres) from (LON, LAT), sampled at the pixel centres.
 */
export function demWindow(
  f: (east: number, north: number) => number,
  arcSec = 3,
  halfDeg = 0.25,
): ElevationWindow {
  const dx = arcSec / 3600;
  const width = Math.round((2 * halfDeg) / dx);
  const height = width;
  const west = LON - halfDeg;
  const north = LAT + halfDeg;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    const lat = north - (r + 0.5) * dx;
    for (let c = 0; c < width; c++) {
      const lon = west + (c + 0.5) * dx;
      data[r * width + c] = f((lon - LON) * M_LON, (lat - LAT) * M_LAT);
    }
  }
  return {
    georef: { crs: 'EPSG:4326', west, north, dx, dy: dx, width, height },
    values: 'elevation',
    data,
  };
}

export const constantDem = (h: number, arcSec = 3) => demWindow(() => h, arcSec);

export interface CellSpec {
  band?: NrBand;
  azimuth?: number | null;
  beamwidth?: number;
  height?: number | null;
  power?: number | null;
  redcap?: boolean;
  radius?: number | null;
  env?: Env;
}

export function site(cells: CellSpec[], lon = LON, lat = LAT, id = 's1'): Site {
  const list: Cell[] = cells.map((c, i) => ({
    id: `${id}-${i}`,
    siteId: id,
    name: null,
    operator: null,
    position: wgs84(lon, lat),
    tech: 'NR',
    band: c.band ?? 'n78',
    redcap: c.redcap ?? true,
    azimuthDeg: c.azimuth === undefined ? 0 : c.azimuth,
    beamwidthDeg: c.beamwidth ?? 65,
    heightM: c.height === undefined || c.height === null ? null : metres(c.height),
    powerDbm: c.power ?? null,
    env: c.env ?? 'rma',
    radiusM: c.radius === undefined || c.radius === null ? null : metres(c.radius),
    status: 'existing',
    sourceRow: i + 1,
  }));
  return {
    id,
    operator: null,
    name: null,
    position: wgs84(lon, lat),
    cells: list,
    is5g: true,
    isRedcap: list.some((c) => c.redcap),
    hasLte: false,
    status: 'existing',
  };
}

export const threeSectors = (az0: number, more: CellSpec = {}): CellSpec[] =>
  [0, 120, 240].map((d) => ({ azimuth: az0 + d, ...more }));

/** A grid centred on (LON, LAT), `halfDeg` each way. */
export function gridAround(cellSize = 100, halfDeg = 0.2): GridSpec {
  return gridSpecForLngLatBox(
    [LON - halfDeg, LAT - halfDeg, LON + halfDeg, LAT + halfDeg],
    metres(cellSize),
  );
}

export function radio(s: Site, p: ModelParams, town = false): RadioSite {
  const r = radioSiteOf(s, createFootprintSolver(p), p, town);
  if (!r) throw new Error('site has no NR cell');
  return r;
}

/** What stamp.ts makes of the site's flat-earth footprints. */
export function flatStamp(spec: GridSpec, r: RadioSite): StampedSite {
  return stampSite(spec, { id: r.id, lon: r.lon, lat: r.lat, ...r.flat });
}

/** The cells of spans as grid indices. */
export function cellSet(spec: GridSpec, spans: Int32Array): Set<number> {
  const s = new Set<number>();
  for (let k = 0; k < spans.length; k += 3)
    for (let c = spans[k + 1]; c <= spans[k + 2]; c++) s.add(spans[k] * spec.cols + c);
  return s;
}

export function symmetricDifference(a: Set<number>, b: Set<number>): number {
  let n = 0;
  for (const x of a) if (!b.has(x)) n++;
  for (const x of b) if (!a.has(x)) n++;
  return n;
}

/** Projected offset (m) and true bearing (deg) of a cell centre from a site. */
export function cellFromSite(
  spec: GridSpec,
  index: number,
  lon = LON,
  lat = LAT,
): { d: number; bearing: number; east: number; north: number } {
  const [sx, sy] = spec.projection.forward(lon, lat);
  const [nx, ny] = spec.projection.forward(lon, lat + 0.01);
  const conv = (Math.atan2(nx - sx, ny - sy) * 180) / Math.PI;
  const c = index % spec.cols;
  const r = Math.floor(index / spec.cols);
  const dx = spec.x0 + (c + 0.5) * spec.cellSize - sx;
  const dy = spec.y0 + (r + 0.5) * spec.cellSize - sy;
  return {
    d: Math.hypot(dx, dy),
    bearing: (Math.atan2(dx, dy) * 180) / Math.PI - conv,
    east: dx,
    north: dy,
  };
}
