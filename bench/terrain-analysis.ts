/**
 * Terrain through the analysis (issue 13): the full county analysis of 玉树市 with the
 * terrain scene's DEM and 2,000 sites (analyzeAreas with `terrain`: grid, population,
 * terrain masks stamped, gaps, the county-town continuity on its finer grid), and one site
 * edit with terrain in the scenario evaluator (its masks run again on the county grid and
 * the zone grid, restamped, metrics and gaps updated).
 */
import { readFile } from 'node:fs/promises';
import { area as turfArea } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Area } from '../src/core/area';
import { wgs84 } from '../src/core/crs';
import { analyzeAreas } from '../src/core/analysis/analyze';
import { analysisParams } from '../src/core/analysis/params';
import { createRng } from '../src/core/random';
import { createEvaluator } from '../src/core/scenario/evaluator';
import type { Site } from '../src/core/station';
import { collectGarbage, count, type BenchContext } from './suite';
import { formatMs, time, type BenchRow } from './table';
import { benchDem, benchStationSites } from './terrain-scene';

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

async function yushu(): Promise<Area> {
  const fc = JSON.parse(await readFile('geo/yushu-counties.geojson', 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon
  >;
  const f = fc.features[0];
  const p = f.properties as {
    code?: string;
    name: string;
    seat: [number, number];
    pop_urban: number;
    pop_rural: number;
  };
  return {
    code: p.code ?? '632701',
    name: p.name,
    level: 'county',
    parent: null,
    kind: null,
    geometry: f.geometry,
    areaKm2: turfArea(f.geometry) / 1e6,
    seat: wgs84(p.seat[0], p.seat[1]),
    population: {
      total: p.pop_urban + p.pop_rural,
      urban: p.pop_urban,
      rural: p.pop_rural,
      source: 'geo/yushu-counties.geojson',
    },
  };
}

export async function terrainAnalysisRows(ctx: BenchContext): Promise<BenchRow[]> {
  ctx.log(
    'terrain: the county analysis and a scenario edit with terrain (analyzeAreas, evaluator)…',
  );
  const county = await yushu();
  const dem = benchDem();
  const sites = benchStationSites();
  const params = analysisParams({ cellSizeM: 100 });
  const terrain = { dem };

  let nrPct = 0;
  let summary = '';
  const ms = await time(() => {
    const r = analyzeAreas([county], sites, params, { terrain });
    nrPct = r.areas[0].coverage.nr.areaPct;
    const t = r.terrain!;
    summary = `${t.terrainSites} terrain, ${t.flatSites} flat, ${t.sitesWithoutDem.length} without DEM`;
    check(t.terrainSites > sites.length / 2, 'most sites have a terrain mask');
  }, 3);
  const flat = analyzeAreas([county], sites, params);
  check(
    nrPct > 0 && nrPct !== flat.areas[0].coverage.nr.areaPct,
    `terrain NR coverage ${nrPct}% vs flat ${flat.areas[0].coverage.nr.areaPct}%`,
  );

  collectGarbage();
  const b0 = performance.now();
  const ev = createEvaluator([county], sites, params, { terrain });
  const buildMs = performance.now() - b0;
  const rng = createRng(11);
  const times: number[] = [];
  const projection = ev.region.grid.projection;
  for (let k = 0; k < 41; k++) {
    const s = sites[rng.int(0, sites.length - 1)];
    const cur = ev.sites.get(s.id)!;
    const [x, y] = projection.forward(cur.position[0], cur.position[1]);
    const [lon, lat] = projection.inverse(x + rng.uniform(-500, 500), y + rng.uniform(-500, 500));
    const moved: Site = {
      ...cur,
      position: wgs84(lon, lat),
      cells: cur.cells.map((c) => ({ ...c, position: wgs84(lon, lat) })),
    };
    const t0 = performance.now();
    ev.setSite(s.id, moved);
    ev.results();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const size = `${count(ev.region.grid.cols * ev.region.grid.rows)} cells, ${count(sites.length)} sites`;
  return [
    {
      name: 'county analysis with terrain (analyzeAreas)',
      size,
      ms,
      target: '—',
      note: `1 thread; grid, population, terrain masks, gaps, county-town zone at ${params.townCellSizeM} m; ${summary}; NR ${nrPct.toFixed(1)}% (flat ${flat.areas[0].coverage.nr.areaPct.toFixed(1)}%)`,
    },
    {
      name: 'scenario edit with terrain: move one site',
      size,
      ms: times[20],
      target: '< 50 ms',
      note: `median of 41 (p90 ${formatMs(times[36])}, max ${formatMs(times[40])}); evaluator setSite + results(); evaluator built in ${formatMs(buildMs)}`,
    },
  ];
}
