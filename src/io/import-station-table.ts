import type { CrsId } from '../core/crs';
import { StationTable } from '../core/station-table';
import {
  farApartSites,
  groupTableIntoSites,
  tableSiteId,
  type TableSites,
} from '../core/station-table-sites';
import { readFailed, throwIfAborted } from './decode-text';
import type { TextEncodingId } from './decode-text';
import {
  detectKind,
  importStations,
  noDataRows,
  readStationCsvRows,
  type StationFileFormat,
  type StationImportOptions,
} from './import-stations';
import { ImportCancelled, ImportError, type ImportIssue } from './issues';
import { describeColumns, type LayoutResolution, type StationColumns } from './station-columns';
import type { CellSink } from './station-rows';
import { SITE_SPREAD_WARN_M, siteSpreadWarning } from './station-warnings';

/**
 * The station import for national tables: the same rows, rejections and warnings as
 * `importStations`, but the cells land in a columnar StationTable (typed arrays and
 * string pools) and the sites are index ranges over it, so 4 million rows hold no object
 * per row. CSV streams straight into the table; an XLSX workbook is read by today's
 * importer (the format is unzipped whole anyway) and then copied into a table.
 */
export interface StationTableImportResult {
  file: string;
  format: StationFileFormat;
  encoding: TextEncodingId | null;
  delimiter: string | null;
  crs: CrsId;
  /** Data rows read = table.count + rejected. */
  rowCount: number;
  table: StationTable;
  sites: TableSites;
  rejected: ImportIssue[];
  warnings: ImportIssue[];
  columns: StationColumns;
}

export async function importStationTable(
  blob: Blob,
  file: string,
  opts: StationImportOptions = {},
): Promise<StationTableImportResult> {
  try {
    throwIfAborted(opts.signal, file);
    if ((await detectKind(blob, file)) === 'xlsx') return fromObjects(blob, file, opts);
    const table = new StationTable(initialCapacity(blob.size));
    const r = await readStationCsvRows(blob, file, opts, tableSink(table));
    return finishStationTable(
      file,
      table,
      {
        ...r,
        rowCount: r.rows.rowCount,
        rejected: r.rows.rejected,
        warnings: [...r.fileWarnings, ...r.rows.warnings()],
      },
      opts,
    );
  } catch (e) {
    if (e instanceof ImportError || e instanceof ImportCancelled) throw e;
    throw readFailed(file, e);
  }
}

/** Rows expected in a CSV of `bytes` bytes (~90 bytes a row), capped: the table grows anyway. */
export function initialCapacity(bytes: number): number {
  return Math.max(1024, Math.min(1 << 22, Math.round(bytes / 90)));
}

/** The row reader's sink that writes accepted cells into `table`. */
export function tableSink(table: StationTable): CellSink {
  return { claimId: (id, row) => table.claimId(id, row), accept: (cell) => table.append(cell) };
}

/** What the rows of a CSV (one part or several merged) gave, before sites are formed. */
export interface ReadRows {
  format: StationFileFormat;
  encoding: TextEncodingId;
  delimiter: string;
  layout: LayoutResolution;
  rowCount: number;
  rejected: ImportIssue[];
  /** File-level notes, then the rows' counted warnings. */
  warnings: ImportIssue[];
}

/** Group the table's cells into sites and add the site warnings: the import's result. */
export function finishStationTable(
  file: string,
  table: StationTable,
  r: ReadRows,
  opts: StationImportOptions,
): StationTableImportResult {
  if (r.rowCount === 0) throw noDataRows(file);
  opts.onProgress?.({ fraction: 1, rows: r.rowCount });
  const sites = groupTableIntoSites(table);
  throwIfAborted(opts.signal, file);
  const warnings = [...r.warnings];
  const far = farApartSites(table, sites, SITE_SPREAD_WARN_M);
  if (far.first >= 0) {
    const firstRow = table.row[sites.members[sites.start[far.first]]];
    warnings.push(
      siteSpreadWarning(file, far.count, tableSiteId(table, sites, far.first), firstRow),
    );
  }
  return {
    file,
    format: r.format,
    encoding: r.encoding,
    delimiter: r.delimiter,
    crs: opts.crs ?? 'WGS84',
    rowCount: r.rowCount,
    table,
    sites,
    rejected: r.rejected,
    warnings,
    columns: describeColumns(
      r.layout.cols,
      r.layout.hasHeader,
      r.layout.duplicates,
      opts.useOpenCellidRange ?? false,
    ),
  };
}

async function fromObjects(
  blob: Blob,
  file: string,
  opts: StationImportOptions,
): Promise<StationTableImportResult> {
  const r = await importStations(blob, file, opts);
  const table = new StationTable(r.cells.length);
  // Position-grouped cells already carry their site's generated id (import-stations.ts),
  // so regrouping by site id gives the same sites.
  for (const c of r.cells) {
    table.claimId(c.id, c.sourceRow);
    table.append(c);
  }
  const { cells: _cells, sites: _sites, ...rest } = r;
  return { ...rest, table, sites: groupTableIntoSites(table) };
}
