/** Parsing what users type into the scenario forms (pure; tested with the panels). */

/** China's bounds as the station importer checks them (DESIGN.md "Station table"). */
const CHINA = { lonMin: 73, lonMax: 136, latMin: 3, latMax: 54 };

/**
 * "lon,lat" as pasted from a map or a spreadsheet: comma, full-width comma, semicolon,
 * tab or spaces between the two numbers. Null when not two numbers inside China.
 */
export function parseLonLat(text: string): { lon: number; lat: number } | null {
  const parts = text
    .trim()
    .split(/[\s,，;；]+/)
    .filter((p) => p !== '');
  if (parts.length !== 2) return null;
  const [lon, lat] = parts.map(Number);
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  if (lon < CHINA.lonMin || lon > CHINA.lonMax || lat < CHINA.latMin || lat > CHINA.latMax)
    return null;
  return { lon, lat };
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
