import { BAND_PRESETS, presetNPrb } from './bands';
import type { BandPreset } from './bands';
import type { LosCondition, Scenario } from './pathloss-38901';
import { O2I_LOW_LOSS_SIGMA_DB } from './o2i';
import { NR_BANDS } from '../station';
import type { NrBand } from '../station';

/** Shadow-fading standard deviations of one scenario (dB), TR 38.901 Table 7.4.1-1. */
export interface ShadowingSigma {
  /** LOS up to the breakpoint (RMa PL1). */
  los: number;
  /** LOS beyond the breakpoint (RMa PL2; equal to `los` for UMa/UMi). */
  losBeyondBreakpoint: number;
  nlos: number;
}

/**
 * Every parameter of the coverage model. Reports record the whole object; the UI edits
 * it; `describeParams` lists it with units and sources.
 */
export interface ModelParams {
  /** NR coverage threshold on SS-RSRP (dBm). RedCap: this + the band's RedCap penalty. */
  nrThresholdDbm: number;
  /** Probability that a location at the cell edge is above the threshold (0–1). */
  cellEdgeProbability: number;
  /** Which 38.901 formula is used: NLOS (= max(LOS, NLOS′)) or LOS. */
  losCondition: LosCondition;
  shadowingSigmaDb: Record<Scenario, ShadowingSigma>;
  /** Add the 38.901 O2I low-loss building penetration (indoor UEs). */
  indoor: boolean;
  /** σ of the O2I loss, combined with the shadowing σ in quadrature when `indoor`. */
  o2iSigmaDb: number;
  ueHeightM: number;
  ueGainDbi: number;
  /** Further fixed losses: body, feeder, foliage, interference margin (dB). */
  extraLossDb: number;
  /** Front-to-back ratio A_m of the sector pattern (dB). */
  backLobeDb: number;
  /** Beamwidth of a sector whose station gives none (deg). */
  defaultBeamwidthDeg: number;
  rmaBuildingHeightM: number;
  rmaStreetWidthM: number;
  /** Solved radii are capped here (m). */
  maxRadiusM: number;
  /** Band assumed for an NR cell with no (or an unknown) band and no known operator. */
  defaultBand: NrBand;
  /**
   * Which RedCap penalty raises the RedCap threshold: each band's raw receive-diversity
   * loss (`bands.*.redcapPenaltyDb`) or, with coverage recovery, `redcapRecoveredPenaltyDb`.
   */
  redcapPenaltyPreset: RedcapPenaltyPreset;
  /** RedCap penalty after coverage recovery (dB), every band. */
  redcapRecoveredPenaltyDb: number;
  /** Effective earth radius factor k of terrain profiles (a_e = k · 6371 km). */
  earthRadiusFactor: number;
  bands: Record<NrBand, BandPreset>;
}

/** RedCap penalty presets (`ModelParams.redcapPenaltyPreset`). */
export const REDCAP_PENALTY_PRESETS = ['rx-diversity', 'coverage-recovery'] as const;
export type RedcapPenaltyPreset = (typeof REDCAP_PENALTY_PRESETS)[number];

/** Mean earth radius used with the effective radius factor (km), as ITU-R P.452/P.1812 do. */
export const EARTH_RADIUS_KM = 6371;

/** The RedCap penalty (dB) a band's RedCap threshold carries under the chosen preset. */
export function redcapPenaltyDb(p: ModelParams, band: BandPreset): number {
  return p.redcapPenaltyPreset === 'coverage-recovery'
    ? p.redcapRecoveredPenaltyDb
    : band.redcapPenaltyDb;
}

/** Effective earth radius a_e = k · 6371 km, in metres. */
export function effectiveEarthRadiusM(p: Pick<ModelParams, 'earthRadiusFactor'>): number {
  return p.earthRadiusFactor * EARTH_RADIUS_KM * 1000;
}

export const DEFAULT_MODEL_PARAMS: Readonly<ModelParams> = deepFreeze({
  nrThresholdDbm: -105,
  cellEdgeProbability: 0.9,
  losCondition: 'nlos',
  shadowingSigmaDb: {
    rma: { los: 4, losBeyondBreakpoint: 6, nlos: 8 },
    uma: { los: 4, losBeyondBreakpoint: 4, nlos: 6 },
    umi: { los: 4, losBeyondBreakpoint: 4, nlos: 7.82 },
  },
  indoor: false,
  o2iSigmaDb: O2I_LOW_LOSS_SIGMA_DB,
  ueHeightM: 1.5,
  ueGainDbi: 0,
  extraLossDb: 0,
  backLobeDb: 30,
  defaultBeamwidthDeg: 65,
  rmaBuildingHeightM: 5,
  rmaStreetWidthM: 20,
  maxRadiusM: 15_000,
  defaultBand: 'n78',
  redcapPenaltyPreset: 'rx-diversity',
  redcapRecoveredPenaltyDb: 1,
  earthRadiusFactor: 4 / 3,
  bands: clone(BAND_PRESETS),
} satisfies ModelParams);

/** An editable deep copy of the defaults with some top-level fields replaced. */
export function modelParams(over: Partial<ModelParams> = {}): ModelParams {
  return { ...clone(DEFAULT_MODEL_PARAMS as ModelParams), ...clone(over) };
}

// Parameters are plain JSON data (they go into reports and scenario files).
function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o);
}

export interface ParamDescription {
  /** Dotted path into ModelParams, e.g. `bands.n78.powerDbm`. */
  key: string;
  value: number | string | boolean;
  unit: string;
  source: string;
}

const SRC_38901_PL = '3GPP TR 38.901 V17 Table 7.4.1-1';
const TOP: Record<
  Exclude<keyof ModelParams, 'shadowingSigmaDb' | 'bands'>,
  { unit: string; source: string }
> = {
  nrThresholdDbm: {
    unit: 'dBm',
    source:
      'SS-RSRP ≥ −105 dBm: common operator outdoor coverage criterion (DESIGN.md) — engineering convention',
  },
  cellEdgeProbability: {
    unit: '',
    source:
      'Cell-edge coverage probability 90% (margin z·σ, z = Φ⁻¹(p)) — planning convention (DESIGN.md)',
  },
  losCondition: {
    unit: '',
    source: `${SRC_38901_PL}: NLOS PL = max(PL_LOS, PL′_NLOS); NLOS chosen as the conservative median (no LOS probability mixing) — design choice`,
  },
  indoor: {
    unit: '',
    source: '3GPP TR 38.901 §7.4.3.1 O2I low-loss model, off by default (outdoor coverage)',
  },
  o2iSigmaDb: { unit: 'dB', source: '3GPP TR 38.901 Table 7.4.3-2 (low-loss σ_P = 4.4 dB)' },
  ueHeightM: { unit: 'm', source: '3GPP TR 38.901 Table 7.4.1-1 (h_UT = 1.5 m, ground-level UE)' },
  ueGainDbi: { unit: 'dBi', source: 'Handset antenna gain 0 dBi — engineering assumption' },
  extraLossDb: {
    unit: 'dB',
    source:
      'Body/feeder/foliage/interference margin, 0 by default (AAU, no feeder) — engineering assumption',
  },
  backLobeDb: { unit: 'dB', source: '3GPP TR 38.901 Table 7.3-1 (A_max = 30 dB)' },
  defaultBeamwidthDeg: {
    unit: '°',
    source: '3GPP TR 38.901 Table 7.3-1 (φ3dB = 65°); station table default (DESIGN.md)',
  },
  rmaBuildingHeightM: { unit: 'm', source: `${SRC_38901_PL} (RMa default h = 5 m)` },
  rmaStreetWidthM: { unit: 'm', source: `${SRC_38901_PL} (RMa default W = 20 m)` },
  maxRadiusM: {
    unit: 'm',
    source:
      'Cap on solved radii: 38.901 RMa is valid to 10 km (LOS) / 5 km (NLOS); beyond ~15 km terrain and the radio horizon dominate and DEM is not modelled — engineering assumption',
  },
  defaultBand: {
    unit: '',
    source:
      'For NR cells without a band: CMCC → n41, CT/CU → n78, CBN → n28; otherwise this band — engineering assumption',
  },
  redcapPenaltyPreset: {
    unit: '',
    source:
      'rx-diversity: each band’s raw receive-diversity penalty (bands.*.redcapPenaltyDb: 6 dB 4→1 Rx on TDD, 3 dB 2→1 Rx on FDD); coverage-recovery: redcapRecoveredPenaltyDb for every band — design choice',
  },
  redcapRecoveredPenaltyDb: {
    unit: 'dB',
    source:
      'RedCap penalty with coverage recovery ≈ 1 dB: S. Moloudi et al., “Coverage Evaluation for 5G Reduced Capability New Radio (NR-RedCap)”, IEEE Access 9 (2021) 45055–45067, doi:10.1109/ACCESS.2021.3066036 — the 3GPP TR 38.875 link-budget method finds the coverage recovery RedCap channels need is below 1 dB (or met by lower data-rate targets) in rural 0.7 GHz, urban 2.6 GHz and indoor 28 GHz scenarios',
  },
  earthRadiusFactor: {
    unit: '',
    source:
      'k = 4/3 (a_e = k · 6371 km ≈ 8495 km): ITU-R P.526 §1 (“an equivalent Earth radius of 8 500 km may be taken” when nothing else is known); the median a_e = 157·6371/(157 − ΔN) km of ITU-R P.452/P.1812 for ΔN ≈ 40 N-units/km; earth curvature of terrain profiles',
  },
};

const BAND_UNITS: Record<Exclude<keyof BandPreset, 'band' | 'source'>, string> = {
  fcGHz: 'GHz',
  duplex: '',
  bandwidthMHz: 'MHz',
  scsKHz: 'kHz',
  powerDbm: 'dBm',
  antennaGainDbi: 'dBi',
  heightM: 'm',
  redcapPenaltyDb: 'dB',
};

/** Every parameter with its value, unit and source, in a stable order (report, UI). */
export function describeParams(p: ModelParams = DEFAULT_MODEL_PARAMS): ParamDescription[] {
  const out: ParamDescription[] = [];
  for (const key of Object.keys(TOP) as (keyof typeof TOP)[]) {
    out.push({ key, value: p[key], unit: TOP[key].unit, source: TOP[key].source });
  }
  for (const s of ['rma', 'uma', 'umi'] as const) {
    for (const c of ['los', 'losBeyondBreakpoint', 'nlos'] as const) {
      out.push({
        key: `shadowingSigmaDb.${s}.${c}`,
        value: p.shadowingSigmaDb[s][c],
        unit: 'dB',
        source: `${SRC_38901_PL} (σ_SF)`,
      });
    }
  }
  for (const b of NR_BANDS) {
    const preset = p.bands[b];
    for (const f of Object.keys(BAND_UNITS) as (keyof typeof BAND_UNITS)[]) {
      out.push({
        key: `bands.${b}.${f}`,
        value: preset[f],
        unit: BAND_UNITS[f],
        source: preset.source,
      });
    }
    const { nPrb, tabulated } = presetNPrb(preset);
    out.push({
      key: `bands.${b}.nPrb`,
      value: nPrb,
      unit: 'RB',
      source: tabulated
        ? '3GPP TS 38.101-1 Table 5.3.2-1 (derived from bandwidth and SCS)'
        : 'Not in TS 38.101-1 Table 5.3.2-1: RBs filling 90% of the channel — approximation',
    });
  }
  return out;
}

/** Problems that make a parameter set unusable, one message each; empty when fine. */
export function validateModelParams(p: ModelParams): string[] {
  const e: string[] = [];
  const finite = (k: string, v: number) => {
    if (!Number.isFinite(v)) e.push(`${k} must be a finite number`);
  };
  finite('nrThresholdDbm', p.nrThresholdDbm);
  if (!(p.cellEdgeProbability > 0 && p.cellEdgeProbability < 1)) {
    e.push('cellEdgeProbability must be between 0 and 1 (exclusive)');
  }
  if (!(p.ueHeightM > 0)) e.push('ueHeightM must be positive');
  if (!(p.backLobeDb >= 0)) e.push('backLobeDb must be ≥ 0');
  if (!(p.defaultBeamwidthDeg > 0)) e.push('defaultBeamwidthDeg must be positive');
  if (!(p.maxRadiusM > 0 && Number.isFinite(p.maxRadiusM))) {
    e.push('maxRadiusM must be a finite positive distance');
  }
  if (!(p.o2iSigmaDb >= 0)) e.push('o2iSigmaDb must be ≥ 0');
  if (!REDCAP_PENALTY_PRESETS.includes(p.redcapPenaltyPreset)) {
    e.push(`redcapPenaltyPreset must be one of ${REDCAP_PENALTY_PRESETS.join(', ')}`);
  }
  if (!(p.redcapRecoveredPenaltyDb >= 0)) e.push('redcapRecoveredPenaltyDb must be ≥ 0');
  if (!(p.earthRadiusFactor > 0 && Number.isFinite(p.earthRadiusFactor))) {
    e.push('earthRadiusFactor must be a finite positive number');
  }
  finite('ueGainDbi', p.ueGainDbi);
  finite('extraLossDb', p.extraLossDb);
  for (const s of ['rma', 'uma', 'umi'] as const) {
    for (const [c, v] of Object.entries(p.shadowingSigmaDb[s])) {
      if (!(v >= 0)) e.push(`shadowingSigmaDb.${s}.${c} must be ≥ 0`);
    }
  }
  for (const b of NR_BANDS) {
    const x = p.bands[b];
    if (!(x.fcGHz > 0)) e.push(`bands.${b}.fcGHz must be positive`);
    if (!(x.bandwidthMHz > 0)) e.push(`bands.${b}.bandwidthMHz must be positive`);
    if (![15, 30, 60].includes(x.scsKHz)) e.push(`bands.${b}.scsKHz must be 15, 30 or 60`);
    if (!(x.heightM > 0)) e.push(`bands.${b}.heightM must be positive`);
    finite(`bands.${b}.powerDbm`, x.powerDbm);
    finite(`bands.${b}.antennaGainDbi`, x.antennaGainDbi);
    if (!(x.redcapPenaltyDb >= 0)) e.push(`bands.${b}.redcapPenaltyDb must be ≥ 0`);
  }
  return e;
}
