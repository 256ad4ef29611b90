import type { ImportIssue } from './issues';
import { describeParams } from '../core/model/params';
import type { AreaResult } from '../core/analysis/analyze';
import type { AnalysisParams } from '../core/analysis/params';
import type { PopulationModel } from '../core/analysis/population';
import { reportPopulationModel } from './report-population';
import { gapUnitParams } from '../core/analysis/area-gap-units';
import { HOUSEHOLDS_MIN, VILLAGE_FAR_M, type GapUnit } from '../core/analysis/gap-units';
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
  /** Populated uncovered NR places, most people first (areas only, not totals or roll-ups). */
  gap_units?: ReportGapUnit[];
  gap_units_remainder?: { units: number; area_km2: number; people: number };
  unpopulated_km2?: number;
}

export interface ReportGapUnit {
  rank: number;
  lon: number;
  lat: number;
  area_km2: number;
  people: number;
  settlements: string[];
  nearest_site_m: number | null;
  nearest_site_id: string | null;
  township: { code: string; name: string } | null;
  flags: { households20: boolean; township_seat: boolean; village_far: boolean };
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
  const out: ReportArea = { code: a.code, name: a.name, level: a.level, ...reportFigures(a) };
  if (a.gapUnits) out.gap_units = a.gapUnits.map(reportGapUnit);
  if (a.gapUnitsRemainder)
    out.gap_units_remainder = {
      units: a.gapUnitsRemainder.units,
      area_km2: r6(a.gapUnitsRemainder.areaKm2),
      people: r6(a.gapUnitsRemainder.people),
    };
  if (a.unpopulatedKm2 !== undefined) out.unpopulated_km2 = r6(a.unpopulatedKm2);
  return out;
}

export function reportGapUnit(u: GapUnit): ReportGapUnit {
  return {
    rank: u.rank,
    lon: Math.round(u.lon * 1e6) / 1e6,
    lat: Math.round(u.lat * 1e6) / 1e6,
    area_km2: r6(u.areaKm2),
    people: r6(u.people),
    settlements: u.settlements,
    nearest_site_m: u.nearestSiteM === null ? null : Math.round(u.nearestSiteM),
    nearest_site_id: u.nearestSiteId,
    township: u.township,
    flags: {
      households20: u.flags.households20,
      township_seat: u.flags.townshipSeat,
      village_far: u.flags.villageFar,
    },
  };
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
  population: readonly PopulationModel[] = [],
): Record<string, unknown> {
  return {
    grid: {
      cell_size_m: p.cellSizeM,
      town_cell_size_m: p.townCellSizeM,
      town_zone_radius_m: p.townZoneRadiusM,
      projection: 'Lambert azimuthal equal-area (WGS-84 authalic), centred on the region',
      population_model: reportPopulationModel(population, townships.population),
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
    gap_units: reportGapUnitParams(p),
    model: describeParams(p.model),
  };
}

function reportGapUnitParams(p: AnalysisParams): Record<string, unknown> {
  const g = gapUnitParams(p);
  return {
    layer: 'nr',
    min_density_per_km2: g.minDensity,
    merge_m: g.mergeM,
    min_km2: g.minKm2,
    household_size: g.householdSize,
    households_min: HOUSEHOLDS_MIN,
    village_far_m: VILLAGE_FAR_M,
    model:
      'populated uncovered cells (density >= min_density_per_km2) whose gap is at most merge_m form one unit (8-connected, never across an area or township border); units under min_km2 without a flag (households20: people / household_size >= households_min or such a settlement; township_seat; village_far: an administrative village farther than village_far_m from any site) are counted in gap_units_remainder, with the people of populated cells under the density',
  };
}

/** Whether synthetic sites (or synthetic settlements placing the people) are part of a result. */
export function hasSyntheticSites(inputs: readonly ReportInput[]): boolean {
  return inputs.some(
    (f) => (f.role === 'stations' || f.role === 'settlements') && f.synthetic === true,
  );
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
  /** The population models of the runs (counties, then townships). */
  population?: readonly PopulationModel[];
  generated?: Date;
}): Report {
  const t = reportArea(args.totals);
  return {
    schema: REPORT_SCHEMA,
    generated: isoLocal(args.generated ?? new Date()),
    params: {
      ...reportParams(args.params, args.townships, args.population),
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
