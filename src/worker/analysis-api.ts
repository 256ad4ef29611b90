import type { AnalysisParams } from '../core/analysis/params';
import type { AnalysisOutcome, AnalysisProgress, AnalysisResults } from './protocol';
import type { CoverageRaster } from '../core/analysis/coverage-image';
import { runAnalysis } from './run-analysis';
import { workspace } from './worker-state';

// Coverage images of the previous results, revoked when new ones replace them.
let imageUrls: string[] = [];

/** PNG blob: URL of a raster, encoded off the main thread (OffscreenCanvas in the worker). */
export async function pngUrl(r: CoverageRaster): Promise<string | null> {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const canvas = new OffscreenCanvas(r.width, r.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  // The raster's own pixels, not a copy (2 × 45 MB for the demo's 4096-pixel images).
  const rgba = r.rgba as Uint8ClampedArray<ArrayBuffer>;
  ctx.putImageData(new ImageData(rgba, r.width, r.height), 0, 0);
  const url = URL.createObjectURL(await canvas.convertToBlob({ type: 'image/png' }));
  return url;
}

// Analyses run one at a time; a newer run cancels the older (a parameter change while
// the previous one is still running).
let current: { runId: number; controller: AbortController } | null = null;
// The last results delivered, for re-judging when only the rules change.
let last: { results: AnalysisResults; version: number } | null = null;

/**
 * A run the worker started on its own: the demo's, right after loading it, so the
 * analysis does not wait for the page to receive the snapshot, render it and ask. The
 * page's first analyze call with the same parameters over the same data joins it.
 */
interface EarlyRun {
  params: string;
  version: number;
  outcome: Promise<AnalysisOutcome>;
  /** Where progress goes once a call has joined; the latest report until then. */
  listener: ((p: AnalysisProgress) => void) | null;
  latest: AnalysisProgress | null;
}
let early: EarlyRun | null = null;

async function run(
  runId: number,
  params: AnalysisParams,
  onProgress: (p: AnalysisProgress) => void,
): Promise<AnalysisOutcome> {
  current?.controller.abort();
  const controller = new AbortController();
  const me = { runId, controller };
  current = me;
  try {
    const version = workspace.version;
    const results = await runAnalysis(workspace, runId, params, {
      signal: controller.signal,
      onProgress,
      encodeImage: pngUrl,
      previous: last ?? undefined,
    });
    const urls = [
      ...results.coverage,
      ...(results.density ? [results.density] : []),
      ...(results.hillshade ? [results.hillshade] : []),
    ].flatMap((c) => (c.url ? [c.url] : []));
    if (controller.signal.aborted) {
      urls.forEach((u) => URL.revokeObjectURL(u));
      return { status: 'cancelled', runId };
    }
    // Re-judged results keep the images they share with the previous ones.
    imageUrls.filter((u) => !urls.includes(u)).forEach((u) => URL.revokeObjectURL(u));
    imageUrls = urls;
    last = { results, version };
    return { status: 'ok', results };
  } catch (e) {
    if (controller.signal.aborted) return { status: 'cancelled', runId };
    return { status: 'failed', runId, message: e instanceof Error ? e.message : String(e) };
  } finally {
    if (current === me) current = null;
  }
}

/** Joins the early run if it computes exactly what is asked; null otherwise. */
function joinEarly(
  runId: number,
  params: AnalysisParams,
  onProgress: (p: AnalysisProgress) => void,
): Promise<AnalysisOutcome> | null {
  const e = early;
  early = null;
  if (!e || e.version !== workspace.version || e.params !== JSON.stringify(params)) return null;
  // Still running: a cancel of the joined run now reaches it (else it has finished).
  if (current?.runId === EARLY_RUN_ID) current.runId = runId;
  e.listener = (p) => onProgress({ ...p, runId });
  if (e.latest) e.listener(e.latest);
  return e.outcome.then((o) =>
    o.status === 'ok' ? { status: 'ok', results: { ...o.results, runId } } : { ...o, runId },
  );
}

/** The early run's id; the page numbers its runs from 1. */
const EARLY_RUN_ID = 0;

export const analysisApi = {
  async analyze(
    runId: number,
    params: AnalysisParams,
    onProgress: (p: AnalysisProgress) => void,
  ): Promise<AnalysisOutcome> {
    return joinEarly(runId, params, onProgress) ?? run(runId, params, onProgress);
  },

  cancelAnalysis(runId: number): void {
    if (current?.runId === runId) current.controller.abort();
  },
};

/**
 * Starts analysing what is loaded now with `params`, for the page's first analyze call to
 * join (see EarlyRun). Any other call supersedes it, as it would any run.
 */
export function startEarlyAnalysis(params: AnalysisParams): void {
  const e: EarlyRun = {
    params: JSON.stringify(params),
    version: workspace.version,
    outcome: Promise.resolve({ status: 'cancelled', runId: EARLY_RUN_ID }),
    listener: null,
    latest: null,
  };
  e.outcome = run(EARLY_RUN_ID, params, (p) => {
    e.latest = p;
    e.listener?.(p);
  });
  early = e;
}
