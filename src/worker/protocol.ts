import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { TownshipKind } from '../core/area';
import type { CrsId } from '../core/crs';
import type { ImportIssue } from '../io/issues';

/** What the main thread may hold about a dataset: counts and the first issues, never the rows. */
export type DatasetKind = 'stations' | 'boundaries' | 'population';

export interface DatasetSummary {
  id: string;
  kind: DatasetKind;
  fileName: string;
  crs: CrsId | null;
  rowCount: number;
  loadedCount: number;
  /** Sites (for stations) or areas (for boundaries). */
  itemCount: number;
  rejectedCount: number;
  warningCount: number;
  /** The first issues (capped so a 1M-row file with every row bad cannot flood the page). */
  rejected: ImportIssue[];
  warnings: ImportIssue[];
  synthetic: boolean;
  demo: boolean;
  encoding: string | null;
}

/** Site kind for drawing: 3 = NR with RedCap, 2 = NR, 1 = LTE only, 0 = other. */
export const SITE_KIND = { other: 0, lte: 1, nr: 2, nrRedcap: 3 } as const;

/** Sites to draw, as flat typed arrays (transferred, not cloned). */
export interface StationLayerData {
  datasetId: string;
  count: number;
  /** lon0, lat0, lon1, lat1, … WGS-84 degrees. */
  lonLat: Float64Array;
  kind: Uint8Array;
  /** blob: URL of the sites as GeoJSON, made in the worker for maplibre to fetch; null outside a worker. */
  geojsonUrl: string | null;
}

export interface AreaRow {
  code: string;
  name: string;
  level: string;
  population: number | null;
  areaKm2: number;
  sites5g: number;
  sitesRedcap: number;
  sitesLteOnly: number;
  per10k: number | null;
}

export interface BoundaryProps {
  code: string;
  name: string;
  level: string;
}

/** A township known by code; `polygon` holds its metrics once a boundary is loaded. */
export interface TownshipRow {
  code: string;
  name: string;
  county: string;
  kind: TownshipKind;
  polygon: AreaRow | null;
}

export interface WorkspaceSnapshot {
  datasets: DatasetSummary[];
  /** County and township outlines for the map. */
  boundaries: FeatureCollection<Polygon | MultiPolygon, BoundaryProps> | null;
  townships: TownshipRow[];
  stationLayers: StationLayerData[];
  areas: AreaRow[];
  totals: AreaRow | null;
  /** [minLon, minLat, maxLon, maxLat] of what is loaded, for fitting the view. */
  bbox: [number, number, number, number] | null;
}

export interface ImportRequest {
  jobId: string;
  kind: DatasetKind;
  file: Blob;
  fileName: string;
  crs: CrsId;
}

export interface ProgressReport {
  fraction: number;
  rows: number;
}

/** Import outcomes are values, not exceptions, so a bad file never leaves the page in a broken state. */
export type ImportOutcome =
  | { status: 'ok'; dataset: DatasetSummary; snapshot: WorkspaceSnapshot }
  | {
      status: 'failed';
      fileName: string;
      code: string;
      message: string;
      params: Record<string, string | number>;
    }
  | { status: 'cancelled'; fileName: string };
