import { metres } from '../units';
import type { Metres } from '../units';
import type { Env } from '../station';
import { presetNPrb } from './bands';
import type { BandPreset } from './bands';
import { inverseNormalCdf } from './normal';
import { o2iLowLossDb } from './o2i';
import { pathLossDb, rmaBreakpointM } from './pathloss-38901';
import type { PathLossGeometry, Scenario } from './pathloss-38901';
import { redcapPenaltyDb } from './params';
import type { ModelParams } from './params';

/**
 * Downlink link budget of one cell, on SS-RSRP:
 *   RSRP(d, φ) = P_RE + G_bs + A(φ) + G_ue − PL(d) − L_margin − L_indoor − L_extra
 *   P_RE = P_total − 10·log10(12·N_PRB)        (power per resource element)
 *   A(φ) = −min(12·(φ/φ3dB)², A_m)             (TR 38.901 Table 7.3-1, horizontal cut)
 *   L_margin = z(p)·σ, z = Φ⁻¹(p), σ = √(σ_SF² + σ_O2I²) indoors, σ_SF outdoors
 * A cell is covered where RSRP ≥ threshold (NR), or ≥ threshold + RedCap penalty (RedCap).
 */

export type CoverageLayer = 'nr' | 'redcap';

/** Everything needed to evaluate RSRP of one cell at a distance and angle. */
export interface LinkParams {
  geometry: PathLossGeometry;
  /** Power per resource element (dBm). */
  pReDbm: number;
  bsGainDbi: number;
  ueGainDbi: number;
  beamwidthDeg: number;
  backLobeDb: number;
  /** z = Φ⁻¹(cell-edge probability). */
  zEdge: number;
  /** σ used for the margin (dB); RMa LOS uses `sigmaBeyondBreakpointDb` past d_BP. */
  sigmaDb: number;
  sigmaBeyondBreakpointDb: number;
  /** Breakpoint at which the σ switches (RMa LOS), else Infinity. */
  sigmaBreakpointM: number;
  indoorLossDb: number;
  extraLossDb: number;
  thresholdDbm: number;
  maxRadiusM: number;
}

/** 'auto' → UMa inside a 街道 or county-town zone, RMa elsewhere (DESIGN.md). */
export function resolveEnv(env: Env, insideTownZone: boolean): Scenario {
  if (env === 'auto') return insideTownZone ? 'uma' : 'rma';
  return env;
}

export function powerPerReDbm(totalDbm: number, nPrb: number): number {
  return totalDbm - 10 * Math.log10(12 * nPrb);
}

/** Sector pattern attenuation A(φ) ≤ 0 (dB); φ in degrees off boresight, any sign. */
export function sectorAttenuationDb(
  offsetDeg: number,
  beamwidthDeg: number,
  backLobeDb: number,
): number {
  const phi = wrapOffset(offsetDeg);
  return -Math.min(12 * (phi / beamwidthDeg) ** 2, backLobeDb);
}

/** An angle folded into [−180, 180). */
export function wrapOffset(deg: number): number {
  const x = (((deg + 180) % 360) + 360) % 360;
  return x - 180;
}

export interface CellRadioInputs {
  scenario: Scenario;
  band: BandPreset;
  /** Station overrides (null: the band preset's). */
  heightM?: number | null;
  powerDbm?: number | null;
  beamwidthDeg?: number | null;
}

/** Resolve a cell's link budget for one coverage layer from the model parameters. */
export function linkParams(
  cell: CellRadioInputs,
  layer: CoverageLayer,
  p: ModelParams,
): LinkParams {
  const b = cell.band;
  const scenario = cell.scenario;
  const hBsM = cell.heightM ?? b.heightM;
  const geometry: PathLossGeometry = {
    scenario,
    condition: p.losCondition,
    fcGHz: b.fcGHz,
    hBsM,
    hUtM: p.ueHeightM,
    buildingHeightM: p.rmaBuildingHeightM,
    streetWidthM: p.rmaStreetWidthM,
  };
  const sf = p.shadowingSigmaDb[scenario];
  const sfNear = p.losCondition === 'los' ? sf.los : sf.nlos;
  const sfFar = p.losCondition === 'los' ? sf.losBeyondBreakpoint : sf.nlos;
  const o2i = p.indoor ? p.o2iSigmaDb : 0;
  return {
    geometry,
    pReDbm: powerPerReDbm(cell.powerDbm ?? b.powerDbm, presetNPrb(b).nPrb),
    bsGainDbi: b.antennaGainDbi,
    ueGainDbi: p.ueGainDbi,
    beamwidthDeg: cell.beamwidthDeg ?? p.defaultBeamwidthDeg,
    backLobeDb: p.backLobeDb,
    zEdge: inverseNormalCdf(p.cellEdgeProbability),
    sigmaDb: Math.hypot(sfNear, o2i),
    sigmaBeyondBreakpointDb: Math.hypot(sfFar, o2i),
    sigmaBreakpointM:
      scenario === 'rma' && p.losCondition === 'los'
        ? rmaBreakpointM(b.fcGHz, hBsM, p.ueHeightM)
        : Infinity,
    indoorLossDb: p.indoor ? o2iLowLossDb(b.fcGHz, scenario) : 0,
    extraLossDb: p.extraLossDb,
    thresholdDbm: p.nrThresholdDbm + (layer === 'redcap' ? redcapPenaltyDb(p, b) : 0),
    maxRadiusM: p.maxRadiusM,
  };
}

/** Shadowing margin z·σ at a distance (dB). */
export function shadowingMarginDb(link: LinkParams, d2D: number): number {
  return link.zEdge * (d2D > link.sigmaBreakpointM ? link.sigmaBeyondBreakpointDb : link.sigmaDb);
}

/** Modelled RSRP (dBm) at a ground distance d2D (m) and an angle off boresight (deg). */
export function rsrpDbm(link: LinkParams, d2D: number, offsetDeg = 0): number {
  return (
    link.pReDbm +
    link.bsGainDbi +
    sectorAttenuationDb(offsetDeg, link.beamwidthDeg, link.backLobeDb) +
    link.ueGainDbi -
    pathLossDb(link.geometry, d2D) -
    shadowingMarginDb(link, d2D) -
    link.indoorLossDb -
    link.extraLossDb
  );
}

/** Bisection stops when the bracket is this narrow (m): far below any grid cell. */
const TOLERANCE_M = 1e-3;

/**
 * Largest ground distance at which RSRP ≥ threshold towards `azimuthOffsetDeg` off the
 * boresight, by bisection on [0, maxRadiusM]. PL is non-decreasing in d (flat below
 * 10 m, max(LOS, NLOS′) of increasing functions, breakpoints only step upwards), so
 * the covered set is an interval from the site and bisection finds its end. Returns
 * 0 when even 10 m is not covered, and maxRadiusM when the cap is still covered.
 */
export function solveCoverageDistance(link: LinkParams, azimuthOffsetDeg = 0): Metres {
  if (!(link.maxRadiusM > 0 && Number.isFinite(link.maxRadiusM))) {
    throw new RangeError(`maxRadiusM must be a finite positive distance, got ${link.maxRadiusM}`);
  }
  const f = (d: number) => rsrpDbm(link, d, azimuthOffsetDeg) - link.thresholdDbm;
  if (!(f(0) >= 0)) return metres(0);
  let hi = link.maxRadiusM;
  if (f(hi) >= 0) return metres(hi);
  let lo = 0;
  // The bracket halves each step; the cap on steps only guards against NaN parameters.
  for (let k = 0; k < 200 && hi - lo > TOLERANCE_M; k++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) >= 0) lo = mid;
    else hi = mid;
  }
  return metres(lo);
}
