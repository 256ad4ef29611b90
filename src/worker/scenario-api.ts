import type { AnalysisParams } from '../core/analysis/params';
import type { Scenario, ScenarioEdit, ScenarioStation } from '../core/scenario/types';
import { pngUrl } from './analysis-api';
import type {
  ComparisonView,
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

export const scenarioApi = {
  scenarioOpen(scenario: Scenario, params: AnalysisParams, key: string): ScenarioView {
    return service.open(scenario, params, key);
  },
  scenarioClose(): void {
    service.close();
  },
  scenarioApply(edits: ScenarioEdit[]): ScenarioView {
    return service.apply(edits);
  },
  scenarioAdd(station: Omit<ScenarioStation, 'id'>): ScenarioView {
    return service.add(station);
  },
  scenarioUpgradeArea(code: string): ScenarioView {
    return service.upgradeArea(code);
  },
  scenarioUndo(): ScenarioView {
    return service.undo();
  },
  scenarioRedo(): ScenarioView {
    return service.redo();
  },
  scenarioSite(id: string): ScenarioSiteInfo | null {
    return service.site(id);
  },
  scenarioCompare(
    a: Scenario | null,
    b: Scenario | null,
    params: AnalysisParams,
  ): Promise<ComparisonView> {
    return service.compare(a, b, params);
  },
  async scenarioPlan(
    req: PlannerRequest,
    params: AnalysisParams,
    onProgress: (p: PlannerProgress) => void,
  ): Promise<PlannerOutcome> {
    const controller = new AbortController();
    jobs.set(req.jobId, controller);
    try {
      return await service.plan(req, params, onProgress, controller.signal);
    } finally {
      jobs.delete(req.jobId);
    }
  },
  scenarioCancelPlan(jobId: string): void {
    jobs.get(jobId)?.abort();
  },
};
