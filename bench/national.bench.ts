/**
 * All of China (DESIGN.md "Targets"): the 2,990 counties of ../shared/data with about
 * 4.1 million seeded synthetic sites in proportion to their 2020 population, analysed a
 * county at a time at 250 m over 2 worker threads (and over 1, for the speed-up), as
 * `sailplan analyze` does for many counties. Memory is the resident set of the process,
 * worker threads included, sampled every 20 ms; the result is checked.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { area as turfArea, pointOnFeature } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Area } from '../src/core/area';
import { pointInGeometry, sumStats } from '../src/core/analysis/by-county';
import { analysisParams } from '../src/core/analysis/params';
import { indexSites } from '../src/core/analysis/site-table';
import { wgs84 } from '../src/core/crs';
import { createRng } from '../src/core/random';
import { analyzeByCountyThreaded } from '../src/cli/analyze-threads';
import { nationalSites } from './national-sites';
import { collectGarbage, count, formatBytes, type BenchContext, type BenchSuite } from './suite';
import { formatMs, type BenchRow } from './table';

const SEED = 20_261_124;
const SITES = 4_100_000;
const CELL_M = 250;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

type CountyProps = { code: string; name: string; province: string; pop2020: number };

/** The counties as areas; the seat (unknown in the file) is a point inside the polygon. */
export async function loadCounties(dataDir: string): Promise<Area[]> {
  const fc = JSON.parse(
    await readFile(path.join(dataDir, 'cn-counties-2021.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, CountyProps>;
  const rng = createRng(SEED);
  return fc.features
    .filter((f) => f.geometry)
    .map((f) => {
      const g = f.geometry;
      let [lon, lat] = pointOnFeature(f).geometry.coordinates;
      if (!pointInGeometry(lon, lat, g)) {
        const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
        const ring = polys[0][0];
        for (let t = 0; t < 10_000 && !pointInGeometry(lon, lat, g); t++) {
          const a = ring[rng.int(0, ring.length - 1)];
          const b = ring[rng.int(0, ring.length - 1)];
          [lon, lat] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        }
      }
      return {
        code: f.properties.code,
        name: f.properties.name,
        level: 'county',
        parent: f.properties.province,
        kind: null,
        geometry: g,
        areaKm2: turfArea(g) / 1e6,
        seat: wgs84(lon, lat),
        population: {
          total: f.properties.pop2020,
          urban: null,
          rural: null,
          source: '2020 census',
        },
      } satisfies Area;
    });
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const name = (t: number) => `all China by county (250 m, ${t} thread${t === 1 ? '' : 's'})`;
  if (!ctx.dataDir)
    return [1, 2].map((t) => ({
      name: name(t),
      size: '—',
      ms: null,
      target: t === 2 ? '< 30 s, < 4 GB' : '—',
      note: '../shared/data absent',
    }));
  ctx.log('national: loading 2,990 counties…');
  let t0 = performance.now();
  const areas = await loadCounties(ctx.dataDir);
  const loadMs = performance.now() - t0;
  const params = analysisParams({ cellSizeM: CELL_M });
  ctx.log(`national: generating ${count(SITES)} sites…`);
  t0 = performance.now();
  const gen = nationalSites(areas, SITES, SEED, params);
  const genMs = performance.now() - t0;
  const sites = gen.table;
  const reach = sites.kinds.map((k) => k.reachM);
  ctx.log(
    `national: ${count(sites.count)} sites, ${sites.kinds.length} kinds, reach ${Math.min(...reach).toFixed(0)}–${Math.max(...reach).toFixed(0)} m (${formatMs(genMs)})`,
  );

  const rows: BenchRow[] = [];
  for (const threads of [2, 1]) {
    collectGarbage();
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    ctx.log(`national: analysing over ${threads} thread(s)…`);
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const index = indexSites(sites, SharedArrayBuffer);
    const indexMs = performance.now() - t0;
    let r;
    try {
      r = await analyzeByCountyThreaded(areas, sites, params, {
        threads,
        siteIndex: index,
        onProgress: (done, total) => {
          if (done % 500 === 0) ctx.log(`national: ${done}/${total} counties`);
        },
      });
    } finally {
      clearInterval(timer);
    }
    const ms = performance.now() - t0;
    // The process's CPU time, worker threads included: on a loaded machine the time above
    // grows, this much less.
    const cpu = process.cpuUsage(cpu0);
    peak = Math.max(peak, process.memoryUsage().rss);
    const s = sumStats(r.counties);
    check(r.areas.length === areas.length, `${r.areas.length} areas, expected ${areas.length}`);
    check(r.totals.sites5g === sites.count, `${r.totals.sites5g} sites counted of ${sites.count}`);
    check(r.totals.sitesRedcap === gen.redcap, `${r.totals.sitesRedcap} RedCap of ${gen.redcap}`);
    r.areas.forEach((a, i) =>
      check(a.sites5g === gen.perArea[i], `${a.code}: ${a.sites5g} sites of ${gen.perArea[i]}`),
    );
    const nr = r.totals.coverage.nr;
    check(nr.areaPct > 1 && nr.areaPct < 100, `NR covers ${nr.areaPct}% of China`);
    rows.push({
      name: name(threads),
      size: `${count(areas.length)} counties, ${count(sites.count)} sites`,
      ms,
      target: threads === 2 ? '< 30 s, < 4 GB' : '—',
      note:
        `peak RSS ${formatBytes(peak)} (base ${formatBytes(base)}); ` +
        `process CPU ${formatMs((cpu.user + cpu.system) / 1000)}; ` +
        `CPU over threads: index ${formatMs(indexMs)}, rasterise + population ${formatMs(s.rasterMs)}, ` +
        `stamp ${formatMs(s.stampMs)}, gaps ${formatMs(s.gapsMs)}, town zones ${formatMs(s.townZoneMs)}; ` +
        `${count(s.gridCells)} cells (largest grid ${count(s.maxGridCells)}), ${count(s.stamped)} site stamps; ` +
        `NR ${nr.areaPct.toFixed(1)}% of area, ${nr.popPct.toFixed(1)}% of people`,
    });
  }
  rows.push({
    name: 'all China: load counties + generate sites',
    size: `${count(areas.length)} counties, ${count(sites.count)} sites`,
    ms: loadMs + genMs,
    target: '—',
    note: `load ${formatMs(loadMs)} (JSON, turf area, seats), generate ${formatMs(genMs)} (not part of the analysis)`,
  });
  return rows;
}

export const nationalSuite: BenchSuite = { name: 'national', run };
