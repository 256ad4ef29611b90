// Shared set-up for the scenario and planner tests (not a test file itself): two square
// counties side by side, built in metres, and a station table with NR, RedCap and LTE sites.
import { area as turfArea } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Area } from '../../src/core/area';
import { wgs84 } from '../../src/core/crs';
import { analysisParams } from '../../src/core/analysis/params';
import type { Site } from '../../src/core/station';
import { importStations } from '../../src/io/import-stations';
import { Workspace } from '../../src/worker/workspace';

export const LAT0 = 29.5;
export const LON0 = 106.5;
export const KM_LAT = 1 / 110.574;
export const KM_LON = 1 / (111.32 * Math.cos((LAT0 * Math.PI) / 180));

/** Point `dx`, `dy` km east/north of (LON0, LAT0). */
export const at = (dxKm: number, dyKm: number): [number, number] => [
  LON0 + dxKm * KM_LON,
  LAT0 + dyKm * KM_LAT,
];

export function squareCounty(code: string, cxKm: number, halfKm: number, pop: number): Area {
  const [lon, lat] = at(cxKm, 0);
  const dLat = halfKm * KM_LAT;
  const dLon = halfKm * KM_LON;
  const geometry: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [lon - dLon, lat - dLat],
        [lon + dLon, lat - dLat],
        [lon + dLon, lat + dLat],
        [lon - dLon, lat + dLat],
        [lon - dLon, lat - dLat],
      ],
    ],
  };
  return {
    code,
    name: `county ${code}`,
    level: 'county',
    parent: null,
    kind: null,
    geometry,
    areaKm2: turfArea(geometry) / 1e6,
    seat: wgs84(lon, lat),
    population: { total: pop, urban: pop * 0.6, rural: pop * 0.4, source: 'test' },
  };
}

/** Two 12 × 12 km counties, west (A) and east (B). */
export const COUNTIES: Area[] = [
  squareCounty('500101', -6, 6, 60_000),
  squareCounty('500102', 6, 6, 30_000),
];

/** 250 m cells keep the tests fast; town zones at 100 m. */
export const PARAMS = analysisParams({ cellSizeM: 250, townCellSizeM: 100, townZoneRadiusM: 2000 });

const HEADER = 'id,site_id,operator,lon,lat,tech,band,redcap,radius_m,azimuth,beamwidth';

function row(
  id: string,
  km: [number, number],
  tech: string,
  redcap: boolean,
  radius: number,
  az = '',
) {
  const [lon, lat] = at(km[0], km[1]);
  return `${id},${id},中国移动,${lon.toFixed(7)},${lat.toFixed(7)},${tech},${tech === 'NR' ? 'n41' : 'B3'},${redcap},${radius},${az},${az ? 90 : ''}`;
}

export const STATIONS_CSV = [
  HEADER,
  row('A1', [-6, 0], 'NR', true, 1500),
  row('A2', [-4, 1], 'NR', false, 1200),
  row('A3', [-9, -3], 'NR', false, 2000, '45'),
  row('L1', [-2, 4], 'LTE', false, 1500),
  row('B1', [6, 0], 'NR', false, 1500),
  row('L2', [9, -3], 'LTE', false, 1800),
].join('\n');

export async function baselineSites(): Promise<Site[]> {
  const r = await importStations(new Blob([STATIONS_CSV]), 'stations.csv');
  if (r.rejected.length) throw new Error(JSON.stringify(r.rejected));
  return r.sites;
}

/** Serialised results: equal strings ⇔ every number equal bit for bit (shortest round-trip). */
export const exact = (x: unknown): string => JSON.stringify(x);

/** The fixture as the worker holds it: the two counties and the station table loaded. */
export async function fixtureWorkspace(): Promise<Workspace> {
  const ws = new Workspace();
  const common = {
    crs: 'WGS84' as const,
    rejected: [],
    warnings: [],
    demo: false,
    synthetic: false,
    encoding: null,
  };
  ws.add({
    ...common,
    id: ws.nextId('boundaries'),
    kind: 'boundaries',
    fileName: 'counties.geojson',
    rowCount: COUNTIES.length,
    level: 'county',
    areas: COUNTIES,
  });
  const sites = await baselineSites();
  ws.add({
    ...common,
    id: ws.nextId('stations'),
    kind: 'stations',
    fileName: 'stations.csv',
    rowCount: sites.length,
    sites,
    cellCount: sites.length,
  });
  return ws;
}
