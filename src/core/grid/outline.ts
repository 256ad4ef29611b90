import type { MultiPolygon, Position } from 'geojson';
import type { GridSpec } from './grid';
import type { CellBox } from './stamp';

// Directions of boundary edges: east, north, west, south (counter-clockwise order).
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/**
 * Outline of a set of cells (those inside `box` for which `inside(c, r)` holds, absolute
 * column and row) as a WGS-84 MultiPolygon, traced along cell edges: outer rings
 * counter-clockwise, holes clockwise (RFC 7946). Cells that touch only at a corner are
 * separated there (the tracer turns left at such vertices), so every ring is simple;
 * parts may touch at a point. Only straight-run ends become vertices. Null when no cell
 * of the box is inside. `simplify` (cells) thins the staircase of each ring for drawing
 * (Douglas–Peucker; rings may then touch themselves, so not for measuring).
 */
export function traceCells(
  spec: GridSpec,
  box: CellBox,
  inside: (c: number, r: number) => boolean,
  simplify = 0,
): MultiPolygon | null {
  const bc0 = Math.max(0, box[0]);
  const br0 = Math.max(0, box[1]);
  const bc1 = Math.min(spec.cols - 1, box[2]);
  const br1 = Math.min(spec.rows - 1, box[3]);
  if (bc0 > bc1 || br0 > br1) return null;
  const w = bc1 - bc0 + 1;
  const h = br1 - br0 + 1;
  // The box's cells with a border of outside cells around them, so that a neighbour
  // needs no bounds test (cell c, r of the box is mask[(r + 1) * mw + c + 1]).
  const mw = w + 2;
  const mask = new Uint8Array(mw * (h + 2));
  let any = false;
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++)
      if (inside(c + bc0, r + br0)) {
        mask[(r + 1) * mw + c + 1] = 1;
        any = true;
      }
  if (!any) return null;
  // Vertex (vc, vr), vc ∈ [0, w], vr ∈ [0, h]; edge bit d set = an edge leaves it in direction d.
  const vw = w + 1;
  const edges = new Uint8Array(vw * (h + 1));
  for (let r = 0; r < h; r++) {
    for (let c = 0, m = (r + 1) * mw + 1; c < w; c++, m++) {
      if (mask[m] === 0) continue;
      // Interior kept on the left of each directed edge.
      if (mask[m - mw] === 0) edges[r * vw + c] |= 1 << 0;
      if (mask[m + 1] === 0) edges[r * vw + c + 1] |= 1 << 1;
      if (mask[m + mw] === 0) edges[(r + 1) * vw + c + 1] |= 1 << 2;
      if (mask[m - 1] === 0) edges[(r + 1) * vw + c] |= 1 << 3;
    }
  }
  const rings: number[][] = [];
  for (let v = 0; v < edges.length; v++) {
    while (edges[v] !== 0) {
      const ring: number[] = [];
      const startDir = 31 - Math.clz32(edges[v] & -edges[v]);
      let vc = v % vw;
      let vr = (v / vw) | 0;
      let d = startDir;
      let prev = -1;
      // The start edge stays marked until the ring closes, so the turn rule at the start
      // vertex can pick it (and close the ring) rather than run into a touching ring.
      for (;;) {
        const key = vr * vw + vc;
        const bits = edges[key];
        if (prev >= 0) {
          // Prefer left, straight, right relative to the incoming direction.
          const left = (prev + 1) & 3;
          const right = (prev + 3) & 3;
          if (bits & (1 << left)) d = left;
          else if (bits & (1 << prev)) d = prev;
          else if (bits & (1 << right)) d = right;
          else throw new Error('cell outline: open ring');
          if (key === v && d === startDir) break;
        }
        if (d !== prev) ring.push(vc, vr);
        if (prev >= 0) edges[key] &= ~(1 << d);
        vc += DX[d];
        vr += DY[d];
        prev = d;
      }
      edges[v] &= ~(1 << startDir);
      // Arriving at the start heading the way the ring began: the start is mid-run.
      if (prev === startDir) ring.splice(0, 2);
      rings.push(ring);
    }
  }
  const outers: { ring: number[]; area: number; holes: number[][] }[] = [];
  const holes: number[][] = [];
  for (const ring of rings) {
    const a = signedArea(ring);
    if (a > 0) outers.push({ ring, area: a, holes: [] });
    else if (a < 0) holes.push(ring);
  }
  for (const hole of holes) {
    // A point just inside the hole: mid-point of its first edge, a quarter cell to its right.
    const ex = hole[2] - hole[0];
    const ey = hole[3] - hole[1];
    const len = Math.hypot(ex, ey);
    const px = hole[0] + ex / 2 + (0.25 * ey) / len;
    const py = hole[1] + ey / 2 - (0.25 * ex) / len;
    let best: (typeof outers)[number] | null = null;
    for (const o of outers) {
      if (pointInRing(o.ring, px, py) && (!best || o.area < best.area)) best = o;
    }
    best?.holes.push(hole);
  }
  const { x0, y0, cellSize: s, projection } = spec;
  const toLngLat = (full: number[]): Position[] => {
    const ring = simplify > 0 ? simplifyRing(full, simplify) : full;
    const pts: Position[] = [];
    for (let i = 0; i < ring.length; i += 2) {
      pts.push(projection.inverse(x0 + (ring[i] + bc0) * s, y0 + (ring[i + 1] + br0) * s));
    }
    pts.push(pts[0]);
    return pts;
  };
  return {
    type: 'MultiPolygon',
    coordinates: outers.map((o) => [toLngLat(o.ring), ...o.holes.map(toLngLat)]),
  };
}

function signedArea(ring: number[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    a += ring[j] * ring[i + 1] - ring[i] * ring[j + 1];
  }
  return a / 2;
}

function pointInRing(ring: number[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
    const yi = ring[i + 1];
    const yj = ring[j + 1];
    if (yi > y !== yj > y && x < ((ring[j] - ring[i]) * (y - yi)) / (yj - yi) + ring[i])
      inside = !inside;
  }
  return inside;
}

/**
 * A closed ring (x0, y0, x1, y1, …; last vertex not repeated) thinned by Douglas–Peucker
 * with `tol`, split at the vertex farthest from the first; kept whole when that would
 * leave fewer than three vertices.
 */
export function simplifyRing(ring: number[], tol: number): number[] {
  const n = ring.length / 2;
  if (n <= 4) return ring;
  let far = 0;
  let best = -1;
  for (let i = 1; i < n; i++) {
    const d = (ring[2 * i] - ring[0]) ** 2 + (ring[2 * i + 1] - ring[1]) ** 2;
    if (d > best) {
      best = d;
      far = i;
    }
  }
  const keep = new Uint8Array(n + 1);
  keep[0] = keep[far] = keep[n] = 1;
  const x = (i: number) => ring[2 * (i % n)];
  const y = (i: number) => ring[2 * (i % n) + 1];
  const stack: number[] = [0, far, far, n];
  while (stack.length) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    const dx = x(b) - x(a);
    const dy = y(b) - y(a);
    const len = Math.hypot(dx, dy) || 1;
    let worst = -1;
    let dmax = tol;
    for (let i = a + 1; i < b; i++) {
      const d = Math.abs(dy * (x(i) - x(a)) - dx * (y(i) - y(a))) / len;
      if (d > dmax) {
        dmax = d;
        worst = i;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push(a, worst, worst, b);
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(ring[2 * i], ring[2 * i + 1]);
  return out.length >= 6 ? out : ring;
}

/** WGS-84 [west, south, east, north] of an inclusive cell box (its edges sampled). */
export function cellBoxLngLat(spec: GridSpec, box: CellBox): [number, number, number, number] {
  const { x0, y0, cellSize: s, projection } = spec;
  const bx0 = x0 + box[0] * s;
  const by0 = y0 + box[1] * s;
  const bx1 = x0 + (box[2] + 1) * s;
  const by1 = y0 + (box[3] + 1) * s;
  const out: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k <= 4; k++) {
    const fx = bx0 + ((bx1 - bx0) * k) / 4;
    const fy = by0 + ((by1 - by0) * k) / 4;
    for (const [x, y] of [
      [fx, by0],
      [fx, by1],
      [bx0, fy],
      [bx1, fy],
    ]) {
      const [lon, lat] = projection.inverse(x, y);
      if (lon < out[0]) out[0] = lon;
      if (lat < out[1]) out[1] = lat;
      if (lon > out[2]) out[2] = lon;
      if (lat > out[3]) out[3] = lat;
    }
  }
  return out;
}
