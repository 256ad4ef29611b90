import type { ImportIssue } from './issues';
import { describeParams } from '../core/model/params';
import type { AreaResult } from '../core/analysis/analyze';
import type { AnalysisParams } from '../core/analysis/params';
import type { TerrainSummary } from '../core/terrain/site-cells';
import type { RollupResult } from '../core/analysis/rollup';
import { isoLocal } from './export-time';
import { reportNotes } from './report-notes';

/** The report contract of DESIGN.md ("CLI contract"); tests outside the repo read it. */
export const REPORT_SCHEMA = 'sailplan.report/1';

export interface ReportInput {
  role: string;
  file: string;
  format: string;
  crs: string | null;
  rows: number;
  loaded: number;
  rejected_count: number;
  rejected: ReportIssue[];
  warnings: ReportIssue[];
  /** True for generated data (the demo's stations); written by the CLI and the app. */
  synthetic?: boolean;
}

export interface ReportIssue {
  row?: number;
  feature?: number;
  field?: string;
  value?: string;
  code: string;
  message: string;
}

export interface ReportArea {
  code: string;
  name: string;
  level: 'county' | 'township';
  parent: string | null;
  population: number | null;
  area_km2: number;
  sites_5g: number;
  sites_redcap: number;
  sites_per_10k: number | null;
  target_per_10k: number;
  sites_needed: number | null;
  coverage: {
    nr: { area_pct: number; pop_pct: number };
    redcap: { area_pct: number; pop_pct: number };
  };
  gaps: { count: number; total_km2: number; largest_km2: number; pop_uncovered: number };
  town_zone: {
    area_km2: number;
    redcap_area_pct: number;
    largest_gap_km2: number;
    continuous: boolean;
  } | null;
}

/** A prefecture or province: the sum of its analysed counties (see rollUpCounties). */
export interface ReportRollup extends Omit<ReportArea, 'level' | 'town_zone'> {
  level: 'prefecture' | 'province';
  town_zone: null;
  counties: number;
  /**
   * Counties of unknown population, left out of population, sites_per_10k, sites_needed and
   * pop_pct (their sites are in sites_5g and here).
   */
  population_unknown: { counties: number; codes: string[]; sites_5g: number };
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  generated: string;
  params: Record<string, unknown>;
  inputs: {
    files: ReportInput[];
    /** Model notes, grouped (one per pattern, with the list of values), in English. */
    notes: string[];
    /** True whenever synthetic (demo) sites are part of the result; always present. */
    synthetic: boolean;
    /** With a DEM: the sites with no elevation under them (flat-earth fallback). */
    sites_without_dem?: { count: number; ids: string[] };
  };
  areas: ReportArea[];
  totals: Omit<ReportArea, 'code' | 'name' | 'parent' | 'town_zone'> & { areas: number };
  /** County → prefecture → province; empty when no county-level areas were analysed. */
  rollups: ReportRollup[];
}

// Six decimals: far below any meaningful difference, and stable across platforms.
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const r6n = (x: number | null): number | null => (x === null ? null : r6(x));

export function reportIssue(i: ImportIssue): ReportIssue {
  const out: ReportIssue = { code: i.code, message: i.message };
  if (i.row !== undefined) out.row = i.row;
  if (i.feature !== undefined) out.feature = i.feature;
  if (i.field !== undefined) out.field = i.field;
  if (i.value !== undefined) out.value = i.value;
  return out;
}

export function reportArea(a: AreaResult): ReportArea {
  // code, name and level first, in the contract's order.
  return { code: a.code, name: a.name, level: a.level, ...reportFigures(a) };
}

export function reportRollup(a: RollupResult): ReportRollup {
  return {
    code: a.code,
    name: a.name,
    level: a.level,
    ...reportFigures(a),
    town_zone: null,
    counties: a.counties,
    population_unknown: {
      counties: a.populationUnknown.counties,
      codes: a.populationUnknown.codes,
      sites_5g: a.populationUnknown.sites5g,
    },
  };
}

function reportFigures(a: AreaResult | RollupResult): Omit<ReportArea, 'code' | 'name' | 'level'> {
  return {
    parent: a.parent,
    population: a.population,
    area_km2: r6(a.areaKm2),
    sites_5g: a.sites5g,
    sites_redcap: a.sitesRedcap,
    sites_per_10k: r6n(a.sitesPer10k),
    target_per_10k: a.targetPer10k,
    sites_needed: a.sitesNeeded,
    coverage: {
      nr: { area_pct: r6(a.coverage.nr.areaPct), pop_pct: r6(a.coverage.nr.popPct) },
      redcap: { area_pct: r6(a.coverage.redcap.areaPct), pop_pct: r6(a.coverage.redcap.popPct) },
    },
    gaps: {
      count: a.gaps.count,
      total_km2: r6(a.gaps.totalKm2),
      largest_km2: r6(a.gaps.largestKm2),
      pop_uncovered: r6(a.gaps.popUncovered),
    },
    town_zone: a.townZone
      ? {
          area_km2: r6(a.townZone.areaKm2),
          redcap_area_pct: r6(a.townZone.redcapAreaPct),
          largest_gap_km2: r6(a.townZone.largestGapKm2),
          continuous: a.townZone.continuous,
        }
      : null,
  };
}

/** What township polygons were used for: county-town zones, population (the models say so). */
export interface ReportTownships {
  zones: boolean;
  population: boolean;
}

/** Every parameter the analysis used, with the model's values and their sources. */
export function reportParams(
  p: AnalysisParams,
  townships: ReportTownships = { zones: false, population: false },
): Record<string, unknown> {
  return {
    grid: {
      cell_size_m: p.cellSizeM,
      town_cell_size_m: p.townCellSizeM,
      town_zone_radius_m: p.townZoneRadiusM,
      projection: 'Lambert azimuthal equal-area (WGS-84 authalic), centred on the region',
      population_model: townships.population
        ? 'township population spread evenly over each township, in counties whose townships all have one; elsewhere the two-zone census model: urban population over the county-town zone, rural over the rest'
        : 'two-zone census model: urban population over the county-town zone, rural over the rest',
      town_zone_model: townships.zones
        ? "the county's 街道 townships plus the township holding the seat; counties without either: a disc of town_zone_radius_m around the seat"
        : 'a disc of town_zone_radius_m around the county seat, inside the county',
    },
    target_per_10k: p.targetPer10k,
    continuity: {
      min_area_pct: p.continuityMinAreaPct,
      max_gap_km2: p.continuityMaxGapKm2,
      connectivity: 8,
    },
    model: describeParams(p.model),
  };
}

/** Whether synthetic sites are part of a result made from these inputs. */
export function hasSyntheticSites(inputs: readonly ReportInput[]): boolean {
  return inputs.some((f) => f.role === 'stations' && f.synthetic === true);
}

/** The DEM of an analysis as the report records it (`params.terrain.dem`). */
export interface ReportDem {
  files: string[];
  format: string;
  resolution_m: number;
  /** WGS-84 [west, south, east, north] of the DEM. */
  extent: [number, number, number, number];
}

/** Sites listed by id in `inputs.sites_without_dem` (the count covers all). */
export const SITES_WITHOUT_DEM_IDS = 100;

/** What `params.terrain` says: the model over terrain, its k-factor and the DEM. */
export function reportTerrainParams(summary: TerrainSummary, dem: ReportDem) {
  return {
    model: summary.model,
    k_factor: summary.kFactor,
    dem: {
      files: dem.files,
      format: dem.format,
      resolution_m: r6(dem.resolution_m),
      extent: dem.extent.map(r6) as [number, number, number, number],
    },
    sites_terrain: summary.terrainSites,
    sites_flat_terrain: summary.flatSites,
  };
}

export function buildReport(args: {
  params: AnalysisParams;
  /** With a DEM: the analysis' terrain summary and the DEM read. */
  terrain?: { summary: TerrainSummary; dem: ReportDem };
  inputs: ReportInput[];
  notes: string[];
  areas: AreaResult[];
  totals: AreaResult;
  rollups?: RollupResult[];
  townships?: ReportTownships;
  generated?: Date;
}): Report {
  const t = reportArea(args.totals);
  return {
    schema: REPORT_SCHEMA,
    generated: isoLocal(args.generated ?? new Date()),
    params: {
      ...reportParams(args.params, args.townships),
      ...(args.terrain
        ? { terrain: reportTerrainParams(args.terrain.summary, args.terrain.dem) }
        : {}),
    },
    inputs: {
      files: args.inputs,
      notes: reportNotes(args.notes, 'en'),
      synthetic: hasSyntheticSites(args.inputs),
      ...(args.terrain
        ? {
            sites_without_dem: {
              count: args.terrain.summary.sitesWithoutDem.length,
              ids: args.terrain.summary.sitesWithoutDem.slice(0, SITES_WITHOUT_DEM_IDS),
            },
          }
        : {}),
    },
    areas: args.areas.map(reportArea),
    totals: {
      areas: args.areas.filter((a) => a.level === t.level).length,
      level: t.level,
      population: t.population,
      area_km2: t.area_km2,
      sites_5g: t.sites_5g,
      sites_redcap: t.sites_redcap,
      sites_per_10k: t.sites_per_10k,
      target_per_10k: t.target_per_10k,
      sites_needed: t.sites_needed,
      coverage: t.coverage,
      gaps: t.gaps,
    },
    rollups: (args.rollups ?? []).map(reportRollup),
  };
}
