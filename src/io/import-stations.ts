import type { CrsId } from '../core/crs';
import { haversineMetres, groupCellsIntoSites } from '../core/sites';
import type { Cell, Site, Tech } from '../core/station';
import {
  BlobTextReader,
  LONG_LINE_MARK,
  MAX_LINE_BYTES,
  mixedEncodingIssues,
  readFailed,
  readHeadText,
  throwIfAborted,
  yieldToEventLoop,
} from './decode-text';
import type { MixedEncodingStats, TextEncodingId } from './decode-text';
import { ImportCancelled, ImportError } from './issues';
import type { ImportIssue, ImportOptions } from './issues';
import { HEADER_SCAN_ROWS, describeColumns, resolveColumns } from './station-columns';
import type { ColumnMapping, LayoutResolution, StationColumns } from './station-columns';
import { StationRowReader, type CellSink } from './station-rows';
import { csvBatches, detectDialect, parseCsvText } from './stations-csv';
import type { CsvBatch, CsvDialect } from './stations-csv';
import { isOle2, readFirstSheet, rowText } from './stations-xlsx';
import { isZip } from './zip-read';
import { SITE_SPREAD_WARN_M, layoutWarnings, siteSpreadWarning } from './station-warnings';

export { crsHint } from './station-warnings';

export type StationFileFormat = 'csv' | 'xlsx' | 'opencellid';

export interface StationImportOptions extends ImportOptions {
  /** CRS the file's coordinates are in; converted to WGS-84. Default WGS84. */
  crs?: CrsId;
  /** Override of the detected columns: field → header ('' = do not use the field). */
  mapping?: ColumnMapping;
  /** Use OpenCelliD's `range` as radius_m (off: it is a spread of crowd measurements, not a coverage radius). */
  useOpenCellidRange?: boolean;
  /** Tech for rows without one (no tech column, or an empty cell). Default LTE. */
  defaultTech?: Tech;
  /** Bytes per read step (default 1 MiB); tests use tiny values to exercise chunk boundaries. */
  chunkBytes?: number;
}

export interface StationImportResult {
  file: string;
  format: StationFileFormat;
  /** Text encoding of a CSV; null for XLSX. */
  encoding: TextEncodingId | null;
  /** CSV delimiter; null for XLSX. */
  delimiter: string | null;
  crs: CrsId;
  /** Data rows read (header and blank rows excluded) = cells + rejected. */
  rowCount: number;
  cells: Cell[];
  sites: Site[];
  /** One issue per rejected row. */
  rejected: ImportIssue[];
  /** File-level notes and per-condition warnings (each counted once, with the first row). */
  warnings: ImportIssue[];
  columns: StationColumns;
}

export interface StationPreviewOptions {
  signal?: AbortSignal;
  /** The CRS the user intends to declare, so header hints ("经度(GCJ02)") can be checked. */
  crs?: CrsId;
  mapping?: ColumnMapping;
  /** Data rows returned (default 50). */
  maxRows?: number;
}

export interface StationPreview {
  file: string;
  format: StationFileFormat;
  encoding: TextEncodingId | null;
  delimiter: string | null;
  columns: StationColumns;
  /** 1-based line (CSV) or sheet row (XLSX) of the header; null when the file has none. */
  headerLine: number | null;
  /** The first data rows as text, in file column order. */
  rows: string[][];
  /** 1-based line (or sheet row) of each of `rows`. */
  rowLines: number[];
  /** File-level notes (header below a title, mixed encodings, CRS hints, duplicate columns). */
  warnings: ImportIssue[];
  /**
   * Which of `rows` a full import with the same mapping and CRS would reject, and why
   * (row numbers as the full import counts them), so the dialog shows bad rows before import.
   */
  rejected: ImportIssue[];
  /** How many of `rows` would load. */
  acceptedCount: number;
}

/** Bytes decoded for delimiter detection and previews. */
const HEAD_BYTES = 256 * 1024;
const DEFAULT_PREVIEW_ROWS = 50;

export type Kind = 'csv' | 'xlsx';

/**
 * Import a station table (CSV in UTF-8/GBK, XLSX, or OpenCelliD CSV) from a Blob
 * (a browser File, or `fs.openAsBlob` in the CLI). Good rows become cells, grouped into
 * sites; bad rows are listed in `rejected`. Throws only ImportError (the file as a whole
 * cannot be read) or ImportCancelled (the signal fired).
 */
export async function importStations(
  blob: Blob,
  fileName: string,
  opts: StationImportOptions = {},
): Promise<StationImportResult> {
  return guard(fileName, async () => {
    throwIfAborted(opts.signal, fileName);
    const kind = await detectKind(blob, fileName);
    return kind === 'xlsx' ? importXlsx(blob, fileName, opts) : importCsv(blob, fileName, opts);
  });
}

/**
 * Read only the head of a station file (the first ~50 data rows) for the import dialog:
 * detected encoding, delimiter, header and column mapping, and sample rows.
 * XLSX workbooks are unzipped whole (the format has no cheap head).
 */
export async function previewStations(
  blob: Blob,
  fileName: string,
  opts: StationPreviewOptions = {},
): Promise<StationPreview> {
  return guard(fileName, async () => {
    throwIfAborted(opts.signal, fileName);
    const maxRows = opts.maxRows ?? DEFAULT_PREVIEW_ROWS;
    const kind = await detectKind(blob, fileName);
    let records: string[][];
    let lines: number[];
    let encoding: TextEncodingId | null = null;
    let dialect: CsvDialect | null = null;
    if (kind === 'xlsx') {
      const sheet = await readFirstSheet(blob, fileName);
      ({ records, lines } = nonBlankRows(sheet, HEADER_SCAN_ROWS + maxRows));
    } else {
      const head = await readHeadText(blob, fileName, HEAD_BYTES, { signal: opts.signal });
      encoding = head.encoding;
      dialect = csvDialect(head.text, fileName);
      ({ records, lines } = await parseCsvText(head.text, dialect, fileName));
    }
    if (records.length === 0) throw noDataRows(fileName);
    const layout = resolveColumns(records, fileName, opts.mapping);
    const start = layout.headerIndex + 1;
    const sample = records.slice(start, start + maxRows);
    const sampleLines = lines.slice(start, start + maxRows);
    const check = rowReader(fileName, layout, { crs: opts.crs }, kind);
    sample.forEach((r, i) => check.add(r, sampleLines[i]));
    return {
      file: fileName,
      format: formatOf(kind, layout),
      encoding,
      delimiter: dialect?.delimiter ?? null,
      columns: describeColumns(layout.cols, layout.hasHeader, layout.duplicates),
      headerLine: layout.headerIndex >= 0 ? lines[layout.headerIndex] : null,
      rows: sample,
      rowLines: sampleLines,
      warnings: layoutWarnings(fileName, layout, lines, kind, opts.crs ?? 'WGS84', false),
      rejected: check.rejected,
      acceptedCount: check.cells.length,
    };
  });
}

/** Everything that is not ImportError/ImportCancelled becomes an ImportError naming the file. */
async function guard<T>(fileName: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ImportError || e instanceof ImportCancelled) throw e;
    throw readFailed(fileName, e);
  }
}

/** By content, not extension: a renamed XLSX is still a zip. */
export async function detectKind(blob: Blob, file: string): Promise<Kind> {
  if (blob.size === 0) throw new ImportError(file, 'empty-file', 'the file is empty');
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  if (isZip(head)) return 'xlsx';
  if (isOle2(head)) {
    throw new ImportError(
      file,
      'xls-not-supported',
      'legacy Excel .xls workbooks are not supported; save it as .xlsx or CSV',
    );
  }
  return 'csv';
}

/** The delimiter of a table from its head; ImportError when no delimiter splits it. */
export function csvDialect(headText: string, file: string): CsvDialect {
  const { dialect, columns } = detectDialect(headText);
  if (columns < 2) {
    const firstLine = headText.split(/\r\n|\n|\r/, 1)[0] ?? '';
    const shown = firstLine.length > 80 ? `${firstLine.slice(0, 80)}…` : firstLine;
    throw new ImportError(
      file,
      'single-column',
      `only one column found (first line "${shown}"): columns must be separated by commas, semicolons, tabs or |`,
      { firstLine: shown },
    );
  }
  return dialect;
}

function formatOf(kind: Kind, layout: LayoutResolution): StationFileFormat {
  if (kind === 'xlsx') return 'xlsx';
  return layout.cols.layout === 'opencellid' ? 'opencellid' : 'csv';
}

export function noDataRows(file: string): ImportError {
  return new ImportError(file, 'no-data-rows', 'the file has no data rows');
}

function nonBlankRows(
  sheet: readonly unknown[][],
  limit: number,
): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  for (let i = 0; i < sheet.length && records.length < limit; i++) {
    const r = rowText(sheet[i]);
    if (r.some((f) => f.trim() !== '')) {
      records.push(r);
      lines.push(i + 1);
    }
  }
  return { records, lines };
}

function rowReader(
  file: string,
  layout: LayoutResolution,
  opts: StationImportOptions,
  kind: Kind,
  sink?: CellSink,
) {
  return new StationRowReader(layout.cols, {
    file,
    crs: opts.crs ?? 'WGS84',
    defaultTech: opts.defaultTech ?? 'LTE',
    useOpenCellidRange: opts.useOpenCellidRange ?? false,
    lineWord: kind === 'xlsx' ? 'sheet row' : 'line',
    sink,
  });
}

/**
 * A later part of a CSV split at a line end for parallel parsing: no header of its own;
 * the dialect, encoding and columns are those of the file's first part. Rows and lines
 * count from 1 within the part (the caller shifts them).
 */
export interface LaterPart {
  dialect: CsvDialect;
  encoding: TextEncodingId;
  layout: LayoutResolution;
}

async function readLaterPart(
  batches: AsyncIterator<CsvBatch>,
  part: LaterPart,
  rows: StationRowReader,
  reader: BlobTextReader,
  size: number,
  opts: StationImportOptions,
): Promise<StationCsvRows> {
  for (;;) {
    const r = await batches.next();
    if (r.done) break;
    consumeBatch(r.value, rows, 0);
    opts.onProgress?.({ fraction: Math.min(1, r.value.byteEnd / size), rows: rows.rowCount });
    throwIfAborted(opts.signal, reader.file);
  }
  return {
    format: formatOf('csv', part.layout),
    encoding: reader.encoding,
    delimiter: part.dialect.delimiter,
    rows,
    layout: part.layout,
    fileWarnings: [],
    mixed: reader.mixed,
  };
}

/** Hands a batch's records to the row reader after skipping `skip` (header) records; returns the skip left. */
function consumeBatch(b: CsvBatch, rows: StationRowReader, skip: number): number {
  for (let i = 0; i < b.records.length; i++) {
    if (skip > 0) {
      skip--;
      continue;
    }
    if (i === b.unterminated) {
      rows.addUnreadable(
        b.lines[i],
        'unterminated-quote',
        'a quoted field never closes: the rest of the file was read as one value',
      );
    } else if (b.records[i].length === 1 && b.records[i][0] === LONG_LINE_MARK) {
      rows.addUnreadable(
        b.lines[i],
        'line-too-long',
        `the line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB and was not read`,
      );
    } else rows.add(b.records[i], b.lines[i]);
  }
  return skip;
}

/** What reading a station CSV's rows gives before the cells are grouped into sites. */
export interface StationCsvRows {
  format: StationFileFormat;
  encoding: TextEncodingId;
  delimiter: string;
  rows: StationRowReader;
  layout: LayoutResolution;
  /** File-level notes (header, duplicate columns, CRS hints, mixed encodings). */
  fileWarnings: ImportIssue[];
  /** Lines read as GBK in a UTF-8 file (already in `fileWarnings` for a whole file). */
  mixed: MixedEncodingStats;
}

async function importCsv(
  blob: Blob,
  file: string,
  opts: StationImportOptions,
): Promise<StationImportResult> {
  const r = await readStationCsvRows(blob, file, opts);
  return finish(file, r.format, r.encoding, r.delimiter, r.rows, r.layout, r.fileWarnings, opts);
}

/**
 * Stream a station CSV's rows through the row reader: accepted cells go to `sink`
 * (default: the reader's `cells`), bad rows to its `rejected`. Shared by the object
 * import and the columnar one (import-station-table.ts), so both validate identically.
 */
export async function readStationCsvRows(
  blob: Blob,
  file: string,
  opts: StationImportOptions,
  sink?: CellSink,
  part?: LaterPart,
): Promise<StationCsvRows> {
  const { signal, onProgress } = opts;
  const dialect = part
    ? part.dialect
    : csvDialect((await readHeadText(blob, file, HEAD_BYTES, { signal })).text, file);
  const reader = await BlobTextReader.open(blob, file, {
    signal,
    chunkBytes: opts.chunkBytes,
    encoding: part?.encoding,
  });
  const batches = csvBatches(reader.chunks(), dialect, file)[Symbol.asyncIterator]();
  if (part)
    return readLaterPart(
      batches,
      part,
      rowReader(file, part.layout, opts, 'csv', sink),
      reader,
      blob.size,
      opts,
    );

  // Hold the first batches until the header can be found among the first records.
  const buffered: CsvBatch[] = [];
  let headCount = 0;
  let done = false;
  while (headCount < HEADER_SCAN_ROWS) {
    const r = await batches.next();
    if (r.done) {
      done = true;
      break;
    }
    buffered.push(r.value);
    headCount += r.value.records.length;
  }
  const headRecords = buffered.flatMap((b) => b.records).slice(0, HEADER_SCAN_ROWS);
  const headLines = buffered.flatMap((b) => b.lines).slice(0, HEADER_SCAN_ROWS);
  if (headRecords.length === 0) throw noDataRows(file);
  const layout = resolveColumns(headRecords, file, opts.mapping);
  const rows = rowReader(file, layout, opts, 'csv', sink);

  let skip = layout.headerIndex + 1;
  let lastFraction = -1;
  const consume = (b: CsvBatch) => {
    skip = consumeBatch(b, rows, skip);
    const fraction = Math.min(1, b.byteEnd / blob.size);
    if (fraction > lastFraction) {
      lastFraction = fraction;
      onProgress?.({ fraction, rows: rows.rowCount });
    }
  };
  for (const b of buffered) consume(b);
  buffered.length = 0;
  while (!done) {
    await yieldToEventLoop();
    throwIfAborted(signal, file);
    const r = await batches.next();
    if (r.done) break;
    consume(r.value);
  }
  throwIfAborted(signal, file);

  const warnings = layoutWarnings(
    file,
    layout,
    headLines,
    'csv',
    opts.crs ?? 'WGS84',
    opts.useOpenCellidRange ?? false,
  );
  warnings.push(...mixedEncodingIssues(file, reader.mixed));
  return {
    format: formatOf('csv', layout),
    encoding: reader.encoding,
    delimiter: dialect.delimiter,
    rows,
    layout,
    fileWarnings: warnings,
    mixed: reader.mixed,
  };
}

async function importXlsx(
  blob: Blob,
  file: string,
  opts: StationImportOptions,
): Promise<StationImportResult> {
  const { signal, onProgress } = opts;
  const sheet = await readFirstSheet(blob, file);
  throwIfAborted(signal, file);
  // Unzipping is most of the work and cannot report progress; call it half.
  onProgress?.({ fraction: 0.5, rows: 0 });
  const head = nonBlankRows(sheet, HEADER_SCAN_ROWS);
  if (head.records.length === 0) throw noDataRows(file);
  const layout = resolveColumns(head.records, file, opts.mapping);
  const rows = rowReader(file, layout, opts, 'xlsx');
  const start = layout.headerIndex >= 0 ? head.lines[layout.headerIndex] : 0;
  const step = 5000;
  for (let i = start; i < sheet.length; i++) {
    const r = rowText(sheet[i]);
    if (r.some((f) => f.trim() !== '')) rows.add(r, i + 1);
    if ((i - start + 1) % step === 0) {
      onProgress?.({ fraction: 0.5 + (0.5 * (i + 1)) / sheet.length, rows: rows.rowCount });
      await yieldToEventLoop();
      throwIfAborted(signal, file);
    }
  }
  const warnings = layoutWarnings(
    file,
    layout,
    head.lines,
    'xlsx',
    opts.crs ?? 'WGS84',
    opts.useOpenCellidRange ?? false,
  );
  return finish(file, 'xlsx', null, null, rows, layout, warnings, opts);
}

function finish(
  file: string,
  format: StationFileFormat,
  encoding: TextEncodingId | null,
  delimiter: string | null,
  rows: StationRowReader,
  layout: LayoutResolution,
  fileWarnings: ImportIssue[],
  opts: StationImportOptions,
): StationImportResult {
  if (rows.rowCount === 0) throw noDataRows(file);
  const sites = groupCellsIntoSites(rows.cells);
  throwIfAborted(opts.signal, file);
  // Cells grouped by position get their site's id, so `siteId` always names the site.
  let spread = 0;
  let firstSpread: Site | null = null;
  for (const s of sites) {
    let far = false;
    for (const c of s.cells) {
      if (c.siteId === '') c.siteId = s.id;
      if (
        !far &&
        s.cells.length > 1 &&
        haversineMetres(s.position, c.position) > SITE_SPREAD_WARN_M
      )
        far = true;
    }
    if (far) {
      spread++;
      firstSpread ??= s;
    }
  }
  const warnings = [...fileWarnings, ...rows.warnings()];
  if (firstSpread)
    warnings.push(siteSpreadWarning(file, spread, firstSpread.id, firstSpread.cells[0].sourceRow));
  opts.onProgress?.({ fraction: 1, rows: rows.rowCount });
  return {
    file,
    format,
    encoding,
    delimiter,
    crs: opts.crs ?? 'WGS84',
    rowCount: rows.rowCount,
    cells: rows.cells,
    sites,
    rejected: rows.rejected,
    warnings,
    columns: describeColumns(
      layout.cols,
      layout.hasHeader,
      layout.duplicates,
      opts.useOpenCellidRange ?? false,
    ),
  };
}
