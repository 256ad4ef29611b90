import type { CrsId } from '../core/crs';
import { importBoundaries } from '../io/import-boundaries';
import { importStations } from '../io/import-stations';
import { importPopulation } from '../io/population-csv';
import { ImportCancelled, ImportError } from '../io/issues';
import type { ImportIssue, ImportOptions } from '../io/issues';
import type { ColumnMapping } from '../io/station-columns';
import type { DatasetKind, DatasetSummary, ImportOutcome, ImportRequest } from './protocol';
import type { Dataset, Workspace } from './workspace';

export interface LoadOptions extends ImportOptions {
  crs?: CrsId;
  /** Station files: the column mapping the user confirmed in the preview. */
  mapping?: ColumnMapping;
  demo?: boolean;
  synthetic?: boolean;
}

/** Reads one file with the io layer and wraps the result as a workspace dataset. */
export async function loadDataset(
  ws: Workspace,
  kind: DatasetKind,
  blob: Blob,
  fileName: string,
  opts: LoadOptions,
): Promise<Dataset> {
  const io: ImportOptions = { signal: opts.signal, onProgress: opts.onProgress };
  // What every dataset records about its import, whatever its kind.
  const common = <K extends DatasetKind>(
    kind: K,
    r: { rejected: ImportIssue[]; warnings: ImportIssue[]; encoding: string | null },
    rowCount: number,
    crs: CrsId | null,
  ) => ({
    kind,
    id: ws.nextId(kind),
    fileName,
    crs,
    rowCount,
    rejected: r.rejected,
    warnings: r.warnings,
    encoding: r.encoding,
    demo: opts.demo ?? false,
    synthetic: opts.synthetic ?? false,
  });
  switch (kind) {
    case 'stations': {
      const r = await importStations(blob, fileName, {
        ...io,
        crs: opts.crs,
        mapping: opts.mapping,
      });
      return { ...common(kind, r, r.rowCount, r.crs), sites: r.sites, cellCount: r.cells.length };
    }
    case 'boundaries': {
      const r = await importBoundaries(blob, fileName, { ...io, crs: opts.crs });
      return { ...common(kind, r, r.featureCount, r.crs), level: r.level, areas: r.areas };
    }
    case 'population': {
      const r = await importPopulation(blob, fileName, io);
      return {
        ...common(kind, r, r.rows.length + r.rejected.length, null),
        rows: r.rows,
        aggregates: r.aggregates,
      };
    }
  }
}

/** An import request as the page sends it; `mapping` comes from the station preview. */
export interface ImportFileRequest extends ImportRequest {
  mapping?: ColumnMapping;
}

export type ImportFailure = Extract<ImportOutcome, { status: 'failed' }>;
export type LoadOutcome =
  | { status: 'ok'; dataset: DatasetSummary }
  | ImportFailure
  | { status: 'cancelled'; fileName: string };

/** Any error of an import or preview as a value the page can show: file, reason, params. */
export function failureOf(e: unknown, fileName: string): ImportFailure {
  if (e instanceof ImportError) {
    // The notice names the file itself: pass the reason without the "file: " prefix.
    const message = e.message.slice(e.file.length + 2);
    return { status: 'failed', fileName, code: e.code, message, params: e.params };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { status: 'failed', fileName, code: 'internal', message, params: { detail: message } };
}

/**
 * Reads a file and adds it to the workspace — or, with `replaceId`, puts it in place of that
 * dataset (the kind stays the old dataset's). The workspace changes only once the file has
 * loaded: a failed or cancelled import, or a replace of an unknown id, leaves it as it was.
 */
export async function loadIntoWorkspace(
  ws: Workspace,
  req: ImportFileRequest,
  opts: { signal: AbortSignal; onProgress?: ImportOptions['onProgress']; replaceId?: string },
): Promise<LoadOutcome> {
  const old = opts.replaceId === undefined ? null : ws.list().find((d) => d.id === opts.replaceId);
  if (old === undefined) {
    const message = `the dataset to replace (${opts.replaceId}) is no longer loaded`;
    return {
      status: 'failed',
      fileName: req.fileName,
      code: 'replace-missing',
      message,
      params: {},
    };
  }
  try {
    const dataset = await loadDataset(ws, old?.kind ?? req.kind, req.file, req.fileName, {
      crs: req.crs,
      mapping: req.mapping,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    // A cancel that arrived after the last read still means "keep what was loaded".
    if (opts.signal.aborted) return { status: 'cancelled', fileName: req.fileName };
    if (old && loadedItems(dataset) === 0) {
      // Replacing good data with nothing is never what was meant: keep the old dataset.
      const message = `no row of the file could be used (${dataset.rejected.length} rejected); ${old.fileName} stays loaded`;
      return {
        status: 'failed',
        fileName: req.fileName,
        code: 'replace-nothing-loaded',
        message,
        params: { rejected: dataset.rejected.length, old: old.fileName },
      };
    }
    const summary = old ? ws.replace(old.id, dataset) : ws.add(dataset);
    if (!summary) return failureOf(new Error(`dataset ${old?.id} vanished`), req.fileName);
    return { status: 'ok', dataset: summary };
  } catch (e) {
    if (e instanceof ImportCancelled || opts.signal.aborted) {
      return { status: 'cancelled', fileName: req.fileName };
    }
    return failureOf(e, req.fileName);
  }
}

function loadedItems(d: Dataset): number {
  return d.kind === 'stations'
    ? d.sites.length
    : d.kind === 'boundaries'
      ? d.areas.length
      : d.rows.length;
}
