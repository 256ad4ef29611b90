import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { GridSpec } from './grid';
import type { Laea } from './laea';
import { fillRings, type SpanSink } from './scanline';

/** Rings of a WGS-84 Polygon/MultiPolygon projected to interleaved metres. */
export function projectRings(projection: Laea, geometry: Polygon | MultiPolygon): Float64Array[] {
  const polys: Position[][][] =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: Float64Array[] = [];
  for (const poly of polys) {
    for (const ring of poly) {
      const n = ring.length;
      // A closing vertex equal to the first adds a zero-length edge: drop it.
      const m = n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1] ? n - 1 : n;
      if (m < 3) continue;
      const xy = new Float64Array(2 * m);
      for (let i = 0; i < m; i++) {
        const [x, y] = projection.forward(ring[i][0], ring[i][1]);
        xy[2 * i] = x;
        xy[2 * i + 1] = y;
      }
      out.push(xy);
    }
  }
  return out;
}

/** Runs of cells (centre inside, even-odd over all rings) of a WGS-84 polygon. */
export function rasterizePolygon(
  spec: GridSpec,
  geometry: Polygon | MultiPolygon,
  sink: SpanSink,
): void {
  fillRings(spec, projectRings(spec.projection, geometry), sink);
}

/**
 * Writes `index + 1` of each area into `label` for the cells whose centres it covers.
 * Where areas overlap (bad input), the later one wins; cells outside every area keep 0.
 */
export function rasterizeAreas(
  spec: GridSpec,
  geometries: readonly (Polygon | MultiPolygon)[],
  label: Uint16Array | Uint32Array,
): void {
  const cols = spec.cols;
  for (let i = 0; i < geometries.length; i++) {
    const v = i + 1;
    rasterizePolygon(spec, geometries[i], (r, c0, c1) =>
      label.fill(v, r * cols + c0, r * cols + c1 + 1),
    );
  }
}

/** A 0/1 mask of the cells covered by any of the polygons (e.g. county-town zones). */
export function rasterizeMask(
  spec: GridSpec,
  geometries: readonly (Polygon | MultiPolygon)[],
): Uint8Array {
  const mask = new Uint8Array(spec.cols * spec.rows);
  const cols = spec.cols;
  for (const g of geometries) {
    rasterizePolygon(spec, g, (r, c0, c1) => mask.fill(1, r * cols + c0, r * cols + c1 + 1));
  }
  return mask;
}

/** Adds to `mask` the cells whose centres are within `radiusM` of a WGS-84 point. */
export function maskDisc(
  spec: GridSpec,
  mask: Uint8Array,
  lon: number,
  lat: number,
  radiusM: number,
): void {
  const [x, y] = spec.projection.forward(lon, lat);
  discSpans(spec, x, y, radiusM, (r, c0, c1) =>
    mask.fill(1, r * spec.cols + c0, r * spec.cols + c1 + 1),
  );
}

/**
 * Runs of cells of a disc of `radius` around projected (x, y). Each row gets as many
 * cells as the disc's exact area inside the row's strip rounds to, centred on x. Testing
 * cell centres instead (chord at the row's centre line) leaves a 2 km disc at 100 m
 * cells up to 0.75% off, because every row's rounding depends on the same sub-cell
 * offset of x; rounding each row's exact area keeps the errors independent and small.
 * A cell on the rim may so be in while its centre is a few metres out, or vice versa.
 */
export function discSpans(
  spec: GridSpec,
  x: number,
  y: number,
  radius: number,
  sink: SpanSink,
): void {
  if (!(radius > 0)) return;
  const { x0, y0, cellSize: s, cols, rows } = spec;
  const r0 = Math.max(0, Math.floor((y - radius - y0) / s));
  const r1 = Math.min(rows - 1, Math.floor((y + radius - y0) / s));
  // ∫ 2√(R² − t²) dt = t√(R² − t²) + R²·asin(t/R).
  const R2 = radius * radius;
  const F = (t: number): number => {
    const u = t < -radius ? -radius : t > radius ? radius : t;
    return u * Math.sqrt(Math.max(0, R2 - u * u)) + R2 * Math.asin(u / radius);
  };
  let fLo = F(y0 + r0 * s - y);
  for (let r = r0; r <= r1; r++) {
    const fHi = F(y0 + (r + 1) * s - y);
    const n = Math.round((fHi - fLo) / (s * s));
    fLo = fHi;
    if (n <= 0) continue;
    const first = Math.round((x - x0) / s - n / 2);
    const c0 = Math.max(0, first);
    const c1 = Math.min(cols - 1, first + n - 1);
    if (c0 <= c1) sink(r, c0, c1);
  }
}
