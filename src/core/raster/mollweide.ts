/**
 * World Mollweide, ESRI:54009 — the CRS of GHSL's GHS-POP. As PROJ (`+proj=moll
 * +datum=WGS84`) and ESRI implement it, the projection is spherical with the WGS-84
 * semi-major axis as radius (no authalic radius), central meridian 0, no false origin:
 *   x = (2√2/π)·R·λ·cos θ,  y = √2·R·sin θ,  with 2θ + sin 2θ = π·sin φ.
 */

const R = 6_378_137;
const SQRT2 = Math.SQRT2;
const DEG = Math.PI / 180;

/** Auxiliary angle θ of a latitude (radians), by Newton iteration on 2θ + sin 2θ = π sin φ. */
function auxiliary(phi: number): number {
  if (Math.abs(Math.abs(phi) - Math.PI / 2) < 1e-12) return Math.sign(phi) * (Math.PI / 2);
  const target = Math.PI * Math.sin(phi);
  // Iterate on t = 2θ: t + sin t = target; converges in < 10 steps away from the poles.
  let t = phi;
  for (let i = 0; i < 50; i++) {
    const d = (t + Math.sin(t) - target) / (1 + Math.cos(t));
    t -= d;
    if (Math.abs(d) < 1e-13) break;
  }
  return t / 2;
}

/** Mollweide metres of a WGS-84 position (degrees). */
export function mollweideForward(lon: number, lat: number): [number, number] {
  const theta = auxiliary(lat * DEG);
  return [((2 * SQRT2) / Math.PI) * R * lon * DEG * Math.cos(theta), SQRT2 * R * Math.sin(theta)];
}

/** WGS-84 degrees of Mollweide metres; null outside the projection's ellipse. */
export function mollweideInverse(x: number, y: number): [number, number] | null {
  const s = y / (SQRT2 * R);
  if (Math.abs(s) > 1) return null;
  const theta = Math.asin(s);
  const c = Math.cos(theta);
  const lat = Math.asin((2 * theta + Math.sin(2 * theta)) / Math.PI) / DEG;
  if (c < 1e-12) return x === 0 ? [0, lat] : null;
  const lon = (Math.PI * x) / (2 * SQRT2 * R * c) / DEG;
  if (Math.abs(lon) > 180 + 1e-9) return null;
  return [lon, lat];
}
