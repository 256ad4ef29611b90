// The worker's import API called in process over a real Workspace: components under test
// send what they would send to the worker, and get what it would answer. Only the transport
// (Comlink) differs.
import type { DemoAnswer, DemoPlan } from '../../src/worker/demo-plan';
import { loadIntoWorkspace, type ImportFileRequest } from '../../src/worker/load-dataset';
import { guessKind } from '../../src/worker/preview-kind';
import { previewStationFile } from '../../src/worker/preview-stations';
import type { ImportOutcome, ProgressReport } from '../../src/worker/protocol';
import type { Workspace } from '../../src/worker/workspace';

type AskDemo = (plan: DemoPlan) => Promise<DemoAnswer>;

/** What an import sent to the "worker": the request and the dataset it replaces, if any. */
export interface SentImport {
  replaceId?: string;
  req: ImportFileRequest;
}

export function inProcessImportApi(ws: () => Workspace, sent: SentImport[]) {
  const run = async (
    req: ImportFileRequest,
    onProgress: (p: ProgressReport) => void,
    askDemo: AskDemo | undefined,
    replaceId?: string,
  ): Promise<ImportOutcome> => {
    sent.push({ replaceId, req });
    const r = await loadIntoWorkspace(ws(), req, {
      signal: new AbortController().signal,
      onProgress,
      replaceId,
      askDemo,
    });
    return r.status === 'ok' ? { ...r, snapshot: ws().snapshot() } : r;
  };
  return {
    previewStations: previewStationFile,
    guessKind,
    importFile: (req: ImportFileRequest, p: (x: ProgressReport) => void, ask?: AskDemo) =>
      run(req, p, ask),
    replaceDataset: (
      id: string,
      req: ImportFileRequest,
      p: (x: ProgressReport) => void,
      ask?: AskDemo,
    ) => run(req, p, ask, id),
    removeDataset: (id: string) => {
      ws().remove(id);
      return Promise.resolve(ws().snapshot());
    },
  };
}
