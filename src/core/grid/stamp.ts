import type { CellFootprint } from '../model/footprint';
import {
  FOOTPRINT_BIN_DEG,
  FOOTPRINT_BINS,
  footprintBin,
  footprintMaxRadius,
  wedgeRadii,
} from '../model/footprint';
import type { Grid, GridSpec } from './grid';
import { createTotals, syncCoverageEdges, type AreaTotals } from './metrics';
import { discSpans } from './rasterize';
import { fillRing } from './scanline';
import { wedgeUnionSpans } from './wedge-union';

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
  /**
   * Covered cells from a model of their own (a terrain mask, src/core/terrain), which then
   * replace the footprints' on every grid the site is stamped on. The footprint lists still
   * say which layers the site has: an empty list leaves that layer empty.
   */
  cells?: SiteCells;
}

/** A site's covered cells on any grid, from elsewhere than its footprints (terrain). */
export interface SiteCells {
  /** The site's cells on `spec` (disjoint spans sorted by row then c0, clipped to the grid). */
  stamp(spec: GridSpec): StampedSite;
  /** A bound on the distance (m) of any covered cell centre from the site. */
  reachM(): number;
}

/** What stamping reads of a site (one-shot stamping needs no id). */
export type StampInput = Omit<SiteFootprints, 'id'>;

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
// The sectors of a site mostly share one pattern: the last one looked up is kept.
let lastRadii: Float32Array | null = null;
let lastPatternId = 0;
const patternId = (radii: Float32Array): number => {
  if (radii === lastRadii) return lastPatternId;
  let id = patternIds.get(radii);
  if (id === undefined) {
    id = nextPatternId++;
    patternIds.set(radii, id);
  }
  lastRadii = radii;
  lastPatternId = id;
  return id;
};

/** Fills the outline rotated to grid bearing `rotDeg` around projected (x, y). */
function fillOutline(spec: GridSpec, x: number, y: number, rotDeg: number, o: Float64Array): void {
  if (!fillOutlineDirect(spec, x, y, rotDeg, verticesOf(o))) fillOutlineRing(spec, x, y, rotDeg, o);
}

/**
 * An outline's ring as a vertex list (before rotation and translation): per vertex the
 * bin edge it lies on (−1: the site itself) and its radius.
 */
interface OutlineVertices {
  edge: Int32Array;
  radius: Float64Array;
  maxR: number;
  /** False when a radius is too small or large for fillOutlineDirect (never in practice). */
  direct: boolean;
}

const verticesByOutline = new WeakMap<Float64Array, OutlineVertices>();

function verticesOf(o: Float64Array): OutlineVertices {
  let v = verticesByOutline.get(o);
  if (v) return v;
  let n = 0;
  for (let g = 2; g < o.length; g += 3) n += o[g] === 0 ? 1 : 2;
  const edge = new Int32Array(n);
  const radius = new Float64Array(n);
  let maxR = 0;
  let direct = true;
  n = 0;
  for (let g = 0; g < o.length; g += 3) {
    const r = o[g + 2];
    if (r === 0) {
      edge[n++] = -1;
      continue;
    }
    // A vertex a hair from the site could coincide with it; the ring handles that.
    if (!(r >= 1e-3 && r < 1e9)) direct = false;
    if (r > maxR) maxR = r;
    edge[n] = o[g];
    radius[n++] = r;
    edge[n] = o[g + 1];
    radius[n++] = r;
  }
  v = { edge, radius, maxR, direct };
  verticesByOutline.set(o, v);
  return v;
}

/** The outline as a polygon ring, filled by the scanline (fillRing). */
function fillOutlineRing(
  spec: GridSpec,
  x: number,
  y: number,
  rotDeg: number,
  o: Float64Array,
): void {
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
  fillRing(spec, ring, n, pushRaw);
}

// fillOutlineDirect's state: rows base … base + cap − 1 hold up to ROW_SLOTS crossings
// each (rowN per row, their x in rowX); rows lo … hi (relative) got some.
const ROW_SLOTS = 16;
const BAND_MARGIN_M = 1e-3;
let rowN = new Int32Array(256);
let rowX = new Float64Array(256 * ROW_SLOTS);
let dBase = 0;
let dCap = 0;
let dLo = 0;
let dHi = 0;
let dX = 0;
let dSin = 0;
let dCos = 0;
let dY0 = 0;
let dS = 0;
let dRows = 0;

/**
 * The spans `fillOutlineRing` gives, the same to the bit, in one pass over the outline:
 * each vertex's row (the scanline's `ceil((y − y0)/s − ½)`) is compared with the
 * previous vertex's, and only edges that change row — a few dozen of the hundreds of
 * vertices of a sector union — get their x computed and their crossings with the row
 * centre lines (the scanline's formula, edge from the previous vertex to the current)
 * put into per-row slots. Repeated vertices (a zero-length edge crosses no row) and the
 * ring's extent (rows are clipped to the grid edge by edge, as the scanline's clip
 * amounts to) need no pass of their own. False, with nothing emitted, when the outline
 * does not fit the slots (or is degenerate): the caller then fills the ring.
 */
function fillOutlineDirect(
  spec: GridSpec,
  x: number,
  y: number,
  rotDeg: number,
  vt: OutlineVertices,
): boolean {
  const rot = (rotDeg * Math.PI) / 180;
  const sr = Math.sin(rot);
  const cr = Math.cos(rot);
  if (!vt.direct || !(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(rot)))
    return false;
  if (vt.maxR === 0) return true; // every vertex is the site itself: no cell
  const { y0, cellSize: s, rows } = spec;
  const half = Math.ceil(vt.maxR / s) + 2;
  dBase = Math.floor((y - y0) / s) - half;
  dCap = 2 * half + 1;
  if (rowN.length < dCap) {
    rowN = new Int32Array(2 * dCap);
    rowX = new Float64Array(2 * dCap * ROW_SLOTS);
  }
  rowN.fill(0, 0, dCap);
  dLo = dCap;
  dHi = -1;
  dX = x;
  dSin = sr;
  dCos = cr;
  dY0 = y0;
  dS = s;
  dRows = rows;
  const { edge, radius } = vt;
  const nv = edge.length;
  // The previous vertex: radius, edge, y and row; the first one's, for the closing edge.
  // Consecutive vertices on one bin edge (a radial step) share the direction factor.
  let dirE = edge[0];
  let dirY = dirE < 0 ? 0 : EDGE_COS[dirE] * cr - EDGE_SIN[dirE] * sr;
  const fy = dirE < 0 ? y : y + radius[0] * dirY;
  const fk = Math.ceil((fy - y0) / s - 0.5) | 0;
  let pr = radius[0];
  let pe = dirE;
  let py = fy;
  let pk = fk;
  // Row k holds the y with (y − y0)/s − ½ in (k − 1, k]: a vertex a millimetre or more
  // inside that band is in row k whatever the rounding (its error is ~1e-9 m), so the
  // division is done only for vertices leaving the band or near its edges.
  let bandLo = y0 + (pk - 0.5) * s + BAND_MARGIN_M;
  let bandHi = y0 + (pk + 0.5) * s - BAND_MARGIN_M;
  for (let v = 1; v < nv; v++) {
    const e = edge[v];
    const r = radius[v];
    let vy = y;
    if (e >= 0) {
      if (e !== dirE) {
        dirE = e;
        dirY = EDGE_COS[e] * cr - EDGE_SIN[e] * sr;
      }
      vy = y + r * dirY;
    }
    if (vy >= bandLo && vy <= bandHi) {
      pr = r;
      pe = e;
      py = vy;
      continue;
    }
    const k = Math.ceil((vy - y0) / s - 0.5) | 0;
    if (k !== pk) {
      if (!crossEdge(pr, pe, py, pk, r, e, vy, k)) return false;
      bandLo = y0 + (k - 0.5) * s + BAND_MARGIN_M;
      bandHi = y0 + (k + 0.5) * s - BAND_MARGIN_M;
    }
    pr = r;
    pe = e;
    py = vy;
    pk = k;
  }
  if (fk !== pk && !crossEdge(pr, pe, py, pk, radius[0], edge[0], fy, fk)) return false;
  // Per row, sort and fill between pairs (as the scanline does).
  const { x0, cols } = spec;
  for (let q = dLo; q <= dHi; q++) {
    const m = rowN[q];
    if (m < 2) continue;
    const from = q * ROW_SLOTS;
    const to = from + m;
    for (let i = from + 1; i < to; i++) {
      const v = rowX[i];
      let j = i - 1;
      while (j >= from && rowX[j] > v) {
        rowX[j + 1] = rowX[j];
        j--;
      }
      rowX[j + 1] = v;
    }
    const row = dBase + q;
    for (let p = from; p + 1 < to; p += 2) {
      const c0 = Math.max(0, Math.ceil((rowX[p] - x0) / s - 0.5));
      const c1 = Math.min(cols - 1, Math.ceil((rowX[p + 1] - x0) / s - 0.5) - 1);
      if (c0 <= c1) pushRaw(row, c0, c1);
    }
  }
  return true;
}

/** Crossings of the edge from vertex (pr, pe, py, pk) to vertex (r, e, vy, k); false: no slot. */
function crossEdge(
  pr: number,
  pe: number,
  py: number,
  pk: number,
  r: number,
  e: number,
  vy: number,
  k: number,
): boolean {
  const a = Math.max(0, pk < k ? pk : k);
  const b = Math.min(dRows - 1, (pk < k ? k : pk) - 1);
  if (b < a) return true;
  const q0 = a - dBase;
  const q1 = b - dBase;
  if (q0 < 0 || q1 >= dCap) return false;
  const xa = pe < 0 ? dX : dX + pr * (EDGE_SIN[pe] * dCos + EDGE_COS[pe] * dSin);
  const xb = e < 0 ? dX : dX + r * (EDGE_SIN[e] * dCos + EDGE_COS[e] * dSin);
  const slope = (xb - xa) / (vy - py);
  for (let q = q0; q <= q1; q++) {
    const n = rowN[q];
    if (n === ROW_SLOTS) return false;
    const yc = dY0 + (dBase + q + 0.5) * dS;
    rowX[q * ROW_SLOTS + n] = xa + (yc - py) * slope;
    rowN[q] = n + 1;
  }
  if (q0 < dLo) dLo = q0;
  if (q1 > dHi) dHi = q1;
  return true;
}

// Projections without a result array per call: forwardMany runs the same arithmetic
// as forward, so the positions are the same to the bit.
const lonLat = new Float64Array(2);
const projected = new Float64Array(2);
let siteX = 0;
let siteY = 0;
let siteConv = 0;

/**
 * Projects a site into siteX/siteY and, when `sectors`, sets siteConv to the grid
 * bearing of true north there: the local LAEA grid is rotated against the meridians by
 * up to ~1.5° at the edge of a province-sized region.
 */
function placeSite(spec: GridSpec, lon: number, lat: number, sectors: boolean): void {
  const p = spec.projection;
  lonLat[0] = lon;
  lonLat[1] = lat;
  p.forwardMany(lonLat, projected);
  siteX = projected[0];
  siteY = projected[1];
  siteConv = 0;
  if (!sectors) return;
  lonLat[1] = lat + 0.01;
  p.forwardMany(lonLat, projected);
  siteConv = (Math.atan2(projected[0] - siteX, projected[1] - siteY) * 180) / Math.PI;
}

const unionRadii = new Float32Array(FOOTPRINT_BINS);

// The outlines by what they are made of: [cellSize, largest disc, then per sector its
// pattern id and its azimuth off the first sector's in millionths of a degree] — what
// a string key of those numbers was, as a hashed Float64Array: no string per stamp.
interface OutlineEntry {
  key: Float64Array;
  outline: Float64Array;
}
const outlineCache = new Map<number, OutlineEntry[]>();
let outlineEntries = 0;
let outlineKey = new Float64Array(16);

/** The outline of the union of a list's footprints (`az0`: its first sector's azimuth). */
function outlineOf(
  footprints: readonly CellFootprint[],
  cellSize: number,
  discR: number,
  az0: number,
): Float64Array {
  if (outlineKey.length < 2 + 2 * footprints.length)
    outlineKey = new Float64Array(2 + 2 * footprints.length);
  const key = outlineKey;
  // +0: −0 and 0 are one key, as their strings were.
  key[0] = cellSize + 0;
  key[1] = discR + 0;
  let n = 2;
  for (const fp of footprints) {
    if (fp.kind !== 'sector') continue;
    key[n++] = patternId(fp.radii);
    key[n++] = Math.round((fp.azimuthDeg - az0) * 1e6) + 0;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ ((key[i] * 1024) | 0), 0x01000193);
  const list = outlineCache.get(h);
  if (list) {
    for (const e of list) {
      if (e.key.length !== n) continue;
      let same = true;
      for (let i = 0; i < n && same; i++) same = e.key[i] === key[i];
      if (same) return e.outline;
    }
  }
  unionRadii.fill(discR);
  for (const fp of footprints) {
    if (fp.kind !== 'sector') continue;
    const shift = az0 - fp.azimuthDeg;
    for (let j = 0; j < FOOTPRINT_BINS; j++) {
      const r = fp.radii[footprintBin(j * FOOTPRINT_BIN_DEG + Math.round(shift * 1e6) / 1e6)];
      if (r > unionRadii[j]) unionRadii[j] = r;
    }
  }
  const o = outline(unionRadii, cellSize);
  // Bounded: distinct unions are few (one per pattern and sector layout).
  if (outlineEntries >= 4096) {
    outlineCache.clear();
    outlineEntries = 0;
  }
  const entry = { key: key.slice(0, n), outline: o };
  const bucket = outlineCache.get(h);
  if (bucket) bucket.push(entry);
  else outlineCache.set(h, [entry]);
  outlineEntries++;
  return o;
}

/** Whether a footprint list has a sector or wedge (drawn turned to the grid's north). */
function hasSector(footprints: readonly CellFootprint[]): boolean {
  for (const fp of footprints) if (fp.kind !== 'disc') return true;
  return false;
}

/** Wedges as 1° bins, for a union with model sectors (which are binned); shared per shape. */
const binnedWedges = new Map<string, Float32Array>();
function binned(footprints: readonly CellFootprint[]): CellFootprint[] {
  return footprints.map((fp) => {
    if (fp.kind !== 'wedge') return fp;
    const key = `${fp.beamwidthDeg}|${fp.radiusM}`;
    let radii = binnedWedges.get(key);
    if (!radii) {
      radii = wedgeRadii(fp.beamwidthDeg, fp.radiusM);
      if (binnedWedges.size > 4096) binnedWedges.clear();
      binnedWedges.set(key, radii);
    }
    return { kind: 'sector', azimuthDeg: fp.azimuthDeg, beamwidthDeg: fp.beamwidthDeg, radii };
  });
}

/** The first sector of a list, if any; `listDiscR` gets the largest disc's radius. */
let listDiscR = 0;
function firstSector(
  footprints: readonly CellFootprint[],
): (CellFootprint & { kind: 'sector' }) | null {
  let discR = 0;
  let first: (CellFootprint & { kind: 'sector' }) | null = null;
  for (const fp of footprints) {
    if (fp.kind === 'disc') discR = Math.max(discR, fp.radiusM);
    else if (fp.kind === 'sector') first ??= fp;
  }
  listDiscR = discR;
  return first;
}

/**
 * The spans of the union of `footprints` around projected (x, y) into the scratch buffer
 * (`spanBuffer()`); returns their length (3 per span). Discs only: the largest.
 */
function listSpans(
  spec: GridSpec,
  x: number,
  y: number,
  convergence: number,
  footprints: readonly CellFootprint[],
): number {
  rawLen = 0;
  let wedges = false;
  let sectors = false;
  for (const fp of footprints) {
    if (fp.kind === 'wedge') wedges = true;
    else if (fp.kind === 'sector') sectors = true;
  }
  if (wedges && !sectors) {
    wedgeUnionSpans(spec, x, y, convergence, footprints, pushRaw);
    return rawLen;
  }
  if (wedges) footprints = binned(footprints);
  const first = firstSector(footprints);
  if (!first) discSpans(spec, x, y, listDiscR, pushRaw);
  else {
    const az0 = first.azimuthDeg;
    fillOutline(
      spec,
      x,
      y,
      az0 + convergence,
      outlineOf(footprints, spec.cellSize, listDiscR, az0),
    );
  }
  return rawLen;
}

/** The scratch buffer of the spans of the latest `siteSpans` call (valid until the next). */
export const spanBuffer = (): Int32Array => raw;

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
  if (footprints.length === 0) return new Int32Array(0);
  return raw.slice(0, listSpans(spec, x, y, convergence, footprints));
}

/**
 * The spans of `footprints` by each fill of their union's outline — the one-pass direct
 * fill (null: it declined) and the polygon ring through the scanline — which must be
 * equal to the bit; for tests. Null when the union is discs only.
 */
export function outlineFills(
  spec: GridSpec,
  x: number,
  y: number,
  convergence: number,
  footprints: readonly CellFootprint[],
): { direct: Int32Array | null; ring: Int32Array } | null {
  const first = firstSector(footprints);
  if (!first) return null;
  const o = outlineOf(footprints, spec.cellSize, listDiscR, first.azimuthDeg);
  const rot = first.azimuthDeg + convergence;
  rawLen = 0;
  const ok = fillOutlineDirect(spec, x, y, rot, verticesOf(o));
  const direct = ok ? raw.slice(0, rawLen) : null;
  rawLen = 0;
  fillOutlineRing(spec, x, y, rot, o);
  return { direct, ring: raw.slice(0, rawLen) };
}

/**
 * The largest radius of any of `footprints` (0 for none): `footprintMaxRadius` over the
 * list, with each sector pattern's maximum worked out once (patterns are read-only and
 * shared by many cells).
 */
export function footprintsReach(footprints: readonly CellFootprint[]): number {
  let reach = 0;
  for (const fp of footprints) {
    let r: number;
    if (fp.kind === 'disc' || fp.kind === 'wedge') r = fp.radiusM;
    else {
      const known = patternReach.get(fp.radii);
      r = known ?? footprintMaxRadius(fp);
      if (known === undefined) patternReach.set(fp.radii, r);
    }
    reach = Math.max(reach, r);
  }
  return reach;
}
const patternReach = new WeakMap<Float32Array, number>();

/** Receives one layer's spans: `spans[0 … length)`, valid during the call only. */
export type LayerSpanSink = (spans: Int32Array, length: number, layer: 'nr' | 'redcap') => void;

/**
 * A site's spans on each layer (NR, then RedCap; an empty layer is skipped), handed to
 * `sink` in the scratch buffer: `stampSite` without the copies, for one-shot stamping.
 * `layers` limits it to one layer (the other's footprints are not read).
 */
export function siteSpans(
  spec: GridSpec,
  site: StampInput,
  sink: LayerSpanSink,
  layers: 'both' | 'nr' | 'redcap' = 'both',
): void {
  const nr = layers !== 'redcap' && site.nr.length > 0;
  const rc = layers !== 'nr' && site.redcap.length > 0;
  if (!nr && !rc) return;
  if (site.cells) {
    const s = site.cells.stamp(spec);
    if (nr) sink(s.nr, s.nr.length, 'nr');
    if (rc) sink(s.redcap, s.redcap.length, 'redcap');
    return;
  }
  placeSite(spec, site.lon, site.lat, (nr && hasSector(site.nr)) || (rc && hasSector(site.redcap)));
  if (nr) sink(raw, listSpans(spec, siteX, siteY, siteConv, site.nr), 'nr');
  if (rc) sink(raw, listSpans(spec, siteX, siteY, siteConv, site.redcap), 'redcap');
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
  if (site.cells) return ownCells(spec, site, site.cells);
  let nr = new Int32Array(0);
  let redcap = new Int32Array(0);
  siteSpans(spec, site, (spans, length, layer) => {
    if (layer === 'nr') nr = spans.slice(0, length);
    else redcap = spans.slice(0, length);
  });
  const box = emptyBox();
  boxOfSpans(nr, box);
  boxOfSpans(redcap, box);
  return { nr, redcap, box };
}

/** A site's own cells, on the layers its footprint lists have. */
function ownCells(spec: GridSpec, site: StampInput, cells: SiteCells): StampedSite {
  const s = cells.stamp(spec);
  const none = new Int32Array(0);
  if (site.nr.length > 0 && site.redcap.length > 0) return s;
  const nr = site.nr.length > 0 ? s.nr : none;
  const redcap = site.redcap.length > 0 ? s.redcap : none;
  const box = emptyBox();
  boxOfSpans(nr, box);
  boxOfSpans(redcap, box);
  return { nr, redcap, box };
}

/**
 * How far a site's coverage on a layer can reach (m): its own cells' bound when it has
 * them, else its footprints' largest radius.
 */
export function siteReach(site: StampInput, layer: 'nr' | 'redcap'): number {
  if (site[layer].length === 0) return 0;
  return site.cells ? site.cells.reachM() : footprintsReach(site[layer]);
}

// ---------------------------------------------------------------------------------
// Incremental edits

function applySpans(
  grid: Grid,
  counts: Uint16Array,
  coveredCells: Float64Array,
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
  if (s.box[1] <= s.box[3]) syncCoverageEdges(grid, t, s.box[1], s.box[3]);
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
  syncCoverageEdges(grid, t);
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
  cells: Float64Array,
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
