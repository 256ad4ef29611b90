/**
 * The station CSV parsed on two threads: the file is split at the line end nearest its
 * middle, a worker thread reads the second half while this thread reads the first, and
 * the two columnar tables are joined in row order, so rows, lines, rejections and
 * warnings are numbered as one reader numbers them. When the split cannot be trusted —
 * it falls inside a quoted field, a cell id of the second half already appears in the
 * first (its row must be a duplicate-id rejection), a UTF-8 file has GBK lines, or the
 * worker fails — the file is read again in one piece: the result is always that of
 * `importStationTable`.
 */
import { openAsBlob } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { StationTable } from '../core/station-table';
import { readHeadText } from '../io/decode-text';
import {
  finishStationTable,
  importStationTable,
  initialCapacity,
  tableSink,
  type StationTableImportResult,
} from '../io/import-station-table';
import {
  csvDialect,
  detectKind,
  readStationCsvRows,
  type LaterPart,
  type StationImportOptions,
} from '../io/import-stations';
import type { ImportIssue } from '../io/issues';
import { HEADER_SCAN_ROWS, resolveColumns } from '../io/station-columns';
import { formatTallies, mergeTallies, shiftRejection, type WarningTally } from '../io/station-rows';
import { parseCsvText } from '../io/stations-csv';

export interface ParseTask {
  path: string;
  file: string;
  start: number;
  end: number;
  part: LaterPart;
  opts: Pick<StationImportOptions, 'crs' | 'defaultTech' | 'useOpenCellidRange' | 'chunkBytes'>;
}
export type ParseReply =
  | {
      ok: true;
      table: StationTable;
      rowCount: number;
      rejected: ImportIssue[];
      tallies: [string, WarningTally][];
      mixed: number;
      linesBefore: number;
    }
  | { ok: false; message: string };

/** Smaller files are read on one thread: a worker's start-up (~1 s) would not pay. */
export const PARALLEL_MIN_BYTES = 64 << 20;
const HEAD_BYTES = 256 * 1024;
const WORKER_URL = new URL('./station-parse-thread.mjs', import.meta.url);

export interface ParallelOptions extends StationImportOptions {
  /** Split files from this size up (default PARALLEL_MIN_BYTES; tests split tiny files). */
  minBytes?: number;
  /** Set when the file was read in one piece after all, and why (for tests and --progress). */
  onFallback?: (reason: string) => void;
}

export async function importStationTableParallel(
  absolute: string,
  file: string,
  opts: ParallelOptions = {},
): Promise<StationTableImportResult> {
  const blob = await openAsBlob(absolute);
  const single = (reason: string) => {
    opts.onFallback?.(reason);
    return importStationTable(blob, file, opts);
  };
  if (blob.size < (opts.minBytes ?? PARALLEL_MIN_BYTES)) return single('small file');
  if (opts.mapping || (await detectKind(blob, file)) !== 'csv') return single('not a plain CSV');
  const head = await readHeadText(blob, file, HEAD_BYTES, { signal: opts.signal });
  const dialect = csvDialect(head.text, file);
  if (dialect.newline === '\r') return single('CR line ends');
  const { records } = await parseCsvText(head.text, dialect, file);
  if (records.length <= HEADER_SCAN_ROWS) return single('few rows in the head');
  const layout = resolveColumns(records.slice(0, HEADER_SCAN_ROWS), file);
  const split = await lineEndNear(blob, Math.floor(blob.size / 2));
  if (split < 0) return single('no line end near the middle');

  const task: ParseTask = {
    path: absolute,
    file,
    start: split,
    end: blob.size,
    part: {
      dialect,
      // The second half starts mid-file: no BOM there.
      encoding: head.encoding === 'utf-8-bom' ? 'utf-8' : head.encoding,
      layout,
    },
    opts: {
      crs: opts.crs,
      defaultTech: opts.defaultTech,
      useOpenCellidRange: opts.useOpenCellidRange,
      chunkBytes: opts.chunkBytes,
    },
  };
  const worker = new Worker(WORKER_URL, { workerData: task, execArgv: [] });
  const second = new Promise<ParseReply>((resolve) => {
    worker.once('message', (m: ParseReply) => resolve(m));
    worker.once('error', (e) => resolve({ ok: false, message: e.message }));
    worker.once('exit', (code) => resolve({ ok: false, message: `exited with code ${code}` }));
  });
  let r0;
  const table = new StationTable(initialCapacity(blob.size));
  try {
    r0 = await readStationCsvRows(
      blob.slice(0, split),
      file,
      {
        ...opts,
        onProgress: (p) =>
          opts.onProgress?.({ fraction: (p.fraction * split) / blob.size, rows: p.rows }),
      },
      tableSink(table),
    );
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const r1 = await second;
  await worker.terminate();
  if (!r1.ok) return single(`the parsing thread failed (${r1.message})`);
  const rows0 = r0.rows;
  const last = rows0.rejected[rows0.rejected.length - 1];
  if (last && last.row === rows0.rowCount && /unterminated-quote|line-too-long/.test(last.code))
    return single('the middle of the file is inside a quoted field or a long line');
  if (JSON.stringify(r0.layout) !== JSON.stringify(layout) || r0.delimiter !== dialect.delimiter)
    return single('the first half reads other columns');
  if (r0.mixed.count > 0 || r1.mixed > 0) return single('a UTF-8 file with GBK lines');
  const second1 = StationTable.revive(r1.table);
  const rowOffset = rows0.rowCount;
  if (!table.appendTable(second1, rowOffset)) return single('a cell id in both halves');
  const lineOffset = r1.linesBefore;
  const tallies = mergeTallies([
    { tallies: rows0.tallyEntries(), rowOffset: 0, lineOffset: 0 },
    { tallies: r1.tallies, rowOffset, lineOffset },
  ]);
  return finishStationTable(
    file,
    table,
    {
      format: r0.format,
      encoding: r0.encoding,
      delimiter: r0.delimiter,
      layout: r0.layout,
      rowCount: rows0.rowCount + r1.rowCount,
      rejected: [
        ...rows0.rejected,
        ...r1.rejected.map((i) => shiftRejection(i, rowOffset, lineOffset)),
      ],
      warnings: [...r0.fileWarnings, ...formatTallies(file, 'line', tallies)],
    },
    opts,
  );
}

/** The offset just after the first LF at or after `from` (within 1 MiB), or −1. */
async function lineEndNear(blob: Blob, from: number): Promise<number> {
  const bytes = new Uint8Array(
    await blob.slice(from, Math.min(blob.size, from + (1 << 20))).arrayBuffer(),
  );
  const i = bytes.indexOf(10);
  return i < 0 || from + i + 1 >= blob.size ? -1 : from + i + 1;
}
