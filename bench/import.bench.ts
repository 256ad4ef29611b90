/**
 * Import benchmarks: station tables (CSV UTF-8 and GBK, XLSX), grouping cells into sites,
 * boundaries and census population from ../shared/data. Station inputs are generated
 * in memory from a fixed seed; every run checks the result so a fast wrong answer fails.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/universal';
import type { Area } from '../src/core/area';
import { groupCellsIntoSites } from '../src/core/sites';
import {
  importBoundaries,
  type BoundaryImportOptions,
  type BoundaryImportResult,
} from '../src/io/import-boundaries';
import { importStations, type StationImportResult } from '../src/io/import-stations';
import { importPopulation } from '../src/io/population-csv';
import { joinPopulation } from '../src/io/population-join';
import { encodeGbk } from './gbk';
import { stationCells, stationCsvBlob, stationSheet } from './station-data';
import {
  collectGarbage,
  count,
  formatBytes,
  measureOnce,
  type BenchContext,
  type BenchSuite,
} from './suite';
import { time, type BenchRow } from './table';

const SEED = 20_240_601;

const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

function checkStations(r: StationImportResult, rows: number): void {
  check(r.rowCount === rows, `${r.file}: ${r.rowCount} rows read, expected ${rows}`);
  check(r.rejected.length === 0, `${r.file}: ${r.rejected.length} rows rejected`);
}

async function millionRowCsv(ctx: BenchContext): Promise<BenchRow> {
  const n = 1_000_000;
  const runs = 3;
  ctx.log(`generating a ${count(n)}-row station CSV…`);
  const blob = stationCsvBlob(n, SEED);
  const times: number[] = [];
  let peakRss = 0;
  let peakRssGrowth = 0;
  let peakHeap = 0;
  let peakHeapGrowth = 0;
  let sites = 0;
  let nr = 0;
  // One import per call, so nothing of a run's result is still reachable in the next one.
  const once = async () => {
    const m = await measureOnce(() => importStations(blob, 'stations-1m.csv'));
    checkStations(m.value, n);
    return {
      ms: m.ms,
      rssGrowth: m.peakRss - m.baseRss,
      heapGrowth: m.peakHeap - m.baseHeap,
      peakRss: m.peakRss,
      peakHeap: m.peakHeap,
      sites: m.value.sites.length,
      nrSites: m.value.sites.filter((s) => s.is5g).length,
    };
  };
  for (let i = 0; i < runs; i++) {
    ctx.log(`importing it (${i + 1}/${runs})…`);
    const m = await once();
    times.push(m.ms);
    peakRss = Math.max(peakRss, m.peakRss);
    peakRssGrowth = Math.max(peakRssGrowth, m.rssGrowth);
    peakHeap = Math.max(peakHeap, m.peakHeap);
    peakHeapGrowth = Math.max(peakHeapGrowth, m.heapGrowth);
    sites = m.sites;
    nr = m.nrSites;
  }
  const ms = [...times].sort((a, b) => a - b)[runs >> 1];
  return {
    name: 'import station CSV, UTF-8 (canonical columns)',
    size: `${count(n)} rows, ${formatBytes(blob.size)}`,
    ms,
    target: '—',
    note:
      `${count(Math.round(n / (ms / 1000)))} rows/s; ${count(sites)} sites (${count(nr)} 5G); ` +
      `peak RSS ${formatBytes(peakRss)} (+${formatBytes(peakRssGrowth)}), ` +
      `peak heap ${formatBytes(peakHeap)} (+${formatBytes(peakHeapGrowth)})`,
  };
}

async function grouping(ctx: BenchContext, siteIds: boolean): Promise<BenchRow> {
  const n = 1_000_000;
  ctx.log(`grouping ${count(n)} cells into sites (${siteIds ? 'site_id' : 'by position'})…`);
  const cells = stationCells(n, SEED, siteIds);
  let sites = 0;
  const ms = await time(() => {
    sites = groupCellsIntoSites(cells).length;
  }, 3);
  check(sites > n / 3 && sites < n, `${sites} sites from ${n} cells`);
  return {
    name: siteIds
      ? 'group cells into sites by site_id'
      : 'group cells into sites by position (10 m, same operator)',
    size: `${count(n)} cells`,
    ms,
    target: '—',
    note: `${count(sites)} sites${siteIds ? '' : '; sectors jittered ±3 m, KDBush range queries'}`,
  };
}

async function gbkCsv(ctx: BenchContext): Promise<BenchRow> {
  const n = 100_000;
  ctx.log(`importing a ${count(n)}-row GBK CSV…`);
  const blob = stationCsvBlob(n, SEED + 1, { chinese: true, encode: encodeGbk });
  let r: StationImportResult | null = null;
  const ms = await time(async () => {
    r = await importStations(blob, 'stations-gbk.csv');
  }, 3);
  const result = r as StationImportResult | null;
  check(result !== null && result.encoding === 'gbk', 'GBK not detected');
  if (result) checkStations(result, n);
  return {
    name: 'import station CSV, GBK (Chinese headers and values)',
    size: `${count(n)} rows, ${formatBytes(blob.size)}`,
    ms,
    target: '—',
    note: `${count(Math.round(n / (ms / 1000)))} rows/s`,
  };
}

async function xlsx(ctx: BenchContext): Promise<BenchRow> {
  const n = 20_000;
  ctx.log(`importing a ${count(n)}-row XLSX…`);
  const blob = await writeExcelFile(stationSheet(n, SEED + 2)).toBlob();
  let rows = 0;
  const ms = await time(async () => {
    const r = await importStations(blob, 'stations.xlsx');
    checkStations(r, n);
    rows = r.rowCount;
  }, 3);
  return {
    name: 'import station XLSX (Chinese headers)',
    size: `${count(rows)} rows, ${formatBytes(blob.size)}`,
    ms,
    target: '—',
    note: `${count(Math.round(n / (ms / 1000)))} rows/s`,
  };
}

const absent = (name: string, size: string): BenchRow => ({
  name,
  size,
  ms: null,
  target: '—',
  note: '../shared/data absent',
});

async function boundaries(
  ctx: BenchContext,
  name: string,
  file: string,
  expected: number,
  opts: BoundaryImportOptions,
  /** Checks the result and says what the row shows. */
  describe: (r: BoundaryImportResult) => string,
): Promise<{ row: BenchRow; areas: Area[] }> {
  const size = `${count(expected)} polygons`;
  if (!ctx.dataDir) return { row: absent(name, size), areas: [] };
  ctx.log(`${name}…`);
  const bytes = await readFile(path.join(ctx.dataDir, file));
  const blob = new Blob([bytes]);
  let result: BoundaryImportResult | null = null;
  const ms = await time(async () => {
    result = await importBoundaries(blob, file, opts);
  }, 3);
  const r = result as BoundaryImportResult | null;
  if (!r) throw new Error(`${file}: no result`);
  check(r.areas.length === expected, `${file}: ${r.areas.length} areas, expected ${expected}`);
  const note = describe(r);
  return {
    row: {
      name,
      size: `${size}, ${formatBytes(bytes.length)}`,
      ms,
      target: '—',
      note: `${note}; ${plural(r.warnings.length, 'warning')}`,
    },
    areas: r.areas,
  };
}

async function census(ctx: BenchContext, counties: readonly Area[]): Promise<BenchRow[]> {
  const names = ['import census population CSV', 'join census population to counties'];
  if (!ctx.dataDir || counties.length === 0) {
    return [absent(names[0], '3,358 rows'), absent(names[1], '3,358 rows → 2,990 counties')];
  }
  ctx.log('census population…');
  const file = 'cn-county-census-2020.csv';
  const blob = new Blob([await readFile(path.join(ctx.dataDir, file))]);
  let pop: Awaited<ReturnType<typeof importPopulation>> | null = null;
  const importMs = await time(async () => {
    pop = await importPopulation(blob, file);
  }, 5);
  const result = pop as Awaited<ReturnType<typeof importPopulation>> | null;
  if (!result) throw new Error(`${file}: no result`);
  const rows = result.rows;
  const noCode = result.warnings.filter((w) => w.code === 'population-no-code').length;
  let matched = 0;
  const joinMs = await time(() => {
    matched = joinPopulation(counties, rows, file).matched;
  }, 5);
  check(matched > 0.98 * counties.length, `only ${matched} counties joined`);
  return [
    {
      name: names[0],
      size: `${count(rows.length)} rows loaded, ${formatBytes(blob.size)}`,
      ms: importMs,
      target: '—',
      note: `${count(result.rejected.length)} rejected, ${count(noCode)} without a code`,
    },
    {
      name: names[1],
      size: `${count(rows.length)} rows → ${count(counties.length)} counties`,
      ms: joinMs,
      target: '—',
      note: `${count(matched)} matched`,
    },
  ];
}

export const importSuite: BenchSuite = {
  name: 'import',
  async run(ctx) {
    const rows: BenchRow[] = [];
    rows.push(await millionRowCsv(ctx));
    collectGarbage();
    rows.push(await grouping(ctx, true));
    collectGarbage();
    rows.push(await grouping(ctx, false));
    collectGarbage();
    rows.push(await gbkCsv(ctx));
    rows.push(await xlsx(ctx));
    collectGarbage();
    const counties = await boundaries(
      ctx,
      'import all China counties (GeoJSON)',
      'cn-counties-2021.geojson',
      2990,
      {},
      () => 'validation, repair, outlier checks, geodesic areas',
    );
    rows.push(counties.row);
    const guigang = await boundaries(
      ctx,
      'import Guigang townships (GeoJSON)',
      'guigang-townships.geojson',
      58,
      {},
      (r) => {
        check(
          r.warnings.some((w) => w.params?.name === '丹竹镇'),
          'Guigang: 丹竹镇 not flagged',
        );
        return '丹竹镇 flagged';
      },
    );
    rows.push(guigang.row);
    const qinghai = await boundaries(
      ctx,
      'import Qinghai counties, GCJ-02 → WGS-84',
      'qinghai-counties-gcj02.geojson',
      45,
      { crs: 'GCJ02' },
      (r) => {
        check(r.crs === 'GCJ02' && r.areas.every((a) => a.seat !== null), 'Qinghai: not converted');
        return 'every vertex and seat converted';
      },
    );
    rows.push(qinghai.row);
    rows.push(...(await census(ctx, counties.areas)));
    return rows;
  },
};
