import { DEFAULT_TARGET_PER_10K } from '../per10k';
import { DEFAULT_MODEL_PARAMS, type ModelParams } from '../model/params';
import type { GapUnitParams } from './gap-units';

/** Grid and rule parameters of an analysis; the model's own live in ModelParams. */
export interface AnalysisParams {
  model: ModelParams;
  /** Cell size of the area grid (m): 100 at county scale, 250 for province overviews. */
  cellSizeM: number;
  /** Finer cell size inside county-town zones for the continuity check (m). */
  townCellSizeM: number;
  /** Radius of the county-town zone around the seat when no 街道 polygons exist (m). */
  townZoneRadiusM: number;
  targetPer10k: number;
  /** Continuity: at least this share of the zone's area covered (0–100)… */
  continuityMinAreaPct: number;
  /** …and no 8-connected uncovered gap larger than this (km²). */
  continuityMaxGapKm2: number;
  /** Gap units (gap-units.ts); DEFAULT_GAP_UNIT_PARAMS for what is not given. */
  gapUnits?: Partial<GapUnitParams>;
}

export const DEFAULT_ANALYSIS_PARAMS: Readonly<Omit<AnalysisParams, 'model'>> = Object.freeze({
  cellSizeM: 100,
  townCellSizeM: 50,
  townZoneRadiusM: 3000,
  targetPer10k: DEFAULT_TARGET_PER_10K,
  continuityMinAreaPct: 95,
  continuityMaxGapKm2: 0.25,
});

export function analysisParams(over: Partial<AnalysisParams> = {}): AnalysisParams {
  return { model: DEFAULT_MODEL_PARAMS as ModelParams, ...DEFAULT_ANALYSIS_PARAMS, ...over };
}
