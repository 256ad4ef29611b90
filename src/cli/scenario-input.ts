import type { Settlement } from '../core/settlement';
import { readFile } from 'node:fs/promises';
import type { Area } from '../core/area';
import type { AnalysisParams } from '../core/analysis/params';
import { countyPopulationFromTownships } from '../core/analysis/rollup';
import { modelParams, type ModelParams } from '../core/model/params';
import { applyEdits } from '../core/scenario/apply';
import { stationsHash } from '../core/scenario/edits';
import type { Scenario } from '../core/scenario/types';
import type { Site } from '../core/station';
import { adminNameLookup, type NameLookup } from '../io/admin-names';
import { formatIssue } from '../io/issues';
import { joinPopulation, populationJoinNotes } from '../io/population-join';
import type { ReportInput } from '../io/report';
import { MAX_SCENARIO_BYTES, parseScenario, ScenarioFileError } from '../io/scenario-file';
import type { ParsedArgs } from './args';
import { loadInput, type InputRequest, type LoadedInput } from './inputs';
import { InputFileError, openInputFile } from './read-file';
import { cleanText } from './text';
import type { CommandIo } from './validate';

/**
 * `--scenario FILE` for the commands that analyse stations: read and validate the
 * scenario, apply its edits to the loaded stations, and describe it in the report's
 * `inputs` like any other input file (edits = rows, edits that could not apply =
 * rejected rows).
 */
export interface ScenarioInput {
  file: string;
  scenario: Scenario;
  /** Set by applyScenario: the report's entry for the scenario. */
  report: ReportInput | null;
}

export const SCENARIO_USAGE = `  --scenario FILE        apply a scenario's edits (sailplan.scenario/1 JSON) to the
                         stations first; its analysis parameters apply unless given
                         as options`;

/**
 * Reads `--scenario`: null when absent, 'failed' after writing "file: reason" to
 * stderr (the command then exits 1), else the parsed scenario.
 */
export async function readScenarioOption(
  args: ParsedArgs,
  io: CommandIo,
  command: string,
): Promise<ScenarioInput | null | 'failed'> {
  const file = args.string('scenario');
  if (file === undefined) return null;
  const fail = (reason: string): 'failed' => {
    io.stderr.write(
      `sailplan ${command}: cannot use scenario file ${cleanText(file, 200)}: ${cleanText(reason, 600)}\n`,
    );
    return 'failed';
  };
  try {
    const f = await openInputFile(file, io.cwd);
    if (f.size > MAX_SCENARIO_BYTES) return fail('the file is too large for a scenario');
    const text = await readFile(f.absolute, 'utf8');
    return { file, scenario: parseScenario(text), report: null };
  } catch (e) {
    if (e instanceof InputFileError || e instanceof ScenarioFileError) return fail(e.message);
    throw e;
  }
}

/**
 * Analysis parameters with the scenario's: a scenario's value is used unless the option
 * was given on the command line (`explicit` maps option names to parameter names).
 */
export function withScenarioParams(
  params: AnalysisParams,
  input: ScenarioInput | null,
  args: ParsedArgs,
  explicit: Partial<Record<keyof AnalysisParams, string>> = {
    cellSizeM: 'cell-size',
    targetPer10k: 'target-per-10k',
  },
): AnalysisParams {
  if (!input) return params;
  const out: AnalysisParams = { ...params };
  const { model, ...rest } = input.scenario.params;
  for (const [k, v] of Object.entries(rest) as [keyof typeof rest, number | undefined][]) {
    const option = explicit[k];
    if (v !== undefined && !(option && args.string(option) !== undefined)) out[k] = v;
  }
  if (model) out.model = modelParams(model as Partial<ModelParams>);
  return out;
}

/** The stations with the scenario's edits applied; records what applied in `input.report`. */
export function applyScenario(sites: readonly Site[], input: ScenarioInput | null): Site[] {
  if (!input) return [...sites];
  const { scenario } = input;
  const r = applyEdits(sites, scenario.edits);
  const warnings: ReportInput['warnings'] = [];
  const hash = stationsHash(sites);
  if (scenario.base.stations !== null && scenario.base.stations !== hash)
    warnings.push({
      code: 'scenario-base-mismatch',
      message: `the scenario was made on other stations (base ${scenario.base.stations}, loaded ${hash}); edits of sites that are missing were skipped`,
    });
  input.report = {
    role: 'scenario',
    file: input.file,
    format: scenario.schema,
    crs: 'WGS84',
    rows: scenario.edits.length,
    loaded: r.applied,
    rejected_count: r.issues.length,
    rejected: r.issues.slice(0, 1000).map((i) => ({
      row: i.index + 1,
      field: `edits[${i.index}]`,
      value: i.id,
      code: `scenario-${i.reason}`,
      message: i.message,
    })),
    warnings,
  };
  return r.sites;
}

export const scenarioReportInputs = (input: ScenarioInput | null): ReportInput[] =>
  input?.report ? [input.report] : [];

export interface LoadedRegion {
  ok: Extract<LoadedInput, { ok: true }>[];
  counties: Area[];
  townships: Area[];
  sites: Site[];
  /** Settlement points (--settlements), empty when none is given. */
  settlements: Settlement[];
  /** Names of prefectures and provinces: the census table's rows, then GB/T 2260. */
  names: NameLookup;
  /** One line per code change applied and per level's areas left without population. */
  populationNotes: string[];
}

/**
 * A boundary file that was read but from which every feature was rejected leaves nothing to
 * analyse: say so (with the first reason) rather than run on no areas. Null when all is well.
 */
export function noAreasMessage(ok: readonly Extract<LoadedInput, { ok: true }>[]): string | null {
  for (const l of ok) {
    if (l.kind !== 'boundaries' || l.result.areas.length > 0) continue;
    const first = l.result.rejected[0];
    const why = first ? ` (first: ${cleanText(formatIssue(first), 300)})` : '';
    return `no areas to analyse: all ${l.result.featureCount.toLocaleString('en-US')} feature(s) of ${l.request.role} file ${l.request.name} were rejected${why}; "sailplan validate --${l.request.role} ${l.request.name}" lists every reason`;
  }
  return null;
}

/**
 * Loads the input files of `requests` as `analyze` does (population joined, county
 * population from townships); null after writing one line per unreadable file.
 */
export async function loadRegion(
  requests: readonly InputRequest[],
  io: CommandIo,
  command: string,
): Promise<LoadedRegion | null> {
  const loaded: LoadedInput[] = [];
  for (const req of requests) loaded.push(await loadInput(req, io));
  let failed = false;
  for (const l of loaded) {
    if (l.ok) continue;
    failed = true;
    io.stderr.write(
      `sailplan ${command}: cannot read ${l.request.role} file ${l.request.name}: ${l.error.message}\n`,
    );
  }
  if (failed) return null;
  const ok = loaded.filter((l): l is Extract<LoadedInput, { ok: true }> => l.ok);
  const empty = noAreasMessage(ok);
  if (empty) {
    io.stderr.write(`sailplan ${command}: ${empty}\n`);
    return null;
  }
  const boundaries = (role: string): Area[] => {
    const l = ok.find((x) => x.request.role === role && x.kind === 'boundaries');
    return l && l.kind === 'boundaries' ? l.result.areas : [];
  };
  const pop = ok.find((l) => l.kind === 'population');
  const populationNotes: string[] = [];
  const withPopulation = (areas: Area[]): Area[] => {
    if (!pop || pop.kind !== 'population' || areas.length === 0) return areas;
    const join = joinPopulation(areas, pop.result.rows, pop.request.name);
    populationNotes.push(...populationJoinNotes(join, pop.request.name));
    return join.areas;
  };
  const stations = ok.find((l) => l.kind === 'stations');
  const townships = withPopulation(boundaries('townships'));
  return {
    ok,
    townships,
    counties: countyPopulationFromTownships(withPopulation(boundaries('areas')), townships),
    sites: stations && stations.kind === 'stations' ? stations.result.sites : [],
    settlements: ok.flatMap((l) => (l.kind === 'settlements' ? l.result.settlements : [])),
    names: adminNameLookup(
      pop && pop.kind === 'population' ? pop.result.aggregates.map((a) => [a.code, a.name]) : [],
    ),
    populationNotes,
  };
}
