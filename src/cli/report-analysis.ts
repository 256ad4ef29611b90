import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Area } from '../core/area';
import { analyzeAreas, type AreaResult, type RegionState } from '../core/analysis/analyze';
import { analysisParams, type AnalysisParams } from '../core/analysis/params';
import { rollUpCounties, type RollupResult } from '../core/analysis/rollup';
import {
  gapFeatures,
  townZoneFeatures,
  type GapFeatureProps,
  type TownZoneFeatureProps,
} from '../core/analysis/result-features';
import { buildCompliance, type Compliance, type TownDetail } from '../core/analysis/compliance';
import { findGaps, listGaps } from '../core/grid/gaps';
import { isoLocal } from '../io/export-time';
import { buildReport } from '../io/report';
import type { DataSource, ReportHtmlRun } from '../io/report-html';
import { positiveNumber, reportInput } from './analyze';
import { UsageError, type OptionSpecs, type ParsedArgs } from './args';
import {
  applyScenario,
  loadRegion,
  readScenarioOption,
  scenarioReportInputs,
  withScenarioParams,
} from './scenario-input';
import { POPULATION_OPTIONS, openPopulationSources, populationFor } from './population-input';
import { GAP_UNIT_OPTIONS, gapUnitOptions } from './gap-options';
import { DEM_OPTIONS, readDemOption } from './dem-input';
import { EXIT_UNREADABLE, INPUT_OPTIONS, inputRequests, type CommandIo } from './validate';

/** Options shared by `report` and `export`: the inputs and rules of `analyze`. */
export const RUN_OPTIONS: OptionSpecs = {
  ...INPUT_OPTIONS,
  ...POPULATION_OPTIONS,
  ...DEM_OPTIONS,
  'cell-size': { type: 'string' },
  'target-per-10k': { type: 'string' },
  ...GAP_UNIT_OPTIONS,
  scenario: { type: 'string' },
};

/** Everything the report and the exports are made from. */
export interface ReportRun extends ReportHtmlRun {
  params: AnalysisParams;
  counties: Area[];
  townships: Area[];
  countyResults: AreaResult[];
  townshipResults: AreaResult[];
  rollups: RollupResult[];
  /** The engine state of the top level (counties, else townships). */
  state: RegionState;
  topAreas: Area[];
  gaps: Feature<MultiPolygon, GapFeatureProps>[];
  townZones: Feature<Polygon | MultiPolygon, TownZoneFeatureProps>[];
  towns: Map<string, TownDetail>;
  compliance: Compliance;
  sources: DataSource[];
  notes: string[];
}

/**
 * Reads the inputs and runs the analysis exactly as `sailplan analyze` does (one grid per
 * level; no worker threads, because the grid itself is needed for gaps, zones and images),
 * keeping the engine state. Returns an exit code when an input cannot be read.
 */
export async function runForReport(
  args: ParsedArgs,
  io: CommandIo,
  command: string,
): Promise<ReportRun | number> {
  const requests = inputRequests(args, io.cwd);
  const roles = new Set(requests.map((r) => r.role));
  if (!roles.has('areas') && !roles.has('townships'))
    throw new UsageError(`${command} needs --areas (or --townships), or --demo`);
  if (!roles.has('stations')) throw new UsageError(`${command} needs --stations, or --demo`);
  const baseParams = analysisParams({
    cellSizeM: positiveNumber(args, 'cell-size', 100, 10, 5000),
    targetPer10k: positiveNumber(args, 'target-per-10k', 38, 0, 1000),
    gapUnits: gapUnitOptions(args),
  });
  const scenario = await readScenarioOption(args, io, command);
  if (scenario === 'failed') return EXIT_UNREADABLE;
  const params = withScenarioParams(baseParams, scenario, args);
  const region = await loadRegion(requests, io, command);
  if (region === null) return EXIT_UNREADABLE;
  const { ok, counties, townships } = region;
  const sites = applyScenario(region.sites, scenario);
  const pop = await openPopulationSources(args, io, command, region.settlements);
  if (pop === 'failed') return EXIT_UNREADABLE;
  const demRun = await readDemOption(
    args,
    io,
    command,
    counties.length ? counties : townships,
    params,
  );
  if (demRun === 'failed') return EXIT_UNREADABLE;
  const terrain = demRun ? { terrain: demRun.terrain } : {};

  // The report needs the grid itself, so it runs one grid per level (no per-county
  // threads as in analyze): a national table at 100 m is too big for one grid.
  const onGrid = (...a: Parameters<typeof analyzeAreas>) => {
    try {
      return analyzeAreas(...a);
    } catch (e) {
      if (e instanceof Error && /out of range/.test(e.message))
        throw new UsageError(
          `the region is too large for one ${params.cellSizeM} m grid (${e.message}); give a larger --cell-size (e.g. 250) or fewer areas`,
        );
      throw e;
    }
  };
  const countyRun = counties.length
    ? onGrid(counties, sites, params, {
        townships,
        keepGrid: true,
        population: await populationFor(pop, counties),
        settlements: region.settlements,
        ...terrain,
      })
    : null;
  const townRun = townships.length
    ? onGrid(townships, sites, params, {
        keepGrid: !countyRun,
        population: await populationFor(pop, townships),
        settlements: region.settlements,
        ...terrain,
      })
    : null;
  const top = countyRun ?? townRun!;
  const topAreas = countyRun ? counties : townships;
  const countyResults = countyRun?.areas ?? [];
  const townshipResults = townRun?.areas ?? [];
  const notes = [
    ...region.populationNotes,
    ...[...new Set([...(countyRun?.notes ?? []), ...(townRun?.notes ?? [])])].sort(),
  ];
  const rollups = rollUpCounties(countyResults, params.targetPer10k, region.names);
  const report = buildReport({
    params,
    inputs: [...ok.map(reportInput), ...pop.reportInputs, ...scenarioReportInputs(scenario)],
    notes,
    population: [countyRun, townRun].flatMap((r) => (r ? [r.population] : [])),
    areas: [...countyResults, ...townshipResults],
    totals: top.totals,
    ...(demRun && top.terrain ? { terrain: { summary: top.terrain, dem: demRun.dem } } : {}),
    rollups,
    townships: {
      zones: townships.length > 0 && counties.length > 0,
      population: counties.length > 0 && townships.some((t) => t.population !== null),
    },
  });
  const state = top.state!;
  const towns = countyRun ? townDetails(state, counties) : new Map<string, TownDetail>();
  // Every input file of the report (the scenario's last) with the file's date.
  const paths = [
    ...ok.map((l) => l.request.path),
    ...pop.reportInputs.map((r) => r.file.split(', ')[0]),
    ...(scenario?.report ? [scenario.file] : []),
  ];
  const sources: DataSource[] = [];
  for (const [i, r] of report.inputs.files.entries()) {
    let modified: string | null;
    try {
      modified = isoLocal((await stat(path.resolve(io.cwd, paths[i]))).mtime);
    } catch {
      modified = null;
    }
    sources.push({
      role: r.role,
      file: r.file,
      format: r.format,
      crs: r.crs,
      rows: r.rows,
      loaded: r.loaded,
      rejected: r.rejected_count,
      modified,
      synthetic: r.synthetic === true,
    });
  }
  return {
    report,
    params,
    counties,
    townships,
    countyResults,
    townshipResults,
    rollups,
    state,
    topAreas,
    gaps: gapFeatures(state, topAreas),
    townZones: countyRun ? townZoneFeatures(counties, countyResults, townships, params) : [],
    towns,
    compliance: buildCompliance({
      params,
      counties: countyResults,
      townships: townshipResults,
      rollups,
      towns,
    }),
    sources,
    notes,
  };
}

/**
 * What the core's continuity check does not return: the people of each county-town zone
 * without RedCap coverage and where its largest RedCap gap lies. Computed on the county
 * grid (the verdict itself uses the finer town grid, so the gap's size comes from there;
 * its place is the largest component at the county grid's resolution).
 */
export function townDetails(
  state: RegionState,
  counties: readonly Area[],
): Map<string, TownDetail> {
  const { grid, zone } = state;
  const label =
    grid.label instanceof Uint32Array
      ? new Uint32Array(grid.label.length)
      : new Uint16Array(grid.label.length);
  const uncovered = new Float64Array(counties.length + 1);
  for (let i = 0; i < label.length; i++) {
    if (!zone[i] || grid.label[i] === 0) continue;
    label[i] = grid.label[i];
    if (grid.redcap[i] === 0) uncovered[grid.label[i]] += grid.weight[i];
  }
  const zoneGrid = { ...grid, label };
  const largest = new Map<number, [number, number]>();
  // listGaps is largest first, so the first gap of each area is its largest.
  for (const g of listGaps(zoneGrid, findGaps(zoneGrid, 'redcap')))
    if (!largest.has(g.area)) largest.set(g.area, g.centroid);
  const out = new Map<string, TownDetail>();
  counties.forEach((c, i) =>
    out.set(c.code, {
      largestGapAt: largest.get(i) ?? null,
      uncoveredPopulation: uncovered[i + 1],
    }),
  );
  return out;
}
