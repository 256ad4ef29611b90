import { ImportCancelled, ImportError } from '../io/issues';
import type { ImportOutcome, ImportRequest, ProgressReport, WorkspaceSnapshot } from './protocol';
import { loadDataset } from './load-dataset';
import { jobs, transferable, workspace } from './worker-state';

export const importApi = {
  async importFile(
    req: ImportRequest,
    onProgress: (p: ProgressReport) => void,
  ): Promise<ImportOutcome> {
    const controller = new AbortController();
    jobs.set(req.jobId, controller);
    try {
      const dataset = await loadDataset(workspace, req.kind, req.file, req.fileName, {
        crs: req.crs,
        signal: controller.signal,
        onProgress,
      });
      const summary = workspace.add(dataset);
      return { status: 'ok', dataset: summary, snapshot: transferable(workspace.snapshot()) };
    } catch (e) {
      if (e instanceof ImportCancelled || controller.signal.aborted) {
        return { status: 'cancelled', fileName: req.fileName };
      }
      if (e instanceof ImportError) {
        // The notice names the file itself: pass the reason without the "file: " prefix.
        const message = e.message.slice(e.file.length + 2);
        return {
          status: 'failed',
          fileName: req.fileName,
          code: e.code,
          message,
          params: e.params,
        };
      }
      const message = e instanceof Error ? e.message : String(e);
      return {
        status: 'failed',
        fileName: req.fileName,
        code: 'internal',
        message,
        params: { detail: message },
      };
    } finally {
      jobs.delete(req.jobId);
    }
  },

  cancel(jobId: string): void {
    jobs.get(jobId)?.abort();
  },

  async removeDataset(id: string): Promise<WorkspaceSnapshot> {
    workspace.remove(id);
    return transferable(workspace.snapshot());
  },
};
