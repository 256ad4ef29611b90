/**
 * One station-parsing worker thread: reads bytes [start, end) of a station CSV (a later
 * part, split at a line end) into a columnar table with the first part's dialect,
 * encoding and columns, counts the line ends before `start` (to number its lines), and
 * posts the table back with its buffers transferred. See station-import-parallel.ts.
 */
import { openAsBlob } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { StationTable } from '../core/station-table';
import { initialCapacity, tableSink } from '../io/import-station-table';
import { readStationCsvRows } from '../io/import-stations';
import type { ParseTask, ParseReply } from './station-import-parallel';

const task = workerData as ParseTask;
const port = parentPort!;

async function linesBefore(blob: Blob, end: number): Promise<number> {
  let n = 0;
  const step = 8 << 20;
  for (let a = 0; a < end; a += step) {
    const bytes = new Uint8Array(await blob.slice(a, Math.min(end, a + step)).arrayBuffer());
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  }
  return n;
}

try {
  const whole = await openAsBlob(task.path);
  const blob = whole.slice(task.start, task.end);
  const table = new StationTable(initialCapacity(blob.size));
  const r = await readStationCsvRows(blob, task.file, task.opts, tableSink(table), task.part);
  const reply: ParseReply = {
    ok: true,
    table,
    rowCount: r.rows.rowCount,
    rejected: r.rows.rejected,
    tallies: r.rows.tallyEntries(),
    mixed: r.mixed.count,
    linesBefore: await linesBefore(whole, task.start),
  };
  port.postMessage(reply, table.transferables());
} catch (e) {
  port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
