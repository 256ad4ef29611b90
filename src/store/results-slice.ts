import type { StateCreator } from 'zustand';
import { analysisParams, type AnalysisParams } from '../core/analysis/params';
import type { AnalysisResults, AnalysisStage } from '../worker/protocol';
import type { AppState } from './store';

/** A running analysis, for the progress bar and cancel. */
export interface AnalysisJob {
  runId: number;
  stage: AnalysisStage;
  fraction: number;
}

/**
 * Analysis results from the worker, and the parameters the next run will use. `params`
 * is what the user set; `results.params` is what made the numbers on screen — they differ
 * while a run is under way.
 */
export interface ResultsSlice {
  params: AnalysisParams;
  results: AnalysisResults | null;
  /** Bumped on each new results object (map sources diff on it). */
  resultsVersion: number;
  analysis: AnalysisJob | null;
  analysisError: string | null;
  setResults: (r: AnalysisResults) => void;
}

export const createResultsSlice: StateCreator<AppState, [], [], ResultsSlice> = (set) => ({
  params: analysisParams(),
  results: null,
  resultsVersion: 0,
  analysis: null,
  analysisError: null,
  setResults: (results) =>
    set((st) => ({ results, resultsVersion: st.resultsVersion + 1, analysisError: null })),
});
