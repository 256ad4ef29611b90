import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Area } from '../area';
import { createLaea } from '../grid/laea';
import { createGrid, gridSpecForBox, projectLngLatBox, type GridSpec } from '../grid/grid';
import { footprintMaxRadius } from '../model/footprint';
import { maskDisc, rasterizeAreas } from '../grid/rasterize';
import type { SiteFootprints } from '../grid/stamp';
import { stampSitesOnce } from '../grid/stamp-batch';
import { areaMetrics, createTotals, type AreaTotals } from '../grid/metrics';
import { findGaps, summarizeGaps } from '../grid/gaps';
import { metres } from '../units';
import {
  areaResult,
  bboxOf,
  setPopulation,
  totalsOf,
  townZone,
  type AreaResult,
  type RegionResult,
} from './analyze';
import type { AnalysisParams } from './params';
import { SITE_5G, SITE_REDCAP, indexSites, maxReachM, type SiteTable } from './site-table';

/**
 * Analysis of many counties one at a time (a national run): each county gets its own
 * grid — a Lambert equal-area projection centred on it, its bounding box, the cell size —
 * so memory stays bounded by the largest county, not the country. Only the sites that can
 * reach the county are stamped: those within its box grown by their footprint's reach,
 * found in a KDBush index of the site positions.
 *
 * The results are those of `analyzeAreas` over the same areas, up to the grids' origins:
 * a cell is in an area when its centre is, and the cells of a county's own grid sit at
 * other offsets than the shared grid's, which moves its border cells (and so the
 * percentages) by a fraction of a cell's width along the border. Site counts are those
 * of `analyzeAreas`: a site counts once, in the first area (input order) whose polygon
 * contains it. Only a site exactly on a border may land on the other side: containment
 * is an even-odd crossing test here, boundary-inclusive (turf) there.
 *
 * County-town zones are the seat discs: township polygons (`AnalyzeOptions.townships`)
 * are not used here yet.
 */

/** Everything the per-county step reads; built once, shared by every county (and worker). */
export interface CountyContext {
  areas: readonly Area[];
  sites: SiteTable;
  siteIndex: KDBush;
  params: AnalysisParams;
  /** Bounding boxes of the areas (ownership of sites on shared borders). */
  areaIndex: Flatbush;
  areaBoxes: Float64Array;
  /** County seats (their discs are the county-town zones of the two-zone population). */
  seatIndex: KDBush | null;
  seatAreas: Int32Array;
  maxReachM: number;
}

export function createCountyContext(
  areas: readonly Area[],
  sites: SiteTable,
  siteIndex: KDBush,
  params: AnalysisParams,
): CountyContext {
  const n = Math.max(1, areas.length);
  const areaIndex = new Flatbush(n);
  const areaBoxes = new Float64Array(4 * n);
  areas.forEach((a, i) => {
    const b = bboxOf([a]);
    areaBoxes.set(b, 4 * i);
    areaIndex.add(b[0], b[1], b[2], b[3]);
  });
  if (areas.length === 0) areaIndex.add(1e9, 1e9, 1e9, 1e9);
  areaIndex.finish();
  const seated: number[] = [];
  areas.forEach((a, i) => {
    if (a.level === 'county' && a.seat) seated.push(i);
  });
  let seatIndex: KDBush | null = null;
  if (seated.length > 0) {
    seatIndex = new KDBush(seated.length);
    for (const i of seated) seatIndex.add(areas[i].seat![0], areas[i].seat![1]);
    seatIndex.finish();
  }
  return {
    areas,
    sites,
    siteIndex,
    params,
    areaIndex,
    areaBoxes,
    seatIndex,
    seatAreas: Int32Array.from(seated),
    maxReachM: maxReachM(sites),
  };
}

/** Per-area grid totals (label 1 of the county's grid): they add up over counties. */
export interface CountyTotals {
  cells: number;
  population: number;
  nrCells: number;
  redcapCells: number;
  nrPop: number;
  redcapPop: number;
}

/** Work and time of one county, for benchmarks and progress. */
export interface CountyStats {
  gridCells: number;
  cols: number;
  rows: number;
  /** Sites stamped into the county's grid (incl. neighbours' sites that reach it). */
  stamped: number;
  rasterMs: number;
  stampMs: number;
  gapsMs: number;
  townZoneMs: number;
}

export interface CountyResult {
  index: number;
  result: AreaResult;
  totals: CountyTotals;
  stats: CountyStats;
}

/** A WGS-84 box [w, s, e, n] grown by `m` metres on every side (generously, in degrees). */
function growBox(b: ArrayLike<number>, m: number): [number, number, number, number] {
  const dLat = m / 110_000;
  const maxLat = Math.min(89, Math.max(Math.abs(b[1]), Math.abs(b[3])) + dLat);
  const dLon = dLat / Math.cos((maxLat * Math.PI) / 180);
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

/**
 * Which blocks of BLOCK × BLOCK cells hold a cell of the area: a site whose reach (grown
 * by two cells) touches none of them adds nothing to the area, so it is not stamped. Counties' boxes
 * overlap a lot: without this, a third more sites were stamped.
 */
const BLOCK = 4;
function occupiedBlocks(
  label: ArrayLike<number>,
  cols: number,
  rows: number,
): { any(spec: GridSpec, x0: number, y0: number, x1: number, y1: number): boolean } {
  const bc = Math.ceil(cols / BLOCK);
  const br = Math.ceil(rows / BLOCK);
  const hit = new Uint8Array(bc * br);
  for (let r = 0; r < rows; r++) {
    const row = (r / BLOCK) | 0;
    const base = r * cols;
    for (let c = 0; c < cols; c++) if (label[base + c] !== 0) hit[row * bc + ((c / BLOCK) | 0)] = 1;
  }
  // An area too small for a cell of its own still gets its county-town check: keep all.
  if (!hit.includes(1)) hit.fill(1);
  return {
    any(spec, x0, y0, x1, y1) {
      const s = spec.cellSize * BLOCK;
      const i0 = Math.max(0, Math.floor((x0 - spec.x0) / s));
      const j0 = Math.max(0, Math.floor((y0 - spec.y0) / s));
      const i1 = Math.min(bc - 1, Math.floor((x1 - spec.x0) / s));
      const j1 = Math.min(br - 1, Math.floor((y1 - spec.y0) / s));
      for (let j = j0; j <= j1; j++)
        for (let i = i0; i <= i1; i++) if (hit[j * bc + i]) return true;
      return false;
    },
  };
}

/**
 * The RedCap sites that can reach the seat disc: `townZone` tests every footprint it is
 * given against the zone, at the cost of a pass over each sector's radii; the site kinds
 * know their reach, so the far ones are dropped here.
 */
function nearSeat(
  footprints: readonly SiteFootprints[],
  area: Area,
  params: AnalysisParams,
): SiteFootprints[] {
  const [lon0, lat0] = area.seat!;
  const p = createLaea(lon0, lat0);
  const reachOf = new Map<readonly unknown[], number>();
  const out: SiteFootprints[] = [];
  for (const f of footprints) {
    if (f.redcap.length === 0) continue;
    let reach = reachOf.get(f.redcap);
    if (reach === undefined) {
      reach = 0;
      for (const fp of f.redcap) reach = Math.max(reach, footprintMaxRadius(fp));
      reachOf.set(f.redcap, reach);
    }
    const [x, y] = p.forward(f.lon, f.lat);
    // The zone lies within the disc; a margin of two fine cells covers the grid snapping.
    if (Math.hypot(x, y) <= params.townZoneRadiusM + reach + 2 * params.townCellSizeM) out.push(f);
  }
  return out;
}

/** Even-odd test over all rings of a polygon (holes excluded). */
function inRings(x: number, y: number, rings: readonly Position[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = ring[i][1];
      const yj = ring[j][1];
      if (yi > y !== yj > y) {
        const xi = ring[i][0];
        const xj = ring[j][0];
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

export function pointInGeometry(x: number, y: number, g: Polygon | MultiPolygon): boolean {
  if (g.type === 'Polygon') return inRings(x, y, g.coordinates);
  for (const p of g.coordinates) if (inRings(x, y, p)) return true;
  return false;
}

/** Whether site (x, y) inside area k belongs to an earlier area (shared border). */
function ownedEarlier(ctx: CountyContext, k: number, x: number, y: number): boolean {
  const hits = ctx.areaIndex.search(x, y, x, y);
  for (const j of hits) {
    if (j < k && pointInGeometry(x, y, ctx.areas[j].geometry)) return true;
  }
  return false;
}

/**
 * One county's row: grid, labels, zone discs and population, the sites that reach it
 * stamped, totals, gaps, the county-town continuity; sites counted where they stand.
 */
export function analyzeCounty(ctx: CountyContext, k: number): CountyResult {
  const { areas, sites, params } = ctx;
  const area = areas[k];
  const t0 = performance.now();
  const box = ctx.areaBoxes.subarray(4 * k, 4 * k + 4);
  const projection = createLaea((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
  const spec = gridSpecForBox(
    projection,
    projectLngLatBox(projection, Array.from(box)),
    metres(params.cellSizeM),
  );
  const grid = createGrid(spec, 1);
  rasterizeAreas(spec, [area.geometry], grid.label);
  // The county-town zones of every seat whose disc reaches this grid, neighbours' too
  // (analyzeAreas masks them all on its shared grid).
  const zone = new Uint8Array(spec.cols * spec.rows);
  if (ctx.seatIndex) {
    const g = growBox(box, params.townZoneRadiusM + 2 * params.cellSizeM);
    for (const h of ctx.seatIndex.range(g[0], g[1], g[2], g[3])) {
      const seat = areas[ctx.seatAreas[h]].seat!;
      maskDisc(spec, zone, seat[0], seat[1], params.townZoneRadiusM);
    }
  }
  setPopulation(grid, [area], zone);
  const blocks = occupiedBlocks(grid.label, spec.cols, spec.rows);
  const t1 = performance.now();

  // Sites that can reach the grid: the index gives those within the largest reach, the
  // projected test those within their own reach (plus a cell: spans round to cells).
  const g = growBox(box, ctx.maxReachM + 2 * params.cellSizeM);
  const candidates = ctx.siteIndex.range(g[0], g[1], g[2], g[3]);
  candidates.sort((a, b) => a - b);
  const gx0 = spec.x0;
  const gy0 = spec.y0;
  const gx1 = spec.x0 + spec.cols * spec.cellSize;
  const gy1 = spec.y0 + spec.rows * spec.cellSize;
  const footprints: SiteFootprints[] = [];
  const reachable: SiteFootprints[] = [];
  let count5g = 0;
  let countRedcap = 0;
  for (const i of candidates) {
    if (i >= sites.count) continue;
    const lon = sites.lon[i];
    const lat = sites.lat[i];
    if (lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3]) {
      if (pointInGeometry(lon, lat, area.geometry) && !ownedEarlier(ctx, k, lon, lat)) {
        const f = sites.flags[i];
        if (f & SITE_5G) count5g++;
        if (f & SITE_REDCAP) countRedcap++;
      }
    }
    const kind = sites.kind[i];
    if (kind < 0) continue;
    const sk = sites.kinds[kind];
    const [x, y] = projection.forward(lon, lat);
    const r = sk.reachM + 2 * spec.cellSize;
    if (x < gx0 - r || x > gx1 + r || y < gy0 - r || y > gy1 + r) continue;
    const f: SiteFootprints = { id: String(i), lon, lat, nr: sk.nr, redcap: sk.redcap };
    // The county-town check has its own finer grid: it gets every site near the county.
    if (sk.redcap.length > 0) reachable.push(f);
    if (blocks.any(spec, x - r, y - r, x + r, y + r)) footprints.push(f);
  }
  const totals = createTotals(grid, 1);
  stampSitesOnce(grid, totals, footprints);
  const t2 = performance.now();
  const gaps = summarizeGaps(grid, findGaps(grid, 'nr'), 1)[0];
  const t3 = performance.now();
  const result = areaResult(
    area,
    areaMetrics(grid, totals, 0),
    count5g,
    countRedcap,
    gaps,
    params,
    () =>
      area.level === 'county' && area.seat
        ? townZone(area, nearSeat(reachable, area, params), params)
        : null,
  );
  const t4 = performance.now();
  const t = totals;
  return {
    index: k,
    result,
    totals: {
      cells: t.cells[1],
      population: t.population[1],
      nrCells: t.nrCells[1],
      redcapCells: t.redcapCells[1],
      nrPop: t.nrPop[1],
      redcapPop: t.redcapPop[1],
    },
    stats: {
      gridCells: spec.cols * spec.rows,
      cols: spec.cols,
      rows: spec.rows,
      stamped: footprints.length,
      rasterMs: t1 - t0,
      stampMs: t2 - t1,
      gapsMs: t3 - t2,
      townZoneMs: t4 - t3,
    },
  };
}

/** Sum of the counties' stats (times are CPU time summed over threads). */
export function sumStats(
  rows: readonly CountyResult[],
): Omit<CountyStats, 'cols' | 'rows'> & { maxGridCells: number } {
  const s = {
    gridCells: 0,
    maxGridCells: 0,
    stamped: 0,
    rasterMs: 0,
    stampMs: 0,
    gapsMs: 0,
    townZoneMs: 0,
  };
  for (const r of rows) {
    s.gridCells += r.stats.gridCells;
    s.maxGridCells = Math.max(s.maxGridCells, r.stats.gridCells);
    s.stamped += r.stats.stamped;
    s.rasterMs += r.stats.rasterMs;
    s.stampMs += r.stats.stampMs;
    s.gapsMs += r.stats.gapsMs;
    s.townZoneMs += r.stats.townZoneMs;
  }
  return s;
}

/**
 * The region result from per-county rows (in area order): rows as they are, totals over
 * the counties' grid totals, as `analyzeAreas` makes them from its one grid.
 */
export function combineCounties(
  rows: readonly CountyResult[],
  params: AnalysisParams,
  notes: readonly string[],
): RegionResult {
  const n = rows.length + 1;
  const t: AreaTotals = {
    cells: new Int32Array(n),
    population: new Float64Array(n),
    nrCells: new Int32Array(n),
    redcapCells: new Int32Array(n),
    nrPop: new Float64Array(n),
    redcapPop: new Float64Array(n),
  };
  rows.forEach((r, i) => {
    t.cells[i + 1] = r.totals.cells;
    t.population[i + 1] = r.totals.population;
    t.nrCells[i + 1] = r.totals.nrCells;
    t.redcapCells[i + 1] = r.totals.redcapCells;
    t.nrPop[i + 1] = r.totals.nrPop;
    t.redcapPop[i + 1] = r.totals.redcapPop;
  });
  const areas = rows.map((r) => r.result);
  let largest: CountyStats | null = null;
  for (const r of rows) if (!largest || r.stats.gridCells > largest.gridCells) largest = r.stats;
  return {
    areas,
    totals: totalsOf(areas, t, params),
    // No single grid: the largest county's stands for the memory it took.
    grid: { cellSizeM: params.cellSizeM, cols: largest?.cols ?? 0, rows: largest?.rows ?? 0 },
    notes: [...notes],
  };
}

/** `analyzeAreas`, a county at a time, on this thread. */
export function analyzeByCounty(
  areas: readonly Area[],
  sites: SiteTable,
  params: AnalysisParams,
  siteIndex?: KDBush,
): RegionResult & { counties: CountyResult[] } {
  const ctx = createCountyContext(areas, sites, siteIndex ?? indexSites(sites), params);
  const rows = areas.map((_, k) => analyzeCounty(ctx, k));
  return { ...combineCounties(rows, params, sites.notes), counties: rows };
}
