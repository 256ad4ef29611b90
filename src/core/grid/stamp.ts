import type { CellFootprint } from '../model/footprint';
import { FOOTPRINT_BIN_DEG, FOOTPRINT_BINS, footprintBin } from '../model/footprint';
import type { Grid, GridSpec } from './grid';
import { createTotals, type AreaTotals } from './metrics';
import { discSpans } from './rasterize';
import { fillRings } from './scanline';

/**
 * Stamping site footprints into the coverage counts of a grid.
 *
 * A site's coverage on a layer is the union of its cells' footprints, turned into runs
 * of cells per row ("spans": row, c0, c1) that never overlap, so a cell covered by three
 * sectors of one site counts 1 for that site. The spans are kept per site, so removing a
 * site subtracts exactly what adding it added; counts are integers and the per-area
 * totals change only where a count goes 0 ↔ 1, so an edit costs O(its footprint).
 */

/** A site to stamp: WGS-84 position and the footprints of its cells on each layer. */
export interface SiteFootprints {
  id: string;
  lon: number;
  lat: number;
  /** NR cells' footprints (empty: the site adds no NR coverage). */
  nr: readonly CellFootprint[];
  /** RedCap footprints (empty unless the site is RedCap-capable). */
  redcap: readonly CellFootprint[];
}

/** Inclusive cell box [c0, r0, c1, r1]; empty when c0 > c1. */
export type CellBox = [number, number, number, number];
export const emptyBox = (): CellBox => [Infinity, Infinity, -Infinity, -Infinity];

export interface StampedSite {
  /** Disjoint spans as (row, c0, c1) triples, sorted by row then c0. */
  nr: Int32Array;
  redcap: Int32Array;
  /** Cells touched on either layer. */
  box: CellBox;
}

export interface Coverage {
  grid: Grid;
  totals: AreaTotals;
  sites: Map<string, StampedSite>;
}

export function createCoverage(grid: Grid, areaCount: number): Coverage {
  return { grid, totals: createTotals(grid, areaCount), sites: new Map() };
}

// ---------------------------------------------------------------------------------
// Footprint → spans

let raw = new Int32Array(3 * 512);
let rawLen = 0;
const pushRaw = (r: number, c0: number, c1: number): void => {
  if (rawLen + 3 > raw.length) {
    const bigger = new Int32Array(raw.length * 2);
    bigger.set(raw);
    raw = bigger;
  }
  raw[rawLen] = r;
  raw[rawLen + 1] = c0;
  raw[rawLen + 2] = c1;
  rawLen += 3;
};

// sin/cos of the bin edges (i − ½)·binDeg, i = 0…BINS, relative to the boresight.
const EDGE_SIN = new Float64Array(FOOTPRINT_BINS + 1);
const EDGE_COS = new Float64Array(FOOTPRINT_BINS + 1);
for (let i = 0; i <= FOOTPRINT_BINS; i++) {
  const a = ((i - 0.5) * FOOTPRINT_BIN_DEG * Math.PI) / 180;
  EDGE_SIN[i] = Math.sin(a);
  EDGE_COS[i] = Math.cos(a);
}
const ring = new Float64Array(4 * (FOOTPRINT_BINS + 1));

const BIN_RAD = (FOOTPRINT_BIN_DEG * Math.PI) / 180;
/** Chord-to-arc area correction sqrt(θ / sin θ) for a run of k bins (index k). */
const CHORD_FIX = new Float64Array(FOOTPRINT_BINS + 1);
for (let k = 1; k <= FOOTPRINT_BINS; k++) {
  const t = k * BIN_RAD;
  CHORD_FIX[k] = k * FOOTPRINT_BIN_DEG >= 180 ? 1 : Math.sqrt(t / Math.sin(t));
}
const MAX_RUN_BINS = 15;

/**
 * A star pattern's outline in polar form, as (first edge, end edge, radius) triples:
 * bins first…end−1 drawn as one arc of that radius (radius 0: the site itself).
 *
 * Bin i covers bearings [(i − ½), (i + ½))·binDeg off the boresight out to radii[i];
 * the outline is arcs and radial steps, star-shaped around the site, hence simple.
 * A 720-vertex outline per sector made the province run 4 s, so runs of adjacent bins
 * are drawn as one arc (one chord) while the run spans at most one cell of arc and its
 * radii stay within half a cell of each other (and ≤ 15 bins). The run's radius is the
 * root-mean-square of its bins' (same area) times sqrt(θ / sin θ), so the chord polygon
 * has the area of the arcs. At county scale (100 m, km radii) runs are single bins.
 */
function outline(radii: Float32Array, cellSize: number): Float64Array {
  const maxArc = cellSize;
  const maxStep = cellSize / 2;
  const out: number[] = [];
  let i = 0;
  while (i < FOOTPRINT_BINS) {
    const r0 = radii[i];
    if (!(r0 > 0)) {
      let j = i + 1;
      while (j < FOOTPRINT_BINS && !(radii[j] > 0)) j++;
      out.push(i, j, 0);
      i = j;
      continue;
    }
    let j = i + 1;
    let sum2 = r0 * r0;
    let rMax = r0;
    while (j < FOOTPRINT_BINS && j - i < MAX_RUN_BINS) {
      const r = radii[j];
      if (!(r > 0) || Math.abs(r - r0) > maxStep) break;
      const m = r > rMax ? r : rMax;
      if ((j - i + 1) * BIN_RAD * m > maxArc) break;
      rMax = m;
      sum2 += r * r;
      j++;
    }
    const k = j - i;
    out.push(i, j, k === 1 ? r0 : Math.sqrt(sum2 / k) * CHORD_FIX[k]);
    i = j;
  }
  return Float64Array.from(out);
}

// Outlines are cached: sector patterns are shared between cells (footprint.ts), and the
// union of a site's sectors repeats from site to site (same patterns, same spacing).
const patternIds = new WeakMap<Float32Array, number>();
let nextPatternId = 0;
const outlineCache = new Map<string, Float64Array>();
const patternId = (radii: Float32Array): number => {
  let id = patternIds.get(radii);
  if (id === undefined) {
    id = nextPatternId++;
    patternIds.set(radii, id);
  }
  return id;
};

/** Fills the outline rotated to grid bearing `rotDeg` around projected (x, y). */
function fillOutline(spec: GridSpec, x: number, y: number, rotDeg: number, o: Float64Array): void {
  const rot = (rotDeg * Math.PI) / 180;
  const sr = Math.sin(rot);
  const cr = Math.cos(rot);
  let n = 0;
  for (let g = 0; g < o.length; g += 3) {
    const r = o[g + 2];
    if (r === 0) {
      if (n === 0 || ring[2 * n - 2] !== x || ring[2 * n - 1] !== y) {
        ring[2 * n] = x;
        ring[2 * n + 1] = y;
        n++;
      }
      continue;
    }
    const i = o[g];
    const j = o[g + 1];
    // Bearing b clockwise from grid north: (dx, dy) = r·(sin b, cos b), b = rot + edge.
    ring[2 * n] = x + r * (EDGE_SIN[i] * cr + EDGE_COS[i] * sr);
    ring[2 * n + 1] = y + r * (EDGE_COS[i] * cr - EDGE_SIN[i] * sr);
    ring[2 * n + 2] = x + r * (EDGE_SIN[j] * cr + EDGE_COS[j] * sr);
    ring[2 * n + 3] = y + r * (EDGE_COS[j] * cr - EDGE_SIN[j] * sr);
    n += 2;
  }
  if (n > 1 && ring[0] === ring[2 * n - 2] && ring[1] === ring[2 * n - 1]) n--;
  if (n < 3) return;
  ringList[0] = ring.subarray(0, 2 * n);
  fillRings(spec, ringList, pushRaw);
}
const ringList: Float64Array[] = [ring];

/**
 * Grid bearing of true north at a point: the local LAEA grid is rotated against the
 * meridians by up to ~1.5° at the edge of a province-sized region.
 */
function convergenceDeg(spec: GridSpec, lon: number, lat: number, x: number, y: number): number {
  const [xn, yn] = spec.projection.forward(lon, lat + 0.01);
  return (Math.atan2(xn - x, yn - y) * 180) / Math.PI;
}

const unionRadii = new Float32Array(FOOTPRINT_BINS);

/**
 * The disjoint spans of the union of `footprints` centred on projected (x, y).
 *
 * Every footprint of a site is star-shaped around the site, so their union is too: its
 * radius towards each bearing is the largest of theirs. The union is built in angular
 * bins aligned with the first sector (bins of sectors whose azimuths differ by a whole
 * number of degrees, e.g. 0/120/240 + a, line up exactly; others are sampled at the
 * first sector's bin centres, within half a bin) and filled once: one polygon, no span
 * merging, and a cell covered by several sectors of the site is counted once.
 */
export function footprintSpans(
  spec: GridSpec,
  x: number,
  y: number,
  convergence: number,
  footprints: readonly CellFootprint[],
): Int32Array {
  rawLen = 0;
  let discR = 0;
  let first: (CellFootprint & { kind: 'sector' }) | null = null;
  for (const fp of footprints) {
    if (fp.kind === 'disc') discR = Math.max(discR, fp.radiusM);
    else first ??= fp;
  }
  if (!first) {
    // Concentric discs: the union is the largest.
    discSpans(spec, x, y, discR, pushRaw);
    return raw.slice(0, rawLen);
  }
  const az0 = first.azimuthDeg;
  let key = `${spec.cellSize}|${discR}`;
  for (const fp of footprints) {
    if (fp.kind === 'sector')
      key += `|${patternId(fp.radii)}@${Math.round((fp.azimuthDeg - az0) * 1e6)}`;
  }
  let o = outlineCache.get(key);
  if (!o) {
    unionRadii.fill(discR);
    for (const fp of footprints) {
      if (fp.kind !== 'sector') continue;
      const shift = az0 - fp.azimuthDeg;
      for (let j = 0; j < FOOTPRINT_BINS; j++) {
        const r = fp.radii[footprintBin(j * FOOTPRINT_BIN_DEG + Math.round(shift * 1e6) / 1e6)];
        if (r > unionRadii[j]) unionRadii[j] = r;
      }
    }
    o = outline(unionRadii, spec.cellSize);
    // Bounded: distinct unions are few (one per pattern and sector layout).
    if (outlineCache.size > 4096) outlineCache.clear();
    outlineCache.set(key, o);
  }
  fillOutline(spec, x, y, az0 + convergence, o);
  return raw.slice(0, rawLen);
}

function boxOfSpans(spans: Int32Array, box: CellBox): void {
  for (let k = 0; k < spans.length; k += 3) {
    if (spans[k] < box[1]) box[1] = spans[k];
    if (spans[k] > box[3]) box[3] = spans[k];
    if (spans[k + 1] < box[0]) box[0] = spans[k + 1];
    if (spans[k + 2] > box[2]) box[2] = spans[k + 2];
  }
}

/** The cells a site covers on each layer of `spec` (clipped to the grid). */
export function stampSite(spec: GridSpec, site: SiteFootprints): StampedSite {
  const [x, y] = spec.projection.forward(site.lon, site.lat);
  const needsConv =
    site.nr.some((f) => f.kind === 'sector') || site.redcap.some((f) => f.kind === 'sector');
  const conv = needsConv ? convergenceDeg(spec, site.lon, site.lat, x, y) : 0;
  const nr = footprintSpans(spec, x, y, conv, site.nr);
  const redcap = footprintSpans(spec, x, y, conv, site.redcap);
  const box = emptyBox();
  boxOfSpans(nr, box);
  boxOfSpans(redcap, box);
  return { nr, redcap, box };
}

// ---------------------------------------------------------------------------------
// Incremental edits

function applySpans(
  grid: Grid,
  counts: Uint16Array,
  coveredCells: Int32Array,
  coveredPop: Float64Array,
  spans: Int32Array,
  delta: 1 | -1,
): void {
  const { label, weight, cols } = grid;
  for (let k = 0; k < spans.length; k += 3) {
    const base = spans[k] * cols;
    const end = base + spans[k + 2];
    for (let i = base + spans[k + 1]; i <= end; i++) {
      const v = counts[i];
      if (delta === 1) {
        if (v === 0) {
          const l = label[i];
          coveredCells[l]++;
          coveredPop[l] += weight[i];
        } else if (v === 0xffff) throw new Error('more than 65,535 sites cover one cell');
        counts[i] = v + 1;
      } else {
        if (v === 1) {
          const l = label[i];
          coveredCells[l]--;
          coveredPop[l] -= weight[i];
        } else if (v === 0) throw new Error('coverage count below zero: site was not stamped');
        counts[i] = v - 1;
      }
    }
  }
}

function apply(cov: Coverage, s: StampedSite, delta: 1 | -1): void {
  const { grid, totals: t } = cov;
  applySpans(grid, grid.nr, t.nrCells, t.nrPop, s.nr, delta);
  applySpans(grid, grid.redcap, t.redcapCells, t.redcapPop, s.redcap, delta);
}

/** Adds a site; returns the cells it touched (for `updateGapsInBox`). */
export function addSite(cov: Coverage, site: SiteFootprints): CellBox {
  if (cov.sites.has(site.id)) throw new Error(`site ${site.id} is already stamped`);
  const s = stampSite(cov.grid, site);
  apply(cov, s, 1);
  cov.sites.set(site.id, s);
  return s.box;
}

/** Removes a site exactly as it was added; null when the id is not stamped. */
export function removeSite(cov: Coverage, id: string): CellBox | null {
  const s = cov.sites.get(id);
  if (!s) return null;
  apply(cov, s, -1);
  cov.sites.delete(id);
  return s.box;
}

/** Replaces a site (moved, re-parameterised, upgraded): remove the old, add the new. */
export function updateSite(cov: Coverage, site: SiteFootprints): CellBox {
  const old = removeSite(cov, site.id);
  const box = addSite(cov, site);
  return old ? unionBox(old, box) : box;
}

export function unionBox(a: CellBox, b: CellBox): CellBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

// ---------------------------------------------------------------------------------
// Batch

/**
 * Adds many sites at once: each site's spans go into a per-row difference array (+1 at
 * c0, −1 at c1 + 1), then one fused pass per layer takes the prefix sums, adds them to
 * the counts and updates the per-area totals. Same result, bit for bit, as calling
 * `addSite` for each site in any order.
 */
export function addSites(cov: Coverage, sites: readonly SiteFootprints[]): void {
  const { grid } = cov;
  const stamped: StampedSite[] = [];
  const seen = new Set<string>();
  for (const site of sites) {
    if (cov.sites.has(site.id) || seen.has(site.id))
      throw new Error(`site ${site.id} is already stamped`);
    seen.add(site.id);
    stamped.push(stampSite(grid, site));
  }
  const w = grid.cols + 1;
  if (diffBuf.length < grid.rows * w) diffBuf = new Int32Array(grid.rows * w);
  const diff = diffBuf;
  // Per row, the columns the diff touches: the prefix pass runs over those only.
  const lo = new Int32Array(grid.rows);
  const hi = new Int32Array(grid.rows);
  const t = cov.totals;
  for (const layer of ['nr', 'redcap'] as const) {
    const counts = grid[layer];
    const cells = layer === 'nr' ? t.nrCells : t.redcapCells;
    const pop = layer === 'nr' ? t.nrPop : t.redcapPop;
    // The prefix pass visits every cell between a row's first and last span; stamping
    // the spans directly visits each span's cells. Sparse footprints (a county's) favour
    // the latter, overlapping ones (a province's) the former: take the cheaper.
    lo.fill(w);
    hi.fill(-1);
    let spanCells = 0;
    for (const s of stamped) {
      const spans = s[layer];
      for (let k = 0; k < spans.length; k += 3) {
        const r = spans[k];
        const c0 = spans[k + 1];
        const c1 = spans[k + 2] + 1;
        spanCells += c1 - c0;
        if (c0 < lo[r]) lo[r] = c0;
        if (c1 > hi[r]) hi[r] = c1;
      }
    }
    if (spanCells === 0) continue;
    let extentCells = 0;
    for (let r = 0; r < grid.rows; r++) if (hi[r] > lo[r]) extentCells += hi[r] - lo[r];
    if (spanCells < extentCells) {
      for (const s of stamped) applySpans(grid, counts, cells, pop, s[layer], 1);
      continue;
    }
    for (const s of stamped) {
      const spans = s[layer];
      for (let k = 0; k < spans.length; k += 3) {
        const b = spans[k] * w;
        diff[b + spans[k + 1]]++;
        diff[b + spans[k + 2] + 1]--;
      }
    }
    prefixPass(grid, diff, lo, hi, counts, cells, pop);
  }
  for (let i = 0; i < sites.length; i++) cov.sites.set(sites[i].id, stamped[i]);
}

/** Scratch difference array, left all zero after each use. */
let diffBuf = new Int32Array(0);

/**
 * Prefix sums of one layer's difference array, added to the counts; per-area totals change
 * where a count leaves 0. Leaves `diff` zeroed over the rows it read.
 */
export function prefixPass(
  grid: Grid,
  diff: Int32Array,
  lo: Int32Array,
  hi: Int32Array,
  counts: Uint16Array,
  cells: Int32Array,
  pop: Float64Array,
): void {
  const { cols, rows, label, weight } = grid;
  const w = cols + 1;
  for (let r = 0; r < rows; r++) {
    if (hi[r] < 0) continue;
    const d = r * w;
    const g = r * cols;
    let s = 0;
    // Newly covered cells are summed in locals per run of one label (see recountAreas).
    let runLabel = -1;
    let runCells = 0;
    let runPop = 0;
    for (let c = lo[r]; c < hi[r]; c++) {
      s += diff[d + c];
      if (s === 0) continue;
      const i = g + c;
      const v = counts[i];
      const nv = v + s;
      if (nv > 0xffff) throw new Error('more than 65,535 sites cover one cell');
      if (v === 0) {
        const l = label[i];
        if (l !== runLabel) {
          if (runLabel >= 0) {
            cells[runLabel] += runCells;
            pop[runLabel] += runPop;
          }
          runLabel = l;
          runCells = 0;
          runPop = 0;
        }
        runCells++;
        runPop += weight[i];
      }
      counts[i] = nv;
    }
    if (runLabel >= 0) {
      cells[runLabel] += runCells;
      pop[runLabel] += runPop;
    }
    // Leave the scratch zeroed; the closing −1 of the row's last span sits at hi[r].
    diff.fill(0, d + lo[r], d + hi[r] + 1);
  }
}
