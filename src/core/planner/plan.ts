import { cellAreaKm2 } from '../grid/grid';
import type { ScenarioEvaluator } from '../scenario/evaluator';
import { placeNames, readableSiteId } from '../scenario/site-names';
import {
  SCENARIO_SCHEMA,
  type Scenario,
  type ScenarioEdit,
  type ScenarioParams,
} from '../scenario/types';
import {
  generateCandidates,
  type Candidate,
  type CandidateKind,
  type CandidateOptions,
} from './candidates';
import type { CandidateSource } from './gap-candidates';
import { CoverageState, lazyGreedy, type Budget, type CoverageProblem } from './greedy';

/**
 * The planner (issue 5): which upgrades, co-locations and new sites buy the most, under
 * a budget, for one objective:
 * - 'nr-pop': population newly covered by NR;
 * - 'redcap-pop': population newly covered by RedCap;
 * - 'town-continuity': county-town zone area newly covered by RedCap (km²);
 * - 'per10k': new 5G sites counted towards each area's shortfall from the per-10k
 *   target (a site beyond the shortfall counts nothing, and planning stops when every
 *   shortfall is met), ties broken by NR population;
 * - 'people-per-cost': population newly covered by NR per unit cost (cheap picks that
 *   reach people first, under a count budget too).
 */
export const OBJECTIVES = [
  'nr-pop',
  'redcap-pop',
  'town-continuity',
  'per10k',
  'people-per-cost',
] as const;
export type Objective = (typeof OBJECTIVES)[number];

export interface PlanOptions {
  objective: Objective;
  budget: Budget;
  candidates?: Partial<CandidateOptions>;
  /** The word in the ids of new sites ("玉树市-新建-1"); default 新建. */
  newIdWord?: string;
  /** People objectives: a pick must newly cover at least this many people. */
  minGainPeople?: number;
}

export interface PlanPick {
  rank: number;
  id: string;
  kind: CandidateKind;
  siteId: string;
  lon: number;
  lat: number;
  cost: number;
  /** Marginal gain in the objective's unit (people, km², sites). */
  gain: number;
  nrPopGain: number;
  redcapPopGain: number;
  /** The scenario edit that carries the pick out. */
  edit: ScenarioEdit;
  /** New sites: where the candidate came from. */
  source?: CandidateSource;
  /** Settlement points the pick newly covers (NR), most people first. */
  settlements: string[];
  cumulative: {
    objective: number;
    cost: number;
    nrPop: number;
    redcapPop: number;
    /** 0–100 of the region's population on the grid. */
    nrPopPct: number;
    redcapPopPct: number;
  };
}

export interface Plan {
  objective: Objective;
  /** Unit of `gain` and `cumulative.objective`. */
  unit: 'people' | 'km2' | 'sites';
  budget: Budget;
  candidates: {
    total: number;
    byKind: Record<CandidateKind, number>;
    /** New-site candidates by where they came from. */
    bySource: Record<CandidateSource, number>;
  };
  before: { nrPop: number; redcapPop: number; population: number };
  picks: PlanPick[];
  /** Marginal-gain evaluations the lazy greedy made (plain greedy: candidates × picks). */
  evaluations: number;
}

const UNITS: Record<Objective, Plan['unit']> = {
  'nr-pop': 'people',
  'redcap-pop': 'people',
  'town-continuity': 'km2',
  per10k: 'sites',
  'people-per-cost': 'people',
};

/** Covered cells per layer (1/0) of the evaluator's current state. */
function coveredCells(ev: ScenarioEvaluator): { nr: Uint8Array; redcap: Uint8Array } {
  const { grid } = ev.region;
  const n = grid.cols * grid.rows;
  const nr = new Uint8Array(n);
  const redcap = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (grid.nr[i] !== 0) nr[i] = 1;
    if (grid.redcap[i] !== 0) redcap[i] = 1;
  }
  return { nr, redcap };
}

/**
 * The coverage problem of an objective on the evaluator's current state. Population
 * weights are the grid's own (zero outside every area); zone area is counted in cells
 * (exact integers) and converted to km² in the plan.
 */
export function planningProblem(
  ev: ScenarioEvaluator,
  objective: Objective,
  covered = coveredCells(ev),
): CoverageProblem {
  const { grid, zone } = ev.region;
  const base = {
    cols: grid.cols,
    nrCovered: covered.nr,
    redcapCovered: covered.redcap,
    need: null,
    needWeight: 0,
  };
  switch (objective) {
    case 'nr-pop':
      return { ...base, nrWeight: grid.weight, redcapWeight: null };
    case 'people-per-cost':
      return { ...base, nrWeight: grid.weight, redcapWeight: null, perCost: true };
    case 'redcap-pop':
      return { ...base, nrWeight: null, redcapWeight: grid.weight };
    case 'town-continuity': {
      const w = new Uint8Array(zone.length);
      for (let i = 0; i < w.length; i++) if (zone[i] && grid.label[i] !== 0) w[i] = 1;
      return { ...base, nrWeight: null, redcapWeight: w };
    }
    case 'per10k': {
      // The NR tie-break adds less than 1 in total, so one site always outweighs it.
      let total = 0;
      for (let i = 0; i < grid.weight.length; i++) total += grid.weight[i];
      const need = ev.results().areas.map((a) => a.sitesNeeded ?? 0);
      return {
        ...base,
        nrWeight: grid.weight,
        nrScale: 1 / (total + 1),
        redcapWeight: null,
        need,
        needWeight: 1,
        // Past every shortfall only the tie-break is left: not worth a site.
        minGain: 1,
      };
    }
  }
}

export function plan(ev: ScenarioEvaluator, options: PlanOptions): Plan {
  const cands = generateCandidates(ev, options.candidates);
  return planWithCandidates(ev, cands, options);
}

/** A gain in the objective's unit: zone cells → km², per-10k without its tie-break. */
function inUnit(ev: ScenarioEvaluator, objective: Objective, gain: number): number {
  if (objective === 'town-continuity') return gain * cellAreaKm2(ev.region.grid);
  if (objective === 'per10k') return Math.floor(gain + 1e-9);
  return gain;
}

export function planWithCandidates(
  ev: ScenarioEvaluator,
  cands: readonly Candidate[],
  options: PlanOptions,
): Plan {
  const covered = coveredCells(ev);
  const problem = planningProblem(ev, options.objective, covered);
  if (options.minGainPeople !== undefined && UNITS[options.objective] === 'people')
    problem.minGain = Math.max(problem.minGain ?? 0, options.minGainPeople);
  const coveredSettlements = settlementCells(ev);
  const { picks, stats } = lazyGreedy(problem, cands, options.budget);
  // Population gains per pick, whatever the objective, for the ranked list.
  const weights = ev.region.grid.weight;
  const popProblem = planningProblem(ev, 'nr-pop', covered);
  const nrState = new CoverageState(popProblem);
  const rcState = new CoverageState({ ...popProblem, nrWeight: null, redcapWeight: weights });
  let population = 0;
  let nrPop = 0;
  let rcPop = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w === 0) continue;
    population += w;
    if (covered.nr[i]) nrPop += w;
    if (covered.redcap[i]) rcPop += w;
  }
  const before = { nrPop, redcapPop: rcPop, population };
  const pct = (x: number) => (population > 0 ? (100 * x) / population : 0);
  let objectiveSum = 0;
  let cost = 0;
  const out: PlanPick[] = picks.map((pk, k) => {
    const c = cands[pk.index];
    const nrPopGain = nrState.gain(c);
    const redcapPopGain = rcState.gain(c);
    const settlements = coveredSettlements(c.nr, nrState.nrCov);
    nrState.take(c);
    rcState.take(c);
    nrPop += nrPopGain;
    rcPop += redcapPopGain;
    objectiveSum += pk.gain;
    cost += c.cost;
    return {
      rank: k + 1,
      id: c.id,
      kind: c.kind,
      siteId: c.siteId,
      lon: c.lon,
      lat: c.lat,
      cost: c.cost,
      gain: inUnit(ev, options.objective, pk.gain),
      nrPopGain,
      redcapPopGain,
      edit: c.edit,
      ...(c.source ? { source: c.source } : {}),
      settlements,
      cumulative: {
        objective: inUnit(ev, options.objective, objectiveSum),
        cost,
        nrPop,
        redcapPop: rcPop,
        nrPopPct: pct(nrPop),
        redcapPopPct: pct(rcPop),
      },
    };
  });
  nameNewSites(ev, out, options.newIdWord ?? '新建');
  const byKind: Record<CandidateKind, number> = { upgrade: 0, colocate: 0, new: 0 };
  const bySource: Record<CandidateSource, number> = {
    'gap-units': 0,
    settlements: 0,
    lattice: 0,
  };
  for (const c of cands) {
    byKind[c.kind]++;
    if (c.source) bySource[c.source]++;
  }
  return {
    objective: options.objective,
    unit: UNITS[options.objective],
    budget: options.budget,
    candidates: { total: cands.length, byKind, bySource },
    before,
    picks: out,
    evaluations: stats.evaluations,
  };
}

/**
 * New sites get readable ids in rank order: the first settlement they cover, else the
 * place they stand in, and a number (site-names.ts), instead of the candidate's grid position.
 */
function nameNewSites(ev: ScenarioEvaluator, picks: PlanPick[], word: string): void {
  const fresh = picks.filter((p) => p.kind === 'new' && p.edit.op === 'add');
  if (fresh.length === 0) return;
  const names = placeNames(
    ev,
    fresh.map((p) => p.lon),
    fresh.map((p) => p.lat),
  );
  const taken = new Set(ev.sites.keys());
  fresh.forEach((p, i) => {
    if (p.edit.op !== 'add') return;
    const id = readableSiteId(taken, p.settlements[0] ?? names[i], word);
    taken.add(id);
    p.siteId = id;
    p.id = `new:${id}`;
    p.edit = { op: 'add', station: { ...p.edit.station, id } };
  });
}

/**
 * A function naming the settlements a pick's NR spans newly cover (cells not yet covered
 * in `cov`), most people first; the evaluator's settlements indexed by row.
 */
function settlementCells(ev: ScenarioEvaluator): (spans: Int32Array, cov: Uint8Array) => string[] {
  const { grid } = ev.region;
  const byRow = new Map<number, { c: number; name: string; people: number }[]>();
  for (const s of ev.settlements) {
    const [x, y] = grid.projection.forward(s.position[0], s.position[1]);
    const c = Math.floor((x - grid.x0) / grid.cellSize);
    const r = Math.floor((y - grid.y0) / grid.cellSize);
    if (c < 0 || r < 0 || c >= grid.cols || r >= grid.rows) continue;
    const list = byRow.get(r) ?? [];
    list.push({ c, name: s.name, people: s.population ?? 0 });
    byRow.set(r, list);
  }
  return (spans, cov) => {
    if (byRow.size === 0) return [];
    const hit: { name: string; people: number }[] = [];
    for (let k = 0; k < spans.length; k += 3) {
      const list = byRow.get(spans[k]);
      if (!list) continue;
      for (const p of list)
        if (p.c >= spans[k + 1] && p.c <= spans[k + 2] && !cov[spans[k] * grid.cols + p.c])
          hit.push(p);
    }
    return hit
      .sort((a, b) => b.people - a.people || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((p) => p.name);
  };
}

/** The plan's picks as a scenario, in rank order (one click in the UI). */
export function planToScenario(
  p: Plan,
  base: { name: string; baseHash: string | null; params?: ScenarioParams; created?: Date },
): Scenario {
  return {
    schema: SCENARIO_SCHEMA,
    name: base.name,
    created: (base.created ?? new Date()).toISOString(),
    base: { stations: base.baseHash },
    params: base.params ?? {},
    edits: p.picks.map((pk) => pk.edit),
  };
}
