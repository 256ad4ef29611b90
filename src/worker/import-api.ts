import type { DatasetKind, ImportOutcome, ProgressReport, WorkspaceSnapshot } from './protocol';
import type { DemoAnswer, DemoPlan } from './demo-plan';
import { loadIntoWorkspace, type ImportFileRequest, type LoadOutcome } from './load-dataset';
import { guessKind } from './preview-kind';
import {
  previewStationFile,
  type StationPreviewOutcome,
  type StationPreviewRequest,
} from './preview-stations';
import { jobs, transferable, workspace } from './worker-state';

/** Asks the page whether the loaded file replaces the demo (a proxied callback). */
export type AskDemo = (plan: DemoPlan) => Promise<DemoAnswer>;

/** Runs one import job (cancellable by its id) and attaches the snapshot when it loaded. */
async function runJob(
  req: ImportFileRequest,
  onProgress: (p: ProgressReport) => void,
  askDemo: AskDemo | undefined,
  replaceId?: string,
): Promise<ImportOutcome> {
  const controller = new AbortController();
  jobs.set(req.jobId, controller);
  try {
    const r: LoadOutcome = await loadIntoWorkspace(workspace, req, {
      signal: controller.signal,
      onProgress,
      replaceId,
      askDemo,
    });
    return r.status === 'ok' ? { ...r, snapshot: transferable(workspace.snapshot()) } : r;
  } finally {
    jobs.delete(req.jobId);
  }
}

export const importApi = {
  /** `askDemo`: asked when demo datasets are loaded; without it they are replaced. */
  importFile(
    req: ImportFileRequest,
    onProgress: (p: ProgressReport) => void,
    askDemo?: AskDemo,
  ): Promise<ImportOutcome> {
    return runJob(req, onProgress, askDemo);
  },

  /**
   * Imports a file in place of dataset `id` (same kind and place in the load order). The old
   * dataset stays loaded until the new file has loaded: a failure or cancel changes nothing.
   */
  replaceDataset(
    id: string,
    req: ImportFileRequest,
    onProgress: (p: ProgressReport) => void,
    askDemo?: AskDemo,
  ): Promise<ImportOutcome> {
    return runJob(req, onProgress, askDemo, id);
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
