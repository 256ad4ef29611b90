import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { analysisParams, type AnalysisParams } from '../core/analysis/params';
import { stationsHash } from '../core/scenario/edits';
import { createEvaluator } from '../core/scenario/evaluator';
import type { ScenarioParams } from '../core/scenario/types';
import { CANDIDATE_KINDS, type CandidateKind } from '../core/planner/candidates';
import { OBJECTIVES, plan, planToScenario, type Objective, type Plan } from '../core/planner/plan';
import { DEFAULT_CANDIDATE_OPTIONS } from '../core/planner/candidates';
import type { Budget } from '../core/planner/greedy';
import { serializeScenario } from '../io/scenario-file';
import { UsageError, parseCommandArgs, type OptionSpecs, type ParsedArgs } from './args';
import {
  applyScenario,
  loadRegion,
  readScenarioOption,
  withScenarioParams,
} from './scenario-input';
import { POPULATION_OPTIONS, openPopulationSources, populationFor } from './population-input';
import { cleanText } from './text';
import { GAP_UNIT_OPTIONS, GAP_UNIT_USAGE, gapUnitOptions } from './gap-options';
import { DEM_OPTIONS, DEM_USAGE, readDemOption } from './dem-input';
import { EXIT_OK, EXIT_UNREADABLE, INPUT_OPTIONS, inputRequests, type CommandIo } from './validate';

export const PLAN_SCHEMA = 'sailplan.plan/1';

const OPTIONS: OptionSpecs = {
  ...INPUT_OPTIONS,
  ...POPULATION_OPTIONS,
  ...DEM_OPTIONS,
  scenario: { type: 'string' },
  budget: { type: 'string' },
  'budget-cost': { type: 'string' },
  'cost-upgrade': { type: 'string' },
  'cost-colocate': { type: 'string' },
  'cost-new': { type: 'string' },
  objective: { type: 'string' },
  kinds: { type: 'string' },
  band: { type: 'string' },
  'new-spacing': { type: 'string' },
  'max-new': { type: 'string' },
  'min-gain-people': { type: 'string' },
  ...GAP_UNIT_OPTIONS,
  'cell-size': { type: 'string' },
  'target-per-10k': { type: 'string' },
  name: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const PLAN_USAGE = `Usage: sailplan plan --areas FILE [--townships FILE] [--population FILE.csv]
                     --stations FILE --budget N | --budget-cost X [options]
       sailplan plan --demo --budget N [options]

Suggests which NR sites to upgrade to RedCap, which LTE-only sites to give NR
(co-location) and where to build new sites (grid points inside NR gaps), greedily
by marginal gain under a budget, and lists the picks in rank order with each one's
gain and the cumulative result.

Inputs: as for "sailplan analyze" (--areas, --townships, --population, --stations,
--demo, --crs, --stations-crs, --areas-crs, --townships-crs, --code-field,
--name-field, --pop-field, --settlements; --population-raster FILE…,
--population-values count|density: the population surface).
  --scenario FILE        plan on top of a scenario (sailplan.scenario/1 JSON); with
                         --out, the written scenario holds its edits, then the picks

Planning:
  --objective NAME       nr-pop (default): population newly covered by NR
                         redcap-pop: population newly covered by RedCap
                         town-continuity: county-town zone area newly covered by RedCap
                         per10k: new 5G sites towards each area's per-10k shortfall
                         people-per-cost: population newly covered by NR per unit
                         cost (万元), under a count budget too
  --min-gain-people N    a pick must newly cover at least N people (people objectives)
  --budget N             number of picks
  --budget-cost X        total cost instead (costs per kind below)
  --cost-upgrade C       cost of a RedCap upgrade, 万元 (default ${DEFAULT_CANDIDATE_OPTIONS.costs.upgrade})
  --cost-colocate C      cost of NR on an LTE-only site, 万元 (default ${DEFAULT_CANDIDATE_OPTIONS.costs.colocate})
  --cost-new C           cost of a new site, 万元 (default ${DEFAULT_CANDIDATE_OPTIONS.costs.new});
                         the defaults are illustrative, not prices: set your own
  --kinds LIST           candidate kinds, comma-separated (default upgrade,colocate,new)
  --band BAND            NR band of co-located and new sites (default: by operator,
                         else the model's default band)
  --new-spacing METRES   new sites stand at each gap unit, at the settlements in it and
                         on the frontier of large units this far apart; only without
                         any gap unit on a lattice of this spacing (default 1000)
  --max-new N            most new-site candidates (default 2000)
  --cell-size METRES     grid cell size (default 100)
  --target-per-10k N     5G sites per 10,000 people to reach (default 38)
${GAP_UNIT_USAGE}
${DEM_USAGE}

Output:
  --out FILE             write the picks as a scenario (sailplan.scenario/1)
  --name TEXT            the scenario's name (default "plan: <objective>")
  --json                 the plan as JSON (schema "${PLAN_SCHEMA}") instead of a table
  -h, --help             this help

Exit status: 0 planned, 1 an input file could not be read, 2 usage error, 3 internal error.
`;

function numberOption(
  args: ParsedArgs,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const v = args.string(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(
      `--${name} must be a number from ${min} to ${max} (got "${cleanText(v, 40)}")`,
    );
  return n;
}

function wholeOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const n = numberOption(args, name, min, max);
  if (n !== undefined && !Number.isInteger(n))
    throw new UsageError(
      `--${name} must be a whole number (got "${cleanText(args.string(name)!, 40)}")`,
    );
  return n;
}

interface PlanArgs {
  objective: Objective;
  budget: Budget;
  costs: Record<CandidateKind, number>;
  kinds: CandidateKind[];
}

function planArgs(args: ParsedArgs): PlanArgs {
  const objective = (args.string('objective') ?? 'nr-pop') as Objective;
  if (!OBJECTIVES.includes(objective))
    throw new UsageError(
      `--objective must be one of ${OBJECTIVES.join(', ')} (got "${cleanText(objective, 40)}")`,
    );
  const picks = wholeOption(args, 'budget', 1, 100_000);
  const total = numberOption(args, 'budget-cost', 0, 1e12);
  if ((picks === undefined) === (total === undefined))
    throw new UsageError(
      'give a budget: --budget N (picks) or --budget-cost X (total cost), not both',
    );
  const costs: Record<CandidateKind, number> = {
    upgrade: numberOption(args, 'cost-upgrade', 0, 1e9) ?? DEFAULT_CANDIDATE_OPTIONS.costs.upgrade,
    colocate:
      numberOption(args, 'cost-colocate', 0, 1e9) ?? DEFAULT_CANDIDATE_OPTIONS.costs.colocate,
    new: numberOption(args, 'cost-new', 0, 1e9) ?? DEFAULT_CANDIDATE_OPTIONS.costs.new,
  };
  const kinds = (args.string('kinds') ?? CANDIDATE_KINDS.join(','))
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  for (const k of kinds)
    if (!(CANDIDATE_KINDS as readonly string[]).includes(k))
      throw new UsageError(
        `--kinds: unknown kind "${cleanText(k, 40)}" (kinds: ${CANDIDATE_KINDS.join(', ')})`,
      );
  if (kinds.length === 0) throw new UsageError('--kinds needs at least one kind');
  return {
    objective,
    budget: picks !== undefined ? { kind: 'count', picks } : { kind: 'cost', total: total! },
    costs,
    kinds: kinds as CandidateKind[],
  };
}

const fmt = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function planTable(p: Plan): string {
  const unit = p.unit === 'km2' ? 'km²' : p.unit;
  const digits = p.unit === 'km2' ? 2 : 0;
  const rows = p.picks.map((pk) => [
    String(pk.rank),
    pk.kind,
    cleanText(pk.siteId, 40),
    `${pk.lon.toFixed(5)},${pk.lat.toFixed(5)}`,
    fmt(pk.cost, 1),
    fmt(pk.gain, digits),
    fmt(pk.cumulative.objective, digits),
    fmt(pk.nrPopGain),
    `${pk.cumulative.nrPopPct.toFixed(2)}%`,
    `${pk.cumulative.redcapPopPct.toFixed(2)}%`,
  ]);
  const header = [
    'rank',
    'kind',
    'site',
    'lon,lat',
    'cost',
    `gain (${unit})`,
    'cumulative',
    'NR people',
    'NR pop',
    'RedCap pop',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const pct = (x: number) => (p.before.population > 0 ? (100 * x) / p.before.population : 0);
  const last = p.picks.at(-1)?.cumulative;
  return [
    `objective ${p.objective}; budget ${p.budget.kind === 'count' ? `${p.budget.picks} picks` : `cost ${p.budget.total}`}; candidates ${p.candidates.total} (upgrade ${p.candidates.byKind.upgrade}, colocate ${p.candidates.byKind.colocate}, new ${p.candidates.byKind.new})`,
    `before: NR pop ${pct(p.before.nrPop).toFixed(2)}%, RedCap pop ${pct(p.before.redcapPop).toFixed(2)}%`,
    '',
    line(header),
    ...rows.map(line),
    '',
    last
      ? `after ${p.picks.length} picks (cost ${fmt(last.cost, 1)}): ${p.objective} +${fmt(last.objective, digits)} ${unit}; NR pop ${last.nrPopPct.toFixed(2)}%, RedCap pop ${last.redcapPopPct.toFixed(2)}%`
      : 'no candidate gains anything for this objective',
    '',
  ].join('\n');
}

function planJson(p: Plan, params: AnalysisParams, scenarioFile: string | null) {
  return {
    schema: PLAN_SCHEMA,
    generated: new Date().toISOString(),
    objective: p.objective,
    unit: p.unit,
    budget: p.budget,
    params: { cell_size_m: params.cellSizeM, target_per_10k: params.targetPer10k },
    start_scenario: scenarioFile,
    candidates: p.candidates,
    before: p.before,
    evaluations: p.evaluations,
    picks: p.picks,
  };
}

/** `sailplan plan`: the greedy planner over the loaded region; optionally writes a scenario. */
export async function planCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (args.flag('help')) {
    io.stdout.write(PLAN_USAGE);
    return EXIT_OK;
  }
  const requests = inputRequests(args, io.cwd);
  const roles = new Set(requests.map((r) => r.role));
  if (!roles.has('areas') && !roles.has('townships'))
    throw new UsageError('plan needs --areas (or --townships), or --demo');
  if (!roles.has('stations')) throw new UsageError('plan needs --stations, or --demo');
  const pa = planArgs(args);
  const baseParams = analysisParams({
    cellSizeM: numberOption(args, 'cell-size', 10, 5000) ?? 100,
    targetPer10k: numberOption(args, 'target-per-10k', 0, 1000) ?? 38,
    gapUnits: gapUnitOptions(args),
  });
  const spacing = numberOption(args, 'new-spacing', 10, 100_000);
  const maxNew = wholeOption(args, 'max-new', 0, 1_000_000);
  const minGainPeople = numberOption(args, 'min-gain-people', 0, 1e9);
  const band = args.string('band');

  const start = await readScenarioOption(args, io, 'plan');
  if (start === 'failed') return EXIT_UNREADABLE;
  const params = withScenarioParams(baseParams, start, args);
  const region = await loadRegion(requests, io, 'plan');
  if (!region) return EXIT_UNREADABLE;
  const areas = region.counties.length > 0 ? region.counties : region.townships;
  const sites = applyScenario(region.sites, start);
  const pop = await openPopulationSources(args, io, 'plan', region.settlements);
  if (pop === 'failed') return EXIT_UNREADABLE;
  const population = await populationFor(pop, areas);
  const demRun = await readDemOption(args, io, 'plan', areas, params);
  if (demRun === 'failed') return EXIT_UNREADABLE;
  const t0 = performance.now();
  const ev = createEvaluator(areas, sites, params, {
    townships: region.counties.length > 0 ? region.townships : [],
    population,
    settlements: region.settlements,
    ...(demRun ? { terrain: demRun.terrain } : {}),
  });
  const result = plan(ev, {
    objective: pa.objective,
    budget: pa.budget,
    ...(minGainPeople !== undefined ? { minGainPeople } : {}),
    candidates: {
      kinds: pa.kinds,
      costs: pa.costs,
      ...(band !== undefined ? { band: band.trim() } : {}),
      ...(spacing !== undefined ? { newSpacingM: spacing } : {}),
      ...(maxNew !== undefined ? { maxNew } : {}),
    },
  });
  const ms = performance.now() - t0;
  io.stdout.write(
    args.flag('json')
      ? `${JSON.stringify(planJson(result, params, start ? start.file : null), null, 2)}\n`
      : planTable(result),
  );
  const out = args.string('out');
  if (out !== undefined) {
    const scenarioParams: ScenarioParams = {
      cellSizeM: params.cellSizeM,
      targetPer10k: params.targetPer10k,
    };
    const scenario = planToScenario(result, {
      name: args.string('name') ?? `plan: ${pa.objective}`,
      // The plan's edits follow the starting scenario's, on the same baseline stations.
      baseHash: stationsHash(region.sites),
      params: scenarioParams,
    });
    if (start) scenario.edits = [...start.scenario.edits, ...scenario.edits];
    writeFileSync(path.resolve(io.cwd, out), serializeScenario(scenario));
    io.stderr.write(
      `sailplan plan: wrote ${out} (${scenario.edits.length} edits; planned in ${ms.toFixed(0)} ms)\n`,
    );
  }
  return EXIT_OK;
}
