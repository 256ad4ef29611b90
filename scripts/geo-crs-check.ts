/**
 * Measures which CRS a set of county polygons is in by comparing it with a reference of
 * the same counties whose CRS is known. GCJ-02 differs from WGS-84 by a smooth offset of
 * a few hundred metres, so the telling quantity is the translation that best lays one
 * boundary over the other: near zero under the right interpretation, near the GCJ-02
 * offset under the wrong one. Areas are reported too (a shift does not change them; they
 * show that the polygons are the same units, up to boundary vintage).
 */
import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';

const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

export interface CountyComparison {
  code: string;
  areaKm2: number;
  refAreaKm2: number;
  areaDiffPct: number;
  /** Centroid (centre of mass) offset of the candidate from the reference, metres east/north. */
  centroidEastM: number;
  centroidNorthM: number;
}

export interface TranslationFit {
  /** Translation (metres east, north) that moves the candidate boundary onto the reference. */
  eastM: number;
  northM: number;
  /** Median vertex-to-reference-boundary distance before and after applying it. */
  medianBeforeM: number;
  medianAfterM: number;
  /** Vertices used (those within the trimming distance of the reference). */
  vertices: number;
}

type Geom = Polygon | MultiPolygon;

function rings(g: Geom): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

export function compareCounties(
  cand: ReadonlyMap<string, Geom>,
  ref: ReadonlyMap<string, Geom>,
): CountyComparison[] {
  const out: CountyComparison[] = [];
  for (const [code, g] of cand) {
    const r = ref.get(code);
    if (!r) continue;
    const a = turf.area(g) / 1e6;
    const ra = turf.area(r) / 1e6;
    const c = areaCentroid(g);
    const rc = areaCentroid(r);
    const [e, n] = offsetMetres(rc, c);
    out.push({
      code,
      areaKm2: a,
      refAreaKm2: ra,
      areaDiffPct: ((a - ra) / ra) * 100,
      centroidEastM: e,
      centroidNorthM: n,
    });
  }
  return out;
}

/**
 * Area-weighted centroid of all parts, holes subtracted (turf's centerOfMass falls back
 * to the convex hull for MultiPolygons, which would compare unlike things).
 */
function areaCentroid(g: Geom): Position {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const lat0 = polys[0][0][0][1];
  const kx = Math.cos(lat0 * DEG);
  const [ox, oy] = polys[0][0][0];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const poly of polys)
    poly.forEach((ring, i) => {
      let ra = 0;
      let rx = 0;
      let ry = 0;
      for (let k = 0; k + 1 < ring.length; k++) {
        const x0 = (ring[k][0] - ox) * kx;
        const y0 = ring[k][1] - oy;
        const x1 = (ring[k + 1][0] - ox) * kx;
        const y1 = ring[k + 1][1] - oy;
        const cross = x0 * y1 - x1 * y0;
        ra += cross;
        rx += (x0 + x1) * cross;
        ry += (y0 + y1) * cross;
      }
      // Outer rings add, holes subtract, whatever their winding.
      const sign = (i === 0 ? 1 : -1) * Math.sign(ra);
      a += sign * ra;
      cx += sign * rx;
      cy += sign * ry;
    });
  return [ox + cx / (3 * a) / kx, oy + cy / (3 * a)];
}

/** East/north metres from a to b on a local tangent plane (exact enough below ~10 km). */
function offsetMetres(a: Position, b: Position): [number, number] {
  const lat = ((a[1] + b[1]) / 2) * DEG;
  return [
    (b[0] - a[0]) * DEG * EARTH_RADIUS_M * Math.cos(lat),
    (b[1] - a[1]) * DEG * EARTH_RADIUS_M,
  ];
}

/**
 * Translation-only point-to-line ICP: each candidate vertex is paired with the nearest
 * point of the reference boundary; pairs further apart than `trimM` (boundary-vintage
 * differences, simplification) are ignored; the shift minimising the squared distances
 * along the pairs' normals is solved in closed form and the pairing repeated.
 */
export function fitTranslation(
  cand: Iterable<Geom>,
  ref: Iterable<Geom>,
  trimM = 1000,
  iterations = 8,
): TranslationFit {
  const candList = [...cand];
  const refList = [...ref];
  // One equirectangular plane for the whole region; its scale error (a few % at the
  // edges of a 5° span) is negligible for offsets of a few hundred metres.
  let latSum = 0;
  let latN = 0;
  for (const g of refList)
    for (const r of rings(g))
      for (const p of r) {
        latSum += p[1];
        latN++;
      }
  const kx = DEG * EARTH_RADIUS_M * Math.cos((latSum / latN) * DEG);
  const ky = DEG * EARTH_RADIUS_M;

  const seg: number[] = [];
  for (const g of refList)
    for (const r of rings(g))
      for (let i = 0; i + 1 < r.length; i++)
        seg.push(r[i][0] * kx, r[i][1] * ky, r[i + 1][0] * kx, r[i + 1][1] * ky);
  const nSeg = seg.length / 4;
  const index = new Flatbush(nSeg);
  for (let i = 0; i < nSeg; i++) {
    const [x0, y0, x1, y1] = [seg[4 * i], seg[4 * i + 1], seg[4 * i + 2], seg[4 * i + 3]];
    index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
  }
  index.finish();

  const pts: number[] = [];
  for (const g of candList)
    for (const r of rings(g)) for (const p of r) pts.push(p[0] * kx, p[1] * ky);
  const nPts = pts.length / 2;

  // Nearest reference point to (x, y) within trimM, or null.
  const nearest = (x: number, y: number): [number, number] | null => {
    let best = trimM * trimM;
    let bx = 0;
    let by = 0;
    let found = false;
    for (const i of index.search(x - trimM, y - trimM, x + trimM, y + trimM)) {
      const x0 = seg[4 * i];
      const y0 = seg[4 * i + 1];
      const dx = seg[4 * i + 2] - x0;
      const dy = seg[4 * i + 3] - y0;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
      const qx = x0 + t * dx;
      const qy = y0 + t * dy;
      const d2 = (qx - x) ** 2 + (qy - y) ** 2;
      if (d2 < best) {
        best = d2;
        bx = qx;
        by = qy;
        found = true;
      }
    }
    return found ? [bx, by] : null;
  };

  const medianDistance = (sx: number, sy: number): { median: number; used: number } => {
    const d: number[] = [];
    for (let i = 0; i < nPts; i++) {
      const x = pts[2 * i] + sx;
      const y = pts[2 * i + 1] + sy;
      const q = nearest(x, y);
      if (q) d.push(Math.hypot(q[0] - x, q[1] - y));
    }
    d.sort((a, b) => a - b);
    return { median: d.length ? d[d.length >> 1] : NaN, used: d.length };
  };

  let sx = 0;
  let sy = 0;
  for (let it = 0; it < iterations; it++) {
    // Normal equations of Σ (n·(p + s + δ − q))² for δ.
    let a11 = 0;
    let a12 = 0;
    let a22 = 0;
    let b1 = 0;
    let b2 = 0;
    for (let i = 0; i < nPts; i++) {
      const x = pts[2 * i] + sx;
      const y = pts[2 * i + 1] + sy;
      const q = nearest(x, y);
      if (!q) continue;
      const rx = q[0] - x;
      const ry = q[1] - y;
      const len = Math.hypot(rx, ry);
      if (len < 1e-9) continue;
      const nx = rx / len;
      const ny = ry / len;
      a11 += nx * nx;
      a12 += nx * ny;
      a22 += ny * ny;
      b1 += nx * len;
      b2 += ny * len;
    }
    const det = a11 * a22 - a12 * a12;
    if (det <= 0) break;
    const dx = (a22 * b1 - a12 * b2) / det;
    const dy = (a11 * b2 - a12 * b1) / det;
    sx += dx;
    sy += dy;
    if (Math.hypot(dx, dy) < 0.5) break;
  }
  const before = medianDistance(0, 0);
  const after = medianDistance(sx, sy);
  return {
    eastM: sx,
    northM: sy,
    medianBeforeM: before.median,
    medianAfterM: after.median,
    vertices: after.used,
  };
}
