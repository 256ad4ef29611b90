import { bullingtonFromKnifeEdge, knifeEdgeLossDb } from './diffraction';
import { edgeAbove, edgeSpan, pushHull, slot, supportMax, tangentFromRight } from './hull';

/**
 * The delta-Bullington analysis of every receiver point along one radial from a site, in
 * O(1)–O(log n) per point instead of the O(n) of a path evaluated on its own.
 *
 * Samples are equally spaced, x_i = i·Δ, and heights z_i are relative to the ground at the
 * site (z_0 = 0). For the receiver at sample n the path is samples 0…n, its intermediate
 * points 1…n−1; the transmitter is h_tx above z_0, the receiver h_rx above z_n.
 *
 * The geometry is worked in the flat frame with a parabolic earth, Y_i = z_i − x_i²/(2a_e):
 * this is P.1812's earth bulge d_i·(d − d_i)/(2a_e) plus a shear that depends on x only,
 * which changes every slope by the same amount and every height above the direct line by
 * nothing, so the Bullington construction is exactly P.1812's — but straight lines stay
 * straight whatever the receiver. Then:
 * - the transmitter-side slope S_tim is a running maximum over the points seen so far;
 * - the receiver-side slope S_rim is the tangent from the receiver to the upper convex hull
 *   of the points so far (incremental monotone chain, binary search);
 * - on line-of-sight paths ν_max, exactly: along the hull, ν_hull(x) = √2·(hull(x) −
 *   line(x))/F1(x) is quasi-concave (a negative concave function over a positive concave
 *   one), so its vertex maximum is found by climbing from the previous receiver's, and no
 *   point outside the two hull edges next to that vertex can beat it (every point lies under
 *   the hull, and ν_hull is below the vertex maximum beyond those edges). Of the points
 *   under those two edges only those where the edge's own ν_hull beats the vertex (and
 *   `nuFloor`) are scanned: an interval from a quadratic (hull.ts `edgeAbove`).
 * - the least-squares smooth-earth surface (P.1812 Att. 1 eqs. (85)–(88)) from running
 *   sums. It gives two effective transmitter heights, each for what P.1812 uses it for:
 *   the terminal's effective height h_te = h_ts − min(h_st, h_1) (eqs. (92a), (94a)),
 *   which is 38.901's h_BS here; and the diffraction model's h_ts − h_std, whose surface
 *   is lowered under an obstruction (eqs. (89)–(91): a running maximum and two queries on
 *   the hull of the raw heights) so that the smooth profile does not absorb the very
 *   obstruction the actual profile is measured against. Both are ≥ the mast height;
 * - the smooth profile's Bullington in closed form: zero heights, the transmitter at its
 *   effective height h′t and the receiver at h_rx above the smooth surface — the smooth
 *   earth the 38.901 formula stands for (BS at h_BS = h′t, UE at h_UT over even ground;
 *   P.1812 puts its receiver at h′r = h_rs − h_srd, which over a falling profile can be
 *   tens of metres and would count the UE's own ground, already in 38.901, as terrain).
 *   Its slopes are extreme at √(2a_e·h), so only the two samples around that count.
 *
 * `push` gives h_te and the actual profile's Bullington; the smooth reference (the
 * diffraction model's surface and the smooth Bullington) is computed by `smooth()` when the
 * caller needs it. A profile that is exactly level so far (every z_i = 0) has the smooth
 * surface as its own profile: the two Bullington losses are equal by definition and not
 * recomputed, so a constant DEM gives exactly the flat-earth results.
 */

/** What `RadialPath` needs besides the heights. */
export interface RadialSetup {
  /** Sample spacing Δ (m). */
  stepM: number;
  /** Transmitter antenna above the site ground (m). */
  hTxM: number;
  /** Receiver antenna above its ground (m). */
  hRxM: number;
  /** Effective earth radius a_e (m). */
  aeM: number;
  wavelengthM: number;
  /**
   * ν values at or below this change nothing for the caller (J = 0 below −0.78; a
   * line-of-sight decision looks at −0.6·√2): such a ν_a need not be exact. −Infinity:
   * everything exact.
   */
  nuFloor: number;
}

export class RadialPath {
  // Inputs of the current radial.
  private step = 1;
  private hTx = 0;
  private hRx = 0;
  private inv2a = 0;
  private lambda = 1;
  private nuFloor = -Infinity;
  // Samples so far: z (relative heights) and Y = z − x²/(2a).
  private z: Float64Array;
  private y: Float64Array;
  /** Index of the current receiver sample (0: none yet). */
  n = 0;
  // Upper hulls of the intermediate points (sample indices), curved (Y) and raw (z).
  private hull: Int32Array;
  private hullLen = 0;
  private raw: Int32Array;
  private rawLen = 0;
  // Running maxima over the intermediate points.
  private stim = -Infinity;
  private stimAt = -1;
  private mt = -Infinity;
  // Trapezoid sums of the least-squares fit (P.1812 eqs. (85), (86)).
  private v1 = 0;
  private v2 = 0;
  // Where the line-of-sight ν maxima were found last (hull position, sample index).
  private nuHullPos = 0;
  private nuSmoothAt = 1;
  /** Every z so far is exactly 0. */
  level = true;
  private smoothDone = false;

  // Results for the receiver at sample n.
  /** Terminal effective height h_te above the least-squares surface (m), ≥ hTx: 38.901's h_BS. */
  hEffTx = 0;
  /** After `smooth()`: the transmitter above the diffraction model's surface, h_ts − h_std (m), ≥ hTx. */
  hEffTxSmooth = 0;
  /** After `smooth()`: P.1812's receiver height above that surface, h_rs − h_srd (m), ≥ hRx (reported only). */
  hEffRx = 0;
  /** ν of the actual profile's equivalent edge (−∞ without intermediate points). */
  nuActual = -Infinity;
  /** Geometric line of sight over the actual profile (no point reaches the direct line). */
  losActual = true;
  /** After `smooth()`: ν of the smooth profile. */
  nuSmooth = NaN;
  /** Bullington losses (dB) of the actual profile and (after `smooth()`) of the smooth one. */
  lossActual = 0;
  lossSmooth = 0;
  /** Distance of the actual profile's equivalent edge from the site (m), NaN if none. */
  edgeM = NaN;

  constructor(maxSamples: number) {
    this.z = new Float64Array(maxSamples + 1);
    this.y = new Float64Array(maxSamples + 1);
    this.hull = new Int32Array(maxSamples + 1);
    this.raw = new Int32Array(maxSamples + 1);
  }

  /** Room for this many samples after the site. */
  get capacity(): number {
    return this.z.length - 1;
  }

  /** Starts a radial: sample 0 is the site (z = 0). */
  reset(s: RadialSetup): void {
    this.step = s.stepM;
    this.hTx = s.hTxM;
    this.hRx = s.hRxM;
    this.inv2a = 1 / (2 * s.aeM);
    this.lambda = s.wavelengthM;
    this.nuFloor = s.nuFloor;
    this.n = 0;
    this.z[0] = 0;
    this.y[0] = 0;
    this.hullLen = 0;
    this.rawLen = 0;
    this.stim = -Infinity;
    this.stimAt = -1;
    this.mt = -Infinity;
    this.v1 = 0;
    this.v2 = 0;
    this.nuHullPos = 0;
    this.nuSmoothAt = 1;
    this.level = true;
  }

  /** Current receiver's ground, relative to the site (m). */
  get groundM(): number {
    return this.z[this.n];
  }

  /** The curved profile height Y_i = z_i − x_i²/(2a_e) of sample i. */
  curved(i: number): number {
    return this.y[i];
  }

  /** Sample indices of the upper hull of the current path's intermediate points. */
  hullVertices(): Int32Array {
    return this.hull.slice(0, this.hullLen);
  }

  /** Sample index of the point with the steepest slope from the transmitter (−1 if none). */
  get txHorizon(): number {
    return this.stimAt;
  }

  /** Adds the next sample (height relative to the site ground) and analyses the path to it. */
  push(zNext: number): void {
    const prev = this.n;
    if (prev >= this.capacity) throw new RangeError('radial longer than its capacity');
    const step = this.step;
    const i = prev + 1;
    const xi = i * step;
    this.z[i] = zNext;
    this.y[i] = zNext - xi * xi * this.inv2a;
    if (zNext !== 0) this.level = false;
    // The previous receiver becomes an intermediate point.
    if (prev >= 1) this.addIntermediate(prev);
    // Least-squares sums over the new segment (prev, i), P.1812 eqs. (85), (86).
    const xp = prev * step;
    const zp = this.z[prev];
    this.v1 += step * (zNext + zp);
    this.v2 += step * (zNext * (2 * xi + xp) + zp * (xi + 2 * xp));
    this.n = i;
    this.evaluate();
  }

  private addIntermediate(p: number): void {
    const x = p * this.step;
    const s = (this.y[p] - this.hTx) / x;
    if (s > this.stim) {
      this.stim = s;
      this.stimAt = p;
    }
    const m = (this.z[p] - this.hTx) / x;
    if (m > this.mt) this.mt = m;
    this.hullLen = pushHull(this.hull, this.hullLen, this.y, p);
    this.rawLen = pushHull(this.raw, this.rawLen, this.z, p);
  }

  private evaluate(): void {
    const n = this.n;
    const step = this.step;
    const d = n * step;
    const zn = this.z[n];
    const hts = this.hTx;
    const hrs = zn + this.hRx;
    // Least-squares surface at the transmitter (P.1812 eq. (87)) and the terminal's
    // effective height, eqs. (92a), (94a).
    const hst = (2 * this.v1 * d - this.v2) / (d * d);
    this.hEffTx = hst >= 0 ? hts : hts - hst;
    this.smoothDone = false;

    // Bullington over the actual profile.
    const inv2a = this.inv2a;
    const lambda = this.lambda;
    if (n < 2) {
      this.nuActual = -Infinity;
      this.losActual = true;
      this.edgeM = NaN;
    } else {
      const yr = hrs - d * d * inv2a;
      const str = (yr - hts) / d;
      if (this.stim < str) {
        this.losActual = true;
        this.losNuOnHull(d, hts, str);
      } else {
        this.losActual = false;
        tangentFromRight(this.hull, this.hullLen, this.y, step, d, yr);
        const srim = slot[0];
        const den = this.stim + srim;
        if (den > 0) {
          const xb = (yr - hts + srim * d) / den;
          this.edgeM = xb;
          this.nuActual = (this.stim - str) * xb * Math.sqrt((2 * d) / (lambda * xb * (d - xb)));
        } else {
          // Grazing: the obstruction touches the direct line.
          this.edgeM = this.stimAt * step;
          this.nuActual = 0;
        }
      }
    }
    this.lossActual = bullingtonFromKnifeEdge(knifeEdgeLossDb(this.nuActual), d);
  }

  /**
   * The smooth-earth reference of the current path, computed when asked for (the coverage
   * needs it only where it can change a result): the diffraction model's surface
   * (P.1812 eqs. (88)–(91)), `hEffTxSmooth`, `hEffRx`, and the smooth profile's
   * Bullington `nuSmooth`, `lossSmooth`. A level profile is its own reference.
   */
  smooth(): void {
    if (this.smoothDone) return;
    this.smoothDone = true;
    const n = this.n;
    const step = this.step;
    const d = n * step;
    const zn = this.z[n];
    const hts = this.hTx;
    const hrs = zn + this.hRx;
    const d2 = d * d;
    const hst = (2 * this.v1 * d - this.v2) / d2;
    const hsr = (this.v2 - this.v1 * d) / d2;
    let hstp = hst;
    let hsrp = hsr;
    // Obstruction correction, eqs. (89), (90): some H_i = z_i − line_i > 0 exactly when
    // max (z_i − h_ts)/x_i exceeds the line's slope.
    const slope = (hrs - hts) / d;
    if (this.mt > slope) {
      supportMax(this.raw, this.rawLen, this.z, step, slope);
      const hobs = slot[0] - hts;
      const aobt = this.mt - slope;
      tangentFromRight(this.raw, this.rawLen, this.z, step, d, hrs);
      const aobr = slot[0] + slope;
      const sum = aobt + aobr;
      hstp = hst - (hobs * aobt) / sum;
      hsrp = hsr - (hobs * aobr) / sum;
    }
    // Eq. (91): the surface is never above the terminal's ground.
    const hstd = hstp >= 0 ? 0 : hstp;
    const hsrd = hsrp > zn ? zn : hsrp;
    this.hEffTxSmooth = hts - hstd;
    this.hEffRx = hrs - hsrd;
    if (this.level || n < 2) {
      this.nuSmooth = this.nuActual;
      this.lossSmooth = this.lossActual;
    } else this.smoothBullington(d);
  }

  /** ν of sample i for the direct line from (0, hts) with slope str (k2 = 2d/λ). */
  private nuOf(i: number, d: number, hts: number, str: number, k2: number): number {
    const x = i * this.step;
    return (this.y[i] - hts - str * x) * Math.sqrt(k2 / (x * (d - x)));
  }

  /** ν_max of a line-of-sight path (into nuActual, edgeM): the hull's vertex maximum, then the edges beside it. */
  private losNuOnHull(d: number, hts: number, str: number): void {
    const len = this.hullLen;
    const hull = this.hull;
    const k2 = (2 * d) / this.lambda;
    let k = this.nuHullPos < len ? this.nuHullPos : len - 1;
    let v = this.nuOf(hull[k], d, hts, str, k2);
    let moved = false;
    while (k + 1 < len) {
      const w = this.nuOf(hull[k + 1], d, hts, str, k2);
      if (!(w > v)) break;
      k++;
      v = w;
      moved = true;
    }
    if (!moved) {
      while (k > 0) {
        const w = this.nuOf(hull[k - 1], d, hts, str, k2);
        if (!(w > v)) break;
        k--;
        v = w;
      }
    }
    this.nuHullPos = k;
    let best = v;
    let at = hull[k];
    // Points under the edges next to the vertex maximum: only those under the part of an
    // edge where the edge itself would have ν above the floor can beat it.
    const floor = v > this.nuFloor ? v : this.nuFloor;
    for (let e = k - 1; e <= k; e++) {
      if (e < 0 || e + 1 >= len) continue;
      const a = hull[e];
      const b = hull[e + 1];
      if (b - a < 2 || !edgeAbove(a, b, this.y, this.step, d, hts, str, k2, floor)) continue;
      const from = Math.max(a + 1, Math.floor(edgeSpan[0] / this.step));
      const to = Math.min(b - 1, Math.ceil(edgeSpan[1] / this.step));
      for (let i = from; i <= to; i++) {
        const w = this.nuOf(i, d, hts, str, k2);
        if (w > best) {
          best = w;
          at = i;
        }
      }
    }
    this.edgeM = at * this.step;
    this.nuActual = best;
  }

  /**
   * Bullington over the smooth profile: zero heights (P.1812 frame), the transmitter at its
   * effective height and the receiver h_rx above the surface; in the flat frame the points
   * lie on Y = −x²/(2a_e).
   */
  private smoothBullington(d: number): void {
    const n = this.n;
    const step = this.step;
    const inv2a = this.inv2a;
    const ht = this.hEffTxSmooth;
    const hr = this.hRx;
    // S_tim: (Y_i − h′t)/x_i = −x_i/(2a) − h′t/x_i is largest at x = √(2a·h′t).
    const iT = Math.sqrt(ht / inv2a) / step;
    const t0 = clampIndex(Math.floor(iT), n);
    const t1 = clampIndex(Math.ceil(iT), n);
    const stim = Math.max(this.smoothSlopeTx(t0, ht), this.smoothSlopeTx(t1, ht));
    const yr = hr - d * d * inv2a;
    const str = (yr - ht) / d;
    let nu: number;
    if (stim < str) {
      const k2 = (2 * d) / this.lambda;
      let i = this.nuSmoothAt < n ? this.nuSmoothAt : n - 1;
      let v = this.smoothNu(i, d, ht, str, k2);
      let moved = false;
      while (i + 1 < n) {
        const w = this.smoothNu(i + 1, d, ht, str, k2);
        if (!(w > v)) break;
        i++;
        v = w;
        moved = true;
      }
      if (!moved) {
        while (i > 1) {
          const w = this.smoothNu(i - 1, d, ht, str, k2);
          if (!(w > v)) break;
          i--;
          v = w;
        }
      }
      this.nuSmoothAt = i;
      nu = v;
    } else {
      // S_rim: (Y_i − Y_r)/(d − x_i) = (2d − u)/(2a) − h′r/u, u = d − x_i: largest at u = √(2a·h′r).
      const iR = n - Math.sqrt(hr / inv2a) / step;
      const r0 = clampIndex(Math.floor(iR), n);
      const r1 = clampIndex(Math.ceil(iR), n);
      const srim = Math.max(this.smoothSlopeRx(r0, d, yr), this.smoothSlopeRx(r1, d, yr));
      const den = stim + srim;
      if (den > 0) {
        const xb = (yr - ht + srim * d) / den;
        nu = (stim - str) * xb * Math.sqrt((2 * d) / (this.lambda * xb * (d - xb)));
      } else nu = 0;
    }
    this.nuSmooth = nu;
    this.lossSmooth = bullingtonFromKnifeEdge(knifeEdgeLossDb(nu), d);
  }

  private smoothY(i: number): number {
    const x = i * this.step;
    return -x * x * this.inv2a;
  }

  private smoothSlopeTx(i: number, ht: number): number {
    return (this.smoothY(i) - ht) / (i * this.step);
  }

  private smoothSlopeRx(i: number, d: number, yr: number): number {
    return (this.smoothY(i) - yr) / (d - i * this.step);
  }

  private smoothNu(i: number, d: number, ht: number, str: number, k2: number): number {
    const x = i * this.step;
    return (this.smoothY(i) - ht - str * x) * Math.sqrt(k2 / (x * (d - x)));
  }
}

/** An index clamped to the intermediate points 1…n−1. */
function clampIndex(i: number, n: number): number {
  return i < 1 ? 1 : i > n - 1 ? n - 1 : i;
}
