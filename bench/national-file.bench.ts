/**
 * The national run from a real file (issue 15): a seeded 4,100,000-row canonical station
 * CSV (~1.5 M sites of 1–3 sectors over the 2,990 counties of ../shared/data, in proportion
 * to their population, as bench/national-sites.ts places them) is written to the OS temp
 * folder, then read by child processes as a user would: the import alone, and
 * `sailplan analyze --cell-size 250 --threads 2` by county with the census. Wall time is
 * the child's; peak memory is its VmHWM (all threads), polled from /proc every 50 ms, and
 * the child's own `resourceUsage().maxRSS` where it prints it.
 * SAILPLAN_BENCH_BEFORE=<checkout> adds the same rows for another checkout (e.g. before).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { analysisParams } from '../src/core/analysis/params';
import { createRng } from '../src/core/random';
import { CANONICAL_FIELDS } from '../src/io/station-columns';
import { loadCounties } from './national.bench';
import { nationalSites } from './national-sites';
import { count, formatBytes, type BenchContext, type BenchSuite } from './suite';
import { formatMs, type BenchRow } from './table';

const SEED = 20_261_208;
const ROWS = 4_100_000;
/** Sites to place: 1–3 sectors each (mean ~2.73), so ROWS rows use ~1.5 M of them. */
const SITES = 1_510_000;
const BANDS = ['n41', 'n78', 'n28'] as const;
const OPERATORS = ['中国移动', '中国联通', '中国电信', '中国广电'];
const ROADS = ['人民', '解放', '建设', '胜利', '文化', '新华', '长江', '黄河', '团结', '和平'];
const TARGET = '< 40 s, < 2 GiB';

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

/** Writes the CSV; returns its rows and sites. */
async function writeStationCsv(
  file: string,
  dataDir: string,
): Promise<{ rows: number; sites: number; bytes: number }> {
  const areas = await loadCounties(dataDir);
  const params = analysisParams({ cellSizeM: 250 });
  const gen = nationalSites(areas, SITES, SEED, params).table;
  const rng = createRng(SEED);
  const out = createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  let buf = `${CANONICAL_FIELDS.join(',')}\n`;
  let rows = 0;
  let site = 0;
  for (; site < gen.count && rows < ROWS; site++) {
    // kind = ((band · 2 + scenario) · 2 + redcap) · 12 + azimuth step (national-sites.ts)
    const k = gen.kind[site];
    const az = k % 12;
    const redcap = Math.floor(k / 12) % 2 === 1;
    const rural = Math.floor(k / 24) % 2 === 1;
    const band = BANDS[Math.floor(k / 48)];
    const u = rng.next();
    const sectors = u < 0.74 ? 3 : u < 0.985 ? 2 : 1;
    const sid = `S${String(site + 1).padStart(7, '0')}`;
    const name = `${rng.pick(ROADS)}路${rng.int(1, 399)}号`;
    const op = rng.pick(OPERATORS);
    const lon = gen.lon[site].toFixed(6);
    const lat = gen.lat[site].toFixed(6);
    const height = rural ? rng.pick([30, 35, 40, 45]) : rng.pick([20, 25, 30, 35]);
    const power = band === 'n28' ? 49 : 53;
    for (let s = 0; s < sectors && rows < ROWS; s++, rows++) {
      const azimuth = sectors === 1 ? '' : String((az * 10 + s * 120) % 360);
      const beam = sectors === 1 ? '' : '65';
      buf +=
        `${sid}-${s + 1},${sid},${name}-${s + 1},${op},${lon},${lat},NR,${band},${redcap},` +
        `${azimuth},${beam},${height},${power},${rural ? 'rma' : 'uma'},,existing\n`;
    }
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(() => r()));
  check(rows === ROWS, `${rows} rows written, expected ${ROWS}`);
  return { rows, sites: site, bytes: (await stat(file)).size };
}

interface ChildRun {
  ms: number;
  peakBytes: number;
  /** User + system CPU of the child, all threads (from /proc/<pid>/stat). */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

/** Runs a child process, polling its VmHWM (peak resident set, all threads). */
function runChild(args: string[], cwd: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    let cpuMs = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) * 1024);
        // utime and stime, fields 14 and 15, in clock ticks (100 per second on Linux).
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuMs = Math.max(cpuMs, (Number(f[11]) + Number(f[12])) * 10);
      } catch {
        // The child has just exited.
      }
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`child exited with ${code}: ${stderr.slice(-2000)}`));
      else resolve({ ms, peakBytes: peak, cpuMs, stdout, stderr });
    });
  });
}

async function rowsFor(
  label: string,
  root: string,
  csv: string,
  dataDir: string,
  tmp: string,
  ctx: BenchContext,
  columnar: boolean,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const size = `${count(ROWS)} rows, 2,990 counties`;
  // The import alone, in this checkout: `objects` is the object import the CLI used before.
  ctx.log(`national-file (${label}): import only…`);
  const script = path.join(process.cwd(), 'bench/national-file-import.ts');
  const imp = await runChild(
    ['--import', 'tsx', script, csv, columnar ? 'table' : 'objects'],
    process.cwd(),
  );
  const r = JSON.parse(imp.stdout.trim().split('\n').pop()!) as {
    rows: number;
    cells: number;
    sites: number;
    rejected: number;
    ms: number;
    maxRssBytes: number;
  };
  ctx.log(
    `national-file (${label}): import ${formatMs(r.ms)}, CPU ${formatMs(imp.cpuMs)}, peak RSS ${formatBytes(Math.max(imp.peakBytes, r.maxRssBytes))}`,
  );
  check(r.rows === ROWS && r.cells === ROWS, `import read ${r.rows} rows, ${r.cells} cells`);
  rows.push({
    name: `national file: station import only (${columnar ? 'columnar' : 'objects'})`,
    size,
    ms: r.ms,
    target: '—',
    note: `${count(r.sites)} sites; CPU ${formatMs(imp.cpuMs)}; peak RSS ${formatBytes(Math.max(imp.peakBytes, r.maxRssBytes))}; ${(ROWS / (r.ms / 1000) / 1000).toFixed(0)} k rows/s`,
  });
  ctx.log(`national-file (${label}): full run…`);
  const out = path.join(tmp, `report-${label.replace(/\W+/g, '-')}.json`);
  const run = await runChild(
    [
      path.join(root, 'bin/sailplan.mjs'),
      'analyze',
      '--areas',
      path.join(dataDir, 'cn-counties-2021.geojson'),
      '--population',
      path.join(dataDir, 'cn-county-census-2020.csv'),
      '--stations',
      csv,
      '--cell-size',
      '250',
      '--threads',
      '2',
      '--out',
      out,
      ...(columnar ? ['--progress'] : []),
    ],
    root,
  );
  ctx.log(
    `national-file (${label}): full run ${formatMs(run.ms)}, CPU ${formatMs(run.cpuMs)}, peak RSS ${formatBytes(run.peakBytes)}`,
  );
  for (const l of run.stderr.split('\n')) if (l.trim()) ctx.log(`  ${l.slice(0, 300)}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    areas: unknown[];
    inputs: { files: { role: string; rows: number; loaded: number }[] };
  };
  const st = report.inputs.files.find((i) => i.role === 'stations');
  check(st?.loaded === ROWS, `the report loaded ${st?.loaded} station rows`);
  check(report.areas.length > 2900, `${report.areas.length} areas in the report`);
  const phases = run.stderr
    .split('\n')
    .filter((l) => /: (read \+ parse|sites|analyse: \d+ areas|write):/.test(l))
    .map((l) => l.replace(/^sailplan analyze: /, '').replace(/:.*\(/, ' ('))
    .join('; ');
  rows.push({
    name: `national file: analyze by county, 250 m, 2 threads (${label})`,
    size,
    ms: run.ms,
    target: TARGET,
    note: `process CPU ${formatMs(run.cpuMs)} (all threads); peak RSS ${formatBytes(run.peakBytes)}${phases ? `; ${phases}` : ''}`,
  });
  return rows;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  if (!ctx.dataDir)
    return [
      {
        name: 'national file: analyze by county, 250 m, 2 threads',
        size: '—',
        ms: null,
        target: TARGET,
        note: '../shared/data absent',
      },
    ];
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'sailplan-national-'));
  try {
    const csv = path.join(tmp, 'stations-national.csv');
    ctx.log(`national-file: writing a ${count(ROWS)}-row station CSV to ${tmp}…`);
    const t0 = performance.now();
    const w = await writeStationCsv(csv, ctx.dataDir);
    ctx.log(
      `national-file: ${count(w.rows)} rows on ${count(w.sites)} sites, ${formatBytes(w.bytes)} (${formatMs(performance.now() - t0)})`,
    );
    const rows = await rowsFor('columnar', process.cwd(), csv, ctx.dataDir, tmp, ctx, true);
    const before = process.env.SAILPLAN_BENCH_BEFORE;
    if (before) {
      rows.push(
        ...(await rowsFor('before', path.resolve(before), csv, ctx.dataDir, tmp, ctx, false)),
      );
    }
    return rows;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export const nationalFileSuite: BenchSuite = { name: 'national-file', run };
