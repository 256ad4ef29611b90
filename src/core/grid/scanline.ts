import type { GridSpec } from './grid';

/**
 * Scanline fill of polygon rings at cell centres (even-odd over all rings, so holes and
 * multipolygon parts need no special handling). Edge crossings are bucketed per row by a
 * counting sort, then sorted within the row: O(edges + crossings · log) with no per-row
 * scan over every edge. A cell is inside when its centre is; a centre exactly on an
 * edge follows the half-open rule (left/bottom edges in, right/top out), so two areas
 * sharing a border never both claim a cell.
 */

/** Called once per covered run: cells c0..c1 (inclusive) of row r, clipped to the grid. */
export type SpanSink = (row: number, c0: number, c1: number) => void;

let rowCounts = new Int32Array(1024);
let crossings = new Float64Array(4096);
let vertexRow = new Int32Array(1024);

/**
 * Fills rings given as projected metres, each interleaved [x0, y0, x1, y1, …] (closed
 * or not: the last vertex joins the first).
 */
export function fillRings(spec: GridSpec, rings: readonly Float64Array[], sink: SpanSink): void {
  const { y0, cellSize: s, rows } = spec;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i += 2) {
      if (ring[i] < minY) minY = ring[i];
      if (ring[i] > maxY) maxY = ring[i];
    }
  }
  if (!(maxY > minY)) return;
  // Rows whose centre y = y0 + (r + ½)s lies in [minY, maxY).
  const r0 = Math.max(0, Math.ceil((minY - y0) / s - 0.5));
  const r1 = Math.min(rows - 1, Math.ceil((maxY - y0) / s - 0.5) - 1);
  if (r1 < r0) return;
  const nRows = r1 - r0 + 1;
  if (rowCounts.length < nRows + 1)
    rowCounts = new Int32Array(Math.max(nRows + 1, rowCounts.length * 2));
  rowCounts.fill(0, 0, nRows + 1);

  // Pass 1: crossings per row. An edge crosses the centre lines of rows
  // ceil(lo) … ceil(hi) − 1 in row units; each vertex's ceil is computed once.
  let vertices = 0;
  for (const ring of rings) vertices += ring.length >> 1;
  if (vertexRow.length < vertices)
    vertexRow = new Int32Array(Math.max(vertices, 2 * vertexRow.length));
  let total = 0;
  let base = 0;
  for (const ring of rings) {
    const n = ring.length >> 1;
    for (let i = 0; i < n; i++) vertexRow[base + i] = Math.ceil((ring[2 * i + 1] - y0) / s - 0.5);
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ka = vertexRow[base + j];
      const kb = vertexRow[base + i];
      if (ka === kb) continue;
      const a = Math.max(r0, ka < kb ? ka : kb);
      const b = Math.min(r1, (ka < kb ? kb : ka) - 1);
      for (let r = a; r <= b; r++) rowCounts[r - r0 + 1]++;
      if (b >= a) total += b - a + 1;
    }
    base += n;
  }
  for (let k = 1; k <= nRows; k++) rowCounts[k] += rowCounts[k - 1];
  if (crossings.length < total) crossings = new Float64Array(Math.max(total, crossings.length * 2));

  // Pass 2: x of each crossing into its row's bucket (rowCounts[k] is used as a cursor
  // and ends at the start of bucket k + 1).
  base = 0;
  for (const ring of rings) {
    const n = ring.length >> 1;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ka = vertexRow[base + j];
      const kb = vertexRow[base + i];
      if (ka === kb) continue;
      const a = Math.max(r0, ka < kb ? ka : kb);
      const b = Math.min(r1, (ka < kb ? kb : ka) - 1);
      if (b < a) continue;
      const xa = ring[2 * j];
      const ya = ring[2 * j + 1];
      const xb = ring[2 * i];
      const yb = ring[2 * i + 1];
      const slope = (xb - xa) / (yb - ya);
      for (let r = a; r <= b; r++) {
        const yc = y0 + (r + 0.5) * s;
        crossings[rowCounts[r - r0]++] = xa + (yc - ya) * slope;
      }
    }
    base += n;
  }

  emitRows(spec, crossings, rowCounts, r0, nRows, sink);
}

/**
 * `fillRings` for one ring of `n` vertices held in `ring[0 … 2n)` (the ring buffer may be
 * longer): the same spans in the same order, without the per-call ring array and with
 * the vertex rows computed in the pass that finds the ring's extent. Site footprints
 * (stamp.ts) are one ring each and are filled millions of times in a national run.
 */
export function fillRing(spec: GridSpec, ring: Float64Array, n: number, sink: SpanSink): void {
  const { y0, cellSize: s, rows } = spec;
  if (vertexRow.length < n) vertexRow = new Int32Array(Math.max(n, 2 * vertexRow.length));
  const vr = vertexRow;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const y = ring[2 * i + 1];
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    vr[i] = Math.ceil((y - y0) / s - 0.5);
  }
  if (!(maxY > minY)) return;
  const r0 = Math.max(0, Math.ceil((minY - y0) / s - 0.5));
  const r1 = Math.min(rows - 1, Math.ceil((maxY - y0) / s - 0.5) - 1);
  if (r1 < r0) return;
  const nRows = r1 - r0 + 1;
  if (rowCounts.length < nRows + 1)
    rowCounts = new Int32Array(Math.max(nRows + 1, rowCounts.length * 2));
  const rc = rowCounts;
  rc.fill(0, 0, nRows + 1);

  // Pass 1: crossings per row (see fillRings).
  let total = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ka = vr[j];
    const kb = vr[i];
    if (ka === kb) continue;
    const a = Math.max(r0, ka < kb ? ka : kb);
    const b = Math.min(r1, (ka < kb ? kb : ka) - 1);
    if (b < a) continue;
    for (let r = a - r0 + 1; r <= b - r0 + 1; r++) rc[r]++;
    total += b - a + 1;
  }
  for (let k = 1; k <= nRows; k++) rc[k] += rc[k - 1];
  if (crossings.length < total) crossings = new Float64Array(Math.max(total, crossings.length * 2));
  const xs = crossings;

  // Pass 2: x of each crossing into its row's bucket.
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ka = vr[j];
    const kb = vr[i];
    if (ka === kb) continue;
    const a = Math.max(r0, ka < kb ? ka : kb);
    const b = Math.min(r1, (ka < kb ? kb : ka) - 1);
    if (b < a) continue;
    const xa = ring[2 * j];
    const ya = ring[2 * j + 1];
    const xb = ring[2 * i];
    const yb = ring[2 * i + 1];
    const slope = (xb - xa) / (yb - ya);
    for (let r = a; r <= b; r++) {
      const yc = y0 + (r + 0.5) * s;
      xs[rc[r - r0]++] = xa + (yc - ya) * slope;
    }
  }

  emitRows(spec, xs, rc, r0, nRows, sink);
}

/**
 * Pass 3 of both fills: per row, sort the row's crossings and emit the runs between pairs.
 * `counts[k]` is the end of row k's bucket in `xs` (row k starts where row k − 1 ended).
 */
function emitRows(
  spec: GridSpec,
  xs: Float64Array,
  counts: Int32Array,
  r0: number,
  nRows: number,
  sink: SpanSink,
): void {
  const { x0, cellSize: s, cols } = spec;
  const rc = counts;
  let start = 0;
  for (let k = 0; k < nRows; k++) {
    const end = rc[k];
    const m = end - start;
    if (m === 2) {
      // The common case (a convex row): two crossings, in either order.
      let xa = xs[start];
      let xb = xs[start + 1];
      if (xa > xb) {
        const t = xa;
        xa = xb;
        xb = t;
      }
      const c0 = Math.max(0, Math.ceil((xa - x0) / s - 0.5));
      const c1 = Math.min(cols - 1, Math.ceil((xb - x0) / s - 0.5) - 1);
      if (c0 <= c1) sink(r0 + k, c0, c1);
    } else if (m > 2) {
      if (m <= 16) insertionSort(xs, start, end);
      else xs.subarray(start, end).sort();
      const r = r0 + k;
      for (let p = start; p + 1 < end; p += 2) {
        const c0 = Math.max(0, Math.ceil((xs[p] - x0) / s - 0.5));
        const c1 = Math.min(cols - 1, Math.ceil((xs[p + 1] - x0) / s - 0.5) - 1);
        if (c0 <= c1) sink(r, c0, c1);
      }
    }
    start = end;
  }
}

function insertionSort(a: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= from && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
