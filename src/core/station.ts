import type { LngLatWgs84 } from './crs';
import type { Metres } from './units';

export const TECHS = ['NR', 'LTE', 'UMTS', 'GSM'] as const;
export type Tech = (typeof TECHS)[number];

/** NR bands with presets in the model; other NR/LTE band labels are kept as given. */
export const NR_BANDS = ['n28', 'n1', 'n41', 'n78', 'n79'] as const;
export type NrBand = (typeof NR_BANDS)[number];

export const ENVS = ['rma', 'uma', 'umi', 'auto'] as const;
export type Env = (typeof ENVS)[number];

export type StationStatus = 'existing' | 'planned';

/**
 * One row of a station table: a cell (sector) of a site. Positions are WGS-84;
 * the importer converts from the dataset's declared CRS before building cells.
 */
export interface Cell {
  /** Unique cell id within the dataset (the `id` column, or generated from the row). */
  id: string;
  /** Site (gNB/eNB) id; cells with the same siteId form one base station. */
  siteId: string;
  name: string | null;
  operator: string | null;
  position: LngLatWgs84;
  tech: Tech;
  /** Normalised band label: 'n28', 'n41', … for NR; 'B3', … for LTE; null when unknown. */
  band: string | null;
  redcap: boolean;
  /** Sector azimuth in degrees clockwise from north; null = omnidirectional. */
  azimuthDeg: number | null;
  /** Horizontal 3 dB beamwidth in degrees (default 65). */
  beamwidthDeg: number;
  heightM: Metres | null;
  powerDbm: number | null;
  env: Env;
  /** Fixed coverage radius overriding the propagation model. */
  radiusM: Metres | null;
  status: StationStatus;
  /** 1-based data row in the source file (header excluded), for messages. */
  sourceRow: number;
}

/** A base station (site / gNB): the unit counted for "stations per 10,000 people". */
export interface Site {
  id: string;
  operator: string | null;
  name: string | null;
  position: LngLatWgs84;
  cells: Cell[];
  /** Any cell is NR. */
  is5g: boolean;
  /** Any NR cell has RedCap enabled. */
  isRedcap: boolean;
  /** Any cell is LTE: a co-location candidate for NR. */
  hasLte: boolean;
  status: StationStatus;
}
