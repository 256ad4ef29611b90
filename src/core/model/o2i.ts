import type { Scenario } from './pathloss-38901';

/**
 * Outdoor-to-indoor building penetration, 3GPP TR 38.901 §7.4.3.1, low-loss model
 * (Table 7.4.3-2) with the material losses of Table 7.4.3-1 (fc in GHz):
 *   L_glass = 2 + 0.2·fc, L_concrete = 5 + 4·fc
 *   PL_tw = 5 − 10·log10(0.3·10^(−L_glass/10) + 0.7·10^(−L_concrete/10))
 *   PL_in = 0.5·d2D-in, σ_P = 4.4 dB
 * d2D-in is the minimum of two uniform draws on [0, 25] m (UMa, UMi) or [0, 10] m (RMa);
 * a median planning model uses its mean, a/3. σ_P is returned so the caller can add it
 * to the shadowing margin.
 */

export const O2I_LOW_LOSS_SIGMA_DB = 4.4;

/** Upper bound a of the uniform draws of d2D-in (m). */
export const O2I_D2D_IN_MAX_M: Record<Scenario, number> = { rma: 10, uma: 25, umi: 25 };

/** Mean indoor distance: E[min(U1, U2)] for U ~ U(0, a) is a/3. */
export function meanIndoorDistanceM(scenario: Scenario): number {
  return O2I_D2D_IN_MAX_M[scenario] / 3;
}

/** Through-wall loss of the low-loss model (dB). */
export function o2iLowLossWallDb(fcGHz: number): number {
  const lGlass = 2 + 0.2 * fcGHz;
  const lConcrete = 5 + 4 * fcGHz;
  return 5 - 10 * Math.log10(0.3 * 10 ** (-lGlass / 10) + 0.7 * 10 ** (-lConcrete / 10));
}

/** Mean O2I low-loss (dB): wall loss + 0.5 dB/m over the mean indoor distance. */
export function o2iLowLossDb(fcGHz: number, scenario: Scenario, indoorDistanceM?: number): number {
  const dIn = indoorDistanceM ?? meanIndoorDistanceM(scenario);
  return o2iLowLossWallDb(fcGHz) + 0.5 * dIn;
}
