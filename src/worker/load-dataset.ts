import type { CrsId } from '../core/crs';
import { importBoundaries } from '../io/import-boundaries';
import { importStations } from '../io/import-stations';
import { importPopulation } from '../io/population-csv';
import type { ImportIssue, ImportOptions } from '../io/issues';
import type { DatasetKind } from './protocol';
import type { Dataset, Workspace } from './workspace';

export interface LoadOptions extends ImportOptions {
  crs?: CrsId;
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
      const r = await importStations(blob, fileName, { ...io, crs: opts.crs });
      return { ...common(kind, r, r.rowCount, r.crs), sites: r.sites, cellCount: r.cells.length };
    }
    case 'boundaries': {
      const r = await importBoundaries(blob, fileName, { ...io, crs: opts.crs });
      return { ...common(kind, r, r.featureCount, r.crs), level: r.level, areas: r.areas };
    }
    case 'population': {
      const r = await importPopulation(blob, fileName, io);
      return { ...common(kind, r, r.rows.length + r.rejected.length, null), rows: r.rows };
    }
  }
}
