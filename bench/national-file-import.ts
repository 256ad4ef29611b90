/**
 * Child process of the national-file benchmark: imports one station CSV the way the CLI
 * does (`table`: the columnar import on two threads; `objects`: the object import used before) and prints one
 * JSON line with the time, the counts and the process's peak resident memory.
 */
import { openAsBlob } from 'node:fs';
import { importStationTableParallel } from '../src/cli/station-import-parallel';
import { importStations } from '../src/io/import-stations';

const [file, mode] = process.argv.slice(2);
const blob = await openAsBlob(file);
const t0 = performance.now();
let out: { rows: number; cells: number; sites: number; rejected: number };
if (mode === 'objects') {
  const r = await importStations(blob, 'national.csv');
  out = {
    rows: r.rowCount,
    cells: r.cells.length,
    sites: r.sites.length,
    rejected: r.rejected.length,
  };
} else {
  const r = await importStationTableParallel(file, 'national.csv');
  out = {
    rows: r.rowCount,
    cells: r.table.count,
    sites: r.sites.count,
    rejected: r.rejected.length,
  };
}
const ms = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({ ...out, ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
