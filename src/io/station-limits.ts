import type { IssueCode } from './issue-codes';
import { parseAngle, parseMetres, parsePowerDbm } from './station-values';

/**
 * The physical limits of a station's numeric fields: one rule for the station table
 * (station-rows.ts) and for scenario files (scenario-file.ts), so a value one accepts the
 * other accepts too. A value beyond a limit is not a typo to be clamped but a wrong column
 * or unit (altitude in the height column, a radius in decimetres): the row is rejected.
 */

export type LimitedField = 'azimuth' | 'beamwidth' | 'height_m' | 'power_dbm' | 'radius_m';

export interface FieldLimit {
  min: number;
  /** False: the minimum itself is not allowed (a beamwidth or radius of 0). */
  minAllowed: boolean;
  max: number;
  unit: string;
  label: string;
  /** Why the limit is where it is (shown in messages and the README). */
  why: string;
}

/**
 * The farthest a fixed `radius_m` may reach. No NR or LTE cell serves beyond ~100 km: the
 * longest random-access preamble (NR PRACH format 1, TS 38.211 Table 6.3.3.1-1, cyclic
 * prefix 21,024·κ·T_c ≈ 684 µs; LTE format 3 alike) gives a round-trip guard for
 * c·684 µs / 2 ≈ 102 km, and the radio horizon of the n28 preset's 40 m mast (4/3 earth,
 * 1.5 m UE) is ~31 km, of a mast 1,000 m above the plain ~135 km. The model itself caps
 * solved radii at maxRadiusM = 15 km. Free space is no bound: at n28 (773 MHz, the
 * preset's 55 dBm over 160 PRBs + 15 dBi) −105 dBm is reached only at ~400 km.
 */
export const MAX_RADIUS_M = 100_000;
/** Antenna height above ground: the tallest towers in China carry antennas at ~600 m. */
export const MAX_HEIGHT_M = 1000;

export const STATION_LIMITS: Readonly<Record<LimitedField, FieldLimit>> = {
  azimuth: {
    min: -360,
    minAllowed: true,
    max: 360,
    unit: '°',
    label: 'azimuth',
    why: 'degrees clockwise from north; negative values turn anticlockwise (−30° = 330°)',
  },
  beamwidth: {
    min: 0,
    minAllowed: false,
    max: 360,
    unit: '°',
    label: 'beamwidth',
    why: 'a horizontal beamwidth is a share of the full circle',
  },
  height_m: {
    min: 0,
    minAllowed: true,
    max: MAX_HEIGHT_M,
    unit: 'm',
    label: 'antenna height',
    why: 'height above ground; the tallest masts carry antennas at ~600 m (is it the altitude above sea level?)',
  },
  power_dbm: {
    min: -30,
    minAllowed: true,
    max: 90,
    unit: 'dBm',
    label: 'power',
    why: 'total transmit power from 1 µW to 1 MW; macro cells transmit 40–60 dBm',
  },
  radius_m: {
    min: 0,
    minAllowed: false,
    max: MAX_RADIUS_M,
    unit: 'm',
    label: 'radius',
    why: 'no NR or LTE cell reaches further (the longest PRACH preamble allows ~100 km)',
  },
};

/** The text parser of each field in a station table (units such as "2km", "20W", "120°"). */
export const FIELD_PARSERS: Readonly<Record<LimitedField, (s: string) => number>> = {
  azimuth: parseAngle,
  beamwidth: parseAngle,
  height_m: parseMetres,
  power_dbm: parsePowerDbm,
  radius_m: parseMetres,
};

export interface LimitProblem {
  code: IssueCode;
  message: string;
  params: Record<string, string | number>;
}

const show = (v: number): string =>
  Math.abs(v) < 1e15
    ? v.toLocaleString('en-US', { maximumFractionDigits: 3 })
    : v.toExponential(3).replace(/\.?0+e/, 'e');

/**
 * Why `v` is not an acceptable value of `field`, or null when it is. A radius of exactly
 * 0 is the caller's to decide (the table reads it as "not set").
 */
export function limitProblem(field: LimitedField, v: number): LimitProblem | null {
  const l = STATION_LIMITS[field];
  if (!Number.isFinite(v)) {
    return { code: 'unparseable-number', message: `${l.label} is not a finite number`, params: {} };
  }
  const low = l.minAllowed ? v < l.min : v <= l.min;
  if (!low && v <= l.max) return null;
  if (field === 'azimuth') {
    return {
      code: 'azimuth-out-of-range',
      message: `azimuth ${show(v)}° is outside −360…360°`,
      params: {},
    };
  }
  if (field === 'beamwidth') {
    return {
      code: 'beamwidth-out-of-range',
      message: 'beamwidth must be above 0° and at most 360°',
      params: {},
    };
  }
  if (v < 0 && l.min === 0) {
    return { code: 'negative-value', message: `${l.label} is negative`, params: {} };
  }
  const above = v > l.max;
  return {
    code: 'value-out-of-range',
    message: `${l.label} ${show(v)} ${l.unit} is ${above ? 'above' : 'below'} the limit of ${show(above ? l.max : l.min)} ${l.unit}: ${l.why}`,
    params: { min: l.min, max: l.max, unit: l.unit },
  };
}

/** An accepted azimuth (−360…360°) as 0 ≤ a < 360, unchanged when already there. */
export function normaliseAzimuth(a: number): number {
  if (a >= 0 && a < 360) return a;
  const w = a % 360;
  // `+ 0` turns the −0 of −360 % 360 into 0.
  return w < 0 ? w + 360 : w + 0;
}
