import type { MultiPolygon, Polygon } from 'geojson';
import type { LngLatWgs84 } from './crs';

export type AreaLevel = 'province' | 'prefecture' | 'county' | 'township';
/** From the township's name: 街道 (urban subdistrict), 镇 (town), 乡 (township, incl. 民族乡). */
export type TownshipKind = 'subdistrict' | 'town' | 'township' | 'other';

/** An administrative area with a WGS-84 boundary. */
export interface Area {
  /** GB/T 2260 code: 6 digits for counties, 9 for townships (12-digit codes are cut to 9). */
  code: string;
  name: string;
  level: AreaLevel;
  /** Code of the enclosing area (a township's county = first 6 digits), or null. */
  parent: string | null;
  kind: TownshipKind | null;
  geometry: Polygon | MultiPolygon;
  /** Geodesic area of the polygon in km² (turf.area). */
  areaKm2: number;
  /** County government seat / township seat, when the source gives one. */
  seat: LngLatWgs84 | null;
  population: Population | null;
}

export interface Population {
  total: number;
  urban: number | null;
  rural: number | null;
  /** Where the figure came from, e.g. "2020 census (file.csv)". */
  source: string;
}

/** A township known by name and code only (no open polygon exists for most of China). */
export interface TownshipRecord {
  code: string;
  name: string;
  county: string;
  kind: TownshipKind;
}
