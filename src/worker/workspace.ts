import type { Settlement } from '../core/settlement';
import type { RasterDescription } from '../core/analysis/population';
import type { RasterSource } from '../core/raster/types';
import { settlementFeatures } from './surface-datasets';
import { bbox as turfBbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Area, TownshipRecord } from '../core/area';
import type { CrsId } from '../core/crs';
import type { Site } from '../core/station';
import { assignPointsToAreas } from '../core/site-areas';
import { sitesPer10k } from '../core/per10k';
import type { ImportIssue } from '../io/issues';
import type { PopulationAggregate, PopulationRow } from '../io/population-csv';
import { codeChangeNote, joinPopulation } from '../io/population-join';
import {
  SITE_KIND,
  type AreaRow,
  type DatasetKind,
  type DatasetSummary,
  type BoundaryProps,
  type StationLayerData,
  type TownshipRow,
  type WorkspaceSnapshot,
} from './protocol';

/** How many issues of each kind travel to the page; the count is always exact. */
export const ISSUES_SHOWN = 500;

export interface Common {
  id: string;
  fileName: string;
  crs: CrsId | null;
  rowCount: number;
  rejected: ImportIssue[];
  warnings: ImportIssue[];
  demo: boolean;
  synthetic: boolean;
  encoding: string | null;
}
export interface StationDataset extends Common {
  kind: 'stations';
  sites: Site[];
  cellCount: number;
}
export interface BoundaryDataset extends Common {
  kind: 'boundaries';
  level: BoundaryLevel;
  areas: Area[];
}
export type BoundaryLevel = 'county' | 'township';
export interface PopulationDataset extends Common {
  kind: 'population';
  rows: PopulationRow[];
  /** Its province and prefecture rows: they name the roll-ups before the GB/T 2260 table. */
  aggregates?: PopulationAggregate[];
}
export interface SettlementDataset extends Common {
  kind: 'settlements';
  settlements: Settlement[];
}
export interface PopulationRasterDataset extends Common {
  kind: 'population-raster';
  /** The opened file(s): windows are read per analysis, never the whole raster. */
  source: RasterSource;
  description: RasterDescription;
}
export type Dataset =
  | StationDataset
  | BoundaryDataset
  | PopulationDataset
  | SettlementDataset
  | PopulationRasterDataset
  | DemDataset;
/** A DEM (SRTM .hgt, GeoTIFF): opened, read by window when an analysis needs it. */
export interface DemDataset extends Common {
  kind: 'dem';
  source: RasterSource;
}

/**
 * Everything loaded in one session, owned by the worker. Adding a dataset never touches
 * the others, so a failed or cancelled import leaves the workspace exactly as it was.
 */
export class Workspace {
  private readonly datasets: Dataset[] = [];
  private counter = 0;
  /**
   * Township names and codes without polygons (the demo's 49 Yushu townships): listed so
   * users see which townships exist and which still lack a boundary.
   */
  private townshipRegister: TownshipRecord[] = [];
  /** The dataset the register belongs to (the demo's county boundaries): it goes with them. */
  private registerOwner: string | null = null;

  /** `ownerId`: the register is dropped when that dataset is removed or replaced. */
  setTownshipRegister(records: TownshipRecord[], ownerId: string | null = null): void {
    this.townshipRegister = records;
    this.registerOwner = ownerId;
  }

  /** How many townships the register lists, and the dataset it goes with. */
  registerInfo(): { count: number; ownerId: string | null } {
    return { count: this.townshipRegister.length, ownerId: this.registerOwner };
  }

  /** The register's townships (names and codes), polygons or not. */
  townshipRecords(): readonly TownshipRecord[] {
    return this.townshipRegister;
  }

  private dropRegisterOf(id: string): void {
    if (this.registerOwner !== id) return;
    this.townshipRegister = [];
    this.registerOwner = null;
  }

  /**
   * Settlement points for the population surface (analysis/population.ts). The demo's are
   * synthetic, made to go with its synthetic stations: they are used only while every
   * station dataset is the demo's, as `sailplan analyze --demo` does.
   */
  private settlementSet: { list: Settlement[]; demo: boolean } | null = null;

  setSettlements(list: Settlement[], demo: boolean): void {
    this.version++;
    this.settlementSet = list.length > 0 ? { list, demo } : null;
  }

  /**
   * The settlements the analysis spreads people by (none: the census model): the latest
   * settlement file imported, else the demo's (with the demo's stations only).
   */
  populationSettlements(): Settlement[] {
    const own = this.latest('settlements');
    if (own) return own.settlements;
    const set = this.settlementSet;
    if (!set) return [];
    if (!set.demo) return set.list;
    const stations = this.datasets.filter((d) => d.kind === 'stations');
    return stations.length > 0 && stations.every((d) => d.demo) ? set.list : [];
  }

  /** The population raster the analysis reads (the latest imported), or null. */
  populationRaster(): PopulationRasterDataset | null {
    return this.latest('population-raster');
  }

  private latest<K extends 'settlements' | 'population-raster'>(
    kind: K,
  ): Extract<Dataset, { kind: K }> | null {
    for (let i = this.datasets.length - 1; i >= 0; i--) {
      const d = this.datasets[i];
      if (d.kind === kind) return d as Extract<Dataset, { kind: K }>;
    }
    return null;
  }

  /**
   * An own population surface (settlements or raster) replaces the demo's synthetic
   * settlements: they were made up to show the workflow, never to mix with real data.
   */
  private dropDemoSettlementsFor(d: Dataset): void {
    if ((d.kind === 'settlements' || d.kind === 'population-raster') && this.settlementSet?.demo)
      this.settlementSet = null;
  }

  nextId(kind: DatasetKind): string {
    return `${kind}-${++this.counter}`;
  }

  /** Bumped whenever the loaded data changes (results of an older version are stale). */
  version = 0;

  add(d: Dataset): DatasetSummary {
    this.version++;
    this.dropDemoSettlementsFor(d);
    this.datasets.push(d);
    const joinIssues = d.kind === 'population' ? this.populationJoin().issues.get(d.id) : undefined;
    return summarize(d, joinIssues);
  }

  /** Puts `d` where dataset `id` was (same place in the load order); null if `id` is not loaded. */
  replace(id: string, d: Dataset): DatasetSummary | null {
    const i = this.datasets.findIndex((x) => x.id === id);
    if (i < 0) return null;
    this.version++;
    this.dropRegisterOf(id);
    this.dropDemoSettlementsFor(d);
    this.datasets[i] = d;
    const joinIssues = d.kind === 'population' ? this.populationJoin().issues.get(d.id) : undefined;
    return summarize(d, joinIssues);
  }

  /** The loaded DEMs, in load order (one mosaic for the analysis). */
  demSources(): RasterSource[] {
    return this.datasets.flatMap((d) => (d.kind === 'dem' ? [d.source] : []));
  }

  remove(id: string): boolean {
    const i = this.datasets.findIndex((d) => d.id === id);
    if (i < 0) return false;
    this.version++;
    this.dropRegisterOf(id);
    this.datasets.splice(i, 1);
    return true;
  }

  list(): readonly Dataset[] {
    return this.datasets;
  }

  /** The county boundaries in use (the most recently loaded county-level file), with population joined. */
  activeAreas(): Area[] {
    return this.populationJoin().county;
  }

  /** The township boundaries in use (the most recent township-level file), with population. */
  activeTownships(): Area[] {
    return this.populationJoin().township;
  }

  private activeBoundaries(level: BoundaryLevel): BoundaryDataset | null {
    for (let i = this.datasets.length - 1; i >= 0; i--) {
      const d = this.datasets[i];
      if (d.kind === 'boundaries' && d.level === level) return d;
    }
    return null;
  }

  /**
   * Joins every population file to the active boundaries of its level (9-digit codes →
   * townships, else counties) by code. Later files override earlier ones code by code. Each
   * file's join issues (rows without an area, areas without a row) are against the boundaries
   * alone, so they do not depend on the other population files; they change when the active
   * boundaries do, so they are computed here, not at import.
   */
  private populationJoin(): Record<BoundaryLevel, Area[]> & {
    issues: Map<string, ImportIssue[]>;
    notes: string[];
  } {
    const issues = new Map<string, ImportIssue[]>();
    const notes: string[] = [];
    const joined = { county: [] as Area[], township: [] as Area[] };
    for (const level of ['county', 'township'] as const) {
      const boundaries = this.activeBoundaries(level);
      // Without boundaries there is nothing to join to, and nothing to warn about yet.
      if (!boundaries) continue;
      let areas = boundaries.areas;
      for (const d of this.datasets) {
        if (d.kind !== 'population' || populationLevel(d.rows) !== level) continue;
        const own = joinPopulation(boundaries.areas, d.rows, d.fileName);
        issues.set(d.id, own.issues);
        notes.push(...own.codeChanges.map(codeChangeNote));
        areas =
          areas === boundaries.areas ? own.areas : joinPopulation(areas, d.rows, d.fileName).areas;
      }
      joined[level] = areas;
    }
    return { ...joined, issues, notes: [...new Set(notes)] };
  }

  /** One note per code change the population joins applied (for the results and reports). */
  populationNotes(): string[] {
    return this.populationJoin().notes;
  }

  /** Names of aggregate codes from the population files' own rows (later files win). */
  aggregateNames(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.datasets)
      if (d.kind === 'population') for (const a of d.aggregates ?? []) out[a.code] = a.name;
    return out;
  }

  allSites(): Site[] {
    const out: Site[] = [];
    for (const d of this.datasets) if (d.kind === 'stations') for (const s of d.sites) out.push(s);
    return out;
  }

  snapshot(): WorkspaceSnapshot {
    const { county: areas, township, issues } = this.populationJoin();
    const sites = this.allSites();
    const { rows, totals } = areaRows(areas, sites);
    const townshipRows = areaRows(township, sites).rows;
    const stationLayers = this.datasets
      .filter((d): d is StationDataset => d.kind === 'stations')
      .map(stationLayer);
    return {
      datasets: this.datasets.map((d) => summarize(d, issues.get(d.id))),
      boundaries:
        areas.length || township.length
          ? {
              type: 'FeatureCollection',
              features: [...areas, ...township].map(
                (a): Feature<Polygon | MultiPolygon, BoundaryProps> => ({
                  type: 'Feature',
                  geometry: a.geometry,
                  properties: { code: a.code, name: a.name, level: a.level },
                }),
              ),
            }
          : null,
      townships: townshipList(this.townshipRegister, township, townshipRows),
      stationLayers,
      areas: rows,
      totals,
      bbox: extent(areas.length ? areas : township, stationLayers),
      settlements: settlementFeatures(this.populationSettlements()),
    };
  }
}

/** `joinIssues`: a population file's join issues against the active boundaries, as warnings. */
export function summarize(d: Dataset, joinIssues: readonly ImportIssue[] = []): DatasetSummary {
  const warnings = joinIssues.length ? [...d.warnings, ...joinIssues] : d.warnings;
  const itemCount = datasetItems(d);
  const loadedCount = d.kind === 'stations' ? d.cellCount : itemCount;
  return {
    id: d.id,
    kind: d.kind,
    fileName: d.fileName,
    crs: d.crs,
    rowCount: d.rowCount,
    loadedCount,
    itemCount,
    rejectedCount: d.rejected.length,
    warningCount: warnings.length,
    rejected: d.rejected.slice(0, ISSUES_SHOWN),
    warnings: warnings.slice(0, ISSUES_SHOWN),
    synthetic: d.synthetic,
    demo: d.demo,
    encoding: d.encoding,
  };
}

/** Sites, areas, population rows, settlements, or a raster's tiles. */
export function datasetItems(d: Dataset): number {
  switch (d.kind) {
    case 'stations':
      return d.sites.length;
    case 'boundaries':
      return d.areas.length;
    case 'population':
      return d.rows.length;
    case 'settlements':
      return d.settlements.length;
    case 'population-raster':
      return d.description.files.length;
    case 'dem':
      return d.source.info.files.length;
  }
}

/** A population file is township-level when most of its codes have 9 digits. */
export function populationLevel(rows: readonly PopulationRow[]): BoundaryLevel {
  const nine = rows.filter((r) => r.code.length === 9).length;
  return nine * 2 > rows.length ? 'township' : 'county';
}

/**
 * The township list: every township known by code, from the register and from imported
 * township polygons, with site counts where a polygon exists.
 */
function townshipList(
  register: readonly TownshipRecord[],
  polygons: readonly Area[],
  polygonRows: readonly AreaRow[],
): TownshipRow[] {
  const byCode = new Map<string, TownshipRow>();
  for (const r of register) {
    byCode.set(r.code, {
      code: r.code,
      name: r.name,
      county: r.county,
      kind: r.kind,
      polygon: null,
    });
  }
  polygons.forEach((a, i) => {
    const known = byCode.get(a.code);
    byCode.set(a.code, {
      code: a.code,
      name: known?.name ?? a.name,
      county: a.parent ?? a.code.slice(0, 6),
      kind: known?.kind ?? a.kind ?? 'other',
      polygon: polygonRows[i],
    });
  });
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function siteKind(s: Site): number {
  if (s.isRedcap) return SITE_KIND.nrRedcap;
  if (s.is5g) return SITE_KIND.nr;
  if (s.hasLte) return SITE_KIND.lte;
  return SITE_KIND.other;
}

function stationLayer(d: StationDataset): StationLayerData {
  const n = d.sites.length;
  const lonLat = new Float64Array(2 * n);
  const kind = new Uint8Array(n);
  d.sites.forEach((s, i) => {
    lonLat[2 * i] = s.position[0];
    lonLat[2 * i + 1] = s.position[1];
    kind[i] = siteKind(s);
  });
  return { datasetId: d.id, count: n, lonLat, kind, geojsonUrl: null };
}

/** Per-area site counts by point in polygon; the coverage engine replaces the rest later. */
export function areaRows(
  areas: Area[],
  sites: Site[],
): { rows: AreaRow[]; totals: AreaRow | null } {
  const lon = new Float64Array(sites.length);
  const lat = new Float64Array(sites.length);
  sites.forEach((s, i) => {
    lon[i] = s.position[0];
    lat[i] = s.position[1];
  });
  const owner = assignPointsToAreas(lon, lat, areas);
  const rows: AreaRow[] = areas.map((a) => ({
    code: a.code,
    name: a.name,
    level: a.level,
    population: a.population?.total ?? null,
    areaKm2: a.areaKm2,
    sites5g: 0,
    sitesRedcap: 0,
    sitesLteOnly: 0,
    per10k: null,
  }));
  sites.forEach((s, i) => {
    const k = owner[i];
    if (k < 0) return;
    if (s.is5g) rows[k].sites5g++;
    if (s.isRedcap) rows[k].sitesRedcap++;
    if (!s.is5g && s.hasLte) rows[k].sitesLteOnly++;
  });
  for (const r of rows) r.per10k = sitesPer10k(r.sites5g, r.population);
  if (rows.length === 0) return { rows, totals: null };
  const pops = rows.map((r) => r.population);
  const population = pops.every((p) => p !== null)
    ? pops.reduce<number>((a, p) => a + (p ?? 0), 0)
    : null;
  const totals: AreaRow = {
    code: '',
    name: '',
    level: 'total',
    population,
    areaKm2: rows.reduce((a, r) => a + r.areaKm2, 0),
    sites5g: rows.reduce((a, r) => a + r.sites5g, 0),
    sitesRedcap: rows.reduce((a, r) => a + r.sitesRedcap, 0),
    sitesLteOnly: rows.reduce((a, r) => a + r.sitesLteOnly, 0),
    per10k: null,
  };
  totals.per10k = sitesPer10k(totals.sites5g, population);
  return { rows, totals };
}

/** A growing WGS-84 box; `box()` is null while nothing was added. */
class Extent {
  private w = Infinity;
  private s = Infinity;
  private e = -Infinity;
  private n = -Infinity;
  add(x0: number, y0: number, x1 = x0, y1 = y0): void {
    this.w = Math.min(this.w, x0);
    this.s = Math.min(this.s, y0);
    this.e = Math.max(this.e, x1);
    this.n = Math.max(this.n, y1);
  }
  addAreas(areas: readonly Area[]): this {
    for (const a of areas) {
      const [x0, y0, x1, y1] = turfBbox(a.geometry);
      this.add(x0, y0, x1, y1);
    }
    return this;
  }
  addSites(sites: readonly Site[]): this {
    for (const s of sites) this.add(s.position[0], s.position[1]);
    return this;
  }
  get empty(): boolean {
    return !Number.isFinite(this.w);
  }
  box(): [number, number, number, number] | null {
    return this.empty ? null : [this.w, this.s, this.e, this.n];
  }
}

/** Where a dataset lies, for fitting the map to it; null for population tables (no geometry). */
export function datasetExtent(d: Dataset): [number, number, number, number] | null {
  if (d.kind === 'stations') return new Extent().addSites(d.sites).box();
  if (d.kind === 'boundaries') return new Extent().addAreas(d.areas).box();
  if (d.kind === 'settlements') {
    const box = new Extent();
    for (const s of d.settlements) box.add(s.position[0], s.position[1]);
    return box.box();
  }
  if (d.kind === 'dem') return d.source.info.bboxWgs84;
  return null;
}

function extent(
  areas: Area[],
  layers: StationLayerData[],
): [number, number, number, number] | null {
  const box = new Extent().addAreas(areas);
  if (box.empty) {
    for (const l of layers) {
      for (let i = 0; i < l.count; i++) box.add(l.lonLat[2 * i], l.lonLat[2 * i + 1]);
    }
  }
  return box.box();
}
