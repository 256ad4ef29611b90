import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Grid, GridSpec } from './grid';
import type { Laea } from './laea';
import { buildEdgeCells } from './edge-cells';
import { projectRing } from './project-ring';
import { fillRings, type SpanSink } from './scanline';

/**
 * Rings of a WGS-84 Polygon/MultiPolygon projected to interleaved metres (long edges
 * densified so they follow the lon/lat-straight edge, see project-ring.ts).
 */
export function projectRings(projection: Laea, geometry: Polygon | MultiPolygon): Float64Array[] {
  const polys: Position[][][] =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out: Float64Array[] = [];
  for (const poly of polys) {
    for (const ring of poly) {
      const xy = projectRing(projection, ring);
      if (xy.length >= 6) out.push(xy);
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

/**
 * Labels `grid` with its areas (`rasterizeAreas`) and records the cells their borders cut,
 * with each area's exact share (grid.edge), so totals add up to the polygons' areas.
 */
export function labelAreas(grid: Grid, geometries: readonly (Polygon | MultiPolygon)[]): void {
  rasterizeAreas(grid, geometries, grid.label);
  grid.edge = buildEdgeCells(grid, geometries);
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
 * Runs of cells of a disc of `radius` around projected (x, y), exact in area to half a
 * cell on each rim. Per row, the disc's exact area inside the row's strip gives its mean
 * half-chord h (area = 2h·s), so the strip holds [x − h, x + h] on average; each rim's
 * cell boundary is that edge rounded with the rounding error carried on to the next row
 * (error diffusion along the rim). Testing cell centres, or rounding each row on its own,
 * repeats the same sub-cell offset of x in every row: a 2 km disc at 100 m came out up to
 * 0.75% off, and a disc split by a border up to 1.8% off on one side. With the error
 * carried, the cells of any run of rows differ from the exact area by at most one cell
 * per rim, so a border through the disc splits it by the areas' true shares.
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
  // Rows of the whole disc (clipped only when emitting, so the carried error is the same
  // wherever the grid ends).
  const r0 = Math.floor((y - radius - y0) / s);
  const r1 = Math.floor((y + radius - y0) / s);
  // ∫ 2√(R² − t²) dt = t√(R² − t²) + R²·asin(t/R).
  const R2 = radius * radius;
  const F = (t: number): number => {
    const u = t < -radius ? -radius : t > radius ? radius : t;
    return u * Math.sqrt(Math.max(0, R2 - u * u)) + R2 * Math.asin(u / radius);
  };
  const u = (x - x0) / s;
  let eL = 0;
  let eR = 0;
  let fLo = F(y0 + r0 * s - y);
  for (let r = r0; r <= r1; r++) {
    const fHi = F(y0 + (r + 1) * s - y);
    const h = (fHi - fLo) / (2 * s * s);
    fLo = fHi;
    // Exact rims in cell units, then rounded with the carried error.
    const tl = u - h;
    const tr = u + h;
    const bl = Math.round(tl + eL);
    const br = Math.round(tr + eR);
    eL += tl - bl;
    eR += tr - br;
    if (r < 0 || r >= rows || br <= bl) continue;
    const c0 = Math.max(0, bl);
    const c1 = Math.min(cols - 1, br - 1);
    if (c0 <= c1) sink(r, c0, c1);
  }
}
