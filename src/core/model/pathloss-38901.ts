/**
 * Median path loss of 3GPP TR 38.901 V17 Table 7.4.1-1 for the three outdoor macro/micro
 * scenarios SailPlan plans with: RMa, UMa and UMi-Street Canyon, LOS and NLOS.
 *
 * Conventions (those of the table): fc in GHz inside the formulas, in Hz in the
 * breakpoint distances; distances in metres; c = 3.0·10⁸ m/s; results in dB. The 3D
 * distance is derived from the 2D (ground) distance and the antenna heights.
 *
 * Outside the validity ranges:
 * - d2D below 10 m is clamped to 10 m: the formulas are not defined there, the loss is
 *   tiny compared with any coverage threshold, and a flat start keeps PL monotonic.
 * - d2D beyond the upper limit (5 km; 10 km for RMa LOS) is extrapolated with the same
 *   formula (log-distance, so the slope continues) and reported as not valid. Clamping
 *   would freeze the loss and give rural low-band cells an unbounded radius.
 * - Heights and frequencies outside the ranges are computed as given and reported.
 * - UMa/UMi were fitted for one BS height (25 m / 10 m); other heights are used as given
 *   (they enter through d3D and d'BP) and reported as a note, not as invalid.
 */

export const SPEED_OF_LIGHT = 3.0e8;
/** Lower limit of d2D in every scenario of Table 7.4.1-1. */
export const MIN_D2D_M = 10;

export type Scenario = 'rma' | 'uma' | 'umi';
export type LosCondition = 'los' | 'nlos';

/** Everything a path-loss evaluation needs except the distance. */
export interface PathLossGeometry {
  scenario: Scenario;
  condition: LosCondition;
  /** Carrier frequency in GHz. */
  fcGHz: number;
  /** BS antenna height above ground (m). */
  hBsM: number;
  /** UT (UE) antenna height above ground (m). */
  hUtM: number;
  /** RMa only: average building height h (m); 38.901 default 5 m. */
  buildingHeightM: number;
  /** RMa only: average street width W (m); 38.901 default 20 m. */
  streetWidthM: number;
}

export interface PathLossResult {
  plDb: number;
  valid: boolean;
  notes: string[];
}

const log10 = Math.log10;

export function distance3d(d2D: number, hBsM: number, hUtM: number): number {
  const dh = hBsM - hUtM;
  return Math.sqrt(d2D * d2D + dh * dh);
}

/** RMa breakpoint distance d_BP = 2π·h_BS·h_UT·fc/c (Note 5; fc in Hz). */
export function rmaBreakpointM(fcGHz: number, hBsM: number, hUtM: number): number {
  return (2 * Math.PI * hBsM * hUtM * fcGHz * 1e9) / SPEED_OF_LIGHT;
}

/**
 * UMa/UMi breakpoint distance d'_BP = 4·h'_BS·h'_UT·fc/c with h' = h − h_E (Note 1).
 * h_E = 1 m: UMi always; UMa with probability 1/(1 + C(d2D, h_UT)) where C = 0 for
 * h_UT < 13 m, so always for a ground-level UE. For taller UTs the random h_E of the
 * note is not drawn (a median model has no per-link draw); 1 m is kept.
 */
export function umBreakpointM(fcGHz: number, hBsM: number, hUtM: number, hEM = 1): number {
  return (4 * (hBsM - hEM) * (hUtM - hEM) * fcGHz * 1e9) / SPEED_OF_LIGHT;
}

/** RMa PL1 as a function of a 3D distance (Table 7.4.1-1, RMa LOS). */
function rmaPl1(fcGHz: number, d3D: number, h: number): number {
  const h172 = Math.pow(h, 1.72);
  return (
    20 * log10((40 * Math.PI * d3D * fcGHz) / 3) +
    Math.min(0.03 * h172, 10) * log10(d3D) -
    Math.min(0.044 * h172, 14.77) +
    0.002 * log10(h) * d3D
  );
}

/**
 * RMa LOS: PL1 up to d_BP, then PL2 = PL1(d_BP) + 40·log10(d3D/d_BP), switching on the
 * 2D distance as the table does. PL1(d_BP) takes d_BP literally as its distance argument
 * (as the table writes it, and as ns-3 does); the step this leaves at the breakpoint is
 * upward and below 0.01 dB for BS heights ≤ 50 m.
 */
export function rmaLos(fcGHz: number, d2D: number, hBsM: number, hUtM: number, h = 5): number {
  const d = Math.max(d2D, MIN_D2D_M);
  const d3D = distance3d(d, hBsM, hUtM);
  const dBp = rmaBreakpointM(fcGHz, hBsM, hUtM);
  if (d <= dBp) return rmaPl1(fcGHz, d3D, h);
  return rmaPl1(fcGHz, dBp, h) + 40 * log10(d3D / dBp);
}

/** RMa NLOS: max(PL_RMa-LOS, PL'_RMa-NLOS). */
export function rmaNlos(
  fcGHz: number,
  d2D: number,
  hBsM: number,
  hUtM: number,
  h = 5,
  w = 20,
): number {
  const d = Math.max(d2D, MIN_D2D_M);
  const d3D = distance3d(d, hBsM, hUtM);
  const nlos =
    161.04 -
    7.1 * log10(w) +
    7.5 * log10(h) -
    (24.37 - 3.7 * (h / hBsM) ** 2) * log10(hBsM) +
    (43.42 - 3.1 * log10(hBsM)) * (log10(d3D) - 3) +
    20 * log10(fcGHz) -
    (3.2 * log10(11.75 * hUtM) ** 2 - 4.97);
  return Math.max(rmaLos(fcGHz, d, hBsM, hUtM, h), nlos);
}

/** UMa LOS: PL1 = 28 + 22·log10(d3D) + 20·log10(fc) up to d'_BP, then PL2. */
export function umaLos(fcGHz: number, d2D: number, hBsM: number, hUtM: number): number {
  const d = Math.max(d2D, MIN_D2D_M);
  const d3D = distance3d(d, hBsM, hUtM);
  const dBp = umBreakpointM(fcGHz, hBsM, hUtM);
  if (d <= dBp) return 28 + 22 * log10(d3D) + 20 * log10(fcGHz);
  const dh = hBsM - hUtM;
  return 28 + 40 * log10(d3D) + 20 * log10(fcGHz) - 9 * log10(dBp * dBp + dh * dh);
}

/** UMa NLOS: max(PL_UMa-LOS, 13.54 + 39.08·log10(d3D) + 20·log10(fc) − 0.6·(h_UT − 1.5)). */
export function umaNlos(fcGHz: number, d2D: number, hBsM: number, hUtM: number): number {
  const d = Math.max(d2D, MIN_D2D_M);
  const d3D = distance3d(d, hBsM, hUtM);
  const nlos = 13.54 + 39.08 * log10(d3D) + 20 * log10(fcGHz) - 0.6 * (hUtM - 1.5);
  return Math.max(umaLos(fcGHz, d, hBsM, hUtM), nlos);
}

/** UMi-Street Canyon LOS: PL1 = 32.4 + 21·log10(d3D) + 20·log10(fc) up to d'_BP, then PL2. */
export function umiLos(fcGHz: number, d2D: number, hBsM: number, hUtM: number): number {
  const d = Math.max(d2D, MIN_D2D_M);
  const d3D = distance3d(d, hBsM, hUtM);
  const dBp = umBreakpointM(fcGHz, hBsM, hUtM);
  if (d <= dBp) return 32.4 + 21 * log10(d3D) + 20 * log10(fcGHz);
  const dh = hBsM - hUtM;
  return 32.4 + 40 * log10(d3D) + 20 * log10(fcGHz) - 9.5 * log10(dBp * dBp + dh * dh);
}

/** UMi-Street Canyon NLOS: max(PL_UMi-LOS, 35.3·log10(d3D) + 22.4 + 21.3·log10(fc) − 0.3·(h_UT − 1.5)). */
export function umiNlos(fcGHz: number, d2D: number, hBsM: number, hUtM: number): number {
  const d = Math.max(d2D, MIN_D2D_M);
  const d3D = distance3d(d, hBsM, hUtM);
  const nlos = 35.3 * log10(d3D) + 22.4 + 21.3 * log10(fcGHz) - 0.3 * (hUtM - 1.5);
  return Math.max(umiLos(fcGHz, d, hBsM, hUtM), nlos);
}

/** Median path loss (dB) at a 2D distance; allocation-free, for solvers. */
export function pathLossDb(g: PathLossGeometry, d2D: number): number {
  switch (g.scenario) {
    case 'rma':
      return g.condition === 'los'
        ? rmaLos(g.fcGHz, d2D, g.hBsM, g.hUtM, g.buildingHeightM)
        : rmaNlos(g.fcGHz, d2D, g.hBsM, g.hUtM, g.buildingHeightM, g.streetWidthM);
    case 'uma':
      return g.condition === 'los'
        ? umaLos(g.fcGHz, d2D, g.hBsM, g.hUtM)
        : umaNlos(g.fcGHz, d2D, g.hBsM, g.hUtM);
    case 'umi':
      return g.condition === 'los'
        ? umiLos(g.fcGHz, d2D, g.hBsM, g.hUtM)
        : umiNlos(g.fcGHz, d2D, g.hBsM, g.hUtM);
  }
}

/** Applicability ranges of Table 7.4.1-1 (and of 7.4.1 for frequency), per scenario. */
export interface ValidityRanges {
  fcGHz: readonly [number, number];
  d2DM: { los: readonly [number, number]; nlos: readonly [number, number] };
  hBsM: readonly [number, number];
  /** The BS height the model was fitted for, when the table gives one value. */
  hBsNominalM: number | null;
  hUtM: readonly [number, number];
  buildingHeightM: readonly [number, number] | null;
  streetWidthM: readonly [number, number] | null;
}

export const VALIDITY: Record<Scenario, ValidityRanges> = {
  rma: {
    // 38.901 gives RMa a narrower frequency range than UMa/UMi: 0.5–30 GHz.
    fcGHz: [0.5, 30],
    d2DM: { los: [10, 10_000], nlos: [10, 5_000] },
    hBsM: [10, 150],
    hBsNominalM: null,
    hUtM: [1, 10],
    buildingHeightM: [5, 50],
    streetWidthM: [5, 50],
  },
  uma: {
    fcGHz: [0.5, 100],
    d2DM: { los: [10, 5_000], nlos: [10, 5_000] },
    hBsM: [25, 25],
    hBsNominalM: 25,
    hUtM: [1.5, 22.5],
    buildingHeightM: null,
    streetWidthM: null,
  },
  umi: {
    fcGHz: [0.5, 100],
    d2DM: { los: [10, 5_000], nlos: [10, 5_000] },
    hBsM: [10, 10],
    hBsNominalM: 10,
    hUtM: [1.5, 22.5],
    buildingHeightM: null,
    streetWidthM: null,
  },
};

const NAMES: Record<Scenario, string> = { rma: 'RMa', uma: 'UMa', umi: 'UMi-Street Canyon' };

function outside(v: number, [lo, hi]: readonly [number, number]): boolean {
  return v < lo || v > hi;
}

/**
 * Whether a link lies inside the ranges the scenario's formula was derived for. `valid`
 * is false for a frequency, distance, UT height (and for RMa: BS height, h, W) out of
 * range; a UMa/UMi BS height other than the nominal one only adds a note.
 */
export function validity(g: PathLossGeometry, d2D: number): { valid: boolean; notes: string[] } {
  const r = VALIDITY[g.scenario];
  const name = NAMES[g.scenario];
  const notes: string[] = [];
  let valid = true;
  const fail = (note: string) => {
    valid = false;
    notes.push(note);
  };
  if (outside(g.fcGHz, r.fcGHz)) {
    fail(`${name}: fc = ${g.fcGHz} GHz outside ${r.fcGHz[0]}–${r.fcGHz[1]} GHz`);
  }
  const dr = r.d2DM[g.condition];
  if (d2D < dr[0])
    fail(`${name}: d2D = ${round(d2D)} m below ${dr[0]} m (evaluated at ${dr[0]} m)`);
  else if (d2D > dr[1]) fail(`${name}: d2D = ${round(d2D)} m beyond ${dr[1]} m (extrapolated)`);
  if (outside(g.hUtM, r.hUtM))
    fail(`${name}: h_UT = ${g.hUtM} m outside ${r.hUtM[0]}–${r.hUtM[1]} m`);
  if (r.hBsNominalM !== null) {
    if (g.hBsM !== r.hBsNominalM) {
      notes.push(
        `${name}: h_BS = ${g.hBsM} m differs from the nominal ${r.hBsNominalM} m of the fit`,
      );
    }
  } else if (outside(g.hBsM, r.hBsM)) {
    fail(`${name}: h_BS = ${g.hBsM} m outside ${r.hBsM[0]}–${r.hBsM[1]} m`);
  }
  if (g.hBsM <= g.hUtM) fail(`${name}: h_BS = ${g.hBsM} m not above h_UT = ${g.hUtM} m`);
  if (r.buildingHeightM && outside(g.buildingHeightM, r.buildingHeightM)) {
    fail(
      `${name}: building height h = ${g.buildingHeightM} m outside ${r.buildingHeightM[0]}–${r.buildingHeightM[1]} m`,
    );
  }
  if (r.streetWidthM && outside(g.streetWidthM, r.streetWidthM)) {
    fail(
      `${name}: street width W = ${g.streetWidthM} m outside ${r.streetWidthM[0]}–${r.streetWidthM[1]} m`,
    );
  }
  return { valid, notes };
}

/** Path loss with its validity: for reports and checks, not for inner loops. */
export function pathLoss38901(g: PathLossGeometry, d2D: number): PathLossResult {
  const { valid, notes } = validity(g, d2D);
  return { plDb: pathLossDb(g, d2D), valid, notes };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
