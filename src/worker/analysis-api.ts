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
  ctx.putImageData(new ImageData(new Uint8ClampedArray(r.rgba), r.width, r.height), 0, 0);
  const url = URL.createObjectURL(await canvas.convertToBlob({ type: 'image/png' }));
  return url;
}

// Analyses run one at a time; a newer run cancels the older (a parameter change while
// the previous one is still running).
let current: { runId: number; controller: AbortController } | null = null;
// The last results delivered, for re-judging when only the rules change.
let last: { results: AnalysisResults; version: number } | null = null;

export const analysisApi = {
  async analyze(
    runId: number,
    params: AnalysisParams,
    onProgress: (p: AnalysisProgress) => void,
  ): Promise<AnalysisOutcome> {
    current?.controller.abort();
    const controller = new AbortController();
    current = { runId, controller };
    try {
      const version = workspace.version;
      const results = await runAnalysis(workspace, runId, params, {
        signal: controller.signal,
        onProgress,
        encodeImage: pngUrl,
        previous: last ?? undefined,
      });
      const urls = [...results.coverage, ...(results.hillshade ? [results.hillshade] : [])].flatMap(
        (c) => (c.url ? [c.url] : []),
      );
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
      if (current?.runId === runId) current = null;
    }
  },

  cancelAnalysis(runId: number): void {
    if (current?.runId === runId) current.controller.abort();
  },
};
