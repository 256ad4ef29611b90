import type { DatasetKind, ImportOutcome, ProgressReport, WorkspaceSnapshot } from './protocol';
import { loadIntoWorkspace, type ImportFileRequest, type LoadOutcome } from './load-dataset';
import { guessKind } from './preview-kind';
import {
  previewStationFile,
  type StationPreviewOutcome,
  type StationPreviewRequest,
} from './preview-stations';
import { jobs, transferable, workspace } from './worker-state';

/** Runs one import job (cancellable by its id) and attaches the snapshot when it loaded. */
async function runJob(
  req: ImportFileRequest,
  onProgress: (p: ProgressReport) => void,
  replaceId?: string,
): Promise<ImportOutcome> {
  const controller = new AbortController();
  jobs.set(req.jobId, controller);
  try {
    const r: LoadOutcome = await loadIntoWorkspace(workspace, req, {
      signal: controller.signal,
      onProgress,
      replaceId,
    });
    return r.status === 'ok' ? { ...r, snapshot: transferable(workspace.snapshot()) } : r;
  } finally {
    jobs.delete(req.jobId);
  }
}

export const importApi = {
  importFile(
    req: ImportFileRequest,
    onProgress: (p: ProgressReport) => void,
  ): Promise<ImportOutcome> {
    return runJob(req, onProgress);
  },

  /**
   * Imports a file in place of dataset `id` (same kind and place in the load order). The old
   * dataset stays loaded until the new file has loaded: a failure or cancel changes nothing.
   */
  replaceDataset(
    id: string,
    req: ImportFileRequest,
    onProgress: (p: ProgressReport) => void,
  ): Promise<ImportOutcome> {
    return runJob(req, onProgress, id);
  },

  /** The head of a station file for the import dialog; nothing is loaded. */
  previewStations(req: StationPreviewRequest): Promise<StationPreviewOutcome> {
    return previewStationFile(req);
  },

  guessKind(file: Blob, fileName: string): Promise<DatasetKind> {
    return guessKind(file, fileName);
  },

  cancel(jobId: string): void {
    jobs.get(jobId)?.abort();
  },

  async removeDataset(id: string): Promise<WorkspaceSnapshot> {
    workspace.remove(id);
    return transferable(workspace.snapshot());
  },
};
