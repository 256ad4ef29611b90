// Small regions and rasters with known people, for the population surface tests.
import type { Polygon } from 'geojson';
import type { Area } from '../../../src/core/area';
import { mollweideForward, mollweideInverse } from '../../../src/core/raster/mollweide';
import type { RasterWindow } from '../../../src/core/raster/types';
import { geographicPixelKm2, rowPixelKm2 } from '../../../src/core/population/pixel-area';
import { wgs84 } from '../../../src/core/crs';
import type { Settlement } from '../../../src/core/settlement';

export function box(w: number, s: number, e: number, n: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

export function area(
  code: string,
  geometry: Polygon,
  total: number,
  split: { urban: number; rural: number } | null = null,
  level: 'county' | 'township' = 'county',
): Area {
  return {
    code,
    name: code,
    level,
    parent: level === 'township' ? code.slice(0, 6) : null,
    kind: null,
    geometry,
    areaKm2: 0,
    seat: null,
    population: {
      total,
      urban: split?.urban ?? null,
      rural: split?.rural ?? null,
      source: 'test',
    },
  };
}

/** A geographic raster over [w, s, e, n] with `dx`° pixels; value(lon, lat) of each pixel centre. */
export function geographicRaster(
  [w, s, e, n]: [number, number, number, number],
  dx: number,
  value: (lon: number, lat: number, km2: number) => number,
  values: 'count' | 'density' = 'count',
): RasterWindow {
  const width = Math.round((e - w) / dx);
  const height = Math.round((n - s) / dx);
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    const lat = n - (r + 0.5) * dx;
    const km2 = geographicPixelKm2(dx, n - (r + 1) * dx, n - r * dx);
    for (let c = 0; c < width; c++) data[r * width + c] = value(w + (c + 0.5) * dx, lat, km2);
  }
  return {
    georef: { crs: 'EPSG:4326', west: w, north: n, dx, dy: dx, width, height },
    values,
    data,
  };
}

/** A Mollweide raster covering the WGS-84 box with `d` m pixels; value(lon, lat, km2) per pixel centre. */
export function mollweideRaster(
  [w, s, e, n]: [number, number, number, number],
  d: number,
  value: (lon: number, lat: number, km2: number) => number,
): RasterWindow {
  let x0 = Infinity,
    x1 = -Infinity;
  for (const lat of [s, n, (s + n) / 2])
    for (const lon of [w, e]) {
      const [x] = mollweideForward(lon, lat);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
    }
  const west = Math.floor(x0 / d) * d - d;
  const north = Math.ceil(mollweideForward(w, n)[1] / d) * d + d;
  const south = Math.floor(mollweideForward(w, s)[1] / d) * d - d;
  const width = Math.ceil((x1 + d - west) / d);
  const height = Math.round((north - south) / d);
  const georef = { crs: 'ESRI:54009' as const, west, north, dx: d, dy: d, width, height };
  const data = new Float32Array(width * height).fill(NaN);
  for (let r = 0; r < height; r++) {
    const km2 = rowPixelKm2(georef, r);
    for (let c = 0; c < width; c++) {
      const ll = mollweideInverse(west + (c + 0.5) * d, north - (r + 0.5) * d);
      if (ll) data[r * width + c] = value(ll[0], ll[1], km2);
    }
  }
  return { georef, values: 'count', data };
}

export function settlement(
  id: string,
  lon: number,
  lat: number,
  population: number | null,
  kind: Settlement['kind'] = 'natural-village',
): Settlement {
  return {
    id,
    name: id,
    position: wgs84(lon, lat),
    population,
    households: null,
    kind,
    code: null,
    synthetic: false,
    sourceRow: 1,
  };
}
