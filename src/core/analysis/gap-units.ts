import { findRoot, unionMin } from '../union-find';
import Flatbush from 'flatbush';
import type { MultiPolygon } from 'geojson';
import { cellAreaKm2, type Grid } from '../grid/grid';
import type { Layer } from '../grid/gaps';
import { traceCells } from '../grid/outline';
import type { CellBox } from '../grid/stamp';
import type { Settlement } from '../settlement';

/**
 * Gap units: the populated uncovered places an operator can act on (issue 12), beside the
 * connected-component gaps the compliance rules use (grid/gaps.ts). A unit is the set of
 * populated uncovered cells (density ≥ minDensity) of one cluster: cells whose gap (the
 * Euclidean distance between their nearest edges) is at most `mergeM` metres belong to one
 * cluster (single linkage; 8-neighbours always do), found over runs of cells rather than
 * by dilating a mask. Runs split wherever the area or the township changes, and only runs
 * of the same area and township join, so a unit never crosses either border. Cells are whole cells of the
 * area holding their centre (as for gaps); the people of a border cell are its own area's
 * share, the other areas' shares go to those areas' remainders, so per area
 *   Σ units.people + remainder.people = uncovered people (summarizeGaps' popUncovered).
 */

export interface GapUnitParams {
  /** People per km² for a cell to count as populated. */
  minDensity: number;
  /** Populated cells at most this far apart (gap between cells, m) form one unit. */
  mergeM: number;
  /** Units smaller than this (km²) without a flag go into the remainder. */
  minKm2: number;
  /** People per household (户), for the 20-household rule. */
  householdSize: number;
}

export const DEFAULT_GAP_UNIT_PARAMS: Readonly<GapUnitParams> = Object.freeze({
  minDensity: 1,
  mergeM: 1000,
  minKm2: 0.25,
  householdSize: 3.2,
});

/** The 2018 universal-service pilot rule: an administrative village farther than this from any site. */
export const VILLAGE_FAR_M = 5000;
/** The household threshold of the universal-service rules. */
export const HOUSEHOLDS_MIN = 20;

export interface GapUnitSite {
  id: string;
  lon: number;
  lat: number;
}

export interface GapUnitContext {
  areaCount: number;
  /** Sites to measure the nearest-site distance to (the layer's sites). */
  sites?: readonly GapUnitSite[];
  settlements?: readonly Settlement[];
  /** Township per cell (index + 1, 0 = none) and the townships' names and codes. */
  townships?: {
    label: Uint16Array | Uint32Array;
    list: readonly { code: string; name: string; seat?: readonly [number, number] | null }[];
  };
}

export interface GapUnitFlags {
  /** ≥ 20 households: people ÷ household size, or a settlement point of that size inside. */
  households20: boolean;
  /** A township seat (乡镇驻地 or a town) inside. */
  townshipSeat: boolean;
  /** An administrative village (行政村) inside, farther than 5 km from every site. */
  villageFar: boolean;
}

export interface GapUnit {
  /** 1 = most people, per area. */
  rank: number;
  /** Area index (label − 1). */
  area: number;
  /** WGS-84 centre of the unit cell nearest the people-weighted centroid. */
  lon: number;
  lat: number;
  cells: number;
  areaKm2: number;
  people: number;
  /** Names of the settlement points in the unit's cells, most people first. */
  settlements: string[];
  nearestSiteM: number | null;
  nearestSiteId: string | null;
  township: { code: string; name: string } | null;
  flags: GapUnitFlags;
  /** Inclusive cell box [c0, r0, c1, r1]. */
  cellBox: CellBox;
  /** Id in `GapUnitIndex.unit` (stable within one index). */
  id: number;
}

export interface GapUnitRemainder {
  /** Units dropped as slivers (smaller than minKm2, no flag). */
  units: number;
  /** Their km² plus that of the populated cells below minDensity. */
  areaKm2: number;
  /** Their people, those of the sparse cells and the area's shares of border cells it does not hold. */
  people: number;
}

export interface AreaGapUnits {
  units: GapUnit[];
  remainder: GapUnitRemainder;
  /** Uncovered cells without people, km². */
  unpopulatedKm2: number;
  /** Uncovered people of the area (= Σ units + remainder). */
  uncoveredPeople: number;
}

export interface GapUnitIndex {
  layer: Layer;
  areas: AreaGapUnits[];
  cols: number;
  /** The populated uncovered runs, row by row (row r: runs rowStart[r] … rowStart[r + 1] − 1). */
  rowStart: Int32Array;
  runC0: Int32Array;
  runC1: Int32Array;
  /** Unit id per run (listed units and remainder slivers alike). */
  runUnit: Int32Array;
}

// Run buffers, grown on demand and reused (a county at a time).
let runR = new Int32Array(4096);
let runC0 = new Int32Array(4096);
let runC1 = new Int32Array(4096);
let runKey = new Float64Array(4096);
let runPeople = new Float64Array(4096);
let runSx = new Float64Array(4096);
let parent = new Int32Array(4096);

function growRuns(): void {
  const n = runR.length * 2;
  const g = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
  runR = g(runR, new Int32Array(n));
  runC0 = g(runC0, new Int32Array(n));
  runC1 = g(runC1, new Int32Array(n));
  runKey = g(runKey, new Float64Array(n));
  runPeople = g(runPeople, new Float64Array(n));
  runSx = g(runSx, new Float64Array(n));
  parent = g(parent, new Int32Array(n));
}

const find = (i: number): number => findRoot(parent, i);

const union = (a: number, b: number): void => void unionMin(parent, a, b);

/** First run k in [lo, hi) with c1[k] ≥ v (runs of a row ascend). */
function firstEndingAtOrAfter(c1: Int32Array, lo: number, hi: number, v: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c1[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The unit id of cell (c, r), or −1. */
export function unitAt(idx: GapUnitIndex, c: number, r: number): number {
  if (r < 0 || r + 1 >= idx.rowStart.length) return -1;
  const k = firstEndingAtOrAfter(idx.runC1, idx.rowStart[r], idx.rowStart[r + 1], c);
  return k < idx.rowStart[r + 1] && idx.runC0[k] <= c ? idx.runUnit[k] : -1;
}

/** Unit id per cell (−1 = none), for callers that look up many cells. */
export function unitCells(idx: GapUnitIndex, cellCount: number): Int32Array {
  const out = new Int32Array(cellCount).fill(-1);
  const { rowStart, runC0, runC1, runUnit, cols } = idx;
  for (let r = 0; r + 1 < rowStart.length; r++)
    for (let k = rowStart[r]; k < rowStart[r + 1]; k++)
      out.fill(runUnit[k], r * cols + runC0[k], r * cols + runC1[k] + 1);
  return out;
}

interface Acc {
  label: number;
  town: number;
  cells: number;
  people: number;
  sx: number;
  sy: number;
  box: CellBox;
  best: number;
  bestD: number;
}

/**
 * Gap units of every area of `grid` on `layer`: one scan of the cells finds the populated
 * uncovered runs (split where the area or township changes) and sums the sparse and empty
 * cells; runs closer than mergeM (the gap between their cells, Euclidean) and of the same
 * area and township are joined by union-find over the runs of the rows within reach, so
 * the work beyond the scan grows with the runs, not with the cells or the distance².
 */
export function findGapUnits(
  grid: Grid,
  layer: Layer,
  params: GapUnitParams = DEFAULT_GAP_UNIT_PARAMS,
  ctx: GapUnitContext = { areaCount: 1 },
): GapUnitIndex {
  const { cols, rows, label, weight, cellSize, x0, y0, projection } = grid;
  const counts = grid[layer];
  const km2 = cellAreaKm2(grid);
  const A = ctx.areaCount;
  // A cell is populated at density ≥ minDensity (and never at 0 people).
  const minW = Math.max(Number.MIN_VALUE, params.minDensity * km2);
  const sparsePeople = new Float64Array(A + 1);
  const sparseCells = new Float64Array(A + 1);
  const emptyCells = new Float64Array(A + 1);
  const town = ctx.townships?.label;
  const rowStart = new Int32Array(rows + 1);
  let nRuns = 0;
  // Sparse and empty sums in locals while the label stays the same (as recountAreas).
  let curL = 0;
  let sp = 0;
  let sc = 0;
  let ec = 0;
  const flush = (): void => {
    if (curL !== 0 && curL <= A) {
      sparsePeople[curL] += sp;
      sparseCells[curL] += sc;
      emptyCells[curL] += ec;
    }
    sp = 0;
    sc = 0;
    ec = 0;
  };
  for (let r = 0; r < rows; r++) {
    rowStart[r] = nRuns;
    const base = r * cols;
    let c = 0;
    while (c < cols) {
      const i = base + c;
      const l = label[i];
      if (l === 0 || counts[i] !== 0) {
        c++;
        continue;
      }
      if (l !== curL) {
        flush();
        curL = l;
      }
      const w = weight[i];
      if (w < minW) {
        if (w > 0) {
          sp += w;
          sc++;
        } else ec++;
        c++;
        continue;
      }
      const t = town ? town[i] : 0;
      let e = c;
      let people = 0;
      let sx = 0;
      while (e < cols) {
        const j = base + e;
        const wj = weight[j];
        if (label[j] !== l || counts[j] !== 0 || wj < minW || (town && town[j] !== t)) break;
        people += wj;
        sx += wj * e;
        e++;
      }
      if (nRuns === runR.length) growRuns();
      runR[nRuns] = r;
      runC0[nRuns] = c;
      runC1[nRuns] = e - 1;
      runKey[nRuns] = l * 4294967296 + t;
      runPeople[nRuns] = people;
      runSx[nRuns] = sx;
      parent[nRuns] = nRuns;
      nRuns++;
      c = e;
    }
  }
  flush();
  rowStart[rows] = nRuns;

  // Join runs within mergeM: in row r − dr the allowed gap of columns is what the rows'
  // gap leaves of mergeM (dr = 0 and 1: mergeM itself; 8-neighbours always touch).
  const mergeM = Math.max(0, params.mergeM);
  const reach: number[] = [];
  for (let dr = 0; dr <= rows; dr++) {
    const gy = Math.max(0, dr - 1) * cellSize;
    if (gy > mergeM) break;
    reach.push(Math.floor(Math.sqrt(mergeM * mergeM - gy * gy) / cellSize + 1e-9));
  }
  for (let k = 0; k < nRuns; k++) {
    const r = runR[k];
    const c0 = runC0[k];
    const c1 = runC1[k];
    const key = runKey[k];
    for (let dr = 0; dr < reach.length && dr <= r; dr++) {
      const h = reach[dr];
      const lo = rowStart[r - dr];
      const hi = dr === 0 ? k : rowStart[r - dr + 1];
      for (
        let q = firstEndingAtOrAfter(runC1, lo, hi, c0 - h - 1);
        q < hi && runC0[q] <= c1 + h + 1;
        q++
      )
        if (runKey[q] === key) union(q, k);
    }
  }

  // Components: cells, people, people-weighted centre, box.
  const compOf = new Int32Array(nRuns).fill(-1);
  const runUnit = new Int32Array(nRuns);
  const accs: Acc[] = [];
  for (let k = 0; k < nRuns; k++) {
    const root = find(k);
    let id = compOf[root];
    const r = runR[k];
    const a = runC0[k];
    const b = runC1[k];
    if (id === -1) {
      id = accs.length;
      compOf[root] = id;
      const key = runKey[root];
      accs.push({
        label: Math.floor(key / 4294967296),
        town: key % 4294967296,
        cells: 0,
        people: 0,
        sx: 0,
        sy: 0,
        box: [a, r, b, r],
        best: -1,
        bestD: Infinity,
      });
    }
    runUnit[k] = id;
    const u = accs[id];
    u.cells += b - a + 1;
    u.people += runPeople[k];
    u.sx += runSx[k];
    u.sy += runPeople[k] * r;
    if (a < u.box[0]) u.box[0] = a;
    if (b > u.box[2]) u.box[2] = b;
    if (r > u.box[3]) u.box[3] = r;
  }
  // The unit cell nearest each people-weighted centre (the box centre when its people
  // round to 0): per run, the nearest column is the centre's clamped to the run.
  const cx = accs.map((u) => (u.people > 0 ? u.sx / u.people : (u.box[0] + u.box[2]) / 2));
  const cy = accs.map((u) => (u.people > 0 ? u.sy / u.people : (u.box[1] + u.box[3]) / 2));
  for (let k = 0; k < nRuns; k++) {
    const id = runUnit[k];
    const u = accs[id];
    const r = runR[k];
    const c = Math.min(runC1[k], Math.max(runC0[k], Math.ceil(cx[id] - 0.5)));
    const d = (c - cx[id]) ** 2 + (r - cy[id]) ** 2;
    if (d < u.bestD) {
      u.bestD = d;
      u.best = r * cols + c;
    }
  }
  const idx: GapUnitIndex = {
    layer,
    areas: [],
    cols,
    rowStart,
    runC0: runC0.slice(0, nRuns),
    runC1: runC1.slice(0, nRuns),
    runUnit,
  };

  // Border cells: a unit keeps its own area's share, the other shares go to remainders.
  const shareRest = new Float64Array(A + 1);
  const e = grid.edge;
  if (e) {
    for (let k = 0; k < e.cell.length; k++) {
      const ci = e.cell[k];
      if (counts[ci] !== 0) continue;
      const l = label[ci];
      const cr = Math.floor(ci / cols);
      const id = l === 0 ? -1 : unitAt(idx, ci - cr * cols, cr);
      const sparse = id < 0 && l !== 0 && weight[ci] > 0;
      if (id >= 0) accs[id].people -= weight[ci];
      if (sparse && l <= A) sparsePeople[l] -= weight[ci];
      for (let j = e.start[k]; j < e.start[k + 1]; j++) {
        const a = e.label[j];
        if (a > A) continue;
        if (a === l && id >= 0) accs[id].people += e.weight[j];
        else if (a === l && sparse) sparsePeople[l] += e.weight[j];
        else shareRest[a] += e.weight[j];
      }
    }
  }

  idx.areas = describeUnits(grid, idx, params, ctx, accs, {
    sparsePeople,
    sparseCells,
    emptyCells,
    shareRest,
    km2,
    x0,
    y0,
    cellSize,
    projection,
  });
  return idx;
}

interface Sums {
  sparsePeople: Float64Array;
  sparseCells: Float64Array;
  emptyCells: Float64Array;
  shareRest: Float64Array;
  km2: number;
  x0: number;
  y0: number;
  cellSize: number;
  projection: Grid['projection'];
}

const SEAT_KINDS = new Set(['town', 'township-seat']);

/** Settlements, nearest sites, flags, ranks and remainders of the components. */
function describeUnits(
  grid: Grid,
  idx: GapUnitIndex,
  params: GapUnitParams,
  ctx: GapUnitContext,
  accs: Acc[],
  s: Sums,
): AreaGapUnits[] {
  const { cols, rows } = grid;
  const A = ctx.areaCount;
  const sites = ctx.sites ?? [];
  let siteIndex: Flatbush | null = null;
  const sx = new Float64Array(sites.length);
  const sy = new Float64Array(sites.length);
  if (sites.length > 0) {
    const index = new Flatbush(sites.length);
    sites.forEach((p, k) => {
      const [x, y] = s.projection.forward(p.lon, p.lat);
      sx[k] = x;
      sy[k] = y;
      index.add(x, y, x, y);
    });
    index.finish();
    siteIndex = index;
  }
  const nearest = (x: number, y: number): [number, number] => {
    if (!siteIndex) return [-1, Infinity];
    const [k] = siteIndex.neighbors(x, y, 1);
    return [k, Math.hypot(sx[k] - x, sy[k] - y)];
  };
  const unitOf = (lon: number, lat: number): number => {
    const [x, y] = s.projection.forward(lon, lat);
    const c = Math.floor((x - s.x0) / s.cellSize);
    const r = Math.floor((y - s.y0) / s.cellSize);
    return c < 0 || r < 0 || c >= cols || r >= rows ? -1 : unitAt(idx, c, r);
  };
  // Settlements inside units, and whether each unit holds a flagged one.
  const held: Settlement[][] = accs.map(() => []);
  const seat = new Uint8Array(accs.length);
  const bigSettlement = new Uint8Array(accs.length);
  const farVillage = new Uint8Array(accs.length);
  for (const st of ctx.settlements ?? []) {
    const u = unitOf(st.position[0], st.position[1]);
    if (u < 0) continue;
    held[u].push(st);
    if (SEAT_KINDS.has(st.kind)) seat[u] = 1;
    const hh = st.households ?? (st.population !== null ? st.population / params.householdSize : 0);
    if (hh >= HOUSEHOLDS_MIN) bigSettlement[u] = 1;
    if (st.kind === 'admin-village') {
      const [x, y] = s.projection.forward(st.position[0], st.position[1]);
      if (nearest(x, y)[1] > VILLAGE_FAR_M) farVillage[u] = 1;
    }
  }
  // Township seat points (from the township polygons' records) count as seats too.
  for (const t of ctx.townships?.list ?? []) {
    if (!t.seat) continue;
    const u = unitOf(t.seat[0], t.seat[1]);
    if (u >= 0) seat[u] = 1;
  }

  const out: AreaGapUnits[] = Array.from({ length: A }, (_, a) => ({
    units: [],
    remainder: {
      units: 0,
      areaKm2: s.sparseCells[a + 1] * s.km2,
      people: s.sparsePeople[a + 1] + s.shareRest[a + 1],
    },
    unpopulatedKm2: s.emptyCells[a + 1] * s.km2,
    uncoveredPeople: 0,
  }));
  accs.forEach((u, id) => {
    const a = u.label - 1;
    if (a < 0 || a >= A) return;
    const areaKm2 = u.cells * s.km2;
    const flags: GapUnitFlags = {
      households20: u.people / params.householdSize >= HOUSEHOLDS_MIN || bigSettlement[id] === 1,
      townshipSeat: seat[id] === 1,
      villageFar: farVillage[id] === 1,
    };
    const area = out[a];
    if (
      areaKm2 < params.minKm2 &&
      !flags.households20 &&
      !flags.townshipSeat &&
      !flags.villageFar
    ) {
      area.remainder.units++;
      area.remainder.areaKm2 += areaKm2;
      area.remainder.people += u.people;
      return;
    }
    const bc = u.best % cols;
    const br = (u.best - bc) / cols;
    const x = s.x0 + (bc + 0.5) * s.cellSize;
    const y = s.y0 + (br + 0.5) * s.cellSize;
    const [lon, lat] = s.projection.inverse(x, y);
    const [k, d] = nearest(x, y);
    const tw = u.town > 0 ? ctx.townships?.list[u.town - 1] : undefined;
    const names = held[id]
      .slice()
      .sort((p, q) => (q.population ?? -1) - (p.population ?? -1) || (p.name < q.name ? -1 : 1))
      .map((p) => p.name);
    area.units.push({
      rank: 0,
      area: a,
      lon,
      lat,
      cells: u.cells,
      areaKm2,
      people: u.people,
      settlements: names,
      nearestSiteM: k >= 0 ? d : null,
      nearestSiteId: k >= 0 ? sites[k].id : null,
      township: tw ? { code: tw.code, name: tw.name } : null,
      flags,
      cellBox: [u.box[0], u.box[1], u.box[2], u.box[3]],
      id,
    });
  });
  for (let a = 0; a < A; a++) {
    const area = out[a];
    area.units.sort((p, q) => q.people - p.people || p.id - q.id);
    area.units.forEach((u, k) => (u.rank = k + 1));
    let sum = area.remainder.people;
    for (const u of area.units) sum += u.people;
    area.uncoveredPeople = sum;
  }
  return out;
}

/** Outline of one unit as a WGS-84 MultiPolygon (cell edges, outline.ts traceCells). */
export function gapUnitPolygon(grid: Grid, idx: GapUnitIndex, u: GapUnit): MultiPolygon | null {
  return traceCells(grid, u.cellBox, (c, r) => unitAt(idx, c, r) === u.id);
}
