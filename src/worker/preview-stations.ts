import type { CrsId } from '../core/crs';
import { readHeadText } from '../io/decode-text';
import { previewStations, type StationPreview } from '../io/import-stations';
import { ImportError } from '../io/issues';
import { HEADER_SCAN_ROWS, type ColumnMapping } from '../io/station-columns';
import { detectDialect, parseCsvText } from '../io/stations-csv';
import { readFirstSheet, rowText } from '../io/stations-xlsx';
import { isZip } from '../io/zip-read';
import { failureOf, type ImportFailure } from './load-dataset';

export interface StationPreviewRequest {
  file: Blob;
  fileName: string;
  crs: CrsId;
  /** The mapping being edited in the dialog; absent = what the importer detects. */
  mapping?: ColumnMapping;
}

/**
 * `unresolved`: the columns could not be mapped (no longitude/latitude found, or the mapping
 * names a missing column). The preview then shows the file's first row as headers and
 * nothing mapped, so the user can map the columns by hand; the import stays disabled until
 * a preview without `unresolved` comes back.
 */
export type StationPreviewOutcome =
  { status: 'ok'; preview: StationPreview; unresolved?: ImportFailure } | ImportFailure;

/** Preview rows shown in the dialog: enough to judge the mapping, small enough to post. */
export const PREVIEW_ROWS = 20;

/** Failures the user can fix in the dialog's column mapping. */
const MAPPING_CODES = new Set(['no-coordinate-columns', 'mapping-column-not-found']);

/**
 * The import dialog's look at a station file before anything is loaded: encoding, delimiter,
 * header, mapping, the first rows and which of them would be rejected. Reads only the head
 * of the file and never touches the workspace, so a bad file here loses nothing.
 */
export async function previewStationFile(
  req: StationPreviewRequest,
  signal?: AbortSignal,
): Promise<StationPreviewOutcome> {
  try {
    const preview = await previewStations(req.file, req.fileName, {
      crs: req.crs,
      mapping: req.mapping,
      maxRows: PREVIEW_ROWS,
      signal,
    });
    return { status: 'ok', preview };
  } catch (e) {
    const failure = failureOf(e, req.fileName);
    if (!(e instanceof ImportError) || !MAPPING_CODES.has(e.code)) return failure;
    try {
      return {
        status: 'ok',
        preview: await unmappedPreview(req.file, req.fileName),
        unresolved: failure,
      };
    } catch {
      return failure;
    }
  }
}

/** The head of a table with its header row found but no field mapped. */
async function unmappedPreview(blob: Blob, fileName: string): Promise<StationPreview> {
  const xlsx = isZip(new Uint8Array(await blob.slice(0, 4).arrayBuffer()));
  let records: string[][];
  let lines: number[];
  let encoding: StationPreview['encoding'] = null;
  let delimiter: string | null = null;
  if (xlsx) {
    const sheet = await readFirstSheet(blob, fileName);
    records = [];
    lines = [];
    for (let i = 0; i < sheet.length && records.length < HEADER_SCAN_ROWS + PREVIEW_ROWS; i++) {
      const r = rowText(sheet[i]);
      if (r.some((f) => f.trim() !== '')) {
        records.push(r);
        lines.push(i + 1);
      }
    }
  } else {
    const head = await readHeadText(blob, fileName, 64 * 1024);
    encoding = head.encoding;
    const { dialect } = detectDialect(head.text);
    delimiter = dialect.delimiter;
    ({ records, lines } = await parseCsvText(head.text, dialect, fileName));
  }
  // The header is the fullest of the first rows: exports often start with a title line.
  const filled = (r: readonly string[]) => r.filter((f) => f.trim() !== '').length;
  const scan = records.slice(0, HEADER_SCAN_ROWS);
  const most = Math.max(0, ...scan.map(filled));
  const h = Math.max(
    0,
    scan.findIndex((r) => filled(r) === most),
  );
  const headers = (records[h] ?? []).map((x) => x.trim());
  return {
    file: fileName,
    format: xlsx ? 'xlsx' : 'csv',
    encoding,
    delimiter,
    columns: {
      layout: 'canonical',
      hasHeader: true,
      headers,
      mapping: {},
      byColumn: headers.map((header) => ({ header, field: null })),
      unmapped: headers,
      duplicates: [],
    },
    headerLine: lines[h] ?? null,
    rows: records.slice(h + 1, h + 1 + PREVIEW_ROWS),
    rowLines: lines.slice(h + 1, h + 1 + PREVIEW_ROWS),
    warnings: [],
    rejected: [],
    acceptedCount: 0,
  };
}
