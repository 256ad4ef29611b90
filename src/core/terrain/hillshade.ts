import type { ElevationWindow } from './elevation';

/**
 * A hillshade picture of a DEM window, for the map's terrain layer: RGBA pixels, one per
 * DEM pixel, north-up over the window's own geographic box (a maplibre image source takes
 * its four corners). Lambert shading of the surface normal from central differences in
 * metres (east–west spacing shrinks with cos φ, per row), lit from the sun's azimuth and
 * altitude (the cartographic default: north-west, 45°). The picture is grey with an
 * alpha that grows with the shade's distance from a flat surface's, so flat ground stays
 * transparent over the basemap and slopes darken or lighten it. Voids are transparent.
 */
export interface HillshadeOptions {
  /** Sun azimuth, degrees clockwise from north (default 315). */
  azimuthDeg?: number;
  /** Sun altitude above the horizon, degrees (default 45). */
  altitudeDeg?: number;
  /** Vertical exaggeration (default 1). */
  zFactor?: number;
  /** Largest alpha (0–255; default 160). */
  maxAlpha?: number;
}

export interface Hillshade {
  width: number;
  height: number;
  /** RGBA, row-major from the north row. */
  rgba: Uint8ClampedArray;
  /** WGS-84 [west, south, east, north] of the picture. */
  bounds: [number, number, number, number];
}

/** Metres per degree of latitude and of longitude at the equator (as elevation.ts). */
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320;

export function hillshade(w: ElevationWindow, opts: HillshadeOptions = {}): Hillshade {
  const { width, height, west, north, dx, dy } = w.georef;
  const az = ((opts.azimuthDeg ?? 315) * Math.PI) / 180;
  const alt = ((opts.altitudeDeg ?? 45) * Math.PI) / 180;
  const z = opts.zFactor ?? 1;
  const maxAlpha = opts.maxAlpha ?? 160;
  // Light vector (east, north, up).
  const lx = Math.sin(az) * Math.cos(alt);
  const ly = Math.cos(az) * Math.cos(alt);
  const lz = Math.sin(alt);
  const flat = lz;
  const data = w.data;
  const rgba = new Uint8ClampedArray(width * height * 4);
  const ns = dy * M_PER_DEG_LAT;
  const at = (c: number, r: number): number =>
    data[Math.min(height - 1, Math.max(0, r)) * width + Math.min(width - 1, Math.max(0, c))];
  for (let r = 0; r < height; r++) {
    const lat = north - (r + 0.5) * dy;
    const ew = dx * M_PER_DEG_LON * Math.cos((lat * Math.PI) / 180);
    for (let c = 0; c < width; c++) {
      const o = (r * width + c) * 4;
      const h = data[r * width + c];
      if (h !== h) continue;
      let e = at(c + 1, r);
      let wv = at(c - 1, r);
      let n = at(c, r - 1);
      let s = at(c, r + 1);
      if (e !== e) e = h;
      if (wv !== wv) wv = h;
      if (n !== n) n = h;
      if (s !== s) s = h;
      const cw = c === 0 || c === width - 1 ? 1 : 2;
      const rh = r === 0 || r === height - 1 ? 1 : 2;
      const gx = (z * (e - wv)) / (cw * ew);
      const gy = (z * (n - s)) / (rh * ns);
      // Normal of the surface z = f(x, y): (−gx, −gy, 1) / |…|.
      const shade = (-gx * lx - gy * ly + lz) / Math.sqrt(gx * gx + gy * gy + 1);
      const v = Math.max(0, shade);
      const grey = v >= flat ? 255 : 0;
      const a = Math.min(1, Math.abs(v - flat) / flat);
      rgba[o] = grey;
      rgba[o + 1] = grey;
      rgba[o + 2] = grey;
      rgba[o + 3] = Math.round(a * maxAlpha);
    }
  }
  return {
    width,
    height,
    rgba,
    bounds: [west, north - height * dy, west + width * dx, north],
  };
}

/**
 * Every k-th pixel of a window (k ≥ 1, the least that keeps both sides ≤ `maxSide`), as a
 * window of k-times coarser pixels over the same box: a picture for the map needs no more
 * pixels than a screen has, and a county's 1″ DEM has tens of millions.
 */
export function thinWindow(w: ElevationWindow, maxSide: number): ElevationWindow {
  const { width, height, dx, dy } = w.georef;
  const k = Math.max(1, Math.ceil(Math.max(width, height) / maxSide));
  if (k === 1) return w;
  const tw = Math.floor(width / k);
  const th = Math.floor(height / k);
  const data = new Float32Array(tw * th);
  const off = Math.floor(k / 2);
  for (let r = 0; r < th; r++)
    for (let c = 0; c < tw; c++) data[r * tw + c] = w.data[(r * k + off) * width + c * k + off];
  return {
    georef: { ...w.georef, dx: dx * k, dy: dy * k, width: tw, height: th },
    values: 'elevation',
    data,
  };
}
