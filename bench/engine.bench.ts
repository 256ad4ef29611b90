/**
 * Grid engine benchmarks (DESIGN.md "Targets"): a county's full analysis at 100 m, a
 * province's at 250 m, one-station edits, and rasterising every county of China. Sites
 * come from a fixed seed; footprints are model-like sector patterns (38.901-style
 * A(φ) = −min(12(φ/65°)², 30) dB turned into radius with a path-loss exponent of 3.5)
 * and omni discs. Every run checks its result, so a fast wrong answer fails.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  findGaps,
  listGaps,
  summarizeGaps,
  updateGapsInBox,
  type GapIndex,
} from '../src/core/grid/gaps';
import { createGrid, gridSpecForBox, gridSpecForLngLatBox, type Grid } from '../src/core/grid/grid';
import { bboxOfGeometries } from '../src/core/analysis/town-zone';
import { createLaea, type Laea } from '../src/core/grid/laea';
import { areaMetrics, recountCoverage, type AreaTotals } from '../src/core/grid/metrics';
import { labelAreas, maskDisc, rasterizeAreas } from '../src/core/grid/rasterize';
import {
  addSites,
  createCoverage,
  updateSite,
  type Coverage,
  type SiteFootprints,
} from '../src/core/grid/stamp';
import { setTwoZonePopulation, setUniformPopulation } from '../src/core/grid/weights';
import type { CellFootprint } from '../src/core/model/footprint';
import { createRng, type Rng } from '../src/core/random';
import { metres } from '../src/core/units';
import { collectGarbage, count, type BenchContext, type BenchSuite } from './suite';
import { formatMs, time, type BenchRow } from './table';

const SEED = 20_241_124;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

// Sector patterns are shared between sites (footprint.ts allows it): one per radius step.
const patternCache = new Map<number, Float32Array>();
function pattern(radius: number): Float32Array {
  const key = Math.round(radius / 50) * 50;
  let radii = patternCache.get(key);
  if (!radii) {
    radii = new Float32Array(360);
    for (let i = 0; i < 360; i++) {
      const phi = i <= 180 ? i : 360 - i;
      const a = -Math.min(12 * (phi / 65) ** 2, 30);
      radii[i] = key * 10 ** (a / 35);
    }
    patternCache.set(key, radii);
  }
  return radii;
}

function siteFootprints(
  rng: Rng,
  id: string,
  lon: number,
  lat: number,
  rMin: number,
  rMax: number,
): SiteFootprints {
  const r = rng.uniform(rMin, rMax);
  const redcap = rng.chance(0.3);
  if (rng.chance(0.4)) {
    const nr: CellFootprint[] = [{ kind: 'disc', radiusM: metres(r) }];
    return { id, lon, lat, nr, redcap: redcap ? [{ kind: 'disc', radiusM: metres(r * 0.7) }] : [] };
  }
  const az0 = rng.uniform(0, 120);
  const sectors = (scale: number): CellFootprint[] =>
    [0, 120, 240].map((d) => ({
      kind: 'sector',
      azimuthDeg: az0 + d,
      beamwidthDeg: 65,
      radii: pattern(r * scale),
    }));
  return { id, lon, lat, nr: sectors(1), redcap: redcap ? sectors(0.7) : [] };
}

interface Analysis {
  cov: Coverage;
  gapsNr: GapIndex;
  gapsRedcap: GapIndex;
}

/** The whole engine part of an analysis on a grid whose labels and weights are set. */
function analyse(grid: Grid, areaCount: number, sites: readonly SiteFootprints[]): Analysis {
  grid.nr.fill(0);
  grid.redcap.fill(0);
  const cov = createCoverage(grid, areaCount);
  addSites(cov, sites);
  const gapsNr = findGaps(grid, 'nr');
  const gapsRedcap = findGaps(grid, 'redcap');
  for (let a = 0; a < areaCount; a++) areaMetrics(grid, cov.totals, a);
  summarizeGaps(grid, gapsNr, areaCount);
  summarizeGaps(grid, gapsRedcap, areaCount);
  return { cov, gapsNr, gapsRedcap };
}

/** The incrementally kept gaps equal a full recount (ids aside). */
function checkGaps(grid: Grid, idx: GapIndex, what: string): void {
  const key = (i: GapIndex) =>
    listGaps(grid, i)
      .map((g) => `${g.area}:${g.cells}:${g.population}:${g.cellBox.join(',')}`)
      .sort()
      .join(';');
  check(key(idx) === key(findGaps(grid, idx.layer)), `${what}: gaps drift from a full recount`);
}

function checkTotals(grid: Grid, t: AreaTotals, what: string): void {
  const fresh: AreaTotals = {
    ...t,
    nrCells: new Float64Array(t.nrCells.length),
    redcapCells: new Float64Array(t.nrCells.length),
    nrPop: new Float64Array(t.nrCells.length),
    redcapPop: new Float64Array(t.nrCells.length),
    edgeNr: new Uint8Array(t.edgeNr.length),
    edgeRc: new Uint8Array(t.edgeRc.length),
  };
  recountCoverage(grid, fresh);
  for (let l = 0; l < t.nrCells.length; l++) {
    check(
      fresh.nrCells[l] === t.nrCells[l] && fresh.nrPop[l] === t.nrPop[l],
      `${what}: NR totals drift`,
    );
    check(fresh.redcapPop[l] === t.redcapPop[l], `${what}: RedCap totals drift`);
  }
}

/** Times of 101 one-station moves (update + both layers' gaps), in ms: median, p95, max. */
function editBench(
  grid: Grid,
  a: Analysis,
  sites: SiteFootprints[],
  rng: Rng,
  jitterM: number,
): { median: number; p95: number; max: number } {
  const times: number[] = [];
  const p = grid.projection;
  for (let k = 0; k < 101; k++) {
    const i = rng.int(0, sites.length - 1);
    const s = sites[i];
    const [x, y] = p.forward(s.lon, s.lat);
    const [lon, lat] = p.inverse(
      x + rng.uniform(-jitterM, jitterM),
      y + rng.uniform(-jitterM, jitterM),
    );
    const moved = { ...s, lon, lat };
    const t0 = performance.now();
    const box = updateSite(a.cov, moved);
    updateGapsInBox(grid, a.gapsNr, box);
    updateGapsInBox(grid, a.gapsRedcap, box);
    times.push(performance.now() - t0);
    sites[i] = moved;
  }
  times.sort((u, v) => u - v);
  return { median: times[50], p95: times[95], max: times[100] };
}

/** The seeded 玉树市 scene: the county polygon, its census, a 100 m grid spec and 2,000 sites. */
export async function yushuCountyScene() {
  const fc = JSON.parse(await readFile('geo/yushu-counties.geojson', 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon
  >;
  const f = fc.features[0];
  const props = f.properties as {
    name: string;
    seat: [number, number];
    pop_urban: number;
    pop_rural: number;
  };
  const bbox = bboxOfGeometries([f.geometry]);
  const spec = gridSpecForLngLatBox(bbox, metres(100));

  const rng = createRng(SEED);
  const sites: SiteFootprints[] = [];
  for (let i = 0; i < 2000; i++) {
    // Half the sites cluster within 10 km of the seat (the county town), half spread out.
    const near = i % 2 === 0;
    const lon = near ? props.seat[0] + rng.normal() * 0.05 : rng.uniform(bbox[0], bbox[2]);
    const lat = near ? props.seat[1] + rng.normal() * 0.04 : rng.uniform(bbox[1], bbox[3]);
    sites.push(siteFootprints(rng, `c${i}`, lon, lat, near ? 300 : 1500, near ? 1200 : 5000));
  }
  return { f, props, bbox, spec, sites, rng };
}

async function county(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('county: 玉树市 (geo/yushu-counties.geojson), 2,000 sites at 100 m…');
  const { f, props, spec, sites, rng } = await yushuCountyScene();

  // Everything a county analysis does on the grid: allocate, label, population, stamp,
  // totals, gaps on both layers.
  const full = (): { grid: Grid; a: Analysis } => {
    const grid = createGrid(spec, 1);
    labelAreas(grid, [f.geometry]);
    const zone = new Uint8Array(grid.label.length);
    maskDisc(spec, zone, props.seat[0], props.seat[1], 3000);
    setTwoZonePopulation(grid, [props.pop_urban], [props.pop_rural], zone);
    return { grid, a: analyse(grid, 1, sites) };
  };
  const ms = await time(full, 5);
  const { grid, a } = full();
  checkTotals(grid, a.cov.totals, 'county');
  const m = areaMetrics(grid, a.cov.totals, 0);
  check(m.nr.areaPct > 5 && m.nr.areaPct < 100, `county NR coverage ${m.nr.areaPct}%`);
  check(Math.abs(m.population - (props.pop_urban + props.pop_rural)) < 1, 'county population');
  const gaps = listGaps(grid, a.gapsNr);
  const stampMs = await time(() => analyse(grid, 1, sites), 5);
  const edit = editBench(grid, a, sites, rng, 500);
  checkTotals(grid, a.cov.totals, 'county after edits');
  checkGaps(grid, a.gapsNr, 'county after edits');
  const size = `${count(grid.cols * grid.rows)} cells, ${count(sites.length)} sites`;
  return [
    {
      name: 'county full analysis (100 m)',
      size,
      ms,
      target: '< 50 ms',
      note: `${props.name} ${m.areaKm2.toFixed(0)} km²; NR ${m.nr.areaPct.toFixed(1)}% area, ${m.nr.popPct.toFixed(1)}% pop; ${count(gaps.length)} NR gaps`,
    },
    {
      name: 'county stamp + totals + gaps',
      size,
      ms: stampMs,
      target: '—',
      note: 'labels and population already set',
    },
    {
      name: 'county edit: move one site',
      size,
      ms: edit.median,
      target: '< 5 ms',
      note: `median of 101 (p95 ${formatMs(edit.p95)}, max ${formatMs(edit.max)}); counts, totals, gaps of both layers`,
    },
  ];
}

async function province(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log('province: 100,000 sites at 250 m over 400 × 450 km, 100 synthetic counties…');
  const proj: Laea = createLaea(108, 33);
  const spec = gridSpecForBox(proj, [-200_000, -225_000, 200_000, 225_000], metres(250));
  // 10 × 10 rectangular counties (40 × 45 km) drawn as WGS-84 polygons.
  const geoms: Polygon[] = [];
  for (let j = 0; j < 10; j++) {
    for (let i = 0; i < 10; i++) {
      const x0 = -200_000 + i * 40_000;
      const y0 = -225_000 + j * 45_000;
      const ring: number[][] = [];
      for (let k = 0; k <= 40; k++) ring.push(proj.inverse(x0 + k * 1000, y0));
      for (let k = 1; k <= 45; k++) ring.push(proj.inverse(x0 + 40_000, y0 + k * 1000));
      for (let k = 1; k <= 40; k++) ring.push(proj.inverse(x0 + 40_000 - k * 1000, y0 + 45_000));
      for (let k = 1; k <= 45; k++) ring.push(proj.inverse(x0, y0 + 45_000 - k * 1000));
      geoms.push({ type: 'Polygon', coordinates: [ring] });
    }
  }
  const rng = createRng(SEED + 1);
  const pops = Array.from({ length: 100 }, () => Math.round(rng.uniform(1e5, 1.2e6)));
  const sites: SiteFootprints[] = [];
  for (let i = 0; i < 100_000; i++) {
    const [lon, lat] = proj.inverse(rng.uniform(-200_000, 200_000), rng.uniform(-225_000, 225_000));
    sites.push(siteFootprints(rng, `p${i}`, lon, lat, 300, 2000));
  }
  const grid = createGrid(spec, 100);
  const labelMs = await time(() => labelAreas(grid, geoms), 3);
  setUniformPopulation(grid, pops);
  const ms = await time(() => analyse(grid, 100, sites), 3);
  const a = analyse(grid, 100, sites);
  checkTotals(grid, a.cov.totals, 'province');
  let covered = 0;
  let cells = 0;
  for (let l = 1; l <= 100; l++) {
    covered += a.cov.totals.nrCells[l];
    cells += a.cov.totals.cells[l];
  }
  const edit = editBench(grid, a, sites, rng, 500);
  checkTotals(grid, a.cov.totals, 'province after edits');
  checkGaps(grid, a.gapsRedcap, 'province after edits');
  const size = `${count(grid.cols * grid.rows)} cells, ${count(sites.length)} sites`;
  return [
    {
      name: 'province full analysis (250 m)',
      size,
      ms,
      target: '< 1 s',
      note: `stamp, totals, gaps of both layers; NR ${((100 * covered) / cells).toFixed(1)}% of area`,
    },
    {
      name: 'province rasterise 100 counties',
      size: `${count(grid.cols * grid.rows)} cells`,
      ms: labelMs,
      target: '—',
    },
    {
      name: 'province edit: move one site',
      size,
      ms: edit.median,
      target: '< 5 ms',
      note: `median of 101 (p95 ${formatMs(edit.p95)}, max ${formatMs(edit.max)}), as county`,
    },
  ];
}

async function allCounties(ctx: BenchContext): Promise<BenchRow> {
  const name = 'rasterise 2,990 counties (250 m, a grid each)';
  if (!ctx.dataDir)
    return { name, size: '—', ms: null, target: '—', note: '../shared/data absent' };
  ctx.log('rasterising every county of China…');
  const fc = JSON.parse(
    await readFile(path.join(ctx.dataDir, 'cn-counties-2021.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon>;
  let totalCells = 0;
  const run = () => {
    totalCells = 0;
    for (const f of fc.features) {
      if (!f.geometry) continue;
      const spec = gridSpecForLngLatBox(bboxOfGeometries([f.geometry]), metres(250));
      const label = new Uint16Array(spec.cols * spec.rows);
      rasterizeAreas(spec, [f.geometry], label);
      for (let i = 0; i < label.length; i++) totalCells += label[i];
    }
  };
  const ms = await time(run, 1);
  const km2 = (totalCells * 0.0625) / 1e3;
  check(km2 > 9_000 && km2 < 10_000, `China's counties cover ${km2.toFixed(0)} thousand km²`);
  return {
    name,
    size: `${count(fc.features.length)} counties`,
    ms,
    target: '—',
    note: `${count(totalCells)} cells = ${km2.toFixed(0)} thousand km²`,
  };
}

export const engineSuite: BenchSuite = {
  name: 'engine',
  async run(ctx) {
    const rows: BenchRow[] = [];
    rows.push(...(await county(ctx)));
    collectGarbage();
    rows.push(...(await province(ctx)));
    collectGarbage();
    rows.push(await allCounties(ctx));
    return rows;
  },
};
