import type { AnalysisParams } from '../core/analysis/params';
import type { AnalysisOutcome, AnalysisProgress } from './protocol';
import { runAnalysis } from './run-analysis';
import { workspace } from './worker-state';

// Analyses run one at a time; a newer run cancels the older (a parameter change while
// the previous one is still running).
let current: { runId: number; controller: AbortController } | null = null;

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
      const results = await runAnalysis(workspace, runId, params, {
        signal: controller.signal,
        onProgress,
      });
      if (controller.signal.aborted) return { status: 'cancelled', runId };
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
