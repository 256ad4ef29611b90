import type { TownshipKind, TownshipRecord } from '../core/area';

const KINDS: readonly TownshipKind[] = ['subdistrict', 'town', 'township', 'other'];

/** The demo's township list (geo/yushu-townships.json, built by scripts/geo-build.ts). */
export function parseTownshipRegister(text: string): TownshipRecord[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('township list: expected a JSON array');
  return data.map((r: Record<string, unknown>, i) => {
    const { code, name, county, kind } = r;
    if (
      typeof code !== 'string' ||
      !/^\d{9}$/.test(code) ||
      typeof name !== 'string' ||
      typeof county !== 'string' ||
      !KINDS.includes(kind as TownshipKind)
    ) {
      throw new Error(`township list: entry ${i + 1} is not {code (9 digits), name, county, kind}`);
    }
    return { code, name, county, kind: kind as TownshipKind };
  });
}
