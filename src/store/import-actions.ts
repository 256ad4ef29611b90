import type { CrsId } from '../core/crs';
import type { ColumnMapping } from '../io/station-columns';
import { workerApi } from '../worker/client';
import type { ImportFailure } from '../worker/load-dataset';
import type { StationPreviewOutcome } from '../worker/preview-stations';
import type { DatasetKind } from '../worker/protocol';
import { useAppStore } from './store';

// The import dialog's steps before an import: guess a dropped file's kind, preview a station
// file. Both run in the worker and load nothing; the import itself is importFile (actions.ts).

function internalFailure(fileName: string, e: unknown): ImportFailure {
  const message = e instanceof Error ? e.message : String(e);
  return { status: 'failed', fileName, code: 'internal', message, params: { detail: message } };
}

export async function guessFileKind(file: File): Promise<DatasetKind> {
  try {
    return await workerApi().guessKind(file, file.name);
  } catch {
    return 'stations';
  }
}

/** The head of a station file read with `crs` and `mapping`; failures come back as values. */
export async function previewStationFile(
  file: File,
  crs: CrsId,
  mapping?: ColumnMapping,
): Promise<StationPreviewOutcome> {
  try {
    return await workerApi().previewStations({ file, fileName: file.name, crs, mapping });
  } catch (e) {
    return internalFailure(file.name, e);
  }
}

/** Shows a file that cannot be read at all the way a failed import is shown. */
export function reportImportFailure(f: ImportFailure): void {
  const { fileName, code, params, message } = f;
  useAppStore.setState({ notice: { status: 'failed', fileName, code, params, message } });
}
