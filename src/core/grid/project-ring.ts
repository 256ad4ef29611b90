import type { Position } from 'geojson';
import type { Laea } from './laea';

/**
 * Largest distance (m) allowed between a GeoJSON edge — straight in longitude/latitude
 * (RFC 7946) — and its projected chord. A 20 km edge along a parallel at 30° N bows about
 * 4 m away from its chord under the equal-area projection: enough to move a county's
 * share of a disc split by that border by a quarter of a percent.
 */
const MAX_SAGITTA_M = 0.25;
const MAX_DEPTH = 16;

/**
 * A ring (GeoJSON positions, closed or not) projected to interleaved metres without the
 * closing vertex, with vertices inserted along edges whose projection would otherwise
 * stray more than MAX_SAGITTA_M from the lon/lat-straight edge.
 */
export function projectRing(projection: Laea, ring: readonly Position[]): Float64Array {
  const n = ring.length;
  const m = n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1] ? n - 1 : n;
  if (m <= 0) return new Float64Array(0);
  const out: number[] = [];
  const first = projection.forward(ring[0][0], ring[0][1]);
  let px = first[0];
  let py = first[1];
  for (let i = 0; i < m; i++) {
    out.push(px, py);
    const a = ring[i];
    const b = ring[(i + 1) % m];
    const [qx, qy] = i + 1 < m ? projection.forward(b[0], b[1]) : first;
    if (m > 1) densify(projection, a[0], a[1], px, py, b[0], b[1], qx, qy, 0, out);
    px = qx;
    py = qy;
  }
  return Float64Array.from(out);
}

/** Pushes the interior vertices of edge a → b (projected p → q), midpoints first split. */
function densify(
  projection: Laea,
  alon: number,
  alat: number,
  px: number,
  py: number,
  blon: number,
  blat: number,
  qx: number,
  qy: number,
  depth: number,
  out: number[],
): void {
  // Short edges (the bulk of real boundaries) cannot bow by the tolerance: skip the projection.
  const len2 = (qx - px) ** 2 + (qy - py) ** 2;
  if (len2 < 250_000 || depth >= MAX_DEPTH) return; // < 500 m: bow < 1 cm at any latitude here
  const mlon = (alon + blon) / 2;
  const mlat = (alat + blat) / 2;
  const [mx, my] = projection.forward(mlon, mlat);
  const dx = mx - (px + qx) / 2;
  const dy = my - (py + qy) / 2;
  if (dx * dx + dy * dy <= MAX_SAGITTA_M * MAX_SAGITTA_M) return;
  densify(projection, alon, alat, px, py, mlon, mlat, mx, my, depth + 1, out);
  out.push(mx, my);
  densify(projection, mlon, mlat, mx, my, blon, blat, qx, qy, depth + 1, out);
}
