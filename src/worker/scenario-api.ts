import type { AnalysisParams } from '../core/analysis/params';
import type { Scenario, ScenarioEdit, ScenarioStation } from '../core/scenario/types';
import { pngUrl } from './analysis-api';
import type {
  CompareOutcome,
  CompareProgress,
  PlannerOutcome,
  PlannerProgress,
  PlannerRequest,
  ScenarioSiteInfo,
  ScenarioView,
} from './scenario-protocol';
import { ScenarioService } from './scenario-service';
import { jobs, workspace } from './worker-state';

// Scenario editing, comparison and the planner over the loaded baseline (issue 5). The
// service keeps one evaluator and one open scenario; every call returns plain objects.

const service = new ScenarioService(workspace, {
  encodeImage: pngUrl,
  revokeImage: (url) => URL.revokeObjectURL(url),
});

// The footprints of a view, as a blob: URL maplibre's own worker fetches and parses: the
// page never holds them as objects (a scenario of a hundred upgraded sites is thousands
// of rings). The last few stay valid: the map may still be fetching one when quick edits
// (a drag, undo pressed twice) have made newer ones.
const FOOTPRINT_URLS_KEPT = 4;
const footprintUrls: string[] = [];

function withFootprintUrl(view: ScenarioView): ScenarioView {
  const url = view.footprints
    ? URL.createObjectURL(
        new Blob([JSON.stringify(view.footprints)], { type: 'application/geo+json' }),
      )
    : null;
  if (url) footprintUrls.push(url);
  while (footprintUrls.length > FOOTPRINT_URLS_KEPT) URL.revokeObjectURL(footprintUrls.shift()!);
  return { ...view, footprints: null, footprintsUrl: url };
}

async function job<T>(jobId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  jobs.set(jobId, controller);
  try {
    return await run(controller.signal);
  } finally {
    jobs.delete(jobId);
  }
}

export const scenarioApi = {
  scenarioOpen(scenario: Scenario, params: AnalysisParams, key: string): ScenarioView {
    return withFootprintUrl(service.open(scenario, params, key));
  },
  scenarioClose(): void {
    service.close();
  },
  scenarioApply(edits: ScenarioEdit[]): ScenarioView {
    return withFootprintUrl(service.apply(edits));
  },
  scenarioAdd(station: Omit<ScenarioStation, 'id'>, word?: string): ScenarioView {
    return withFootprintUrl(service.add(station, word));
  },
  scenarioUpgradeArea(code: string): ScenarioView {
    return withFootprintUrl(service.upgradeArea(code));
  },
  scenarioUndo(): ScenarioView {
    return withFootprintUrl(service.undo());
  },
  scenarioRedo(): ScenarioView {
    return withFootprintUrl(service.redo());
  },
  scenarioSite(id: string): ScenarioSiteInfo | null {
    return service.site(id);
  },
  stationPosition(id: string): [number, number] | null {
    return service.stationPosition(id);
  },
  scenarioCompare(
    jobId: string,
    a: Scenario | null,
    b: Scenario | null,
    params: AnalysisParams,
    onProgress: (p: CompareProgress) => void,
  ): Promise<CompareOutcome> {
    return job(jobId, (signal) => service.compare(a, b, params, jobId, onProgress, signal));
  },
  scenarioPlan(
    req: PlannerRequest,
    params: AnalysisParams,
    onProgress: (p: PlannerProgress) => void,
  ): Promise<PlannerOutcome> {
    return job(req.jobId, (signal) => service.plan(req, params, onProgress, signal));
  },
  /** Cancels a running comparison or plan by its job id. */
  scenarioCancel(jobId: string): void {
    jobs.get(jobId)?.abort();
  },
  scenarioCancelPlan(jobId: string): void {
    jobs.get(jobId)?.abort();
  },
};
