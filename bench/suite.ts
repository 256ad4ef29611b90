/** What a benchmark suite is, and the measuring tools the suites share. */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { BenchRow } from './table';

export interface BenchContext {
  /** The real-data directory when present, else null: those rows are skipped. */
  dataDir: string | null;
  /** A progress line on stderr (stdout carries only the table). */
  log(message: string): void;
}

/** One file of benchmarks (bench/<name>.bench.ts); bench/run.ts runs them in order. */
export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

/** `../shared/data`, or `$SAILPLAN_SHARED_DATA` (as for `npm run geo:build`). */
export function sharedDataDir(): string | null {
  const dir = process.env.SAILPLAN_SHARED_DATA
    ? path.resolve(process.env.SAILPLAN_SHARED_DATA)
    : path.resolve(process.cwd(), '../shared/data');
  return existsSync(dir) ? dir : null;
}

// `npm run bench` cannot pass --expose-gc to node, so gc is fetched through V8's flags.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Full GC, so one benchmark's garbage does not land in the next one's time or memory. */
export function collectGarbage(): void {
  gc();
  gc();
}

export interface Measured<T> {
  value: T;
  ms: number;
  /** Memory before the call and the highest seen during it, in bytes. */
  baseRss: number;
  peakRss: number;
  baseHeap: number;
  peakHeap: number;
}

/**
 * Time one call and sample process memory every 20 ms while it runs. Only async work that
 * yields to the event loop (the importers do, between batches) is sampled inside; for
 * synchronous work the peak is the larger of before and after.
 */
export async function measureOnce<T>(fn: () => Promise<T> | T): Promise<Measured<T>> {
  collectGarbage();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  try {
    const value = await fn();
    const ms = performance.now() - t0;
    sample();
    return { value, ms, baseRss: base.rss, peakRss, baseHeap: base.heapUsed, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(0)} MiB`;
  return `${(n / 1024).toFixed(0)} KiB`;
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** The machine line printed above the table. */
export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return [
    model,
    `${cpus.length} cores`,
    `${formatBytes(os.totalmem())} RAM`,
    `Node ${process.version}`,
    `${os.platform()} ${os.arch()}`,
  ].join(', ');
}
