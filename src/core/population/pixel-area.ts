/**
 * The ground area of raster pixels on the WGS-84 ellipsoid, which turns a density raster
 * (people/km²) into people and a count raster into a density.
 *
 * - EPSG:4326: the band between two parallels over dλ radians has area (a²/2)·dλ·(q(φ₂) −
 *   q(φ₁)), q Snyder's (3-12) (the same q as the grid's equal-area projection, laea.ts).
 * - ESRI:54009: Mollweide is equal-area on the sphere of radius a (mollweide.ts), so a
 *   pixel is dx·dy there; the ellipsoid's area element is (1 − e²)/(1 − e² sin²φ)² times
 *   the sphere's at the same latitude, which corrects it to the ground (−0.2 % at 35° N).
 */
import type { RasterGeoref } from '../raster/types';
import { WGS84_A, WGS84_E2 } from '../grid/laea';

const E = Math.sqrt(WGS84_E2);
const RAD = Math.PI / 180;

function qOf(sinPhi: number): number {
  const es = E * sinPhi;
  return (1 - WGS84_E2) * (sinPhi / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
}

/** Area (km²) of a geographic pixel of `dxDeg` between latitudes `lat1` < `lat2` (degrees). */
export function geographicPixelKm2(dxDeg: number, lat1: number, lat2: number): number {
  const q = qOf(Math.sin(lat2 * RAD)) - qOf(Math.sin(lat1 * RAD));
  return ((WGS84_A * WGS84_A) / 2) * dxDeg * RAD * Math.abs(q) * 1e-6;
}

/** Ellipsoid ÷ Mollweide-sphere area at latitude `lat` (degrees). */
export function mollweideAreaFactor(lat: number): number {
  const s = Math.sin(lat * RAD);
  const d = 1 - WGS84_E2 * s * s;
  return (1 - WGS84_E2) / (d * d);
}

/** Ground area (km²) of pixel row `row` (EPSG:4326: the same for every pixel of a row). */
export function rowPixelKm2(g: RasterGeoref, row: number): number {
  const north = g.north - row * g.dy;
  if (g.crs === 'EPSG:4326') return geographicPixelKm2(g.dx, north - g.dy, north);
  // Mollweide: latitude of the row's centre on the central meridian is close enough for
  // the factor, which varies by < 1e-6 across a 1 km pixel.
  const lat = mollweideLatOfY(north - g.dy / 2);
  return g.dx * g.dy * 1e-6 * mollweideAreaFactor(lat);
}

/** Latitude (degrees) of Mollweide y (metres); the inverse does not depend on x. */
export function mollweideLatOfY(y: number): number {
  const s = Math.max(-1, Math.min(1, y / (Math.SQRT2 * WGS84_A)));
  const theta = Math.asin(s);
  return Math.asin((2 * theta + Math.sin(2 * theta)) / Math.PI) / RAD;
}

/** Ground size (m) of a pixel near the window's centre: the side of a square of its area. */
export function pixelGroundM(g: RasterGeoref): number {
  return Math.sqrt(rowPixelKm2(g, Math.floor(g.height / 2)) * 1e6);
}
