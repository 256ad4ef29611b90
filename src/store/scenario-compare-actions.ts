import * as Comlink from 'comlink';
import type { Scenario } from '../core/scenario/types';
import { workerApi } from '../worker/client';
import type { CompareProgress } from '../worker/scenario-protocol';
import { currentParams, errorText } from './scenario-actions';
import type { CompareSide } from './scenario-slice';
import { useAppStore } from './store';

// Comparison actions (issue 5, 14): the two sides, running a comparison in the worker
// with progress and cancel, the map layers of the result and zooming to its changes.

const { getState, setState } = useAppStore;

export function setCompareSides(a: CompareSide, b: CompareSide): void {
  setState({ compareSides: { a, b } });
}

export function setDeltaLayer(layer: 'nr' | 'redcap' | null): void {
  setState({ deltaLayer: layer });
}

/** Opens or closes the side-by-side maps of the shown comparison. */
export function setCompareMapsOpen(open: boolean): void {
  setState({ compareMapsOpen: open });
}

export function setCompareMapsLayer(layer: 'nr' | 'redcap'): void {
  setState({ compareMapsLayer: layer });
}

let compareCounter = 0;

/**
 * Compares the chosen sides in the worker, with progress and a cancel; the result
 * replaces the shown comparison only when it finishes.
 */
export async function compareScenarios(): Promise<void> {
  if (getState().compareJob) return;
  const { a, b } = getState().compareSides;
  const side = (s: CompareSide): Scenario | null =>
    s === 'baseline' ? null : (getState().scenarios.find((r) => r.id === s)?.scenario ?? null);
  const jobId = `compare-${++compareCounter}`;
  setState({
    compareJob: { jobId, stage: 'a', fraction: 0 },
    compareMessage: null,
    scenarioMessage: null,
  });
  const onProgress = Comlink.proxy((p: CompareProgress) => {
    const job = getState().compareJob;
    if (job?.jobId === p.jobId) setState({ compareJob: { ...job, ...p } });
  });
  try {
    const out = await workerApi().scenarioCompare(
      jobId,
      side(a),
      side(b),
      currentParams(),
      onProgress,
    );
    if (out.status === 'ok')
      setState({ comparison: out.comparison, comparedSides: { a, b }, compareFocus: null });
    else if (out.status === 'cancelled')
      setState({ compareMessage: { key: 'scenarios.compare.cancelled' } });
    else
      setState({
        compareMessage: { key: 'scenarios.errors.worker', params: { reason: out.message } },
      });
  } catch (e) {
    setState({
      compareMessage: { key: 'scenarios.errors.worker', params: { reason: errorText(e) } },
    });
  } finally {
    if (getState().compareJob?.jobId === jobId) setState({ compareJob: null });
  }
}

export function cancelCompare(): void {
  const job = getState().compareJob;
  if (job) void workerApi().scenarioCancel(job.jobId);
}

/** A WGS-84 box at least ~1 km across (a site that covers nothing is a point). */
function atLeastKm(b: readonly [number, number, number, number]): [number, number, number, number] {
  const pad = (lo: number, hi: number) => (hi - lo < 0.01 ? [lo - 0.005, hi + 0.005] : [lo, hi]);
  const [w, e] = pad(b[0], b[2]);
  const [s, n] = pad(b[1], b[3]);
  return [w, s, e, n];
}

/** Zooms the main map, and the side-by-side maps when open, to a changed place. */
export function zoomToPlace(bbox: readonly [number, number, number, number]): void {
  const box = atLeastKm(bbox);
  setState((st) => ({
    focus: { bbox: box, seq: (st.focus?.seq ?? 0) + 1 },
    compareFocus: { bbox: box, seq: (st.compareFocus?.seq ?? 0) + 1 },
  }));
}
