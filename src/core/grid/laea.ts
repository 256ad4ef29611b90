/**
 * Oblique Lambert azimuthal equal-area projection on the WGS-84 ellipsoid, centred on
 * the region being analysed. Equal-area means every grid cell of side s covers s² of
 * the ellipsoid's surface, so covered area = cells × s² with no per-cell correction.
 *
 * Formulas: J. P. Snyder, "Map Projections — A Working Manual", USGS Professional
 * Paper 1395 (1987), §24, pp. 187–190: forward eqs. (24-2), (24-4)…(24-8) with the
 * authalic latitude β = asin(q/q_p) (3-11, 3-12); inverse eqs. (24-27)…(24-30) and
 * φ from β by the series (3-18), polished with Newton steps on q (3-16).
 */

/** WGS-84 semi-major axis (m) and first eccentricity squared. */
export const WGS84_A = 6_378_137;
export const WGS84_E2 = 0.00669437999014;

const E = Math.sqrt(WGS84_E2);
const RAD = Math.PI / 180;

/** Snyder (3-12): q as a function of geodetic latitude (radians). */
function qOf(sinPhi: number): number {
  const es = E * sinPhi;
  return (1 - WGS84_E2) * (sinPhi / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
}

const QP = qOf(1);
/** Radius of the authalic sphere (same surface area as the ellipsoid). */
export const AUTHALIC_RADIUS = WGS84_A * Math.sqrt(QP / 2);

/** A projection of WGS-84 degrees to metres on a plane, and back. */
export interface Laea {
  readonly lon0: number;
  readonly lat0: number;
  /** [lon, lat] degrees → [x, y] metres (x east, y north). */
  forward(lon: number, lat: number): [number, number];
  /** [x, y] metres → [lon, lat] degrees. */
  inverse(x: number, y: number): [number, number];
  /** Projects `lonLat` (interleaved lon, lat) into `out` (interleaved x, y). */
  forwardMany(lonLat: ArrayLike<number>, out: Float64Array): Float64Array;
  /** The longitude terms of `lons` (degrees), for `forwardRow`. */
  lonTerms(lons: ArrayLike<number>): LonTerms;
  /**
   * Projects the points `terms`' lons × `lat` (a row of a lon/lat raster) into `out`
   * (interleaved x, y): exactly `forward`'s numbers, with the latitude's terms computed
   * once per row and the longitudes' once per raster (a row of an image costs no log).
   */
  forwardRow(lat: number, terms: LonTerms, out: Float64Array): Float64Array;
}

/** sin and cos of each longitude's offset from the projection's centre. */
export interface LonTerms {
  readonly sin: Float64Array;
  readonly cos: Float64Array;
}

/** Geodetic latitude (radians) from authalic latitude β (radians). */
function latFromAuthalic(beta: number): number {
  const e4 = WGS84_E2 * WGS84_E2;
  const e6 = e4 * WGS84_E2;
  let phi =
    beta +
    (WGS84_E2 / 3 + (31 * e4) / 180 + (517 * e6) / 5040) * Math.sin(2 * beta) +
    ((23 * e4) / 360 + (251 * e6) / 3780) * Math.sin(4 * beta) +
    ((761 * e6) / 45360) * Math.sin(6 * beta);
  // The series is good to ~1e-9 rad; two Newton steps on q reach machine precision.
  const q = QP * Math.sin(beta);
  for (let k = 0; k < 2; k++) {
    const s = Math.sin(phi);
    const c = Math.cos(phi);
    if (Math.abs(c) < 1e-12) break;
    const es2 = 1 - WGS84_E2 * s * s;
    phi +=
      ((es2 * es2) / (2 * c)) *
      (q / (1 - WGS84_E2) - s / es2 + (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
  }
  return phi;
}

/** A Lambert azimuthal equal-area projection centred on (lon0, lat0) degrees. */
export function createLaea(lon0: number, lat0: number): Laea {
  const phi1 = lat0 * RAD;
  const lam0 = lon0 * RAD;
  const sinPhi1 = Math.sin(phi1);
  const beta1 = Math.asin(qOf(sinPhi1) / QP);
  const sinB1 = Math.sin(beta1);
  const cosB1 = Math.cos(beta1);
  const m1 = Math.cos(phi1) / Math.sqrt(1 - WGS84_E2 * sinPhi1 * sinPhi1);
  // Snyder (24-20): D rescales x and y so the scale is true along the centre's parallel.
  const D = (WGS84_A * m1) / (AUTHALIC_RADIUS * cosB1);
  const Rq = AUTHALIC_RADIUS;

  // forwardXY and forwardRow evaluate the same expressions in the same order, so their
  // results are identical to the last bit.
  const forwardXY = (lon: number, lat: number, out: Float64Array | number[], o: number) => {
    const sinBeta = qOf(Math.sin(lat * RAD)) / QP;
    const cosBeta = Math.sqrt(Math.max(0, 1 - sinBeta * sinBeta));
    const dl = lon * RAD - lam0;
    const cosDl = Math.cos(dl);
    const B = Rq * Math.sqrt(2 / (1 + sinB1 * sinBeta + cosB1 * cosBeta * cosDl));
    out[o] = B * D * cosBeta * Math.sin(dl);
    out[o + 1] = (B / D) * (cosB1 * sinBeta - sinB1 * cosBeta * cosDl);
  };
  const forwardRow = (lat: number, terms: LonTerms, out: Float64Array) => {
    const sinBeta = qOf(Math.sin(lat * RAD)) / QP;
    const cosBeta = Math.sqrt(Math.max(0, 1 - sinBeta * sinBeta));
    const { sin, cos } = terms;
    for (let i = 0; i < sin.length; i++) {
      const cosDl = cos[i];
      const B = Rq * Math.sqrt(2 / (1 + sinB1 * sinBeta + cosB1 * cosBeta * cosDl));
      out[2 * i] = B * D * cosBeta * sin[i];
      out[2 * i + 1] = (B / D) * (cosB1 * sinBeta - sinB1 * cosBeta * cosDl);
    }
    return out;
  };

  return {
    lon0,
    lat0,
    forward(lon, lat) {
      const out = [0, 0];
      forwardXY(lon, lat, out, 0);
      return out as [number, number];
    },
    forwardMany(lonLat, out) {
      for (let i = 0; i + 1 < lonLat.length; i += 2) forwardXY(lonLat[i], lonLat[i + 1], out, i);
      return out;
    },
    lonTerms(lons) {
      const sin = new Float64Array(lons.length);
      const cos = new Float64Array(lons.length);
      for (let i = 0; i < lons.length; i++) {
        const dl = lons[i] * RAD - lam0;
        sin[i] = Math.sin(dl);
        cos[i] = Math.cos(dl);
      }
      return { sin, cos };
    },
    forwardRow,
    inverse(x, y) {
      const xd = x / D;
      const yd = D * y;
      const rho = Math.sqrt(xd * xd + yd * yd);
      if (rho < 1e-9) return [lon0, lat0];
      const ce = 2 * Math.asin(Math.min(1, rho / (2 * Rq)));
      const sinCe = Math.sin(ce);
      const cosCe = Math.cos(ce);
      const beta = Math.asin(cosCe * sinB1 + (D * y * sinCe * cosB1) / rho);
      const lam = lam0 + Math.atan2(x * sinCe, D * rho * cosB1 * cosCe - D * D * y * sinB1 * sinCe);
      let lon = lam / RAD;
      if (lon > 180) lon -= 360;
      else if (lon < -180) lon += 360;
      return [lon, latFromAuthalic(beta) / RAD];
    },
  };
}
