import * as Comlink from 'comlink';
import type { WorkerApi } from './analysis-worker';

let api: Comlink.Remote<WorkerApi> | null = null;

/** One analysis worker for the page; created on first use. */
export function workerApi(): Comlink.Remote<WorkerApi> {
  if (!api) {
    const worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), {
      type: 'module',
      name: 'sailplan-analysis',
    });
    api = Comlink.wrap<WorkerApi>(worker);
  }
  return api;
}
