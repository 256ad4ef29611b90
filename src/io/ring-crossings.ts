import Flatbush from 'flatbush';
import type { Position } from 'geojson';

/** A closed ring (first position = last), 2D, without consecutive duplicates. */
export type Ring = Position[];

export interface Crossing {
  partA: number;
  ringA: number;
  partB: number;
  ringB: number;
  at: [number, number];
  /** `cross`: edges cross; `overlap`: collinear edges share a stretch; `vertex`: the
   * boundary passes through a vertex (or a vertex lies on an edge) and crosses there. */
  kind: 'cross' | 'overlap' | 'vertex';
}

/*
 * Why not turf.kinks: it compares every pair of edges (O(n²): 3.9 s for the 58 detailed
 * Guigang townships), and it reports places where a ring merely touches itself at a vertex
 * (valid ESRI rings, harmless for area) as kinks. Here edges go into a Flatbush index, and
 * touches are told apart from crossings by the order of the edges around the shared point.
 */

const TAU = 2 * Math.PI;

/**
 * Twice the signed area of triangle abc, or exactly 0 when c is on line ab up to rounding.
 * Coordinates are decimal strings, so a vertex "on" an edge leaves a cross product of
 * rounding noise (≈ 3e-14 × the edge lengths for |coordinates| ≤ 180), which must not count
 * as a side. The tolerance, 1e-12 × the edge lengths, is far above that noise and far below
 * any real offset (it means ~1e-12° ≈ 0.1 µm from the line for equal edges).
 */
export function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const scale =
    Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]) + Math.abs(c[0] - a[0]) + Math.abs(c[1] - a[1]);
  return Math.abs(v) <= scale * 1e-12 ? 0 : v;
}

function same(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Two passes of boundary through point p (in1 → p → out1 and in2 → p → out2) cross when
 * exactly one of in2/out2 lies strictly inside the angle swept from in1 to out1.
 * Shared directions (edges running along each other) are touches, not crossings.
 */
function passesCross(
  p: Position,
  in1: Position,
  out1: Position,
  in2: Position,
  out2: Position,
): boolean {
  const base = Math.atan2(in1[1] - p[1], in1[0] - p[0]);
  const rel = (q: Position): number => {
    let t = Math.atan2(q[1] - p[1], q[0] - p[0]) - base;
    while (t <= 0) t += TAU;
    while (t > TAU) t -= TAU;
    return t;
  };
  const t1 = rel(out1);
  const ta = rel(in2);
  const tb = rel(out2);
  const eps = 1e-12;
  for (const t of [ta, tb]) {
    if (Math.abs(t - t1) < eps || Math.abs(t - TAU) < eps) return false;
  }
  return ta < t1 !== tb < t1;
}

interface Seg {
  part: number;
  ring: number;
  i: number;
}

/**
 * Every place where the boundary of a (multi)polygon crosses itself, within a ring,
 * between rings of one polygon, or between polygons. Stops after `limit` crossings.
 */
export function findCrossings(parts: readonly (readonly Ring[])[], limit = Infinity): Crossing[] {
  const segs: Seg[] = [];
  for (let p = 0; p < parts.length; p++) {
    for (let r = 0; r < parts[p].length; r++) {
      const ring = parts[p][r];
      for (let i = 0; i < ring.length - 1; i++) segs.push({ part: p, ring: r, i });
    }
  }
  const out: Crossing[] = [];
  if (segs.length < 2) return out;
  const pt = (s: Seg, k: number): Position => {
    const ring = parts[s.part][s.ring];
    // Rings are closed, so index arithmetic wraps over the n-1 distinct vertices.
    const n = ring.length - 1;
    return ring[(((s.i + k) % n) + n) % n];
  };
  const index = new Flatbush(segs.length);
  for (const s of segs) {
    const a = pt(s, 0);
    const b = pt(s, 1);
    index.add(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    );
  }
  index.finish();

  const adjacent = (s: Seg, t: Seg): boolean => {
    if (s.part !== t.part || s.ring !== t.ring) return false;
    const n = parts[s.part][s.ring].length - 1;
    const d = Math.abs(s.i - t.i);
    return d === 1 || d === n - 1;
  };
  const push = (s: Seg, t: Seg, at: Position, kind: Crossing['kind']): boolean => {
    out.push({
      partA: s.part,
      ringA: s.ring,
      partB: t.part,
      ringB: t.ring,
      at: [at[0], at[1]],
      kind,
    });
    return out.length >= limit;
  };

  // Edges crossing in their interiors, and collinear edges sharing a stretch.
  for (let si = 0; si < segs.length; si++) {
    const s = segs[si];
    const a = pt(s, 0);
    const b = pt(s, 1);
    const cands = index.search(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    );
    for (const ti of cands) {
      if (ti <= si) continue;
      const t = segs[ti];
      if (adjacent(s, t)) continue;
      const c = pt(t, 0);
      const d = pt(t, 1);
      const o1 = orient(a, b, c);
      const o2 = orient(a, b, d);
      const o3 = orient(c, d, a);
      const o4 = orient(c, d, b);
      if (o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
        if (o1 > 0 !== o2 > 0 && o3 > 0 !== o4 > 0) {
          const f = o3 / (o3 - o4);
          if (push(s, t, [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])], 'cross')) return out;
        }
      } else if (o1 === 0 && o2 === 0) {
        const dx = b[0] - a[0];
        const dy = b[1] - a[1];
        const len2 = dx * dx + dy * dy;
        const tc = ((c[0] - a[0]) * dx + (c[1] - a[1]) * dy) / len2;
        const td = ((d[0] - a[0]) * dx + (d[1] - a[1]) * dy) / len2;
        const lo = Math.max(0, Math.min(tc, td));
        const hi = Math.min(1, Math.max(tc, td));
        // Only a ring running back over itself matters (a retraced stretch); two rings or
        // two parts sharing an edge are neighbours, harmless for area and rasterising.
        if (hi - lo > 1e-9 && s.part === t.part && s.ring === t.ring) {
          if (push(s, t, [a[0] + lo * dx, a[1] + lo * dy], 'overlap')) return out;
        }
      }
      // Any other contact is at a vertex; the vertex pass below decides touch vs cross.
    }
  }

  // The boundary passing through a vertex twice, or a vertex lying on another edge.
  for (let si = 0; si < segs.length; si++) {
    const s = segs[si];
    const v = pt(s, 0);
    const prev = pt(s, -1);
    const next = pt(s, 1);
    for (const ti of index.search(v[0], v[1], v[0], v[1])) {
      const t = segs[ti];
      if (ti === si) continue;
      if (t.part === s.part && t.ring === s.ring) {
        const n = parts[s.part][s.ring].length - 1;
        if ((t.i + 1) % n === s.i) continue; // the edge ending at v
      }
      const c = pt(t, 0);
      const d = pt(t, 1);
      if (same(v, c)) {
        // Both vertices see each other; decide once.
        if (ti < si) continue;
        if (passesCross(v, prev, next, pt(t, -1), d) && push(s, t, v, 'vertex')) return out;
      } else if (!same(v, d) && orient(c, d, v) === 0) {
        const inside =
          Math.min(c[0], d[0]) <= v[0] &&
          v[0] <= Math.max(c[0], d[0]) &&
          Math.min(c[1], d[1]) <= v[1] &&
          v[1] <= Math.max(c[1], d[1]);
        if (inside && passesCross(v, prev, next, c, d) && push(s, t, v, 'vertex')) return out;
      }
    }
  }
  return out;
}
