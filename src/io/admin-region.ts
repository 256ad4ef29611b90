import { adminName, isProvinceGrouping, provinceName } from './admin-names';

/** The region a set of areas belongs to, for titles: the narrowest unit holding them all. */
export type RegionOfAreas =
  | { kind: 'area'; code: string; name: string }
  | { kind: 'county' | 'prefecture' | 'province'; code: string; name: string }
  | { kind: 'provinces'; first: string; count: number }
  | { kind: 'national' };

/** Mainland provinces: with all of them loaded the region is the whole country. */
const MAINLAND_PROVINCES = 31;

/**
 * The region of the areas by their GB/T 2260 codes (6-digit counties, 9-digit townships):
 * one area is itself; townships of one county, that county; else the one prefecture, the
 * one province, several provinces (the one with most areas named first) or the whole
 * country. null when a code is no admin code or a needed name is unknown.
 */
export function regionOfAreas(
  areas: readonly { code: string; name: string }[],
): RegionOfAreas | null {
  if (areas.length === 0) return null;
  if (areas.some((a) => !/^\d{6}(\d{3})?$/.test(a.code) || !provinceName(a.code))) return null;
  if (areas.length === 1) return { kind: 'area', code: areas[0].code, name: areas[0].name };
  const distinct = (f: (code: string) => string) => new Set(areas.map((a) => f(a.code)));
  const named = (kind: 'county' | 'prefecture' | 'province', code: string) => {
    const name = adminName(code);
    return name ? { kind, code, name } : null;
  };
  const counties = distinct((c) => c.slice(0, 6));
  if (counties.size === 1 && areas.every((a) => a.code.length === 9)) {
    const c = named('county', [...counties][0]);
    if (c) return c;
  }
  const prefectures = distinct((c) => `${c.slice(0, 4)}00`);
  if (prefectures.size === 1) {
    const code = [...prefectures][0];
    const p = isProvinceGrouping(code) ? null : named('prefecture', code);
    if (p) return p;
  }
  const count = new Map<string, number>();
  for (const a of areas) {
    const p = `${a.code.slice(0, 2)}0000`;
    count.set(p, (count.get(p) ?? 0) + 1);
  }
  if (count.size === 1) return named('province', [...count.keys()][0]);
  if (count.size >= MAINLAND_PROVINCES) return { kind: 'national' };
  const [first] = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return { kind: 'provinces', first: provinceName(first)!, count: count.size };
}
