import type { AreaResult } from '../core/analysis/analyze';
import type { CandidateKind } from '../core/planner/candidates';
import type { Plan } from '../core/planner/plan';
import type { EditIssue } from '../core/scenario/apply';
import type { AreaDelta } from '../core/scenario/compare';
import type { Scenario } from '../core/scenario/types';

/**
 * What the scenario API (scenario-api.ts) sends the page: plain objects only, so they
 * cross the worker boundary by structured clone.
 */

/** How a scenario changed a site, for the map and the edit list. */
export type SiteChangeKind = 'added' | 'updated' | 'removed';

/** A site as the edit form and the map need it: position and the radio of its first NR cell. */
export interface ScenarioSiteInfo {
  id: string;
  lon: number;
  lat: number;
  is5g: boolean;
  isRedcap: boolean;
  hasLte: boolean;
  band: string | null;
  heightM: number | null;
  powerDbm: number | null;
  /** Azimuths of the NR cells (null = omni). */
  azimuths: (number | null)[];
  /** Set for sites the scenario touches; null for untouched baseline sites. */
  change: SiteChangeKind | null;
}

/** The open scenario after a step: metrics as AnalysisResults.counties, and what undo can do. */
export interface ScenarioView {
  scenario: Scenario;
  /** Top-level areas (counties, or townships when no counties are loaded). */
  areas: AreaResult[];
  totals: AreaResult;
  canUndo: boolean;
  canRedo: boolean;
  /** Edits of the last step (or of the opened scenario) that could not apply. */
  issues: EditIssue[];
  /** Engine time of the step (ms): the edit and reading every metric back. */
  engineMs: number;
  /** Content hash of the stations loaded now; a scenario made on others says so. */
  baseHash: string;
  /** Sites the scenario adds, changes or removes. */
  sites: ScenarioSiteInfo[];
}

/**
 * A comparison layer as a map image source: a delta (green gained, red lost) or one side's
 * coverage; transparent elsewhere.
 */
export interface DeltaImage {
  layer: 'nr' | 'redcap';
  url: string | null;
  coordinates: [[number, number], [number, number], [number, number], [number, number]];
  width: number;
  height: number;
}

export interface ComparisonView {
  areas: AreaDelta[];
  totals: AreaDelta;
  /** The two sides' area results (charts show them before/after). */
  before: AreaResult[];
  after: AreaResult[];
  targetPer10k: number;
  /** Cells gained and lost per layer, and the km² of one cell. */
  cells: {
    nrGained: number;
    nrLost: number;
    redcapGained: number;
    redcapLost: number;
    cellKm2: number;
  };
  images: DeltaImage[];
  /**
   * Each side's own coverage (covered cells in the analysis colours), on the same pixels
   * and corners as the delta images: the side-by-side maps show A left, B right.
   */
  sideImages: Record<'a' | 'b', DeltaImage[]>;
  elapsedMs: number;
}

export type PlannerStage = 'prepare' | 'candidates' | 'greedy';

export interface PlannerProgress {
  jobId: string;
  stage: PlannerStage;
  fraction: number;
}

export interface PlannerRequest {
  jobId: string;
  objective: Plan['objective'];
  budget: Plan['budget'];
  kinds: CandidateKind[];
  costs: Record<CandidateKind, number>;
}

export type PlannerOutcome =
  | { status: 'ok'; plan: Plan; elapsedMs: number }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };
