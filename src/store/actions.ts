import * as Comlink from 'comlink';
import i18next from 'i18next';
import type { CrsId } from '../core/crs';
import type { ColumnMapping } from '../io/station-columns';
import type { DatasetKind, ImportOutcome, ProgressReport } from '../worker/protocol';
import { workerApi } from '../worker/client';
import type { Language } from '../i18n';
import { useAppStore } from './store';
import { zoomTo } from './analysis-actions';
import { demoUrls } from './demo-urls';
import { askDemoChoice } from './import-actions';
import { writeUrlState } from './url-state';

// Actions live outside React so tests, the URL sync and keyboard shortcuts can call them.

const { getState, setState } = useAppStore;

export async function loadDemo(): Promise<void> {
  setState({ loading: true, loadError: null });
  try {
    const snapshot = await workerApi().loadDemo(demoUrls(), getState().params);
    getState().setSnapshot(snapshot);
    setState({ loading: false });
  } catch (e) {
    setState({ loading: false, loadError: e instanceof Error ? e.message : String(e) });
  }
}

let jobCounter = 0;

export interface ImportChoices {
  /** CRS of the file's coordinates; default the panel's CRS select. */
  crs?: CrsId;
  /** Station column mapping confirmed in the preview; default the detected one. */
  mapping?: ColumnMapping;
  /** Population rasters: further tiles (and .prj files) loaded with the file as one raster. */
  tiles?: File[];
  /** Population rasters: people per pixel (default) or per km². */
  rasterValues?: 'count' | 'density';
  /** Load the file in place of this dataset; it stays loaded if the import fails or is cancelled. */
  replaceId?: string;
}

export async function importFile(
  kind: DatasetKind,
  file: File,
  choices: ImportChoices = {},
): Promise<void> {
  if (getState().job) return; // one import at a time; the dialog shows the running one
  const jobId = `job-${++jobCounter}`;
  setState({ job: { id: jobId, kind, fileName: file.name, fraction: 0, rows: 0 }, notice: null });
  const onProgress = Comlink.proxy((p: ProgressReport) => {
    const job = getState().job;
    if (job && job.id === jobId) setState({ job: { ...job, fraction: p.fraction, rows: p.rows } });
  });
  try {
    const req = {
      jobId,
      kind,
      file,
      fileName: file.name,
      crs: choices.crs ?? getState().importCrs,
      mapping: choices.mapping,
      ...(choices.tiles?.length
        ? { tiles: choices.tiles.map((f) => ({ file: f as Blob, fileName: f.name })) }
        : {}),
      ...(choices.rasterValues ? { rasterValues: choices.rasterValues } : {}),
    };
    const { replaceId } = choices;
    const askDemo = Comlink.proxy(askDemoChoice);
    const outcome: ImportOutcome =
      replaceId === undefined
        ? await workerApi().importFile(req, onProgress, askDemo)
        : await workerApi().replaceDataset(replaceId, req, onProgress, askDemo);
    if (outcome.status === 'ok') {
      getState().setSnapshot(outcome.snapshot);
      setState({
        notice: { status: 'ok', dataset: outcome.dataset, removed: outcome.removed },
      });
      // Show what was just imported; a population table has no place of its own, but when
      // it replaced the demo the map shows what is loaded now.
      const box = outcome.bbox ?? (outcome.removed.length > 0 ? outcome.snapshot.bbox : null);
      if (box) zoomTo(box);
    } else if (outcome.status === 'cancelled') {
      setState({ notice: { status: 'cancelled', fileName: outcome.fileName } });
    } else {
      const { fileName, code, params, message } = outcome;
      setState({ notice: { status: 'failed', fileName, code, params, message } });
    }
  } catch (e) {
    // The worker itself failed (out of memory, a bug): report it; the loaded data stays.
    const message = e instanceof Error ? e.message : String(e);
    setState({
      notice: {
        status: 'failed',
        fileName: file.name,
        code: 'internal',
        params: { detail: message },
        message,
      },
    });
  } finally {
    setState({ job: null });
  }
}

export function cancelImport(): void {
  const job = getState().job;
  if (job) void workerApi().cancel(job.id);
}

export async function removeDataset(id: string): Promise<void> {
  const snapshot = await workerApi().removeDataset(id);
  getState().setSnapshot(snapshot);
}

export function dismissNotice(): void {
  setState({ notice: null });
}

export function setLanguage(lang: Language): void {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  getState().setLanguage(lang);
  writeUrlState({ lang });
}
