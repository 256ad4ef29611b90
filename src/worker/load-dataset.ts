import type { CrsId } from '../core/crs';
import { importBoundaries } from '../io/import-boundaries';
import { importStations } from '../io/import-stations';
import { importPopulation } from '../io/population-csv';
import type { ImportOptions } from '../io/issues';
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
  const common = { demo: opts.demo ?? false, synthetic: opts.synthetic ?? false };
  const io: ImportOptions = { signal: opts.signal, onProgress: opts.onProgress };
  switch (kind) {
    case 'stations': {
      const r = await importStations(blob, fileName, { ...io, crs: opts.crs });
      return {
        ...common,
        kind,
        id: ws.nextId(kind),
        fileName,
        crs: r.crs,
        rowCount: r.rowCount,
        rejected: r.rejected,
        warnings: r.warnings,
        encoding: r.encoding,
        sites: r.sites,
        cellCount: r.cells.length,
      };
    }
    case 'boundaries': {
      const r = await importBoundaries(blob, fileName, { ...io, crs: opts.crs });
      return {
        ...common,
        kind,
        id: ws.nextId(kind),
        fileName,
        crs: r.crs,
        rowCount: r.featureCount,
        rejected: r.rejected,
        warnings: r.warnings,
        encoding: r.encoding,
        areas: r.areas,
      };
    }
    case 'population': {
      const r = await importPopulation(blob, fileName, io);
      return {
        ...common,
        kind,
        id: ws.nextId(kind),
        fileName,
        crs: null,
        rowCount: r.rows.length + r.rejected.length,
        rejected: r.rejected,
        warnings: r.warnings,
        encoding: r.encoding,
        rows: r.rows,
      };
    }
  }
}
