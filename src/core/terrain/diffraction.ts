/**
 * Diffraction over a terrain profile, as ITU-R writes it:
 * - J(ν), the knife-edge loss of ITU-R P.526-15/-16 §4.1, eq. (31);
 * - the Bullington equivalent knife edge of P.526 §4.5.1 (= ITU-R P.1812 §4.3.1,
 *   P.452 §4.5.1) with its correction term for the number of edges;
 * - the smooth-earth surface and the effective heights of P.1812 Attachment 1 §5.6.1–5.6.2,
 *   the reference of the "delta-Bullington" method (P.526 §4.5.2, P.1812 §4.3.4).
 *
 * These batch functions take a whole profile; they are the reference the incremental
 * radial engine (radial.ts) is tested against, and they reproduce the intermediate values
 * of the ITU-R SG 3 validation profiles (tests/unit/terrain-p1812-validation.test.ts).
 *
 * Units: metres throughout (the Recommendations write distances in km; every formula is
 * converted, e.g. 500·C_e·d_i·(d − d_i) [km, m] is d_i·(d − d_i)/(2·a_e) [m]).
 *
 * Why Bullington and not Deygout: Bullington replaces the terrain by one equivalent edge
 * found from two slopes (the steepest from each terminal), so along a radial it costs O(1)
 * (transmitter side: a running maximum) and O(log n) (receiver side: a tangent to the
 * profile's convex hull) per new receiver point — a site's coverage evaluates ~10⁴–10⁵
 * receiver points. It is the standard of P.1812/P.452 and of P.526 §4.5 for general
 * terrain. Deygout (up to three edges) is more accurate for several well separated ridges
 * but needs the principal edge of every sub-path, O(n) per receiver point, and is known
 * to overestimate the loss as edges are added (hence the empirical corrections of P.526
 * §4.5.3); P.1812's correction term (10 + 0.02·d) already accounts for multiple edges.
 */

/** ν at and below which J(ν) = 0 (P.526 eq. (31) holds for ν > −0.78). */
export const NU_J_ZERO = -0.78;

/**
 * ν of an obstacle that leaves exactly 60 % of the first Fresnel zone clear: its top lies
 * 0.6·F1 below the direct line, h = −0.6·F1, and ν = √2·h/F1 = −0.6·√2 ≈ −0.849 (P.526
 * eq. (26) with F1 from eq. (2)). A path whose every obstacle has ν ≤ this is "line of sight"
 * in the classical 60 %-clearance sense.
 */
export const NU_LOS = -0.6 * Math.SQRT2;

/** Speed of light used for wavelengths (m/s). */
const C = 299_792_458;

/** Wavelength (m) of a carrier in GHz. */
export function wavelengthM(fcGHz: number): number {
  return C / (fcGHz * 1e9);
}

/**
 * Knife-edge diffraction loss J(ν) (dB), ITU-R P.526 eq. (31):
 * 6.9 + 20·log10(√((ν − 0.1)² + 1) + ν − 0.1) for ν > −0.78, else 0.
 */
export function knifeEdgeLossDb(nu: number): number {
  if (!(nu > NU_J_ZERO)) return 0;
  const a = nu - 0.1;
  return 6.9 + 20 * Math.log10(Math.sqrt(a * a + 1) + a);
}

/** Radius of the first Fresnel zone (m) at d1 from one end and d2 from the other (P.526 eq. (2)). */
export function fresnelRadiusM(d1: number, d2: number, wavelength: number): number {
  return Math.sqrt((wavelength * d1 * d2) / (d1 + d2));
}

/** ν of an edge h metres above the direct line (negative below), P.526 eq. (26). */
export function knifeEdgeNu(h: number, d1: number, d2: number, wavelength: number): number {
  return h * Math.sqrt((2 * (d1 + d2)) / (wavelength * d1 * d2));
}

/**
 * Bullington loss from the knife-edge loss of the equivalent edge, P.1812 eq. (21):
 * L_uc + (1 − exp(−L_uc/6))·(10 + 0.02·d), d in km.
 */
export function bullingtonFromKnifeEdge(lucDb: number, dM: number): number {
  if (lucDb === 0) return 0;
  return lucDb + (1 - Math.exp(-lucDb / 6)) * (10 + 0.00002 * dM);
}

export interface BullingtonResult {
  /** Bullington diffraction loss L_bull (dB). */
  lossDb: number;
  /** ν of the equivalent edge: the largest ν of the points on a LOS path, else ν_b. */
  nu: number;
  /** No intermediate point reaches the direct line (S_tim < S_tr). */
  los: boolean;
  /** Distance of the equivalent edge from the transmitter (m); NaN when no point exists. */
  edgeM: number;
}

/**
 * Bullington loss of a profile (P.526 §4.5.1, P.1812 §4.3.1). `d` (m, increasing, d[0] = 0)
 * and `g` (m amsl) include both terminals; only the intermediate points 1…n−2 can be
 * edges. `hts`, `hrs`: antenna heights amsl; `aeM`: effective earth radius (m).
 */
export function bullington(
  d: ArrayLike<number>,
  g: ArrayLike<number>,
  hts: number,
  hrs: number,
  aeM: number,
  wavelength: number,
): BullingtonResult {
  const n = d.length;
  const dtot = d[n - 1] - d[0];
  const ce = 1 / (2 * aeM);
  let stim = -Infinity;
  for (let i = 1; i < n - 1; i++) {
    const s = (g[i] + ce * d[i] * (dtot - d[i]) - hts) / d[i];
    if (s > stim) stim = s;
  }
  const str = (hrs - hts) / dtot;
  let nu: number;
  let edge = NaN;
  const los = stim < str;
  if (los) {
    nu = -Infinity;
    for (let i = 1; i < n - 1; i++) {
      const di = d[i];
      const v =
        (g[i] + ce * di * (dtot - di) - (hts * (dtot - di) + hrs * di) / dtot) *
        Math.sqrt((2 * dtot) / (wavelength * di * (dtot - di)));
      if (v > nu) {
        nu = v;
        edge = di;
      }
    }
  } else {
    let srim = -Infinity;
    for (let i = 1; i < n - 1; i++) {
      const s = (g[i] + ce * d[i] * (dtot - d[i]) - hrs) / (dtot - d[i]);
      if (s > srim) srim = s;
    }
    edge = (hrs - hts + srim * dtot) / (stim + srim);
    nu =
      stim + srim > 0
        ? (hts + stim * edge - (hts * (dtot - edge) + hrs * edge) / dtot) *
          Math.sqrt((2 * dtot) / (wavelength * edge * (dtot - edge)))
        : 0;
  }
  return { lossDb: bullingtonFromKnifeEdge(knifeEdgeLossDb(nu), dtot), nu, los, edgeM: edge };
}

/** Smooth-earth surface of a profile (P.1812 Attachment 1 §5.6). Heights amsl (m). */
export interface SmoothEarth {
  /** Least-squares smooth surface at the transmitter and receiver, eqs. (85)–(88). */
  hst: number;
  hsr: number;
  /** Terminal effective heights above the surface, eqs. (92), (94): h_g + h − min(h_s, h). */
  hte: number;
  hre: number;
  /** Smooth-surface heights for the diffraction model, eqs. (89)–(91). */
  hstd: number;
  hsrd: number;
}

/**
 * The smooth-earth surface of a profile and its heights for the diffraction model,
 * P.1812 Attachment 1 §5.6.1–5.6.2 (htc = hts, hrc = hrs as P.1812-6 has it). The fit is the
 * least-squares line through the piecewise-linear profile; where terrain rises above the
 * line between the antennas (h_obs > 0) the surface is lowered in proportion to how
 * steeply the obstruction is seen from each end; finally it is never above the ground at
 * a terminal, so an effective height h_ts − h_std is never below the antenna's height
 * above its own ground.
 */
export function smoothEarthHeights(
  d: ArrayLike<number>,
  h: ArrayLike<number>,
  hts: number,
  hrs: number,
): SmoothEarth {
  const n = d.length;
  const dtot = d[n - 1];
  let v1 = 0;
  let v2 = 0;
  for (let i = 1; i < n; i++) {
    const dd = d[i] - d[i - 1];
    v1 += dd * (h[i] + h[i - 1]);
    v2 += dd * (h[i] * (2 * d[i] + d[i - 1]) + h[i - 1] * (d[i] + 2 * d[i - 1]));
  }
  const hst = (2 * v1 * dtot - v2) / (dtot * dtot);
  const hsr = (v2 - v1 * dtot) / (dtot * dtot);
  let hobs = -Infinity;
  let aobt = -Infinity;
  let aobr = -Infinity;
  for (let i = 1; i < n - 1; i++) {
    const H = h[i] - (hts * (dtot - d[i]) + hrs * d[i]) / dtot;
    if (H > hobs) hobs = H;
    if (H / d[i] > aobt) aobt = H / d[i];
    if (H / (dtot - d[i]) > aobr) aobr = H / (dtot - d[i]);
  }
  let hstp = hst;
  let hsrp = hsr;
  if (hobs > 0) {
    hstp = hst - (hobs * aobt) / (aobt + aobr);
    hsrp = hsr - (hobs * aobr) / (aobt + aobr);
  }
  return {
    hst,
    hsr,
    hte: hts - Math.min(hst, h[0]),
    hre: hrs - Math.min(hsr, h[n - 1]),
    hstd: hstp >= h[0] ? h[0] : hstp,
    hsrd: hsrp > h[n - 1] ? h[n - 1] : hsrp,
  };
}

export interface DeltaBullington {
  /** Bullington loss of the actual profile. */
  actual: BullingtonResult;
  /** Bullington loss of the smooth profile: zero heights, antennas above the smooth surface. */
  smooth: BullingtonResult;
  smoothEarth: SmoothEarth;
  /** Terrain diffraction over the smooth-earth reference: max(0, L_bulla − L_bulls). */
  terrainDb: number;
}

/**
 * The two Bullington losses of the delta-Bullington method (P.1812 §4.3.4) for one
 * profile and their difference. The smooth profile has zero heights and the transmitter
 * at h_ts − h_std; its receiver is at h_rs − h_srd as P.1812 has it, or — SailPlan's
 * reference, `rxAboveSmoothM` — at the UE's own height above the smooth surface, the
 * smooth earth the 38.901 formula describes.
 *
 * P.1812 completes L_bulla with max(L_dsph − L_bulls, 0), a spherical-earth term;
 * SailPlan's smooth-earth loss is the 3GPP TR 38.901 median, so the terrain adds only what
 * it obstructs beyond the smooth earth, L_bulla − L_bulls, and never less than nothing (a
 * profile clearer than its smooth surface gains through its effective height, not through
 * a negative diffraction loss).
 */
export function deltaBullington(
  d: ArrayLike<number>,
  h: ArrayLike<number>,
  hts: number,
  hrs: number,
  aeM: number,
  wavelength: number,
  rxAboveSmoothM?: number,
): DeltaBullington {
  const se = smoothEarthHeights(d, h, hts, hrs);
  const actual = bullington(d, h, hts, hrs, aeM, wavelength);
  const zero = new Float64Array(d.length);
  const hr = rxAboveSmoothM ?? hrs - se.hsrd;
  const smooth = bullington(d, zero, hts - se.hstd, hr, aeM, wavelength);
  return {
    actual,
    smooth,
    smoothEarth: se,
    terrainDb: Math.max(0, actual.lossDb - smooth.lossDb),
  };
}
