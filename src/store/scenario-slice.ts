import type { StateCreator } from 'zustand';
import { DEFAULT_UNIT_COSTS, type UnitCosts } from '../core/planner/costs';
import type { PlanOutcome } from '../core/planner/outcome';
import type { Plan } from '../core/planner/plan';
import type { ScenarioStation } from '../core/scenario/types';
import type {
  CompareStage,
  ComparisonView,
  PlannerStage,
  ScenarioView,
} from '../worker/scenario-protocol';
import type { ScenarioRecord } from './scenario-storage';
import type { AppState } from './store';
import type { MapFocus } from './ui-slice';

/** One side of a comparison: the baseline or a saved scenario by id. */
export type CompareSide = 'baseline' | string;

/** A translated message: an i18n key under `scenarios.` and its values. */
export interface ScenarioMessage {
  key: string;
  params?: Record<string, string | number>;
}

/** What a click on the map does while a scenario is open. */
export type ScenarioTool = 'none' | 'add' | 'pick';

export interface PlannerJob {
  jobId: string;
  stage: PlannerStage;
  fraction: number;
}

export interface CompareJob {
  jobId: string;
  stage: CompareStage;
  fraction: number;
}

/**
 * Scenarios (issue 5): the saved list, the one open in the worker with its metrics and
 * undo state, the last comparison, and the planner. Scenario records are small (edits
 * only); the metrics come back from the worker after every step.
 */
export interface ScenarioSlice {
  scenarios: ScenarioRecord[];
  activeScenarioId: string | null;
  /** The open scenario as the worker evaluated it (null: none open, or not yet). */
  scenarioView: ScenarioView | null;
  /** A worker call on the open scenario is under way (edits wait for it). */
  scenarioBusy: boolean;
  scenarioMessage: ScenarioMessage | null;
  scenarioTool: ScenarioTool;
  /** Radio of a site added by a map click (the add form's band, height, azimuth, RedCap). */
  scenarioAddTemplate: Omit<ScenarioStation, 'id' | 'lon' | 'lat'>;
  /** Site id the edit form works on (typed, or picked on the map). */
  pickedSiteId: string | null;
  /** The last share link made (shown to copy), with the id of its scenario. */
  shareLink: { id: string; url: string } | null;
  compareSides: { a: CompareSide; b: CompareSide };
  comparison: ComparisonView | null;
  /** A comparison running in the worker (progress bar, cancel), or null. */
  compareJob: CompareJob | null;
  /** Why the last comparison did not finish (cancelled, failed), or null. */
  compareMessage: ScenarioMessage | null;
  /** A changed place to show on the side-by-side maps (zoom to changes). */
  compareFocus: MapFocus | null;
  /** Show the comparison's gained/lost cells on the map, and for which layer. */
  deltaLayer: 'nr' | 'redcap' | null;
  /** The sides the shown comparison was run on (the pickers may have moved on since). */
  comparedSides: { a: CompareSide; b: CompareSide } | null;
  /** The two synced side-by-side maps are open over the main map, showing this layer. */
  compareMapsOpen: boolean;
  compareMapsLayer: 'nr' | 'redcap';
  plannerJob: PlannerJob | null;
  plan: Plan | null;
  /** Where the plan leaves the region (towns made continuous, targets met). */
  planOutcome: PlanOutcome | null;
  planElapsedMs: number | null;
  planMessage: ScenarioMessage | null;
  /** 万元 per site, per kind of change: the planner's budget and the comparison's costs. */
  unitCosts: UnitCosts;
  /** Draw the touched sites' footprints on the map. */
  footprintsShown: boolean;
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = () => ({
  scenarios: [],
  activeScenarioId: null,
  scenarioView: null,
  scenarioBusy: false,
  scenarioMessage: null,
  scenarioTool: 'none',
  scenarioAddTemplate: { redcap: true },
  pickedSiteId: null,
  shareLink: null,
  compareSides: { a: 'baseline', b: 'baseline' },
  comparison: null,
  compareJob: null,
  compareMessage: null,
  compareFocus: null,
  deltaLayer: 'nr',
  comparedSides: null,
  compareMapsOpen: false,
  compareMapsLayer: 'nr',
  plannerJob: null,
  plan: null,
  planOutcome: null,
  planElapsedMs: null,
  planMessage: null,
  unitCosts: { ...DEFAULT_UNIT_COSTS },
  footprintsShown: true,
});
