import type { TerrainSummary } from '../core/terrain/site-cells';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { TownshipKind } from '../core/area';
import type { CrsId } from '../core/crs';
import type { ImportIssue } from '../io/issues';
import type { AreaResult } from '../core/analysis/analyze';
import type { AnalysisParams } from '../core/analysis/params';
import type { PopulationModel } from '../core/analysis/population';
import type { GapFeatureProps, TownZoneFeatureProps } from '../core/analysis/result-features';
import type { ParamDescription } from '../core/model/params';

/** What the main thread may hold about a dataset: counts and the first issues, never the rows. */
export type DatasetKind =
  | 'stations'
  | 'boundaries'
  | 'population'
  /** Settlement points: a population surface (where inside each area people live). */
  | 'settlements'
  /** A population raster (GeoTIFF / ESRI ASCII grid, one or several tiles). */
  | 'population-raster'
  /** A DEM (SRTM .hgt tiles, GeoTIFF): coverage over terrain. */
  | 'dem';

/** A settlement drawn on the map (the surface in use: own points, else the demo's 合成). */
export interface SettlementProps {
  name: string;
  /** People; -1 when the source gives none (maplibre expressions need a number). */
  population: number;
  kind: string;
  synthetic: boolean;
}

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
  /** The settlements the analysis places people by (none loaded or used: null). */
  settlements?: FeatureCollection<Point, SettlementProps> | null;
}

export interface ImportRequest {
  jobId: string;
  kind: DatasetKind;
  file: Blob;
  fileName: string;
  crs: CrsId;
  /** Population rasters: further tiles of the same grid (and ASCII grids' .prj files). */
  tiles?: { file: Blob; fileName: string }[];
  /** Population rasters: what the pixels are (default people per pixel). */
  rasterValues?: 'count' | 'density';
}

export interface ProgressReport {
  fraction: number;
  rows: number;
}

/** Import outcomes are values, not exceptions, so a bad file never leaves the page in a broken state. */
export type ImportOutcome =
  | {
      status: 'ok';
      dataset: DatasetSummary;
      snapshot: WorkspaceSnapshot;
      /** Demo datasets the import replaced (the user's answer to the demo question). */
      removed: DatasetSummary[];
      /** WGS-84 box of what was imported, for fitting the map; null for population tables. */
      bbox: [number, number, number, number] | null;
    }
  | {
      status: 'failed';
      fileName: string;
      code: string;
      message: string;
      params: Record<string, string | number>;
    }
  | { status: 'cancelled'; fileName: string };

// ---------------------------------------------------------------------------------
// Analysis results (the coverage engine run in the worker over what is loaded)

/** Stage of a running analysis, for the progress bar. */
export type AnalysisStage = 'prepare' | 'counties' | 'townships' | 'images' | 'gaps';

export interface AnalysisProgress {
  runId: number;
  stage: AnalysisStage;
  /** 0…1 over the whole run. */
  fraction: number;
}

/**
 * A coverage layer as an image for a maplibre image source: Web-Mercator-aligned pixels
 * resampled from the equal-area grid, opaque where covered, transparent elsewhere.
 */
export interface CoverageImage {
  layer: 'nr' | 'redcap';
  /** blob: URL of a PNG made in the worker (null outside a browser worker). */
  url: string | null;
  /** WGS-84 corners: top-left, top-right, bottom-right, bottom-left (maplibre's order). */
  coordinates: [[number, number], [number, number], [number, number], [number, number]];
  width: number;
  height: number;
}

/** The population density image (log colour scale; the legend's stops in people/km²). */
export interface DensityImage {
  url: string | null;
  coordinates: CoverageImage['coordinates'];
  width: number;
  height: number;
  /** Densities of the colour stops, low to high (people/km²). */
  stops: number[];
}

/** An NR coverage gap outlined on the map (the largest ones of each area). */
export type GapProps = GapFeatureProps;

/** A county-town zone (seat disc, or 街道 + seat township) with its RedCap verdict. */
export type TownZoneProps = TownZoneFeatureProps;

export interface AnalysisResults {
  runId: number;
  /** The parameters that made these results (the UI shows them next to the numbers). */
  params: AnalysisParams;
  /** Every model parameter with its value, unit and source. */
  paramTable: ParamDescription[];
  /** Same shape and numbers as `sailplan analyze` (its `areas`, before snake_case). */
  counties: AreaResult[];
  townships: AreaResult[];
  /** Over the top level (counties when loaded, else townships); null with no areas. */
  totals: AreaResult | null;
  notes: string[];
  /** Names of provinces and prefectures from the population files' own rows, by code. */
  aggregateNames?: Record<string, string>;
  /** How people were placed, per level run (counties, then townships): the report names it. */
  population?: PopulationModel[];
  grid: { cellSizeM: number; cols: number; rows: number };
  /** WGS-84 [west, south, east, north] of every area by code (zoom to a row). */
  areaBoxes: Record<string, [number, number, number, number]>;
  /** NR and RedCap coverage images; empty when nothing was analysed. */
  coverage: CoverageImage[];
  /** People per km² of the top level's grid as placed by the population model; null: none. */
  density?: DensityImage | null;
  gaps: FeatureCollection<Polygon | MultiPolygon, GapProps>;
  townZones: FeatureCollection<Polygon | MultiPolygon, TownZoneProps>;
  /** With a DEM loaded: the terrain model and the sites it left on flat earth. */
  terrain?: TerrainSummary;
  /** With a DEM loaded: its hillshade under the region, as an image for the map. */
  hillshade?: Omit<CoverageImage, 'layer'>;
  elapsedMs: number;
}

export type AnalysisOutcome =
  | { status: 'ok'; results: AnalysisResults }
  | { status: 'cancelled'; runId: number }
  | { status: 'failed'; runId: number; message: string };
