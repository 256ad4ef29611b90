import { inChina } from '../io/station-rows';

/** Parsing what users type into the scenario forms (pure; tested with the panels). */

/** A typed position: the point, or why it is not one ("swapped": lat, lon given). */
export type LonLatInput =
  | { ok: true; lon: number; lat: number }
  | { ok: false; reason: 'format' | 'outside' }
  | { ok: false; reason: 'swapped'; lon: number; lat: number };

/**
 * "lon,lat" as pasted from a map or a spreadsheet: comma, full-width comma, semicolon,
 * tab or spaces between the two numbers, inside China's bounds as the station importer
 * checks them. A pair that lies in China only with the two numbers exchanged is
 * reported as swapped (the importer's `swapped-coordinates`), with the exchanged point.
 */
export function readLonLat(text: string): LonLatInput {
  const parts = text
    .trim()
    .split(/[\s,，;；]+/)
    .filter((p) => p !== '');
  if (parts.length !== 2) return { ok: false, reason: 'format' };
  const [lon, lat] = parts.map(Number);
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return { ok: false, reason: 'format' };
  if (inChina(lon, lat)) return { ok: true, lon, lat };
  if (inChina(lat, lon)) return { ok: false, reason: 'swapped', lon: lat, lat: lon };
  return { ok: false, reason: 'outside' };
}

/** The point of "lon,lat", or null when it is not one inside China. */
export function parseLonLat(text: string): { lon: number; lat: number } | null {
  const r = readLonLat(text);
  return r.ok ? { lon: r.lon, lat: r.lat } : null;
}

/** An optional number field: undefined when empty, NaN when not a number. */
export function optionalNumber(text: string): number | undefined {
  const s = text.trim();
  return s === '' ? undefined : Number(s);
}

/**
 * Azimuths: empty = omni (null), one number = one sector, several ("0,120,240") = one
 * sector each; NaN in the list when something is not a number.
 */
export function parseAzimuths(text: string): number | number[] | null {
  const parts = text
    .trim()
    .split(/[\s,，;；/]+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  const nums = parts.map(Number);
  return nums.length === 1 ? nums[0] : nums;
}

export const azimuthsValid = (a: number | number[] | null): boolean =>
  a === null || (Array.isArray(a) ? a : [a]).every((x) => Number.isFinite(x));
