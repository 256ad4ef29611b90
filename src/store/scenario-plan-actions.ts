import * as Comlink from 'comlink';
import i18next from 'i18next';
import type { CandidateKind } from '../core/planner/candidates';
import type { UnitCosts } from '../core/planner/costs';
import type { Budget } from '../core/planner/greedy';
import { planToScenario, type Objective } from '../core/planner/plan';
import { workerApi } from '../worker/client';
import type { PlannerProgress } from '../worker/scenario-protocol';
import {
  activateScenario,
  addRecord,
  currentParams,
  errorText,
  scenarioParams,
} from './scenario-actions';
import { useAppStore } from './store';

// Planner actions (issue 5, 14): unit costs, running the planner in the worker with
// progress and cancel, and turning its picks into a scenario.

const { getState, setState } = useAppStore;

export interface PlannerSettings {
  objective: Objective;
  budget: Budget;
  kinds: CandidateKind[];
  costs: Record<CandidateKind, number>;
}

/** Unit costs (万元 per site) for the planner and the comparison's cost totals. */
export function setUnitCosts(costs: Partial<UnitCosts>): void {
  setState((st) => ({ unitCosts: { ...st.unitCosts, ...costs } }));
}

let planCounter = 0;

export async function runPlanner(s: PlannerSettings): Promise<void> {
  if (getState().plannerJob) return;
  const jobId = `plan-${++planCounter}`;
  setState({
    plannerJob: { jobId, stage: 'prepare', fraction: 0 },
    planMessage: null,
    plan: null,
    planOutcome: null,
    planElapsedMs: null,
  });
  const onProgress = Comlink.proxy((p: PlannerProgress) => {
    const job = getState().plannerJob;
    if (job?.jobId === p.jobId) setState({ plannerJob: { ...job, ...p } });
  });
  try {
    const out = await workerApi().scenarioPlan(
      { jobId, ...s, newIdWord: i18next.t('scenarios.newIdWord') },
      currentParams(),
      onProgress,
    );
    if (out.status === 'ok')
      setState({ plan: out.plan, planOutcome: out.outcome, planElapsedMs: out.elapsedMs });
    else if (out.status === 'cancelled')
      setState({ planMessage: { key: 'scenarios.planner.cancelled' } });
    else
      setState({
        planMessage: { key: 'scenarios.errors.worker', params: { reason: out.message } },
      });
  } catch (e) {
    setState({ planMessage: { key: 'scenarios.errors.worker', params: { reason: errorText(e) } } });
  } finally {
    setState({ plannerJob: null });
  }
}

export function cancelPlanner(): void {
  const job = getState().plannerJob;
  if (job) void workerApi().scenarioCancelPlan(job.jobId);
}

/**
 * The plan as a new scenario: the open scenario's edits (the plan was made on top of
 * them) followed by the picks in rank order.
 */
export async function scenarioFromPlan(name?: string): Promise<string | null> {
  const plan = getState().plan;
  if (!plan) return null;
  const view = getState().scenarioView;
  const base = view ? view.scenario.edits : [];
  const scenario = planToScenario(plan, {
    name: name?.trim() || i18next.t('scenarios.planner.scenarioName', { n: plan.picks.length }),
    baseHash: view?.baseHash ?? null,
    params: scenarioParams(currentParams()),
  });
  scenario.edits = [...base, ...scenario.edits];
  const rec = addRecord(scenario);
  await activateScenario(rec.id);
  return rec.id;
}
