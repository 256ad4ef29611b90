/**
 * Upper convex hulls of profile points along a radial, kept as sample indices (x = i·step,
 * increasing), and the queries the radial engine makes of them. Query results go to
 * `slot` and `edgeSpan`: a stored double is not a heap allocation, a returned one may be,
 * and these run once per profile point.
 */

/**
 * Adds sample p (x increasing) to an upper hull kept as sample indices; returns its length.
 * A vertex on or under the segment joining its neighbours is dropped.
 */
export function pushHull(hull: Int32Array, len: number, v: Float64Array, p: number): number {
  const vp = v[p];
  while (len >= 2) {
    const a = hull[len - 2];
    const b = hull[len - 1];
    if ((v[b] - v[a]) * (p - b) > (vp - v[b]) * (b - a)) break;
    len--;
  }
  hull[len] = p;
  return len + 1;
}

/** Result of `supportMax` and `tangentFromRight`. */
export const slot = new Float64Array(1);

/** max over the hull's points of v_i − s·x_i, into slot[0]: the vertex where the edge slopes pass s. */
export function supportMax(
  hull: Int32Array,
  len: number,
  v: Float64Array,
  step: number,
  s: number,
): void {
  // First vertex k whose outgoing edge slope is ≤ s (the last vertex if none).
  let lo = 0;
  let hi = len - 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    const a = hull[m];
    const b = hull[m + 1];
    if ((v[b] - v[a]) / ((b - a) * step) <= s) hi = m;
    else lo = m + 1;
  }
  const k = hull[lo];
  slot[0] = v[k] - s * k * step;
}

/**
 * max over the hull's points of (v_i − yr)/(d − x_i) for a point (d, yr) right of them all,
 * into slot[0]: the slope, seen from that point, of its tangent to the hull.
 */
export function tangentFromRight(
  hull: Int32Array,
  len: number,
  v: Float64Array,
  step: number,
  d: number,
  yr: number,
): void {
  // Moving right along the hull lowers the slope from vertex to (d, yr) while the hull edge
  // is steeper than that slope; the tangent vertex is the first where it is not.
  let lo = 0;
  let hi = len - 1;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    const a = hull[m];
    const b = hull[m + 1];
    const xa = a * step;
    const edge = (v[b] - v[a]) / ((b - a) * step);
    const toR = (yr - v[a]) / (d - xa);
    if (edge <= toR) hi = m;
    else lo = m + 1;
  }
  const k = hull[lo];
  slot[0] = (v[k] - yr) / (d - k * step);
}

/** [from, to] (m) of the last `edgeAbove` that returned true. */
export const edgeSpan = new Float64Array(2);

/**
 * Whether the hull edge from sample a to sample b, were the profile the edge itself, has
 * ν above `floor` somewhere — and where: `edgeSpan` (m). On the edge the height
 * above the direct line is p + q·x (negative on a line-of-sight path) and ν(x) =
 * (p + q·x)·√(k2/(x·(d − x))); ν > floor (< 0) ⟺ (p + q·x)² < floor²·x·(d − x)/k2, a
 * quadratic in x whose roots bound the interval.
 */
export function edgeAbove(
  a: number,
  b: number,
  y: Float64Array,
  step: number,
  d: number,
  hts: number,
  str: number,
  k2: number,
  floor: number,
): boolean {
  if (!(floor < 0)) return false;
  const xa = a * step;
  const xb = b * step;
  const slope = (y[b] - y[a]) / (xb - xa);
  const q = slope - str;
  const p = y[a] - hts - slope * xa;
  const f = (floor * floor) / k2;
  const A = q * q + f;
  const B = 2 * p * q - f * d;
  const disc = B * B - 4 * A * p * p;
  if (!(disc > 0)) return false;
  const sq = Math.sqrt(disc);
  const x1 = (-B - sq) / (2 * A);
  const x2 = (-B + sq) / (2 * A);
  edgeSpan[0] = x1 > xa ? x1 : xa;
  edgeSpan[1] = x2 < xb ? x2 : xb;
  return edgeSpan[0] < edgeSpan[1];
}
