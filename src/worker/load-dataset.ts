import type { CrsId } from '../core/crs';
import { importBoundaries } from '../io/import-boundaries';
import { importStations } from '../io/import-stations';
import { RasterFileError, openRaster } from '../io/raster-open';
import { importPopulation } from '../io/population-csv';
import { ImportCancelled, ImportError } from '../io/issues';
import type { ImportIssue, ImportOptions } from '../io/issues';
import type { ColumnMapping } from '../io/station-columns';
import { demoPlan, type DemoAnswer, type DemoPlan } from './demo-plan';
import type { DatasetKind, DatasetSummary, ImportOutcome, ImportRequest } from './protocol';
import type { RasterValues } from '../core/raster/types';
import { openPopulationRaster, readSettlements, type RasterFile } from './surface-datasets';
import { datasetExtent, datasetItems, summarize, type Dataset, type Workspace } from './workspace';

export interface LoadOptions extends ImportOptions {
  crs?: CrsId;
  /** Station files: the column mapping the user confirmed in the preview. */
  mapping?: ColumnMapping;
  demo?: boolean;
  synthetic?: boolean;
  /** Population rasters: further tiles, and what the pixels are. */
  tiles?: RasterFile[];
  rasterValues?: RasterValues;
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
    case 'dem': {
      const unusable = (reason: string) =>
        new ImportError(fileName, 'raster-unreadable', reason, { reason });
      const source = await openRaster({ name: fileName, blob }, { values: 'elevation' }).catch(
        (e: unknown) => {
          throw e instanceof RasterFileError ? unusable(e.reason) : e;
        },
      );
      if (source.info.georef.crs !== 'EPSG:4326')
        throw unusable(
          `a DEM must be in EPSG:4326 (WGS-84 degrees), not ${source.info.georef.crs}`,
        );
      const none = { rejected: [], warnings: [], encoding: null };
      return { ...common(kind, none, source.info.files.length, 'WGS84'), source };
    }
    case 'population': {
      const r = await importPopulation(blob, fileName, io);
      return {
        ...common(kind, r, r.rows.length + r.rejected.length, null),
        rows: r.rows,
        aggregates: r.aggregates,
      };
    }
    case 'settlements': {
      const r = await readSettlements(blob, fileName, opts.crs, io);
      return {
        ...common(kind, r, r.recordCount, r.crs),
        settlements: r.settlements,
      };
    }
    case 'population-raster': {
      const files = [{ file: blob, fileName }, ...(opts.tiles ?? [])];
      const { source, description } = await openPopulationRaster(files, opts.rasterValues, io);
      const g = source.info.georef;
      const none = { rejected: [], warnings: [], encoding: null };
      return {
        ...common(kind, none, g.width * g.height, null),
        fileName: description.files.join(', '),
        source,
        description,
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
  | {
      status: 'ok';
      dataset: DatasetSummary;
      /** Demo datasets the import replaced (the user's answer to the demo question). */
      removed: DatasetSummary[];
      /** WGS-84 box of what was imported, for fitting the map; null for population tables. */
      bbox: [number, number, number, number] | null;
    }
  | ImportFailure
  | { status: 'cancelled'; fileName: string };

/** Any error of an import or preview as a value the page can show: file, reason, params. */
export function failureOf(e: unknown, fileName: string): ImportFailure {
  if (e instanceof RasterFileError) {
    return {
      status: 'failed',
      fileName: e.file || fileName,
      code: 'raster-file',
      message: e.reason,
      params: { reason: e.reason },
    };
  }
  if (e instanceof ImportError) {
    // The notice names the file itself: pass the reason without the "file: " prefix.
    const message = e.message.slice(e.file.length + 2);
    return { status: 'failed', fileName, code: e.code, message, params: e.params };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { status: 'failed', fileName, code: 'internal', message, params: { detail: message } };
}

export interface LoadIntoOptions {
  signal: AbortSignal;
  onProgress?: ImportOptions['onProgress'];
  replaceId?: string;
  /**
   * Asked once the file has loaded, when demo datasets would be replaced by it (the plan
   * names them); without it the answer is the default, "replace".
   */
  askDemo?: (plan: DemoPlan) => Promise<DemoAnswer>;
}

/**
 * Reads a file and adds it to the workspace — or, with `replaceId`, puts it in place of that
 * dataset (the kind stays the old dataset's). When demo datasets are loaded, the user is
 * asked (`askDemo`) whether the file replaces them (see `demoPlan` for which). The workspace
 * changes only once the file has loaded and the question is answered: a failed or cancelled
 * import, a replace of an unknown id, or a file of which nothing could be used, leaves the
 * workspace (and the demo) as it was.
 */
export async function loadIntoWorkspace(
  ws: Workspace,
  req: ImportFileRequest,
  opts: LoadIntoOptions,
): Promise<LoadOutcome> {
  const old = opts.replaceId === undefined ? null : ws.list().find((d) => d.id === opts.replaceId);
  const replaceMissing = (): ImportFailure => ({
    status: 'failed',
    fileName: req.fileName,
    code: 'replace-missing',
    message: `the dataset to replace (${opts.replaceId}) is no longer loaded`,
    params: {},
  });
  if (old === undefined) return replaceMissing();
  try {
    const dataset = await loadDataset(ws, old?.kind ?? req.kind, req.file, req.fileName, {
      crs: req.crs,
      mapping: req.mapping,
      tiles: req.tiles,
      rasterValues: req.rasterValues,
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
    let replaceDemo: string[] = [];
    // A file of which nothing could be used replaces nothing: the demo stays as it was.
    if (loadedItems(dataset) > 0) {
      const plan = demoPlan(ws, dataset, old?.id);
      if (plan.remove.length > 0) {
        const answer = opts.askDemo ? await opts.askDemo(plan) : 'replace';
        if (answer === 'cancel' || opts.signal.aborted) {
          return { status: 'cancelled', fileName: req.fileName };
        }
        if (answer === 'replace') replaceDemo = plan.remove.map((d) => d.id);
      }
    }
    // Nothing awaits from here on: the workspace changes in one step. The dataset to
    // replace may have been removed from the list while the file loaded or the user answered.
    if (old && !ws.list().includes(old)) return replaceMissing();
    const removed: DatasetSummary[] = [];
    for (const d of ws.list().filter((x) => replaceDemo.includes(x.id))) {
      removed.push(summarize(d));
      ws.remove(d.id);
    }
    const summary = old ? ws.replace(old.id, dataset) : ws.add(dataset);
    if (!summary) return replaceMissing();
    return { status: 'ok', dataset: summary, removed, bbox: datasetExtent(dataset) };
  } catch (e) {
    if (e instanceof ImportCancelled || opts.signal.aborted) {
      return { status: 'cancelled', fileName: req.fileName };
    }
    return failureOf(e, req.fileName);
  }
}

function loadedItems(d: Dataset): number {
  return datasetItems(d);
}
