/**
 * Terrain benchmarks (issue 13): the terrain-aware coverage of a county's 2,000 sites at
 * 100 m over a plateau DEM, on one thread and on two worker threads, and one site edit with
 * terrain. The scene is seeded (terrain-scene.ts); every run checks its result (threads
 * give the spans of one thread, site for site; coverage is neither empty nor total).
 */
import { Worker } from 'node:worker_threads';
import { createGrid, gridSpecForLngLatBox, type Grid, type GridSpec } from '../src/core/grid/grid';
import { modelParams } from '../src/core/model/params';
import { createRng } from '../src/core/random';
import { createTerrainCoverage, type TerrainSiteCoverage } from '../src/core/terrain/site-coverage';
import { metres } from '../src/core/units';
import { collectGarbage, count, type BenchContext, type BenchSuite } from './suite';
import { formatMs, time, type BenchRow } from './table';
import { terrainAnalysisRows } from './terrain-analysis';
import { BBOX, benchDem, benchSites } from './terrain-scene';
import type { ThreadData, ThreadResult } from './terrain-thread';

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

/** Adds spans to a layer's counts (what stamp.ts's addSite does with a site's spans). */
function stamp(grid: Grid, counts: Uint16Array, spans: Int32Array, delta: 1 | -1): void {
  for (let k = 0; k < spans.length; k += 3) {
    const base = spans[k] * grid.cols;
    for (let i = base + spans[k + 1]; i <= base + spans[k + 2]; i++) counts[i] += delta;
  }
}

function coveredCells(counts: Uint16Array): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) n++;
  return n;
}

const sameSpans = (a: Int32Array, b: Int32Array) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

async function runThreads(
  threads: number,
  shared: SharedArrayBuffer,
  spec: GridSpec,
  params: ReturnType<typeof modelParams>,
  total: number,
): Promise<{ ms: number; cpuMs: number; results: ThreadResult[] }[]> {
  const counter = new SharedArrayBuffer(4);
  const data: ThreadData = {
    dem: shared,
    counter,
    spec: {
      lon0: spec.projection.lon0,
      lat0: spec.projection.lat0,
      x0: spec.x0,
      y0: spec.y0,
      cellSize: spec.cellSize,
      cols: spec.cols,
      rows: spec.rows,
    },
    params,
  };
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./terrain-thread.mjs', import.meta.url), { workerData: data }),
  );
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((ok, fail) => {
            w.once('message', () => ok());
            w.once('error', fail);
          }),
      ),
    );
    const rounds: { ms: number; cpuMs: number; results: ThreadResult[] }[] = [];
    // A warm-up round, then three timed ones.
    for (let round = 0; round < 4; round++) {
      new Int32Array(counter)[0] = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const parts = await Promise.all(
        workers.map(
          (w) =>
            new Promise<ThreadResult[]>((ok, fail) => {
              w.once('message', ok);
              w.once('error', fail);
              w.postMessage('go');
            }),
        ),
      );
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      const results = parts.flat().sort((a, b) => a.index - b.index);
      check(results.length === total, `threads returned ${results.length} of ${total} sites`);
      rounds.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000, results });
    }
    return rounds.slice(1);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function county(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('terrain: plateau DEM over 玉树市 (3″, seeded), 2,000 sites at 100 m…');
  const params = modelParams();
  const dem = benchDem();
  const sites = benchSites(params);
  const spec = gridSpecForLngLatBox(BBOX, metres(100));
  const grid = createGrid(spec, 1);
  const demPixels = dem.data.length;

  // One thread: every site's footprint, stamped on both layers.
  let last: TerrainSiteCoverage[] = [];
  const oneThread = () => {
    grid.nr.fill(0);
    grid.redcap.fill(0);
    const terrain = createTerrainCoverage(params, dem);
    last = sites.map((s) => terrain.site(spec, s));
    for (const t of last) {
      stamp(grid, grid.nr, t.nr, 1);
      stamp(grid, grid.redcap, t.redcap, 1);
    }
  };
  const cpu1: number[] = [];
  const ms1 = await time(() => {
    const c0 = process.cpuUsage();
    oneThread();
    const c = process.cpuUsage(c0);
    cpu1.push((c.user + c.system) / 1000);
  }, 3);
  cpu1.sort((a, b) => a - b);
  const covered = coveredCells(grid.nr);
  const coveredRc = coveredCells(grid.redcap);
  check(covered > 1000 && covered < grid.cols * grid.rows, `NR cells covered: ${covered}`);
  check(coveredRc > 0 && coveredRc <= covered, `RedCap cells covered: ${coveredRc}`);
  const modes = new Map<string, number>();
  let samples = 0;
  let reach = 0;
  for (const t of last) {
    modes.set(t.mode, (modes.get(t.mode) ?? 0) + 1);
    samples += t.profilePoints;
    reach += t.reachM;
  }
  check((modes.get('terrain') ?? 0) > sites.length / 2, 'most sites have a terrain footprint');

  // Two threads over a shared DEM.
  collectGarbage();
  const shared = new SharedArrayBuffer(dem.data.byteLength);
  new Float32Array(shared).set(dem.data);
  const rounds = await runThreads(2, shared, spec, params, sites.length);
  for (const { results } of rounds) {
    for (let i = 0; i < sites.length; i++) {
      check(
        sameSpans(results[i].nr, last[i].nr) && sameSpans(results[i].redcap, last[i].redcap),
        `site ${i}: two threads differ from one`,
      );
    }
  }
  const byWall = [...rounds].sort((a, b) => a.ms - b.ms);
  const ms2 = byWall[1].ms;
  const cpu2 = byWall[1].cpuMs;

  // One site edit: move a site up to 500 m, recompute its terrain footprint, restamp.
  const terrain = createTerrainCoverage(params, dem);
  for (const s of sites.slice(0, 50)) terrain.site(spec, s);
  const rng = createRng(7);
  const times: number[] = [];
  for (let k = 0; k < 101; k++) {
    const i = rng.int(0, sites.length - 1);
    const s = sites[i];
    const [x, y] = spec.projection.forward(s.lon, s.lat);
    const [lon, lat] = spec.projection.inverse(
      x + rng.uniform(-500, 500),
      y + rng.uniform(-500, 500),
    );
    const t0 = performance.now();
    const moved = terrain.site(spec, { ...s, lon, lat });
    stamp(grid, grid.nr, last[i].nr, -1);
    stamp(grid, grid.redcap, last[i].redcap, -1);
    stamp(grid, grid.nr, moved.nr, 1);
    stamp(grid, grid.redcap, moved.redcap, 1);
    times.push(performance.now() - t0);
    last[i] = moved;
    sites[i] = { ...s, lon, lat };
  }
  times.sort((a, b) => a - b);

  const size = `${count(grid.cols * grid.rows)} cells, ${count(sites.length)} sites`;
  const mix = [...modes].map(([m, n]) => `${n} ${m}`).join(', ');
  return [
    {
      name: 'county terrain coverage, 1 thread',
      size,
      ms: ms1,
      target: '—',
      note: `CPU ${formatMs(cpu1[1])}; DEM ${count(demPixels)} px (3″); ${mix}; mean reach ${(reach / sites.length / 1000).toFixed(1)} km; ${count(Math.round(samples / 1e3))}k profile points; NR ${((100 * covered) / (grid.cols * grid.rows)).toFixed(1)}% of the box`,
    },
    {
      name: 'county terrain coverage, 2 threads',
      size,
      ms: ms2,
      target: '< 3 s',
      note: `CPU ${formatMs(cpu2)} over both threads; worker_threads, sites handed out one at a time from a shared counter; DEM in a SharedArrayBuffer; spans equal to 1 thread`,
    },
    {
      name: 'county edit with terrain: move one site',
      size,
      ms: times[50],
      target: '< 50 ms',
      note: `median of 101 (p95 ${formatMs(times[95])}, max ${formatMs(times[100])}); footprint + restamp of both layers`,
    },
  ];
}

export const terrainSuite: BenchSuite = {
  name: 'terrain',
  run: async (ctx) => [...(await county(ctx)), ...(await terrainAnalysisRows(ctx))],
};
