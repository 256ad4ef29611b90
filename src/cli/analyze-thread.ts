/**
 * One analysis worker thread: opens the shared site table and index (no copy: their
 * arrays are SharedArrayBuffers), then analyses the counties the main thread sends, one
 * message per county. See analyze-threads.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import KDBush from 'kdbush';
import { analyzeCounty, createCountyContext } from '../core/analysis/by-county';
import type { ThreadInit, ThreadReply, ThreadTask } from './analyze-threads';

const init = workerData as ThreadInit;
const ctx = createCountyContext(
  init.areas,
  init.sites,
  KDBush.from(init.indexData),
  init.params,
  init.population,
);
const port = parentPort!;
port.on('message', (task: ThreadTask) => {
  let reply: ThreadReply;
  try {
    reply = { ok: true, row: analyzeCounty(ctx, task.index, task.raster) };
  } catch (e) {
    reply = { ok: false, index: task.index, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
