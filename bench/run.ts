/**
 * `npm run bench [-- suite…]`: runs the benchmark suites (bench/*.bench.ts) on seeded
 * inputs and prints the machine and a Markdown table (README "Performance").
 * Progress goes to stderr, so `npm run -s bench > bench.md` keeps only the result.
 */
import { appPanSuite } from './app-pan.bench';
import { appTableSuite } from './app-table.bench';
import { baselineSuite } from './baseline.bench';
import { engineSuite } from './engine.bench';
import { gapUnitsSuite } from './gap-units.bench';
import { importSuite } from './import.bench';
import { nationalSuite } from './national.bench';
import { nationalFileSuite } from './national-file.bench';
import { plannerSuite } from './planner.bench';
import { populationSuite } from './population.bench';
import { rasterSuite } from './raster.bench';
import { terrainSuite } from './terrain.bench';
import { machine, sharedDataDir, type BenchContext, type BenchSuite } from './suite';
import { printTable, type BenchRow } from './table';

const SUITES: BenchSuite[] = [
  importSuite,
  engineSuite,
  gapUnitsSuite,
  baselineSuite,
  nationalSuite,
  nationalFileSuite,
  plannerSuite,
  populationSuite,
  terrainSuite,
  rasterSuite,
  appTableSuite,
  appPanSuite,
];

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !SUITES.some((s) => s.name === w));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown suite ${unknown.join(', ')}; suites: ${SUITES.map((s) => s.name).join(', ')}\n`,
    );
    return 2;
  }
  const suites = wanted.length > 0 ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;
  const dataDir = sharedDataDir();
  const ctx: BenchContext = {
    dataDir,
    log: (m) => process.stderr.write(`[bench] ${m}\n`),
  };
  if (!dataDir) ctx.log('../shared/data is absent: the real-data rows are skipped');
  const rows: BenchRow[] = [];
  const t0 = performance.now();
  for (const s of suites) {
    ctx.log(`suite ${s.name}`);
    rows.push(...(await s.run(ctx)));
  }
  const total = ((performance.now() - t0) / 1000).toFixed(0);
  process.stdout.write(`Machine: ${machine()}\n\n${printTable(rows)}\n\n`);
  process.stdout.write(
    'Times are medians: of 3 runs after a warm-up (census: 5 runs), and of 3 runs without one ' +
      'for the 1,000,000-row import, whose memory is sampled every 20 ms (largest run shown). ' +
      `"—": DESIGN.md sets no target. Seeded inputs; the run took ${total} s.\n`,
  );
  return 0;
}

process.exitCode = await main();
