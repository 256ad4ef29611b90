import * as Comlink from 'comlink';
import type { AnalysisParams } from '../core/analysis/params';
import type { AnalysisProgress } from '../worker/protocol';
import { workerApi } from '../worker/client';
import { useAppStore } from './store';
import type { AreaSelection } from './ui-slice';

const { getState, setState } = useAppStore;

let runCounter = 0;

/**
 * Runs the coverage analysis in the worker over everything loaded, with the current
 * parameters. A newer run supersedes an older one (the worker cancels it), so only the
 * latest results ever reach the store.
 */
export async function runAnalysis(): Promise<void> {
  const runId = ++runCounter;
  setState({ analysis: { runId, stage: 'prepare', fraction: 0 } });
  const onProgress = Comlink.proxy((p: AnalysisProgress) => {
    const a = getState().analysis;
    if (a && a.runId === p.runId) setState({ analysis: { ...a, ...p } });
  });
  try {
    const outcome = await workerApi().analyze(runId, getState().params, onProgress);
    if (runId !== runCounter) return;
    if (outcome.status === 'ok') getState().setResults(outcome.results);
    else if (outcome.status === 'failed') setState({ analysisError: outcome.message });
  } catch (e) {
    if (runId === runCounter)
      setState({ analysisError: e instanceof Error ? e.message : String(e) });
  } finally {
    if (runId === runCounter) setState({ analysis: null });
  }
}

export function cancelAnalysis(): void {
  const a = getState().analysis;
  if (a) void workerApi().cancelAnalysis(a.runId);
}

/** New parameters apply at once: the worker recomputes while the page stays responsive. */
export function setParams(params: AnalysisParams): void {
  setState({ params });
  void runAnalysis();
}

/** Moves the map to a WGS-84 box. */
export function zoomTo(bbox: [number, number, number, number]): void {
  setState((st) => ({ focus: { bbox, seq: (st.focus?.seq ?? 0) + 1 } }));
}

/** Selects an area (table row or map click) and, with `zoom`, fits the map to it. */
export function selectArea(selection: AreaSelection | null, zoom = false): void {
  setState({ selection });
  const box = selection ? getState().results?.areaBoxes[selection.code] : undefined;
  if (zoom && box) zoomTo(box);
}

/** Every new snapshot (demo loaded, file imported or removed) is analysed again. */
export function analyseOnNewData(): () => void {
  return useAppStore.subscribe((st, prev) => {
    if (st.snapshotVersion !== prev.snapshotVersion) void runAnalysis();
  });
}
