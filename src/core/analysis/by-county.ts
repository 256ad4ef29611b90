import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Area } from '../area';
import { createLaea } from '../grid/laea';
import {
  DEFAULT_WEIGHT_BITS,
  createGrid,
  gridSpecForLngLatBox,
  type Grid,
  type GridSpec,
} from '../grid/grid';
import { labelAreas, maskDisc } from '../grid/rasterize';
import { footprintsReach, type StampInput } from '../grid/stamp';
import { stampSitesOnce } from '../grid/stamp-batch';
import { areaMetrics, createTotals, emptyTotals } from '../grid/metrics';
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
import type { RasterWindow } from '../raster/types';
import type { Settlement } from '../settlement';
import { KERNEL_CUT, kernelLengthM, settlementWeight } from '../population/settlement-surface';
import type {
  AreaPopulationModel,
  PopulationInput,
  PopulationModel,
  RasterDescription,
} from './population';
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
  /** Settlements for the population surface, indexed; null without. */
  settlements: CountySettlements | null;
  /** The population raster's description (its windows come per county). */
  rasterInfo: RasterDescription | null;
}

/** What every county's population step shares: settlements, the raster's description. */
export interface CountyPopulationInit {
  settlements?: readonly Settlement[] | null;
  rasterInfo?: RasterDescription | null;
}

/** Settlement points and their index, for each county's kernel surface. */
export interface CountySettlements {
  list: readonly Settlement[];
  index: KDBush;
  /** The farthest any kernel reaches (m). */
  maxCutM: number;
}

function indexSettlements(
  list: readonly Settlement[] | null | undefined,
): CountySettlements | null {
  if (!list || list.length === 0) return null;
  const index = new KDBush(list.length);
  let maxCutM = 0;
  for (const s of list) {
    index.add(s.position[0], s.position[1]);
    maxCutM = Math.max(maxCutM, KERNEL_CUT * kernelLengthM(settlementWeight(s)));
  }
  index.finish();
  return { list, index, maxCutM };
}

export function createCountyContext(
  areas: readonly Area[],
  sites: SiteTable,
  siteIndex: KDBush,
  params: AnalysisParams,
  population: CountyPopulationInit = {},
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
    settlements: indexSettlements(population.settlements),
    rasterInfo: population.rasterInfo ?? null,
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
  /** How the county's people were placed (and the surface's facts, for the region's model). */
  population: AreaPopulationModel;
  populationFacts: Pick<PopulationModel, 'surface' | 'raster' | 'settlements' | 'notes'>;
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
  footprints: readonly StampInput[],
  area: Area,
  params: AnalysisParams,
): StampInput[] {
  const [lon0, lat0] = area.seat!;
  const p = createLaea(lon0, lat0);
  const out: StampInput[] = [];
  for (const f of footprints) {
    if (f.redcap.length === 0) continue;
    const reach = footprintsReach(f.redcap);
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

/**
 * `pointInGeometry` for one area, answered from its edges bucketed by latitude: each
 * polygon's edges are listed in every band of latitude their y-range [min, max) meets,
 * so a point is tested against the edges of its band only, each with inRings' arithmetic
 * (the parity of the crossings does not depend on their order) — the same answer as the
 * full pass. County polygons have thousands of vertices and every site near a county is
 * tested.
 */
interface PolygonIndex {
  /** Per edge: the current vertex (xi, yi) and the previous one (xj, yj). */
  edges: Float64Array;
  y0: number;
  y1: number;
  bandH: number;
  bands: number;
  /** Edges of band b: ids[start[b] … start[b + 1]). */
  start: Int32Array;
  ids: Int32Array;
}

function indexPolygon(rings: readonly Position[][]): PolygonIndex | null {
  let n = 0;
  for (const ring of rings) n += ring.length;
  const edges = new Float64Array(4 * n);
  let y0 = Infinity;
  let y1 = -Infinity;
  let e = 0;
  for (const ring of rings) {
    const m = ring.length;
    for (let i = 0, j = m - 1; i < m; j = i++) {
      edges[4 * e] = ring[i][0];
      edges[4 * e + 1] = ring[i][1];
      edges[4 * e + 2] = ring[j][0];
      edges[4 * e + 3] = ring[j][1];
      y0 = Math.min(y0, ring[i][1]);
      y1 = Math.max(y1, ring[i][1]);
      e++;
    }
  }
  // Bands need finite latitudes; such a polygon (never from a valid file) is tested in full.
  for (let k = 0; k < edges.length; k++) if (!Number.isFinite(edges[k])) return null;
  const bands = Math.max(1, Math.min(4096, Math.ceil(n / 8)));
  const bandH = y1 > y0 ? (y1 - y0) / bands : 1;
  const band = (y: number) => Math.min(bands - 1, Math.max(0, Math.floor((y - y0) / bandH)));
  const start = new Int32Array(bands + 1);
  const edgeBands = (k: number, f: (b: number) => void) => {
    const ya = edges[4 * k + 1];
    const yb = edges[4 * k + 3];
    // A point of latitude y meets the edge when min ≤ y < max (inRings' test).
    if (!(ya !== yb)) return;
    const b1 = band(Math.max(ya, yb));
    for (let b = band(Math.min(ya, yb)); b <= b1; b++) f(b);
  };
  for (let k = 0; k < n; k++) edgeBands(k, (b) => start[b + 1]++);
  for (let b = 0; b < bands; b++) start[b + 1] += start[b];
  const ids = new Int32Array(start[bands]);
  const fill = start.slice(0, bands);
  for (let k = 0; k < n; k++) edgeBands(k, (b) => (ids[fill[b]++] = k));
  return { edges, y0, y1, bandH, bands, start, ids };
}

function inIndexed(x: number, y: number, p: PolygonIndex): boolean {
  // No edge's [min, max) holds a latitude outside [y0, y1) (or NaN).
  if (!(y >= p.y0 && y < p.y1)) return false;
  const b = Math.min(p.bands - 1, Math.max(0, Math.floor((y - p.y0) / p.bandH)));
  const { edges, ids } = p;
  let inside = false;
  for (let k = p.start[b]; k < p.start[b + 1]; k++) {
    const o = 4 * ids[k];
    const yi = edges[o + 1];
    const yj = edges[o + 3];
    if (yi > y !== yj > y) {
      const xi = edges[o];
      const xj = edges[o + 2];
      if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Per area, its polygons' indexes, built on first use (a thread sees a part of the country). */
const polygonIndexes = new WeakMap<Polygon | MultiPolygon, GeometryIndex>();

/** A geometry's polygons and their indexes (null: tested in full). */
interface GeometryIndex {
  polys: Position[][][];
  index: (PolygonIndex | null)[];
}

function geometryIndex(g: Polygon | MultiPolygon): GeometryIndex {
  let gi = polygonIndexes.get(g);
  if (!gi) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    gi = { polys, index: polys.map(indexPolygon) };
    polygonIndexes.set(g, gi);
  }
  return gi;
}

function inGeometryIndex(x: number, y: number, gi: GeometryIndex): boolean {
  const { index, polys } = gi;
  for (let i = 0; i < index.length; i++) {
    const p = index[i];
    if (p ? inIndexed(x, y, p) : inRings(x, y, polys[i])) return true;
  }
  return false;
}

/** `pointInGeometry`, the same answers, through the geometry's (kept) polygon indexes. */
export function pointInGeometryIndexed(x: number, y: number, g: Polygon | MultiPolygon): boolean {
  return inGeometryIndex(x, y, geometryIndex(g));
}

/** Whether site (x, y) inside area k belongs to an earlier area (shared border). */
function ownedEarlier(ctx: CountyContext, k: number, x: number, y: number): boolean {
  const hits = ctx.areaIndex.search(x, y, x, y);
  for (const j of hits) {
    if (j < k && pointInGeometryIndexed(x, y, ctx.areas[j].geometry)) return true;
  }
  return false;
}

/**
 * The arrays of a county's grid (as `createGrid(spec, 1)` makes them, all zero), its
 * zone mask and the gap labelling's scratch, as views of arrays kept from county to
 * county on this thread: a national run makes 330 million cells' worth of grids, and
 * fresh arrays cost page faults and garbage collection each time. Nothing of a county's
 * grid outlives `analyzeCounty`.
 */
interface CountyArrays {
  label: Uint16Array;
  weight: Float32Array;
  nr: Uint16Array;
  redcap: Uint16Array;
  zone: Uint8Array;
  comp: Int32Array;
}
let countyArrays: CountyArrays | null = null;

function countyGrid(spec: GridSpec): { grid: Grid; zone: Uint8Array; comp: Int32Array } {
  const n = spec.cols * spec.rows;
  // Out-of-range grids get createGrid's error.
  if (!(n > 0) || n >= 2 ** 29) createGrid(spec, 1);
  let a = countyArrays;
  if (!a || a.label.length < n) {
    countyArrays = null;
    a = {
      label: new Uint16Array(n),
      weight: new Float32Array(n),
      nr: new Uint16Array(n),
      redcap: new Uint16Array(n),
      zone: new Uint8Array(n),
      comp: new Int32Array(n),
    };
    countyArrays = a;
  }
  const grid: Grid = {
    ...spec,
    label: a.label.subarray(0, n).fill(0),
    weight: a.weight.subarray(0, n).fill(0),
    weightBits: DEFAULT_WEIGHT_BITS,
    nr: a.nr.subarray(0, n).fill(0),
    redcap: a.redcap.subarray(0, n).fill(0),
  };
  return { grid, zone: a.zone.subarray(0, n).fill(0), comp: a.comp };
}

/**
 * One county's row: grid, labels, zone discs and population, the sites that reach it
 * stamped, totals, gaps, the county-town continuity; sites counted where they stand.
 */
export function analyzeCounty(
  ctx: CountyContext,
  k: number,
  raster: RasterWindow | null = null,
): CountyResult {
  const { areas, sites, params } = ctx;
  const area = areas[k];
  const t0 = performance.now();
  const box = ctx.areaBoxes.subarray(4 * k, 4 * k + 4);
  const spec = gridSpecForLngLatBox(box, metres(params.cellSizeM));
  const projection = spec.projection;
  const { grid, zone, comp } = countyGrid(spec);
  labelAreas(grid, [area.geometry]);
  // The county-town zones of every seat whose disc reaches this grid, neighbours' too
  // (analyzeAreas masks them all on its shared grid).
  if (ctx.seatIndex) {
    const g = growBox(box, params.townZoneRadiusM + 2 * params.cellSizeM);
    for (const h of ctx.seatIndex.range(g[0], g[1], g[2], g[3])) {
      const seat = areas[ctx.seatAreas[h]].seat!;
      maskDisc(spec, zone, seat[0], seat[1], params.townZoneRadiusM);
    }
  }
  const population = setPopulation(grid, [area], zone, [], countyPopulation(ctx, box, raster));
  const blocks = occupiedBlocks(grid.label, spec.cols, spec.rows);
  const t1 = performance.now();

  // Sites that can reach the grid: the index gives those within the largest reach, the
  // projected test those within their own reach (plus a cell: spans round to cells).
  const g = growBox(box, ctx.maxReachM + 2 * params.cellSizeM);
  // In site order (a typed array sorts numerically without a comparator).
  const candidates = Uint32Array.from(ctx.siteIndex.range(g[0], g[1], g[2], g[3])).sort();
  const gx0 = spec.x0;
  const gy0 = spec.y0;
  const gx1 = spec.x0 + spec.cols * spec.cellSize;
  const gy1 = spec.y0 + spec.rows * spec.cellSize;
  const footprints: StampInput[] = [];
  const reachable: StampInput[] = [];
  let count5g = 0;
  let countRedcap = 0;
  // forwardMany is forward's arithmetic without a result array per site.
  const lonLat = new Float64Array(2);
  const xy = new Float64Array(2);
  const own = geometryIndex(area.geometry);
  for (const i of candidates) {
    if (i >= sites.count) continue;
    const lon = sites.lon[i];
    const lat = sites.lat[i];
    if (lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3]) {
      if (inGeometryIndex(lon, lat, own) && !ownedEarlier(ctx, k, lon, lat)) {
        const f = sites.flags[i];
        if (f & SITE_5G) count5g++;
        if (f & SITE_REDCAP) countRedcap++;
      }
    }
    const kind = sites.kind[i];
    if (kind < 0) continue;
    const sk = sites.kinds[kind];
    lonLat[0] = lon;
    lonLat[1] = lat;
    projection.forwardMany(lonLat, xy);
    const x = xy[0];
    const y = xy[1];
    const r = sk.reachM + 2 * spec.cellSize;
    if (x < gx0 - r || x > gx1 + r || y < gy0 - r || y > gy1 + r) continue;
    const inBlocks = blocks.any(spec, x - r, y - r, x + r, y + r);
    if (!inBlocks && sk.redcap.length === 0) continue;
    // The county-town check has its own finer grid: it gets every site near the county.
    const f: StampInput = { lon, lat, nr: sk.nr, redcap: sk.redcap };
    if (sk.redcap.length > 0) reachable.push(f);
    if (inBlocks) footprints.push(f);
  }
  const totals = createTotals(grid, 1);
  stampSitesOnce(grid, totals, footprints);
  const t2 = performance.now();
  const gaps = summarizeGaps(grid, findGaps(grid, 'nr', comp), 1, totals)[0];
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
    population: population.areas[0],
    populationFacts: {
      surface: population.surface,
      raster: population.raster,
      settlements: population.settlements,
      notes: population.notes,
    },
  };
}

/** The county's share of the population input: its raster window, the settlements near it. */
function countyPopulation(
  ctx: CountyContext,
  box: ArrayLike<number>,
  raster: RasterWindow | null,
): PopulationInput | undefined {
  const st = ctx.settlements;
  if (!raster && !st) return undefined;
  let near: Settlement[] | null = null;
  if (st) {
    const g = growBox(box, st.maxCutM);
    near = Uint32Array.from(st.index.range(g[0], g[1], g[2], g[3]))
      .sort()
      .reduce<Settlement[]>((out, i) => (out.push(st.list[i]), out), []);
  }
  return { raster, rasterInfo: ctx.rasterInfo, settlements: near };
}

/** The region's population model from the counties' rows. */
function combinePopulation(
  rows: readonly CountyResult[],
  settlements: readonly Settlement[] | null,
): PopulationModel {
  const first = rows.find((r) => r.populationFacts.raster) ?? rows[0];
  const used = rows.reduce((a, r) => a + (r.populationFacts.settlements?.used ?? 0), 0);
  const notes = new Set<string>();
  let thin = 0;
  for (const r of rows) for (const n of r.populationFacts.notes) notes.add(n);
  for (const r of rows)
    if (r.population.model !== 'raster' && r.population.model !== 'settlements') thin++;
  const anySurface = rows.some(
    (r) => r.populationFacts.surface === 'raster' || r.populationFacts.surface === 'settlements',
  );
  const kind = rows.some((r) => r.populationFacts.surface === 'raster')
    ? 'raster'
    : anySurface
      ? 'settlements'
      : rows.some((r) => r.population.model === 'two-zone')
        ? 'two-zone'
        : 'uniform';
  // Per-county notes name one area each: the region says it once, with the count.
  const perCounty = [...notes].filter((n) => !n.startsWith('population'));
  if (anySurface && thin > 0)
    perCounty.push(
      `population surface: ${thin} of ${rows.length} areas used the census model (no raster or settlement people on their cells)`,
    );
  return {
    surface: kind,
    raster: first?.populationFacts.raster ?? null,
    settlements:
      settlements && settlements.length > 0
        ? {
            count: settlements.length,
            used,
            outside: Math.max(0, settlements.length - used),
            synthetic: settlements.some((s) => s.synthetic),
          }
        : null,
    areas: rows.map((r) => r.population),
    notes: perCounty,
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
  settlements: readonly Settlement[] | null = null,
): RegionResult {
  const t = emptyTotals(rows.length);
  rows.forEach((r, i) => {
    t.cells[i + 1] = r.totals.cells;
    t.population[i + 1] = r.totals.population;
    t.nrCells[i + 1] = r.totals.nrCells;
    t.redcapCells[i + 1] = r.totals.redcapCells;
    t.nrPop[i + 1] = r.totals.nrPop;
    t.redcapPop[i + 1] = r.totals.redcapPop;
  });
  const areas = rows.map((r) => r.result);
  const population = combinePopulation(rows, settlements);
  let largest: CountyStats | null = null;
  for (const r of rows) if (!largest || r.stats.gridCells > largest.gridCells) largest = r.stats;
  return {
    areas,
    totals: totalsOf(areas, t, params),
    // No single grid: the largest county's stands for the memory it took.
    grid: { cellSizeM: params.cellSizeM, cols: largest?.cols ?? 0, rows: largest?.rows ?? 0 },
    notes: [...notes, ...population.notes],
    population,
  };
}

/** `analyzeAreas`, a county at a time, on this thread. */
export function analyzeByCounty(
  areas: readonly Area[],
  sites: SiteTable,
  params: AnalysisParams,
  siteIndex?: KDBush,
  population: ByCountyPopulation = {},
): RegionResult & { counties: CountyResult[] } {
  const ctx = createCountyContext(areas, sites, siteIndex ?? indexSites(sites), params, population);
  const rows = areas.map((_, k) => analyzeCounty(ctx, k, population.rasterFor?.(k) ?? null));
  return {
    ...combineCounties(rows, params, sites.notes, population.settlements ?? null),
    counties: rows,
  };
}

/** The population input of a by-county run: settlements, and each county's raster window. */
export interface ByCountyPopulation extends CountyPopulationInit {
  rasterFor?: (k: number) => RasterWindow | null;
}
