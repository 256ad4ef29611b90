/**
 * A worker thread of the terrain benchmark: sites are independent, so each thread takes
 * the next site index from a shared counter, computes its terrain footprint and sends the
 * spans back. The DEM is one SharedArrayBuffer read by every thread in place; the scene's
 * sites are rebuilt from the seed. This is how the analysis worker pool would split a
 * terrain run (per site, any order; the spans are merged by site index).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLaea } from '../src/core/grid/laea';
import type { GridSpec } from '../src/core/grid/grid';
import type { ModelParams } from '../src/core/model/params';
import { createTerrainCoverage } from '../src/core/terrain/site-coverage';
import { benchDem, benchSites } from './terrain-scene';

export interface ThreadData {
  dem: SharedArrayBuffer;
  counter: SharedArrayBuffer;
  spec: Omit<GridSpec, 'projection'> & { lon0: number; lat0: number };
  params: ModelParams;
}

export interface ThreadResult {
  index: number;
  nr: Int32Array;
  redcap: Int32Array;
  mode: string;
}

const data = workerData as ThreadData;
const dem = benchDem(new Float32Array(data.dem));
const spec: GridSpec = { ...data.spec, projection: createLaea(data.spec.lon0, data.spec.lat0) };
const sites = benchSites(data.params);
const counter = new Int32Array(data.counter);

parentPort!.on('message', () => {
  const terrain = createTerrainCoverage(data.params, dem);
  const out: ThreadResult[] = [];
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= sites.length) break;
    const t = terrain.site(spec, sites[i]);
    out.push({ index: i, nr: t.nr, redcap: t.redcap, mode: t.mode });
  }
  const transfer = out.flatMap((r) => [r.nr.buffer, r.redcap.buffer]) as ArrayBuffer[];
  parentPort!.postMessage(out, transfer);
});
parentPort!.postMessage('ready');
