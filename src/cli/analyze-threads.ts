/**
 * The by-county analysis (core/analysis/by-county.ts) over Node worker threads: counties
 * are handed out one at a time, largest first, to whichever thread is free; the site
 * table and its index live in SharedArrayBuffers that every thread reads in place. The
 * rows come back in area order whatever thread finished first, so the output does not
 * depend on the number of threads.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type KDBush from 'kdbush';
import type { Area } from '../core/area';
import {
  combineCounties,
  type CountyPopulationInit,
  type CountyResult,
} from '../core/analysis/by-county';
import type { RasterSource, RasterWindow } from '../core/raster/types';
import { bboxOf, type RegionResult } from '../core/analysis/analyze';
import type { AnalysisParams } from '../core/analysis/params';
import {
  allocSiteTable,
  indexSites,
  siteTableFromSites,
  type SiteTable,
} from '../core/analysis/site-table';
import type { Site } from '../core/station';

/** What every worker gets once (structured clone; shared buffers are not copied). */
export interface ThreadInit {
  areas: readonly Area[];
  sites: SiteTable;
  indexData: ArrayBuffer | SharedArrayBuffer;
  params: AnalysisParams;
  population: CountyPopulationInit;
}
export interface ThreadTask {
  index: number;
  /** The county's window of the population raster (read here, handed over). */
  raster: RasterWindow | null;
}
export type ThreadReply =
  { ok: true; row: CountyResult } | { ok: false; index: number; message: string };

/** Default thread count: the machine's parallelism, at most 2 (DESIGN.md "Targets"). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/** The table with its arrays on SharedArrayBuffers (copied once unless they already are). */
export function shareSiteTable(t: SiteTable): SiteTable {
  if (t.lon.buffer instanceof SharedArrayBuffer) return t;
  const s = allocSiteTable(t.count, t.kinds, SharedArrayBuffer);
  s.lon.set(t.lon);
  s.lat.set(t.lat);
  s.kind.set(t.kind);
  s.flags.set(t.flags);
  s.notes = t.notes;
  return s;
}

export interface ThreadedOptions {
  /** Worker threads (default `defaultThreads()`). */
  threads?: number;
  /** A prebuilt index of the table's sites on a SharedArrayBuffer. */
  siteIndex?: KDBush;
  /** Called after each county with the number done. */
  onProgress?: (done: number, total: number) => void;
  /** Settlements and the raster's description, shared by every thread. */
  population?: CountyPopulationInit;
  /** County k's raster window (read on this thread, sent with the county's task). */
  rasterFor?: (k: number) => Promise<RasterWindow | null>;
}

const WORKER_URL = new URL('./analyze-thread.mjs', import.meta.url);

/** Rough size of an area's grid (bbox in km²), to hand out the largest counties first. */
function sizeOf(a: Area): number {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  const polys = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
  for (const p of polys)
    for (const [x, y] of p[0]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  return (e - w) * (n - s) * Math.cos((((s + n) / 2) * Math.PI) / 180);
}

/** `analyzeByCounty` over worker threads; same rows, same order, same totals. */
export async function analyzeByCountyThreaded(
  areas: readonly Area[],
  table: SiteTable,
  params: AnalysisParams,
  opts: ThreadedOptions = {},
): Promise<RegionResult & { counties: CountyResult[] }> {
  const sites = shareSiteTable(table);
  const index = opts.siteIndex ?? indexSites(sites, SharedArrayBuffer);
  const threads = Math.max(1, Math.min(opts.threads ?? defaultThreads(), areas.length || 1));
  const order = areas
    .map((a, i) => [i, sizeOf(a)] as const)
    .sort((p, q) => q[1] - p[1] || p[0] - q[0]);
  const rows: CountyResult[] = new Array(areas.length);
  const init: ThreadInit = {
    areas,
    sites,
    indexData: index.data,
    params,
    population: opts.population ?? {},
  };
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      if (areas.length === 0) resolve();
      const feed = (w: Worker) => {
        if (next >= order.length) return;
        const index = order[next++][0];
        const send = (raster: RasterWindow | null) => {
          if (failed) return;
          const task: ThreadTask = { index, raster };
          // A window that owns its whole ArrayBuffer moves to the thread without a copy.
          const own =
            raster &&
            raster.data.buffer instanceof ArrayBuffer &&
            raster.data.byteLength === raster.data.buffer.byteLength;
          w.postMessage(task, own ? [raster.data.buffer as ArrayBuffer] : []);
        };
        if (!opts.rasterFor) send(null);
        else opts.rasterFor(index).then(send, fail);
      };
      for (let t = 0; t < threads && areas.length > 0; t++) {
        const w = new Worker(WORKER_URL, { workerData: init, execArgv: [] });
        workers.push(w);
        w.on('message', (reply: ThreadReply) => {
          if (!reply.ok) {
            fail(new Error(`county ${areas[reply.index].code}: ${reply.message}`));
            return;
          }
          rows[reply.row.index] = reply.row;
          done++;
          opts.onProgress?.(done, areas.length);
          if (done === areas.length) resolve();
          else feed(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (done < areas.length) fail(new Error(`analysis thread exited with code ${code}`));
        });
        // Two tasks in flight per thread, so a thread never waits for the next message.
        feed(w);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return {
    ...combineCounties(rows, params, sites.notes, opts.population?.settlements ?? null),
    counties: rows,
  };
}

/** `sailplan analyze` splits counties over threads from this many counties up. */
export const THREADED_MIN_COUNTIES = 50;

/**
 * Thread count for the county level of `sailplan analyze`, or null for the one-grid
 * `analyzeAreas`: `--threads N` asks for it, and so do more than THREADED_MIN_COUNTIES
 * counties (a province or the country). Township polygons shape the county-town zones
 * and population only in `analyzeAreas`, so with townships it is always that.
 */
export function countyThreads(
  counties: readonly Area[],
  hasTownships: boolean,
  threadsOption: number | undefined,
): number | null {
  if (hasTownships) return null;
  if (threadsOption !== undefined) return threadsOption;
  return counties.length > THREADED_MIN_COUNTIES ? defaultThreads() : null;
}

/** The counties of `sailplan analyze` by county over `threads` threads. */
export async function analyzeCountiesThreaded(
  counties: readonly Area[],
  sites: readonly Site[],
  params: AnalysisParams,
  threads: number,
  population: CountyPopulationInit & { raster?: RasterSource | null } = {},
): Promise<RegionResult> {
  const table = siteTableFromSites(sites, params, counties, { buffer: SharedArrayBuffer });
  const { raster, ...shared } = population;
  const { counties: _rows, ...region } = await analyzeByCountyThreaded(counties, table, params, {
    threads,
    population: shared,
    // Each county's window of the raster, read when the county is handed out.
    ...(raster ? { rasterFor: (k: number) => raster.readWindow(bboxOf([counties[k]])) } : {}),
  });
  return region;
}
