import type { Laea } from '../grid/laea';

/**
 * Ground heights as the terrain model reads them. Two forms:
 * - `Elevation`: any source that answers a height at a WGS-84 position (NaN: no data);
 * - `ElevationWindow`: a geographic Float32 window, the shape the raster reader in src/io
 *   hands to core (its `RasterWindow` with crs EPSG:4326 and values 'elevation'), sampled
 *   bilinearly through a per-site quadratic map with no projection per sample.
 *
 * Heights are metres above sea level; the datum does not matter, only differences do.
 */
export interface Elevation {
  /** Height (m) at a WGS-84 position; NaN where there is no data. */
  heightAt(lon: number, lat: number): number;
}

/**
 * A north-up window of a geographic raster: pixel (c, r) covers lon ∈ [west + c·dx,
 * west + (c+1)·dx), lat ∈ (north − (r+1)·dy, north − r·dy] (pixel-is-area; its value is the
 * height at its centre). Row-major from the north row; NaN = void.
 */
export interface ElevationWindow {
  georef: {
    crs: 'EPSG:4326';
    west: number;
    north: number;
    dx: number;
    dy: number;
    width: number;
    height: number;
  };
  values: 'elevation';
  data: Float32Array;
}

/** Either form of elevation data. */
export type ElevationSource = Elevation | ElevationWindow;

export function isElevationWindow(e: ElevationSource): e is ElevationWindow {
  return (e as ElevationWindow).georef !== undefined;
}

/** Metres per degree of latitude (WGS-84 mean) and of longitude at the equator. */
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320;

/**
 * Typical ground spacing of a window's pixels at a latitude (m): the geometric mean of the
 * east–west and north–south spacings.
 */
export function pixelSpacingM(w: ElevationWindow, lat: number): number {
  const ew = w.georef.dx * M_PER_DEG_LON * Math.cos((lat * Math.PI) / 180);
  const ns = w.georef.dy * M_PER_DEG_LAT;
  return Math.sqrt(ew * ns);
}

/**
 * Bilinear height at continuous pixel-centre coordinates (u, v) of a window (u = 0 is the
 * centre of column 0). Within half a pixel of the edge the edge pixel is used; beyond it,
 * NaN. Void corners are left out and the others reweighted; all void: NaN. Written as
 * a + t·(b − a) so that equal corners give exactly their value (a constant DEM stays exact).
 */
export function sampleWindow(w: ElevationWindow, u: number, v: number): number {
  sampleWindowInto(w, u, v, one, 0);
  return one[0];
}
const one = new Float64Array(1);

/**
 * `sampleWindow` into out[at]: profile loops call it per sample, and a returned double that
 * crosses a call boundary is a heap allocation in V8 where a stored one is not.
 */
export function sampleWindowInto(
  w: ElevationWindow,
  u: number,
  v: number,
  out: Float64Array,
  at: number,
): void {
  const { width, height } = w.georef;
  if (!(u >= -0.5 && u <= width - 0.5 && v >= -0.5 && v <= height - 0.5)) {
    out[at] = NaN;
    return;
  }
  let c0 = Math.floor(u);
  let r0 = Math.floor(v);
  let tx = u - c0;
  let ty = v - r0;
  if (c0 < 0) {
    c0 = 0;
    tx = 0;
  } else if (c0 >= width - 1) {
    c0 = width - 1;
    tx = 0;
  }
  if (r0 < 0) {
    r0 = 0;
    ty = 0;
  } else if (r0 >= height - 1) {
    r0 = height - 1;
    ty = 0;
  }
  const c1 = tx > 0 ? c0 + 1 : c0;
  const r1 = ty > 0 ? r0 + 1 : r0;
  const data = w.data;
  const a = data[r0 * width + c0];
  const b = data[r0 * width + c1];
  const c = data[r1 * width + c0];
  const d = data[r1 * width + c1];
  if (a === a && b === b && c === c && d === d) {
    const top = a + tx * (b - a);
    const bottom = c + tx * (d - c);
    out[at] = top + ty * (bottom - top);
    return;
  }
  out[at] = voidCorners(a, b, c, d, tx, ty);
}

/** Bilinear over the valid corners only, as an offset from the first valid one (NaN: none). */
function voidCorners(a: number, b: number, c: number, d: number, tx: number, ty: number): number {
  const vals = [a, b, c, d];
  const wts = [(1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty];
  let base = NaN;
  let sw = 0;
  let sv = 0;
  for (let k = 0; k < 4; k++) {
    const x = vals[k];
    if (x !== x || wts[k] === 0) continue;
    if (base !== base) base = x;
    sw += wts[k];
    sv += wts[k] * (x - base);
  }
  return sw > 0 ? base + sv / sw : NaN;
}

/** An `Elevation` over a window (bilinear, as `sampleWindow`). */
export function windowElevation(w: ElevationWindow): Elevation {
  const { west, north, dx, dy } = w.georef;
  return {
    heightAt: (lon, lat) => sampleWindow(w, (lon - west) / dx - 0.5, (north - lat) / dy - 0.5),
  };
}

/**
 * A second-order map from projected offsets around a site to WGS-84 degrees:
 * lon = lon0 + a·e + b·n + ½·aa·e² + ab·e·n + ½·bb·n² (and lat likewise), fitted by
 * central differences of the inverse projection at 2 km. Its error grows as r³/R²: about
 * 0.1 m at 15 km, against 30–90 m DEM pixels, and it costs two multiply-adds per sample.
 */
export interface LocalMap {
  lon0: number;
  lat0: number;
  /** [∂/∂e, ∂/∂n, ∂²/∂e², ∂²/∂e∂n, ∂²/∂n²] of lon and of lat (degrees per metre^k). */
  lon: Float64Array;
  lat: Float64Array;
}

const FD_STEP_M = 2000;

export function localMap(projection: Laea, x: number, y: number): LocalMap {
  const h = FD_STEP_M;
  const at = (de: number, dn: number) => projection.inverse(x + de, y + dn);
  const c = at(0, 0);
  const e1 = at(h, 0);
  const e0 = at(-h, 0);
  const n1 = at(0, h);
  const n0 = at(0, -h);
  const pp = at(h, h);
  const pm = at(h, -h);
  const mp = at(-h, h);
  const mm = at(-h, -h);
  const fit = (k: 0 | 1) =>
    Float64Array.of(
      (e1[k] - e0[k]) / (2 * h),
      (n1[k] - n0[k]) / (2 * h),
      (e1[k] - 2 * c[k] + e0[k]) / (h * h),
      (pp[k] - pm[k] - mp[k] + mm[k]) / (4 * h * h),
      (n1[k] - 2 * c[k] + n0[k]) / (h * h),
    );
  return { lon0: c[0], lat0: c[1], lon: fit(0), lat: fit(1) };
}

/**
 * Along a ray from the site at unit direction (se, ce) (east, north components), the map
 * as lon = lon0 + d·p + d²·q (and lat likewise): `out` gets [pLon, qLon, pLat, qLat].
 */
export function rayCoefficients(m: LocalMap, se: number, ce: number, out: Float64Array): void {
  const a = m.lon;
  const b = m.lat;
  out[0] = a[0] * se + a[1] * ce;
  out[1] = 0.5 * a[2] * se * se + a[3] * se * ce + 0.5 * a[4] * ce * ce;
  out[2] = b[0] * se + b[1] * ce;
  out[3] = 0.5 * b[2] * se * se + b[3] * se * ce + 0.5 * b[4] * ce * ce;
}

/**
 * Samples ground heights along a ray: z[i] for d = i·step, i = 0…count−1, from the source.
 * Returns the number of samples with no data (left NaN).
 */
export function sampleRay(
  src: ElevationSource,
  m: LocalMap,
  ray: Float64Array,
  step: number,
  count: number,
  z: Float64Array,
): number {
  let voids = 0;
  if (isElevationWindow(src)) {
    const { west, north, dx, dy } = src.georef;
    // Pixel coordinates are affine in degrees: fold the map into them.
    const u0 = (m.lon0 - west) / dx - 0.5;
    const v0 = (north - m.lat0) / dy - 0.5;
    const pu = ray[0] / dx;
    const qu = ray[1] / dx;
    const pv = -ray[2] / dy;
    const qv = -ray[3] / dy;
    for (let i = 0; i < count; i++) {
      const d = i * step;
      sampleWindowInto(src, u0 + d * (pu + d * qu), v0 + d * (pv + d * qv), z, i);
      if (z[i] !== z[i]) voids++;
    }
    return voids;
  }
  for (let i = 0; i < count; i++) {
    const d = i * step;
    const h = src.heightAt(m.lon0 + d * (ray[0] + d * ray[1]), m.lat0 + d * (ray[2] + d * ray[3]));
    if (h !== h) voids++;
    z[i] = h;
  }
  return voids;
}

/** Height at the site itself (NaN: no data). */
export function heightAtSite(src: ElevationSource, m: LocalMap): number {
  if (isElevationWindow(src)) {
    const { west, north, dx, dy } = src.georef;
    return sampleWindow(src, (m.lon0 - west) / dx - 0.5, (north - m.lat0) / dy - 0.5);
  }
  return src.heightAt(m.lon0, m.lat0);
}

/**
 * Lowest and highest pixel values of a window within `radiusM` of a position (voids
 * skipped): bilinear samples lie between them. Null when the window has no valid pixel
 * there or the source is not a window.
 */
export function windowRange(
  src: ElevationSource,
  lon: number,
  lat: number,
  radiusM: number,
): [number, number] | null {
  if (!isElevationWindow(src)) return null;
  const { west, north, dx, dy, width, height } = src.georef;
  const dLat = radiusM / M_PER_DEG_LAT;
  const dLon =
    radiusM / (M_PER_DEG_LON * Math.max(0.01, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180)));
  // A margin of one pixel: bilinear samples near the edge of the disc read pixels just outside.
  const c0 = Math.max(0, Math.floor((lon - dLon - west) / dx) - 1);
  const c1 = Math.min(width - 1, Math.ceil((lon + dLon - west) / dx) + 1);
  const r0 = Math.max(0, Math.floor((north - lat - dLat) / dy) - 1);
  const r1 = Math.min(height - 1, Math.ceil((north - lat + dLat) / dy) + 1);
  let lo = Infinity;
  let hi = -Infinity;
  const data = src.data;
  for (let r = r0; r <= r1; r++) {
    const base = r * width;
    for (let c = c0; c <= c1; c++) {
      const v = data[base + c];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The WGS-84 [west, south, east, north] box a DEM window must cover for sites inside
 * `bbox` whose coverage reaches at most `radiusM` (ModelParams.maxRadiusM): the box grown
 * by that distance (plus a pixel's worth, for bilinear samples at the edge).
 */
export function demBoxFor(
  bbox: readonly [number, number, number, number],
  radiusM: number,
): [number, number, number, number] {
  const margin = radiusM + 100;
  const dLat = margin / M_PER_DEG_LAT;
  const far = Math.min(89, Math.max(Math.abs(bbox[1]), Math.abs(bbox[3])) + dLat);
  const dLon = margin / (M_PER_DEG_LON * Math.cos((far * Math.PI) / 180));
  return [
    bbox[0] - dLon,
    Math.max(-90, bbox[1] - dLat),
    bbox[2] + dLon,
    Math.min(90, bbox[3] + dLat),
  ];
}
