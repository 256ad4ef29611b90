import { findRoot } from '../union-find';
import type { MultiPolygon } from 'geojson';
import { cellAreaKm2, type Grid } from './grid';
import type { AreaTotals } from './metrics';
import { traceCells } from './outline';
import type { CellBox } from './stamp';

/**
 * Coverage gaps: 8-connected components of uncovered cells inside an area. Components
 * never cross an area border (neighbours must carry the same label) and cells outside
 * every area (label 0) are never a gap. The component id of every gap cell is kept, so
 * after an edit only the components touching the edit's box are recomputed.
 */

export type Layer = 'nr' | 'redcap';

interface GapStats {
  label: number;
  cells: number;
  population: number;
  sumC: number;
  sumR: number;
  box: CellBox;
  /** The box may be larger than the cells (cells left); tightened on demand. */
  loose?: boolean;
}

export interface GapIndex {
  layer: Layer;
  /** Component id per cell; -1 = not a gap cell. */
  comp: Int32Array;
  gaps: Map<number, GapStats>;
  nextId: number;
}

export interface Gap {
  id: number;
  /** Area index (label − 1). */
  area: number;
  cells: number;
  areaKm2: number;
  population: number;
  /** WGS-84 [lon, lat] of the centroid of the component's cell centres. */
  centroid: [number, number];
  /** WGS-84 [west, south, east, north] of the component's cells. */
  bbox: [number, number, number, number];
  /** Inclusive cell box [c0, r0, c1, r1]. */
  cellBox: CellBox;
}

// Run-length connected-component labelling: uncovered runs per row (same label), each
// joined (union-find) with the runs of the row below that touch it 8-connectedly. Work is
// one tight scan of the cells plus O(runs), where a flood fill visited 9 cells per cell.
let runR = new Int32Array(4096);
let runC0 = new Int32Array(4096);
let runC1 = new Int32Array(4096);
let runL = new Uint32Array(4096);
let parent = new Int32Array(4096);

function growRuns(): void {
  const n = runR.length * 2;
  const grow = <T extends Int32Array | Uint32Array>(a: T, b: T): T => (b.set(a), b);
  runR = grow(runR, new Int32Array(n));
  runC0 = grow(runC0, new Int32Array(n));
  runC1 = grow(runC1, new Int32Array(n));
  runL = grow(runL, new Uint32Array(n));
  parent = grow(parent, new Int32Array(n));
}

const find = (i: number): number => findRoot(parent, i);

/**
 * Labels the gap cells of `region` whose component is unknown (comp = −1) and records
 * the new components. The region must hold whole components: every gap cell outside it
 * already has a component id.
 */
function labelRegion(grid: Grid, idx: GapIndex, region: CellBox): void {
  const { cols, label, weight } = grid;
  const counts = grid[idx.layer];
  const comp = idx.comp;
  const [x0, y0, x1, y1] = region;
  let n = 0;
  let prevStart = 0;
  let prevEnd = 0;
  for (let r = y0; r <= y1; r++) {
    const base = r * cols;
    const rowStart = n;
    let p = prevStart;
    let c = x0;
    while (c <= x1) {
      const i = base + c;
      const l = label[i];
      if (l === 0 || counts[i] !== 0 || comp[i] !== -1) {
        c++;
        continue;
      }
      let e = c + 1;
      while (e <= x1 && label[base + e] === l && counts[base + e] === 0 && comp[base + e] === -1)
        e++;
      if (n === runR.length) growRuns();
      runR[n] = r;
      runC0[n] = c;
      runC1[n] = e - 1;
      runL[n] = l;
      parent[n] = n;
      // Runs of the row below touching [c − 1, e] (8-connected), same label.
      while (p < prevEnd && runC1[p] < c - 1) p++;
      for (let q = p; q < prevEnd && runC0[q] <= e; q++) {
        if (runL[q] !== l) continue;
        const a = find(q);
        const b = find(n);
        if (a !== b) {
          if (a < b) parent[b] = a;
          else parent[a] = b;
        }
      }
      n++;
      c = e;
    }
    prevStart = rowStart;
    prevEnd = n;
  }
  const ids = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const root = find(k);
    let id = ids[root];
    let st: GapStats;
    if (id === -1) {
      id = idx.nextId++;
      ids[root] = id;
      st = {
        label: runL[k],
        cells: 0,
        population: 0,
        sumC: 0,
        sumR: 0,
        box: [runC0[k], runR[k], runC1[k], runR[k]],
      };
      idx.gaps.set(id, st);
    } else st = idx.gaps.get(id)!;
    const r = runR[k];
    const a = runC0[k];
    const b = runC1[k];
    const len = b - a + 1;
    const i0 = r * cols + a;
    comp.fill(id, i0, i0 + len);
    let pop = 0;
    for (let i = i0; i < i0 + len; i++) pop += weight[i];
    st.cells += len;
    st.population += pop;
    st.sumC += ((a + b) * len) / 2;
    st.sumR += r * len;
    if (a < st.box[0]) st.box[0] = a;
    if (b > st.box[2]) st.box[2] = b;
    if (r > st.box[3]) st.box[3] = r;
  }
}

/**
 * All gaps of a layer (a full pass over the grid). `scratch` (at least cols × rows long)
 * holds the component ids instead of a new array, for a caller that reads the index
 * before it reuses the scratch (a national run, county after county).
 */
export function findGaps(grid: Grid, layer: Layer, scratch?: Int32Array): GapIndex {
  const n = grid.cols * grid.rows;
  const comp = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Int32Array(n);
  const idx: GapIndex = { layer, comp: comp.fill(-1), gaps: new Map(), nextId: 0 };
  labelRegion(grid, idx, [0, 0, grid.cols - 1, grid.rows - 1]);
  return idx;
}

let stack = new Int32Array(1024);
const pushStack = (sp: number, v: number): number => {
  if (sp === stack.length) {
    const bigger = new Int32Array(stack.length * 2);
    bigger.set(stack);
    stack = bigger;
  }
  stack[sp] = v;
  return sp + 1;
};

/**
 * Brings the gaps up to date after the counts changed inside `box` (as returned by
 * addSite, removeSite, updateSite), in time proportional to the box, not to the gaps:
 *
 * 1. Gap cells in the box that are now covered leave their component (its sums are
 *    decremented; its bbox may now be loose, a superset, and is tightened on listing).
 * 2. Uncovered cells in the box with no component are grouped (8-connected, within the
 *    box); a group touching existing components merges them into the largest.
 * 3. A component that lost cells may have split. It has not if its cells inside the box
 *    grown by one cell are all still connected to each other (searched within a window
 *    around the box): any old path through the box enters and leaves through the
 *    one-cell frame, whose cells did not change. Only when that local test fails is the
 *    component relabelled over its bbox (e.g. a new site cutting a long gap in two).
 * The result equals `findGaps` on the new counts except for component ids.
 */
export function updateGapsInBox(grid: Grid, idx: GapIndex, box: CellBox): void {
  if (box[0] > box[2] || box[1] > box[3]) return;
  const { cols, rows, label, weight } = grid;
  const counts = grid[idx.layer];
  const comp = idx.comp;
  const bc0 = Math.max(0, box[0]);
  const br0 = Math.max(0, box[1]);
  const bc1 = Math.min(cols - 1, box[2]);
  const br1 = Math.min(rows - 1, box[3]);
  const ec0 = Math.max(0, bc0 - 1);
  const er0 = Math.max(0, br0 - 1);
  const ec1 = Math.min(cols - 1, bc1 + 1);
  const er1 = Math.min(rows - 1, br1 + 1);
  const shrunk = new Set<number>();

  // 1. Newly covered cells leave their component.
  for (let r = br0; r <= br1; r++) {
    for (let c = bc0; c <= bc1; c++) {
      const i = r * cols + c;
      const id = comp[i];
      if (id < 0 || counts[i] === 0) continue;
      const st = idx.gaps.get(id)!;
      st.cells--;
      st.population -= weight[i];
      st.sumC -= c;
      st.sumR -= r;
      st.loose = true;
      comp[i] = -1;
      shrunk.add(id);
    }
  }

  // 2. Newly uncovered cells: group them and merge with the components they touch.
  for (let r = br0; r <= br1; r++) {
    for (let c = bc0; c <= bc1; c++) {
      const seed = r * cols + c;
      const l = label[seed];
      if (l === 0 || counts[seed] !== 0 || comp[seed] !== -1) continue;
      const gid = idx.nextId++;
      const g: GapStats = {
        label: l,
        cells: 0,
        population: 0,
        sumC: 0,
        sumR: 0,
        box: [c, r, c, r],
      };
      const neighbours = new Set<number>();
      let sp = pushStack(0, seed);
      comp[seed] = gid;
      while (sp > 0) {
        const i = stack[--sp];
        const rr = (i / cols) | 0;
        const cc = i - rr * cols;
        g.cells++;
        g.population += weight[i];
        g.sumC += cc;
        g.sumR += rr;
        if (cc < g.box[0]) g.box[0] = cc;
        if (rr < g.box[1]) g.box[1] = rr;
        if (cc > g.box[2]) g.box[2] = cc;
        if (rr > g.box[3]) g.box[3] = rr;
        for (let nr = Math.max(0, rr - 1); nr <= Math.min(rows - 1, rr + 1); nr++) {
          for (let nc = Math.max(0, cc - 1); nc <= Math.min(cols - 1, cc + 1); nc++) {
            const j = nr * cols + nc;
            if (label[j] !== l || counts[j] !== 0) continue;
            const cj = comp[j];
            if (cj === -1) {
              if (nr < br0 || nr > br1 || nc < bc0 || nc > bc1) continue;
              comp[j] = gid;
              sp = pushStack(sp, j);
            } else if (cj !== gid) neighbours.add(cj);
          }
        }
      }
      if (neighbours.size === 0) {
        idx.gaps.set(gid, g);
        continue;
      }
      let target = -1;
      for (const id of neighbours) {
        if (target < 0 || idx.gaps.get(id)!.cells > idx.gaps.get(target)!.cells) target = id;
      }
      const t = idx.gaps.get(target)!;
      let mergedShrunk = shrunk.has(target);
      const absorb = (id: number, st: GapStats) => {
        const b = st.box;
        for (let rr = b[1]; rr <= b[3]; rr++) {
          for (let i = rr * cols + b[0], e = rr * cols + b[2]; i <= e; i++)
            if (comp[i] === id) comp[i] = target;
        }
        t.cells += st.cells;
        t.population += st.population;
        t.sumC += st.sumC;
        t.sumR += st.sumR;
        if (b[0] < t.box[0]) t.box[0] = b[0];
        if (b[1] < t.box[1]) t.box[1] = b[1];
        if (b[2] > t.box[2]) t.box[2] = b[2];
        if (b[3] > t.box[3]) t.box[3] = b[3];
        if (st.loose) t.loose = true;
      };
      absorb(gid, g);
      for (const id of neighbours) {
        if (id === target) continue;
        const st = idx.gaps.get(id)!;
        if (shrunk.delete(id)) mergedShrunk = true;
        absorb(id, st);
        idx.gaps.delete(id);
      }
      if (mergedShrunk) shrunk.add(target);
    }
  }

  // 3. Split test for the components that lost cells.
  for (const id of shrunk) {
    const st = idx.gaps.get(id);
    if (!st) continue;
    if (st.cells === 0) {
      idx.gaps.delete(id);
      continue;
    }
    let inside = 0;
    let seed = -1;
    for (let r = er0; r <= er1; r++) {
      for (let i = r * cols + ec0, e = r * cols + ec1; i <= e; i++) {
        if (comp[i] === id) {
          inside++;
          seed = i;
        }
      }
    }
    if (inside <= 1) continue;
    // Flood from them within a wider window (the box grown by its own size: a gap that
    // wraps around a new footprint usually reconnects close by), marking visited cells
    // by flipping their id to −2 − id, and count the reached cells of the grown box.
    const margin = Math.max(bc1 - bc0, br1 - br0) + 2;
    const wc0 = Math.max(0, bc0 - margin);
    const wr0 = Math.max(0, br0 - margin);
    const wc1 = Math.min(cols - 1, bc1 + margin);
    const wr1 = Math.min(rows - 1, br1 + margin);
    const mark = -2 - id;
    let reached = 0;
    let sp = pushStack(0, seed);
    comp[seed] = mark;
    while (sp > 0) {
      const i = stack[--sp];
      const rr = (i / cols) | 0;
      const cc = i - rr * cols;
      if (rr >= er0 && rr <= er1 && cc >= ec0 && cc <= ec1) reached++;
      for (let nr = Math.max(wr0, rr - 1); nr <= Math.min(wr1, rr + 1); nr++) {
        for (let nc = Math.max(wc0, cc - 1); nc <= Math.min(wc1, cc + 1); nc++) {
          const j = nr * cols + nc;
          if (comp[j] !== id) continue;
          comp[j] = mark;
          sp = pushStack(sp, j);
        }
      }
    }
    for (let r = wr0; r <= wr1; r++) {
      for (let i = r * cols + wc0, e = r * cols + wc1; i <= e; i++)
        if (comp[i] === mark) comp[i] = id;
    }
    if (reached === inside) continue;
    // Possibly split: relabel the component from scratch over its bbox.
    const b = st.box;
    for (let r = b[1]; r <= b[3]; r++) {
      for (let i = r * cols + b[0], e = r * cols + b[2]; i <= e; i++)
        if (comp[i] === id) comp[i] = -1;
    }
    idx.gaps.delete(id);
    labelRegion(grid, idx, [b[0], b[1], b[2], b[3]]);
  }
}

/** Shrinks a loose bbox (after cells left the component) to the component's cells. */
function tighten(grid: Grid, idx: GapIndex, id: number, st: GapStats): void {
  if (!st.loose) return;
  const { cols } = grid;
  const b = st.box;
  const nb: CellBox = [b[2], b[3], b[0], b[1]];
  for (let r = b[1]; r <= b[3]; r++) {
    for (let c = b[0]; c <= b[2]; c++) {
      if (idx.comp[r * cols + c] !== id) continue;
      if (c < nb[0]) nb[0] = c;
      if (r < nb[1]) nb[1] = r;
      if (c > nb[2]) nb[2] = c;
      if (r > nb[3]) nb[3] = r;
    }
  }
  st.box = nb;
  st.loose = false;
}

/** The gaps as plain records, largest first; `minCells` drops specks. */
export function listGaps(grid: Grid, idx: GapIndex, minCells = 1): Gap[] {
  const out: Gap[] = [];
  const km2 = cellAreaKm2(grid);
  const { x0, y0, cellSize: s, projection } = grid;
  for (const [id, g] of idx.gaps) {
    if (g.cells < minCells) continue;
    tighten(grid, idx, id, g);
    const cx = x0 + (g.sumC / g.cells + 0.5) * s;
    const cy = y0 + (g.sumR / g.cells + 0.5) * s;
    const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    const bx0 = x0 + g.box[0] * s;
    const by0 = y0 + g.box[1] * s;
    const bx1 = x0 + (g.box[2] + 1) * s;
    const by1 = y0 + (g.box[3] + 1) * s;
    for (const [x, y] of [
      [bx0, by0],
      [bx1, by0],
      [bx0, by1],
      [bx1, by1],
      [(bx0 + bx1) / 2, by0],
      [(bx0 + bx1) / 2, by1],
    ]) {
      const [lon, lat] = projection.inverse(x, y);
      if (lon < bbox[0]) bbox[0] = lon;
      if (lat < bbox[1]) bbox[1] = lat;
      if (lon > bbox[2]) bbox[2] = lon;
      if (lat > bbox[3]) bbox[3] = lat;
    }
    out.push({
      id,
      area: g.label - 1,
      cells: g.cells,
      areaKm2: g.cells * km2,
      population: g.population,
      centroid: projection.inverse(cx, cy),
      bbox,
      cellBox: [g.box[0], g.box[1], g.box[2], g.box[3]],
    });
  }
  out.sort((a, b) => b.cells - a.cells || a.id - b.id);
  return out;
}

/** Per-area gap summary for reports: count, total and largest km², uncovered population. */
export interface GapSummary {
  count: number;
  totalKm2: number;
  largestKm2: number;
  popUncovered: number;
}

/**
 * Per-area gap summary (areas 0-based, labels 1-based), from whole-cell sums (exact in any
 * order of the gaps). A gap is a set of whole cells — a border cell belongs to the gap of
 * the area holding its centre — so its km² is that of its outline. With the area totals of
 * the same layer, the uncovered km² and people of an area are its totals minus its covered
 * totals instead: the same figures, with each border cell's share counted for every area
 * that has one.
 */
export function summarizeGaps(
  grid: Grid,
  idx: GapIndex,
  areaCount: number,
  totals?: AreaTotals,
): GapSummary[] {
  const cells = new Float64Array(areaCount);
  const largest = new Float64Array(areaCount);
  const count = new Int32Array(areaCount);
  const pop = new Float64Array(areaCount);
  for (const g of idx.gaps.values()) {
    const a = g.label - 1;
    if (a < 0 || a >= areaCount) continue;
    count[a]++;
    cells[a] += g.cells;
    if (g.cells > largest[a]) largest[a] = g.cells;
    pop[a] += g.population;
  }
  const km2 = cellAreaKm2(grid);
  const nr = idx.layer === 'nr';
  return Array.from({ length: areaCount }, (_, a) => {
    const l = a + 1;
    const uncovered = totals
      ? totals.cells[l] - (nr ? totals.nrCells[l] : totals.redcapCells[l])
      : cells[a];
    const people = totals
      ? totals.population[l] - (nr ? totals.nrPop[l] : totals.redcapPop[l])
      : pop[a];
    return {
      count: count[a],
      totalKm2: Math.max(0, uncovered) * km2,
      largestKm2: largest[a] * km2,
      popUncovered: Math.max(0, people),
    };
  });
}

/**
 * Outline of one gap as a WGS-84 MultiPolygon, traced along cell edges (outline.ts
 * traceCells: outer rings counter-clockwise, holes clockwise, rings simple).
 */
export function gapPolygon(grid: Grid, idx: GapIndex, id: number): MultiPolygon | null {
  const g = idx.gaps.get(id);
  if (!g) return null;
  const { cols } = grid;
  return traceCells(grid, g.box, (c, r) => idx.comp[r * cols + c] === id);
}
