import { presetNPrb } from '../model/bands';
import type { BandPreset } from '../model/bands';
import { powerPerReDbm } from '../model/link-budget';
import { inverseNormalCdf } from '../model/normal';
import { o2iLowLossDb } from '../model/o2i';
import { pathLossDb, rmaBreakpointM, VALIDITY } from '../model/pathloss-38901';
import type { LosCondition, PathLossGeometry, Scenario } from '../model/pathloss-38901';
import type { ModelParams } from '../model/params';
import type { NrBand } from '../station';
import { NU_J_ZERO, NU_LOS, wavelengthM } from './diffraction';
import { RadialPath } from './radial';

/**
 * The part of a cell's link budget that depends on the path: 38.901 path loss with the
 * terrain's effective BS height and LOS/NLOS formula, and the shadowing margin of that
 * formula. Everything else (power, antenna gains, sector pattern, thresholds) is per
 * sector and layer and is added by the caller.
 *
 * One `PathConfig` serves every sector of a site that shares band, scenario and mast height.
 */
export interface PathConfig {
  key: string;
  band: NrBand;
  scenario: Scenario;
  /** Mast height above the site's ground (m). */
  hMastM: number;
  /**
   * Upper clamp of the effective height: the top of 38.901's BS height range for the
   * scenario (RMa 150 m; UMa/UMi were fitted at 25/10 m), never below the mast itself.
   */
  hEffMaxM: number;
  wavelengthM: number;
  /** Evaluation geometry (hBsM and condition are overwritten per call). */
  geometry: PathLossGeometry;
  zEdge: number;
  /** σ (dB) per formula: LOS before/after the RMa breakpoint, NLOS (O2I included). */
  sigmaLosNear: number;
  sigmaLosFar: number;
  sigmaNlos: number;
  /** Indoor and further fixed losses (dB). */
  fixedLossDb: number;
}

export function pathConfig(
  band: NrBand,
  preset: BandPreset,
  scenario: Scenario,
  hMastM: number,
  p: ModelParams,
): PathConfig {
  const sf = p.shadowingSigmaDb[scenario];
  const o2i = p.indoor ? p.o2iSigmaDb : 0;
  return {
    key: `${band}|${scenario}|${hMastM}`,
    band,
    scenario,
    hMastM,
    hEffMaxM: Math.max(hMastM, VALIDITY[scenario].hBsM[1]),
    wavelengthM: wavelengthM(preset.fcGHz),
    geometry: {
      scenario,
      condition: p.losCondition,
      fcGHz: preset.fcGHz,
      hBsM: hMastM,
      hUtM: p.ueHeightM,
      buildingHeightM: p.rmaBuildingHeightM,
      streetWidthM: p.rmaStreetWidthM,
    },
    zEdge: inverseNormalCdf(p.cellEdgeProbability),
    sigmaLosNear: Math.hypot(sf.los, o2i),
    sigmaLosFar: Math.hypot(sf.losBeyondBreakpoint, o2i),
    sigmaNlos: Math.hypot(sf.nlos, o2i),
    fixedLossDb: (p.indoor ? o2iLowLossDb(preset.fcGHz, scenario) : 0) + p.extraLossDb,
  };
}

/**
 * Path loss plus shadowing margin (dB) at ground distance d with BS height hBs and the
 * given formula — the flat model's PL(d) + z·σ(d) when hBs is the mast height and the
 * formula the model's (link-budget.ts), term for term.
 */
export function pathLossWithMarginDb(
  c: PathConfig,
  d: number,
  hBs: number,
  condition: LosCondition,
): number {
  const g = c.geometry;
  g.hBsM = hBs;
  g.condition = condition;
  const pl = pathLossDb(g, d);
  let sigma: number;
  if (condition === 'nlos') sigma = c.sigmaNlos;
  else if (c.scenario === 'rma' && d > rmaBreakpointM(g.fcGHz, hBs, g.hUtM)) sigma = c.sigmaLosFar;
  else sigma = c.sigmaLosNear;
  return pl + c.zEdge * sigma;
}

/** Per-sector constants of the coverage test (dB): covered where base + A(φ) − loss ≥ 0. */
export function sectorBaseDb(
  c: PathConfig,
  preset: BandPreset,
  powerDbm: number | null,
  p: ModelParams,
): number {
  const pRe = powerPerReDbm(powerDbm ?? preset.powerDbm, presetNPrb(preset).nPrb);
  return pRe + preset.antennaGainDbi + p.ueGainDbi - c.fixedLossDb - p.nrThresholdDbm;
}

/** Effective heights `HeightTable` tabulates: every whole metre up to this (m). */
export const TABLE_TOP_M = 300;

/**
 * Path loss + margin of one band and scenario at the samples of a radial (d = i·step) for
 * effective heights of every whole metre, filled row by row as heights are asked for and
 * shared by every mast height. Between rows the loss is interpolated linearly: PL is smooth
 * in h_BS (its second derivative is about 10/h² dB/m²), so within 0.002 dB of the formula.
 */
export class HeightTable {
  private readonly stride: number;
  private readonly los: Float64Array;
  private readonly nlos: Float64Array;
  private readonly filledLos: Uint8Array;
  private readonly filledNlos: Uint8Array;

  constructor(
    private readonly cfg: PathConfig,
    readonly stepM: number,
    readonly samples: number,
  ) {
    this.stride = samples + 1;
    const rows = TABLE_TOP_M + 1;
    this.los = new Float64Array(rows * this.stride);
    this.nlos = new Float64Array(rows * this.stride);
    this.filledLos = new Uint8Array(rows);
    this.filledNlos = new Uint8Array(rows);
  }

  private fill(k: number, los: boolean): void {
    const t = los ? this.los : this.nlos;
    const off = k * this.stride;
    const cond: LosCondition = los ? 'los' : 'nlos';
    // Row 0 stands for heights under 1 m, which 38.901 has no use for: the 1 m row.
    const h = Math.max(1, k);
    for (let i = 0; i < this.stride; i++)
      t[off + i] = pathLossWithMarginDb(this.cfg, i * this.stepM, h, cond);
    (los ? this.filledLos : this.filledNlos)[k] = 1;
  }

  /** Loss at sample i (≤ samples) for effective height h (m), 0 < h ≤ TABLE_TOP_M. */
  at(i: number, h: number, los: boolean): number {
    const k = h >= TABLE_TOP_M ? TABLE_TOP_M : Math.floor(h);
    const filled = los ? this.filledLos : this.filledNlos;
    if (!filled[k]) this.fill(k, los);
    const t = los ? this.los : this.nlos;
    const a = t[k * this.stride + i];
    if (k === h || k === TABLE_TOP_M) return a;
    if (!filled[k + 1]) this.fill(k + 1, los);
    return a + (h - k) * (t[(k + 1) * this.stride + i] - a);
  }

  /** Row k (the whole metre k) of one formula's losses, filled if need be: [array, offset]. */
  rowOf(k: number, los: boolean): Float64Array {
    if (!(los ? this.filledLos : this.filledNlos)[k]) this.fill(k, los);
    return los ? this.los : this.nlos;
  }

  rowOffset(k: number): number {
    return k * this.stride;
  }
}

/**
 * One configuration's view of its band's `HeightTable`: losses for effective heights from
 * the mast up, the bounds reaches come from, and ν of a level profile for `pathOutcome`.
 */
export class LossTable {
  /** ν of a level profile at each sample, for `pathOutcome`. */
  readonly nuLevel: Float64Array;

  /** The slack (dB) reaches allow for the tabulation (rows 1 m apart, linear between). */
  static readonly SLACK_DB = 0.01;

  constructor(
    private readonly cfg: PathConfig,
    private readonly heights: HeightTable,
    hRxM: number,
    aeM: number,
  ) {
    const samples = heights.samples;
    this.nuLevel = new Float64Array(samples + 1);
    this.nuLevel[0] = -Infinity;
    const level = new RadialPath(samples);
    level.reset({
      stepM: heights.stepM,
      hTxM: cfg.hMastM,
      hRxM,
      aeM,
      wavelengthM: cfg.wavelengthM,
      nuFloor: -Infinity,
    });
    for (let i = 1; i <= samples; i++) {
      level.push(0);
      this.nuLevel[i] = level.nuActual;
    }
  }

  /** Loss at sample i for effective height h ∈ [hMast, hEffMax]. */
  at(i: number, h: number, los: boolean): number {
    return this.heights.at(i, h, los);
  }

  private readonly floors: (Float64Array | undefined)[] = [];

  /**
   * M[i]: the lowest loss any effective height from the mast to hMax gives at sample i or
   * beyond, under one formula — non-decreasing in i, so reaches are found by bisection.
   * Whole-metre rows from below the mast to above hMax: a superset, hence a lower bound.
   * Built for every top row up to hMax's at once, each from the last (one row each).
   * Read-only.
   */
  floor(hMax: number, los: boolean): Float64Array {
    const kLo = Math.max(0, Math.min(TABLE_TOP_M, Math.floor(this.cfg.hMastM)));
    const kHi = Math.max(kLo, Math.min(TABLE_TOP_M, Math.ceil(hMax)));
    const flag = los ? 1 : 0;
    const m = this.floors[2 * kHi + flag];
    if (m) return m;
    const n = this.heights.samples + 1;
    const col = new Float64Array(n).fill(Infinity);
    for (let k = kLo; k <= kHi; k++) {
      const t = this.heights.rowOf(k, los);
      const off = this.heights.rowOffset(k);
      for (let i = 0; i < n; i++) if (t[off + i] < col[i]) col[i] = t[off + i];
      if (this.floors[2 * k + flag]) continue;
      const f = col.slice();
      for (let i = n - 2; i >= 0; i--) if (f[i + 1] < f[i]) f[i] = f[i + 1];
      this.floors[2 * k + flag] = f;
    }
    return this.floors[2 * kHi + flag] as Float64Array;
  }

  /**
   * The farthest distance (m, on the sample grid, rounded up) at which a path with any
   * effective height up to hMax and no terrain loss stays within `allowedDb`: nothing
   * farther can be covered. 0 when not even the site is; `maxRadiusM` at most.
   */
  reachM(hMax: number, los: boolean, allowedDb: number, maxRadiusM: number): number {
    const m = this.floor(hMax, los);
    const a = allowedDb + LossTable.SLACK_DB;
    if (!(m[0] <= a)) return 0;
    let lo = 0;
    let hi = m.length - 1;
    if (m[hi] <= a) return maxRadiusM;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (m[mid] <= a) lo = mid;
      else hi = mid;
    }
    return Math.min(maxRadiusM, hi * this.heights.stepM);
  }
}

/** What the terrain decides for one receiver point. */
export interface PathOutcome {
  /** The 38.901 LOS formula applies. */
  los: boolean;
  /** BS height for 38.901: the effective height, clamped to [mast, hEffMax]. */
  hEffM: number;
  /** Terrain diffraction over the smooth-earth reference, max(0, L_bulla − L_bulls) (dB). */
  diffractionDb: number;
}

/**
 * The model's reading of the path analysed last by `path`: one rule for the coverage model
 * and the profile tool.
 * - LOS formula only where the model allows LOS (`losModel`) and the terrain keeps 60 % of
 *   the first Fresnel zone clear beyond what the smooth earth does: ν_a ≤ max(−0.6·√2, ν_s).
 *   A level profile is its own smooth earth: LOS.
 * - Diffraction L_bulla − L_bulls, never negative; 0 on a level profile.
 * `nuLevel` is ν of a level profile with the same antennas (or +Infinity if unknown): the
 * smooth reference's transmitter stands at least as high above its surface, so ν_s ≤
 * ν_level, and the reference is computed only where that bound leaves a result open.
 */
export function pathOutcome(
  path: RadialPath,
  cfg: PathConfig,
  losModel: boolean,
  nuLevel: number,
  out: PathOutcome,
): PathOutcome {
  out.hEffM = path.hEffTx > cfg.hEffMaxM ? cfg.hEffMaxM : path.hEffTx;
  if (path.level) {
    out.los = losModel;
    out.diffractionDb = 0;
    return out;
  }
  const nu = path.nuActual;
  const la = path.lossActual;
  let ld = 0;
  if (la > 0) {
    if (nuLevel > NU_J_ZERO) {
      path.smooth();
      ld = Math.max(0, la - path.lossSmooth);
    } else ld = la;
  }
  let los = losModel && nu <= NU_LOS;
  if (losModel && !los && nu <= nuLevel) {
    path.smooth();
    los = nu <= path.nuSmooth;
  }
  out.los = los;
  out.diffractionDb = ld;
  return out;
}
