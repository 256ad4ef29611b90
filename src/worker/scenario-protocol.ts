import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AreaResult } from '../core/analysis/analyze';
import type { GapFeatureProps } from '../core/analysis/result-features';
import type { CandidateKind } from '../core/planner/candidates';
import type { PlanOutcome } from '../core/planner/outcome';
import type { Plan } from '../core/planner/plan';
import type { EditIssue } from '../core/scenario/apply';
import type { AreaDelta } from '../core/scenario/compare';
import type { LogEntry } from '../core/scenario/edit-log';
import type { EditImpact } from '../core/scenario/impact';
import type { SiteDiff } from '../core/scenario/site-diff';
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
  /** The edits as the log shows them (a group is one entry), each with its impact. */
  log: LogEntry[];
  /** Every edit's impact together (null without edits or before it was measured). */
  total: EditImpact | null;
  /** People of every area outside NR / RedCap coverage in the scenario now. */
  uncovered: { nr: number; redcap: number };
  /**
   * What the touched sites cover now (and what moved or removed ones covered before), as
   * outlines: a GeoJSON object from the service, turned into a blob: URL by the worker's
   * API (footprintsUrl) so the page never parses it. `footprintSites` were drawn of
   * `sites.length` (beyond a cap only markers are drawn).
   */
  footprints: FeatureCollection<MultiPolygon, FootprintProps> | null;
  footprintsUrl: string | null;
  footprintSites: number;
}

/** One layer of one site's footprint: now, or before the scenario moved or removed it. */
export interface FootprintProps {
  site: string;
  layer: 'nr' | 'redcap';
  change: SiteChangeKind;
  state: 'now' | 'before';
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
  /** Per side: its site changes against the baseline, people newly covered, its gaps. */
  sides: Record<'a' | 'b', CompareSideView>;
  /** Every site that differs between A and B, where it is, to zoom to. */
  places: ChangedPlace[];
  /** The area (township or county name) of every site either side touches, by id. */
  placeOf: Record<string, string>;
  /** WGS-84 [west, south, east, north] of every cell and site that differs, or null. */
  changesBbox: [number, number, number, number] | null;
  elapsedMs: number;
}

export interface CompareSideView {
  /** Site changes of the side against the baseline (a baseline side has none). */
  changes: SiteDiff[];
  /** People newly covered against the baseline (negative: coverage lost). */
  nrPeople: number;
  redcapPeople: number;
  nrUncovered: number;
  /** The side's largest NR gaps, as the analysis outlines them. */
  gaps: FeatureCollection<Polygon | MultiPolygon, GapFeatureProps>;
}

export interface ChangedPlace {
  id: string;
  /** The area (township or county) holding the site. */
  place: string;
  /** How each side has the site, against the baseline (empty: as in the baseline). */
  a: SiteDiff['kinds'];
  b: SiteDiff['kinds'];
  lon: number;
  lat: number;
  /** Where the site stands on each side (null: it does not exist there). */
  at: Record<'a' | 'b', [number, number] | null>;
  /** WGS-84 box of what the site covers on either side (its position when nothing). */
  bbox: [number, number, number, number];
}

export type CompareStage = 'a' | 'b' | 'delta' | 'images';

export interface CompareProgress {
  jobId: string;
  stage: CompareStage;
  fraction: number;
}

export type CompareOutcome =
  | { status: 'ok'; comparison: ComparisonView }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export type PlannerStage = 'prepare' | 'candidates' | 'greedy' | 'outcome';

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
  /** 万元 per site (core/planner/costs.ts). */
  costs: Record<CandidateKind, number>;
  /** The word in new sites' ids, in the page's language ("玉树市-新建-1"). */
  newIdWord?: string;
}

export type PlannerOutcome =
  | { status: 'ok'; plan: Plan; outcome: PlanOutcome; elapsedMs: number }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };
