import type { NrBand } from '../station';

/**
 * Band presets for NR in China. The 3GPP numbers (N_RB, duplex, UE Rx antennas) are
 * standard; powers, gains and heights are typical deployments, i.e. engineering
 * assumptions, and every one is an editable parameter. Each preset says which is which.
 */

export type Duplex = 'FDD' | 'TDD';

export interface BandPreset {
  band: NrBand;
  /** Downlink carrier centre used for path loss (GHz). */
  fcGHz: number;
  duplex: Duplex;
  /** Channel bandwidth of the modelled carrier (MHz). */
  bandwidthMHz: number;
  /** Subcarrier spacing (kHz). */
  scsKHz: number;
  /** Total transmit power of the cell on this carrier, all antenna ports (dBm). */
  powerDbm: number;
  /** BS antenna gain towards the boresight (dBi). */
  antennaGainDbi: number;
  /** Antenna height above ground when the station gives none (m). */
  heightM: number;
  /**
   * Downlink RedCap penalty vs the reference phone (dB): raises the RedCap threshold. The raw
   * receive-diversity loss; `ModelParams.redcapPenaltyPreset` may replace it (params.ts).
   */
  redcapPenaltyDb: number;
  /** Where each number comes from. */
  source: string;
}

/**
 * Maximum transmission bandwidth N_RB, TS 38.101-1 Table 5.3.2-1 (FR1), by SCS (kHz)
 * then channel bandwidth (MHz).
 */
export const N_RB_FR1: Readonly<Record<number, Readonly<Record<number, number>>>> = {
  15: { 5: 25, 10: 52, 15: 79, 20: 106, 25: 133, 30: 160, 35: 188, 40: 216, 45: 242, 50: 270 },
  30: {
    5: 11,
    10: 24,
    15: 38,
    20: 51,
    25: 65,
    30: 78,
    35: 92,
    40: 106,
    45: 119,
    50: 133,
    60: 162,
    70: 189,
    80: 217,
    90: 245,
    100: 273,
  },
  60: {
    10: 11,
    15: 18,
    20: 24,
    25: 31,
    30: 38,
    35: 44,
    40: 51,
    45: 58,
    50: 65,
    60: 79,
    70: 93,
    80: 107,
    90: 121,
    100: 135,
  },
};

/** N_RB for a channel bandwidth and SCS, or null when 38.101-1 has no such combination. */
export function nPrbFor(bandwidthMHz: number, scsKHz: number): number | null {
  return N_RB_FR1[scsKHz]?.[bandwidthMHz] ?? null;
}

/**
 * N_RB of a preset: the table value, or for a bandwidth/SCS pair the table lacks, the
 * RBs that fit in 90% of the channel (roughly the table's occupancy), flagged `tabulated: false`.
 */
export function presetNPrb(p: Pick<BandPreset, 'bandwidthMHz' | 'scsKHz'>): {
  nPrb: number;
  tabulated: boolean;
} {
  const t = nPrbFor(p.bandwidthMHz, p.scsKHz);
  if (t !== null) return { nPrb: t, tabulated: true };
  return {
    nPrb: Math.max(1, Math.floor((p.bandwidthMHz * 1000 * 0.9) / (12 * p.scsKHz))),
    tabulated: false,
  };
}

const N_RB_SRC = 'N_RB: 3GPP TS 38.101-1 Table 5.3.2-1';
const REDCAP_RAW_NOTE =
  'the raw preset (redcapPenaltyPreset = rx-diversity); coverage-recovery replaces it by redcapRecoveredPenaltyDb (≈ 1 dB, Moloudi et al., IEEE Access 9, 2021)';
const REDCAP_TDD_SRC = `RedCap penalty 6 dB: 1 Rx RedCap UE (allowed by Rel-17 RedCap, TR 38.875) vs the 4 Rx phone TS 38.101-1 requires in n41/n77/n78/n79; receive-diversity loss, ${REDCAP_RAW_NOTE} — engineering assumption (DESIGN.md)`;
const REDCAP_FDD_SRC = `RedCap penalty 3 dB: 1 Rx RedCap UE vs the 2 Rx phone of this FDD band; receive-diversity loss, ${REDCAP_RAW_NOTE} — engineering assumption (DESIGN.md)`;

export const BAND_PRESETS: Readonly<Record<NrBand, BandPreset>> = {
  n28: {
    band: 'n28',
    fcGHz: 0.773,
    duplex: 'FDD',
    bandwidthMHz: 30,
    scsKHz: 15,
    powerDbm: 55,
    antennaGainDbi: 15,
    heightM: 40,
    redcapPenaltyDb: 3,
    source: [
      'fc: centre of the CBN/CMCC co-built DL block 758–788 MHz (2×30 MHz FDD)',
      N_RB_SRC + ' (30 MHz, 15 kHz → 160)',
      'power 55 dBm ≈ 320 W (4T4R RRU, 4×80 W), antenna gain 15 dBi (low-band panel), height 40 m (rural tower): typical China deployment — engineering assumption',
      REDCAP_FDD_SRC,
    ].join('; '),
  },
  n1: {
    band: 'n1',
    fcGHz: 2.14,
    duplex: 'FDD',
    bandwidthMHz: 20,
    scsKHz: 15,
    powerDbm: 52,
    antennaGainDbi: 17,
    heightM: 30,
    redcapPenaltyDb: 3,
    source: [
      'fc: centre of the band n1 DL 2110–2170 MHz (CT/CU shared NR carrier, 2×20 MHz FDD)',
      N_RB_SRC + ' (20 MHz, 15 kHz → 106)',
      'power 160 W (4T4R RRU, 4×40 W), antenna gain 17 dBi (mid-band panel), height 30 m: typical China deployment — engineering assumption',
      REDCAP_FDD_SRC,
    ].join('; '),
  },
  n41: {
    band: 'n41',
    fcGHz: 2.565,
    duplex: 'TDD',
    bandwidthMHz: 100,
    scsKHz: 30,
    powerDbm: 53,
    antennaGainDbi: 24,
    heightM: 30,
    redcapPenaltyDb: 6,
    source: [
      'fc: centre of the 100 MHz carrier 2515–2615 MHz of CMCC’s 160 MHz (100 + 60 MHz) at 2.6 GHz',
      N_RB_SRC + ' (100 MHz, 30 kHz → 273)',
      'power 200 W: the 100 MHz carrier’s pro-rata share of a 320 W 64T64R AAU spanning 160 MHz (same power per RB); antenna gain 24 dBi (64T64R beam envelope), height 30 m: typical CMCC deployment — engineering assumption',
      REDCAP_TDD_SRC,
    ].join('; '),
  },
  n78: {
    band: 'n78',
    fcGHz: 3.5,
    duplex: 'TDD',
    bandwidthMHz: 100,
    scsKHz: 30,
    powerDbm: 53,
    antennaGainDbi: 24,
    heightM: 30,
    redcapPenaltyDb: 6,
    source: [
      'fc: 3.5 GHz, CT/CU shared 3400–3600 MHz (100 MHz carriers)',
      N_RB_SRC + ' (100 MHz, 30 kHz → 273)',
      'power 200 W (64T64R AAU), antenna gain 24 dBi (64T64R beam envelope), height 30 m: typical China deployment — engineering assumption',
      REDCAP_TDD_SRC,
    ].join('; '),
  },
  n79: {
    band: 'n79',
    fcGHz: 4.9,
    duplex: 'TDD',
    bandwidthMHz: 100,
    scsKHz: 30,
    powerDbm: 53,
    antennaGainDbi: 24,
    heightM: 30,
    redcapPenaltyDb: 6,
    source: [
      'fc: 4.9 GHz nominal (CMCC 4800–4900 MHz, CBN 4900–5000 MHz)',
      N_RB_SRC + ' (100 MHz, 30 kHz → 273)',
      'power 200 W (64T64R AAU), antenna gain 24 dBi, height 30 m: assumed equal to n78 — engineering assumption',
      REDCAP_TDD_SRC,
    ].join('; '),
  },
};

/**
 * Band assumed for an NR cell whose band is missing or has no preset, from its operator:
 * CMCC → n41, CT/CU → n78, CBN → n28 (each operator's main 5G band); null when the
 * operator is not recognised (the caller then uses the configured default band).
 */
export function bandForOperator(operator: string | null): NrBand | null {
  if (!operator) return null;
  const o = operator.toLowerCase();
  if (/移动|cmcc|china ?mobile/.test(o)) return 'n41';
  if (/电信|联通|ctcc|cucc|telecom|unicom|^ct$|^cu$/.test(o)) return 'n78';
  if (/广电|cbn|broadnet|broadcast/.test(o)) return 'n28';
  return null;
}

export function isPresetBand(band: string | null): band is NrBand {
  return band !== null && Object.prototype.hasOwnProperty.call(BAND_PRESETS, band);
}
