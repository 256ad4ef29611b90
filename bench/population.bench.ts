/**
 * Dasymetric population allocation (analysis/population.ts): a raster resampled to each
 * county's grid and each county's census total spread by it.
 *
 * - All China: a seeded 5,000 × 4,000 px geographic raster (≈ 1 km, people per pixel)
 *   held in memory, over the 2,990 counties of ../shared/data, a county at a time on its
 *   own 250 m grid as the national run makes them (the window of the county cut from the
 *   raster, as a reader's readWindow returns it). Timed: cutting the window, the surface
 *   and the allocation; not the county labelling, which the analysis does anyway.
 * - 玉树市 (geo/yushu-counties.geojson): a seeded 100 m (3″) raster over the county,
 *   on the analysis's 100 m grid.
 * Each county's weights are checked to add up to its census total.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Area } from '../src/core/area';
import { bboxOf, setPopulation } from '../src/core/analysis/analyze';
import { createGrid, gridSpecForLngLatBox } from '../src/core/grid/grid';
import { createTotals } from '../src/core/grid/metrics';
import { labelAreas } from '../src/core/grid/rasterize';
import { createRng } from '../src/core/random';
import type { RasterWindow } from '../src/core/raster/types';
import { metres } from '../src/core/units';
import { collectGarbage, type BenchContext, type BenchSuite } from './suite';
import type { BenchRow } from './table';

const SEED = 20_261_208;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark result is wrong: ${what}`);
}

/** A seeded people-per-pixel raster: lumpy (towns) over a thin floor. */
function seededRaster(
  west: number,
  north: number,
  d: number,
  width: number,
  height: number,
): RasterWindow {
  const rng = createRng(SEED);
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const u = rng.next();
    data[i] = u < 0.2 ? 0 : u < 0.97 ? u * 5 : u * 2000;
  }
  return {
    georef: { crs: 'EPSG:4326', west, north, dx: d, dy: d, width, height },
    values: 'count',
    data,
  };
}

/** The pixels of `win` covering a WGS-84 box with a pixel of margin (what readWindow returns). */
function cut(win: RasterWindow, [w, s, e, n]: readonly number[]): RasterWindow {
  const g = win.georef;
  const c0 = Math.max(0, Math.floor((w - g.west) / g.dx) - 1);
  const c1 = Math.min(g.width, Math.ceil((e - g.west) / g.dx) + 1);
  const r0 = Math.max(0, Math.floor((g.north - n) / g.dy) - 1);
  const r1 = Math.min(g.height, Math.ceil((g.north - s) / g.dy) + 1);
  const width = Math.max(1, c1 - c0);
  const height = Math.max(1, r1 - r0);
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++)
    data.set(
      win.data.subarray((r0 + r) * g.width + c0, (r0 + r) * g.width + c0 + width),
      r * width,
    );
  return {
    georef: { ...g, west: g.west + c0 * g.dx, north: g.north - r0 * g.dy, width, height },
    values: win.values,
    data,
  };
}

type Props = { code: string; name: string; pop2020?: number };

function areasOf(
  fc: FeatureCollection<Polygon | MultiPolygon, Props>,
  pop: (p: Props) => number,
): Area[] {
  return fc.features
    .filter((f) => f.geometry)
    .map((f) => ({
      code: f.properties.code,
      name: f.properties.name,
      level: 'county',
      parent: null,
      kind: null,
      geometry: f.geometry,
      areaKm2: 0,
      seat: null,
      population: { total: pop(f.properties), urban: null, rural: null, source: 'bench' },
    }));
}

/** Allocation of each area on its own grid; ms of the timed part, summed. */
function allocate(
  areas: readonly Area[],
  raster: RasterWindow,
  cellM: number,
): { ms: number; cells: number } {
  let ms = 0;
  let cells = 0;
  for (const a of areas) {
    const box = bboxOf([a]);
    const spec = gridSpecForLngLatBox(box, metres(cellM));
    const grid = createGrid(spec, 1);
    labelAreas(grid, [a.geometry]);
    const zone = new Uint8Array(spec.cols * spec.rows);
    const t0 = performance.now();
    const win = cut(raster, box);
    const model = setPopulation(grid, [a], zone, [], { raster: win });
    ms += performance.now() - t0;
    cells += spec.cols * spec.rows;
    const t = createTotals(grid, 1);
    const total = a.population!.total;
    check(
      Math.abs(t.population[1] - total) < 1e-6 || t.population[1] === 0,
      `${a.code} total ${t.population[1]} ≠ ${total}`,
    );
    check(
      model.areas[0].model === 'raster' || spec.cols * spec.rows < 4,
      `${a.code} used ${model.areas[0].model}`,
    );
  }
  return { ms, cells };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Square 0.0124° pixels over 5,000 × 4,000 px: 73–135°E, 4.4–54°N.
  const chinaName = 'raster 5,000 × 4,000 px (≈ 1 km) → 2,990 counties at 250 m';
  if (!ctx.dataDir) {
    rows.push({
      name: chinaName,
      size: '—',
      ms: null,
      target: '< 10 s',
      note: '../shared/data absent',
    });
  } else {
    const fc = JSON.parse(
      await readFile(path.join(ctx.dataDir, 'cn-counties-2021.geojson'), 'utf8'),
    ) as FeatureCollection<Polygon | MultiPolygon, Props>;
    const counties = areasOf(fc, (p) => p.pop2020 ?? 0);
    const raster = seededRaster(73, 54, 0.0124, 5000, 4000);
    collectGarbage();
    ctx.log(`population: ${counties.length} counties`);
    const r = allocate(counties, raster, 250);
    rows.push({
      name: chinaName,
      size: `${counties.length} counties, ${(r.cells / 1e6).toFixed(0)} M cells`,
      ms: r.ms,
      target: '< 10 s',
      note: 'window cut + surface + allocation; labelling not timed',
    });
  }
  const yushuFile = fileURLToPath(new URL('../geo/yushu-counties.geojson', import.meta.url));
  const yfc = JSON.parse(await readFile(yushuFile, 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon,
    Props
  >;
  const yushu = areasOf(yfc, () => 120_447).filter((a) => a.code === '632701');
  check(yushu.length === 1, '玉树市 in the demo boundaries');
  const [w, s, e, n] = bboxOf(yushu);
  const d = 1 / 1200; // 3″ ≈ 100 m
  const raster = seededRaster(
    w - d,
    n + d,
    d,
    Math.ceil((e - w) / d) + 2,
    Math.ceil((n - s) / d) + 2,
  );
  const times: number[] = [];
  let cells = 0;
  for (let k = 0; k < 4; k++) {
    collectGarbage();
    const r = allocate(yushu, raster, 100);
    cells = r.cells;
    if (k > 0) times.push(r.ms);
  }
  times.sort((a, b) => a - b);
  rows.push({
    name: 'raster 100 m → 玉树市 at 100 m',
    size: `${raster.georef.width} × ${raster.georef.height} px, ${(cells / 1e6).toFixed(1)} M cells`,
    ms: times[1],
    target: '< 1 s',
    note: 'median of 3 after a warm-up',
  });
  return rows;
}

export const populationSuite: BenchSuite = { name: 'population', run };
