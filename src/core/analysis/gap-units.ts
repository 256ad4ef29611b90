import Flatbush from 'flatbush';
import type { MultiPolygon } from 'geojson';
import { cellAreaKm2, type Grid } from '../grid/grid';
import type { Layer } from '../grid/gaps';
import { traceCells } from '../grid/outline';
import type { CellBox } from '../grid/stamp';
import { chamferDistance, mergeRadius } from '../grid/dilate';
import type { Settlement } from '../settlement';

/**
 * Gap units: the populated uncovered places an operator can act on (issue 12), beside the
 * connected-component gaps the compliance rules use (grid/gaps.ts). A unit is the set of
 * populated uncovered cells (density ≥ minDensity) of one cluster, where cells closer than
 * `mergeM` metres belong to one cluster: the populated-uncovered mask is dilated by half
 * that distance (chamfer distance, grid/dilate.ts) and the dilated mask's 8-connected
 * components (run-length labelling) are the clusters. Runs split wherever the area or the
 * township changes, so a unit never crosses either border. Cells are whole cells of the
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
  /** Unit id per cell, −1 = in no unit (listed units and remainder slivers alike). */
  unit: Int32Array;
}

// Run buffers, grown on demand and reused (a county at a time).
let runR = new Int32Array(4096);
let runC0 = new Int32Array(4096);
let runC1 = new Int32Array(4096);
let runKey = new Float64Array(4096);
let parent = new Int32Array(4096);

function growRuns(): void {
  const n = runR.length * 2;
  const g = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
  runR = g(runR, new Int32Array(n));
  runC0 = g(runC0, new Int32Array(n));
  runC1 = g(runC1, new Int32Array(n));
  runKey = g(runKey, new Float64Array(n));
  parent = g(parent, new Int32Array(n));
}

function find(i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r];
  while (parent[i] !== r) {
    const next = parent[i];
    parent[i] = r;
    i = next;
  }
  return r;
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

/** Gap units of every area of `grid` on `layer` (a full pass; see the module comment). */
export function findGapUnits(
  grid: Grid,
  layer: Layer,
  params: GapUnitParams = DEFAULT_GAP_UNIT_PARAMS,
  ctx: GapUnitContext = { areaCount: 1 },
): GapUnitIndex {
  const { cols, rows, label, weight, cellSize, x0, y0, projection } = grid;
  const counts = grid[layer];
  const n = cols * rows;
  const km2 = cellAreaKm2(grid);
  const A = ctx.areaCount;
  // A cell is populated at density ≥ minDensity (and never at 0 people).
  const minW = Math.max(Number.MIN_VALUE, params.minDensity * km2);
  const radius = mergeRadius(params.mergeM, cellSize);
  const cap = radius + 1;
  const dist = new Uint16Array(n);
  const sparsePeople = new Float64Array(A + 1);
  const sparseCells = new Float64Array(A + 1);
  const emptyCells = new Float64Array(A + 1);
  // Seeds, and per-label sums of the sparse and empty uncovered cells (kept in locals while
  // the label stays the same, as recountAreas does).
  let i = 0;
  while (i < n) {
    const l = label[i];
    let sp = 0;
    let sc = 0;
    let ec = 0;
    while (i < n && label[i] === l) {
      const w = weight[i];
      if (l !== 0 && counts[i] === 0 && w >= minW) dist[i] = 0;
      else {
        dist[i] = cap;
        if (l !== 0 && counts[i] === 0) {
          if (w > 0) {
            sp += w;
            sc++;
          } else ec++;
        }
      }
      i++;
    }
    if (l <= A) {
      sparsePeople[l] += sp;
      sparseCells[l] += sc;
      emptyCells[l] += ec;
    }
  }
  if (radius > 0) chamferDistance(dist, cols, rows, cap);

  // Run-length labelling of the dilated cells, runs split by area and township.
  const town = ctx.townships?.label;
  let nRuns = 0;
  let prevStart = 0;
  let prevEnd = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    const rowStart = nRuns;
    let p = prevStart;
    let c = 0;
    while (c < cols) {
      const i0 = base + c;
      const l = label[i0];
      if (l === 0 || dist[i0] > radius) {
        c++;
        continue;
      }
      const t = town ? town[i0] : 0;
      let e = c + 1;
      while (
        e < cols &&
        label[base + e] === l &&
        dist[base + e] <= radius &&
        (!town || town[base + e] === t)
      )
        e++;
      if (nRuns === runR.length) growRuns();
      const key = l * 4294967296 + t;
      runR[nRuns] = r;
      runC0[nRuns] = c;
      runC1[nRuns] = e - 1;
      runKey[nRuns] = key;
      parent[nRuns] = nRuns;
      while (p < prevEnd && runC1[p] < c - 1) p++;
      for (let q = p; q < prevEnd && runC0[q] <= e; q++) {
        if (runKey[q] !== key) continue;
        const a = find(q);
        const b = find(nRuns);
        if (a !== b) {
          if (a < b) parent[b] = a;
          else parent[a] = b;
        }
      }
      nRuns++;
      c = e;
    }
    prevStart = rowStart;
    prevEnd = nRuns;
  }

  // Components: cells, people and people-weighted centre of their populated cells.
  const compOf = new Int32Array(nRuns).fill(-1);
  const accs: Acc[] = [];
  for (let k = 0; k < nRuns; k++) {
    const root = find(k);
    let id = compOf[root];
    const r = runR[k];
    const a = runC0[k];
    const b = runC1[k];
    const base = r * cols;
    let cells = 0;
    let people = 0;
    let sx = 0;
    let lo = -1;
    let hi = -1;
    for (let c = a; c <= b; c++) {
      if (dist[base + c] !== 0) continue;
      const w = weight[base + c];
      cells++;
      people += w;
      sx += w * c;
      if (lo < 0) lo = c;
      hi = c;
    }
    if (cells === 0) continue;
    if (id === -1) {
      id = accs.length;
      compOf[root] = id;
      const key = runKey[k];
      accs.push({
        label: Math.floor(key / 4294967296),
        town: key % 4294967296,
        cells: 0,
        people: 0,
        sx: 0,
        sy: 0,
        box: [lo, r, hi, r],
        best: -1,
        bestD: Infinity,
      });
    }
    const u = accs[id];
    u.cells += cells;
    u.people += people;
    u.sx += sx;
    u.sy += people * r;
    if (lo < u.box[0]) u.box[0] = lo;
    if (hi > u.box[2]) u.box[2] = hi;
    if (r > u.box[3]) u.box[3] = r;
  }
  // Centres: people-weighted (cell-count-weighted when a unit's people round to 0).
  const cx = new Float64Array(accs.length);
  const cy = new Float64Array(accs.length);
  accs.forEach((u, k) => {
    cx[k] = u.people > 0 ? u.sx / u.people : (u.box[0] + u.box[2]) / 2;
    cy[k] = u.people > 0 ? u.sy / u.people : (u.box[1] + u.box[3]) / 2;
  });
  // Unit id per cell, and the unit cell nearest each centre.
  const unit = new Int32Array(n).fill(-1);
  for (let k = 0; k < nRuns; k++) {
    const id = compOf[find(k)];
    if (id < 0) continue;
    const r = runR[k];
    const base = r * cols;
    const u = accs[id];
    const dy = r - cy[id];
    const ux = cx[id];
    for (let c = runC0[k], e = runC1[k]; c <= e; c++) {
      if (dist[base + c] !== 0) continue;
      unit[base + c] = id;
      const dx = c - ux;
      const d = dx * dx + dy * dy;
      if (d < u.bestD) {
        u.bestD = d;
        u.best = base + c;
      }
    }
  }

  // Border cells: a unit keeps its own area's share, the other shares go to remainders.
  const shareRest = new Float64Array(A + 1);
  const e = grid.edge;
  if (e) {
    for (let k = 0; k < e.cell.length; k++) {
      const ci = e.cell[k];
      if (counts[ci] !== 0) continue;
      const l = label[ci];
      const id = unit[ci];
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

  return {
    layer,
    unit,
    areas: describeUnits(grid, unit, params, ctx, accs, {
      sparsePeople,
      sparseCells,
      emptyCells,
      shareRest,
      km2,
      x0,
      y0,
      cellSize,
      projection,
    }),
  };
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
  unit: Int32Array,
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
  const cellAt = (lon: number, lat: number): number => {
    const [x, y] = s.projection.forward(lon, lat);
    const c = Math.floor((x - s.x0) / s.cellSize);
    const r = Math.floor((y - s.y0) / s.cellSize);
    return c < 0 || r < 0 || c >= cols || r >= rows ? -1 : r * cols + c;
  };
  // Settlements inside units, and whether each unit holds a flagged one.
  const held: Settlement[][] = accs.map(() => []);
  const seat = new Uint8Array(accs.length);
  const bigSettlement = new Uint8Array(accs.length);
  const farVillage = new Uint8Array(accs.length);
  for (const st of ctx.settlements ?? []) {
    const i = cellAt(st.position[0], st.position[1]);
    const u = i < 0 ? -1 : unit[i];
    if (u < 0) continue;
    held[u].push(st);
    if (SEAT_KINDS.has(st.kind)) seat[u] = 1;
    const hh =
      st.households ?? (st.population !== null ? st.population / params.householdSize : 0);
    if (hh >= HOUSEHOLDS_MIN) bigSettlement[u] = 1;
    if (st.kind === 'admin-village') {
      const [x, y] = s.projection.forward(st.position[0], st.position[1]);
      if (nearest(x, y)[1] > VILLAGE_FAR_M) farVillage[u] = 1;
    }
  }
  // Township seat points (from the township polygons' records) count as seats too.
  for (const t of ctx.townships?.list ?? []) {
    if (!t.seat) continue;
    const i = cellAt(t.seat[0], t.seat[1]);
    if (i >= 0 && unit[i] >= 0) seat[unit[i]] = 1;
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
    if (areaKm2 < params.minKm2 && !flags.households20 && !flags.townshipSeat && !flags.villageFar) {
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
  const { cols } = grid;
  return traceCells(grid, u.cellBox, (c, r) => idx.unit[r * cols + c] === u.id);
}
