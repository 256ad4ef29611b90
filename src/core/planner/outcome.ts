import type { AreaResult } from '../analysis/analyze';
import type { ScenarioEvaluator } from '../scenario/evaluator';
import { createSession } from '../scenario/session';
import { emptyScenario } from '../scenario/types';
import type { Plan } from './plan';

/**
 * Where the plan leaves the region: the county towns whose RedCap coverage becomes (or
 * stops being) continuous, the areas that reach the per-10k target, and the headline
 * figures before and after — read from the evaluator's own results with the picks
 * applied, then undone, so the numbers are the analysis', not the planner's estimate.
 */
export interface PlanOutcome {
  /** County towns whose verdict changes (continuous after = true: it becomes continuous). */
  towns: { code: string; name: string; continuous: boolean }[];
  /** Areas below the per-10k target before that reach it after. */
  targetsMet: { code: string; name: string; before: number | null; after: number | null }[];
  /** Counts over the top-level areas, before and after. */
  continuous: { before: number; after: number; zones: number };
  belowTarget: { before: number; after: number };
  target: number;
  nrPopPct: { before: number; after: number };
  redcapPopPct: { before: number; after: number };
  sitesNeeded: { before: number | null; after: number | null };
}

const below = (a: AreaResult) => a.sitesNeeded !== null && a.sitesNeeded > 0;

export function planOutcome(ev: ScenarioEvaluator, plan: Plan): PlanOutcome {
  const before = ev.results();
  const session = createSession(ev, emptyScenario('plan', null), { impacts: false });
  session.apply(plan.picks.map((p) => p.edit));
  let after: typeof before;
  try {
    after = ev.results();
  } finally {
    session.undo();
  }
  const towns: PlanOutcome['towns'] = [];
  const targetsMet: PlanOutcome['targetsMet'] = [];
  before.areas.forEach((b, i) => {
    const a = after.areas[i];
    if (b.townZone && a.townZone && b.townZone.continuous !== a.townZone.continuous)
      towns.push({ code: a.code, name: a.name, continuous: a.townZone.continuous });
    if (below(b) && a.sitesNeeded === 0)
      targetsMet.push({ code: a.code, name: a.name, before: b.sitesPer10k, after: a.sitesPer10k });
  });
  const count = (r: typeof before, f: (a: AreaResult) => boolean) => r.areas.filter(f).length;
  return {
    towns,
    targetsMet,
    continuous: {
      before: count(before, (a) => a.townZone?.continuous === true),
      after: count(after, (a) => a.townZone?.continuous === true),
      zones: count(before, (a) => a.townZone !== null),
    },
    belowTarget: { before: count(before, below), after: count(after, below) },
    target: ev.params.targetPer10k,
    nrPopPct: { before: before.totals.coverage.nr.popPct, after: after.totals.coverage.nr.popPct },
    redcapPopPct: {
      before: before.totals.coverage.redcap.popPct,
      after: after.totals.coverage.redcap.popPct,
    },
    sitesNeeded: { before: before.totals.sitesNeeded, after: after.totals.sitesNeeded },
  };
}
