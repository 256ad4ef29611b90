import type { TownshipKind } from '../core/area';

/** The two levels SailPlan imports boundaries for. */
export type BoundaryLevel = 'county' | 'township';

// GB/T 2260 province prefixes (incl. Taiwan 71, Hong Kong 81, Macao 82). Checking the prefix
// keeps arbitrary 6-digit ids (postcodes, object ids) from passing as admin codes.
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/**
 * The digits of a code-like value: numbers (DataV stores adcode as a number) and strings
 * with surrounding spaces are accepted; anything else gives null.
 */
export function codeDigits(value: unknown): string | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  return /^\d+$/.test(s) ? s : null;
}

/** True for 6-, 9- or 12-digit strings with a real province prefix. */
export function isAdminCode(digits: string): boolean {
  return (
    (digits.length === 6 || digits.length === 9 || digits.length === 12) &&
    PROVINCE_PREFIXES.has(digits.slice(0, 2))
  );
}

/**
 * Canonical SailPlan code: 6 digits for a county, 9 for a township. 12-digit statistical
 * codes carry a 3-digit village part that is cut; all-zero tails name the enclosing unit
 * (e.g. 450821000000 is the county 450821, 450821113000 the township 450821113).
 */
export function canonicalAdminCode(value: unknown): string | null {
  const d = codeDigits(value);
  if (d === null || !isAdminCode(d)) return null;
  if (d.length === 12) return d.endsWith('000000') ? d.slice(0, 6) : d.slice(0, 9);
  if (d.length === 9) return d.endsWith('000') ? d.slice(0, 6) : d;
  return d;
}

/** Why a value is not an admin code, for messages. */
export function describeBadCode(value: unknown): string {
  const d = codeDigits(value);
  if (d === null) return 'code is not a number';
  if (d.length !== 6 && d.length !== 9 && d.length !== 12) {
    return `code has ${d.length} digits; expected a GB/T 2260 code of 6, 9 or 12 digits`;
  }
  return `code starts with ${d.slice(0, 2)}, which is not a province (GB/T 2260 codes start 11–82)`;
}

export function levelOfCode(code: string): BoundaryLevel | null {
  if (code.length === 6) return 'county';
  if (code.length === 9) return 'township';
  return null;
}

/** The county a township belongs to: its first 6 digits (GB/T 2260 / GB/T 10114). */
export function countyOfTownship(code: string): string {
  return code.slice(0, 6);
}

/** Most codes decide; ties and empty input default to county, the common case. */
export function detectLevel(codes: readonly string[]): BoundaryLevel {
  let county = 0;
  let township = 0;
  for (const c of codes) {
    const l = levelOfCode(c);
    if (l === 'county') county++;
    else if (l === 'township') township++;
  }
  return township > county ? 'township' : 'county';
}

/**
 * Township type from its name. Trailing notes in brackets ("某镇（原某乡）") are ignored.
 * 街道/街道办事处/办事处 are urban subdistricts; 镇 towns; 乡, 民族乡 and the Inner
 * Mongolian 苏木 are townships.
 */
export function townshipKind(name: string): TownshipKind {
  const n = name
    .trim()
    .replace(/[（(][^（()）]*[)）]\s*$/, '')
    .trim();
  if (/(街道|街道办|办事处)$/.test(n)) return 'subdistrict';
  if (n.endsWith('镇')) return 'town';
  if (/(乡|苏木)$/.test(n)) return 'township';
  return 'other';
}

export interface DetectedFields {
  code: string | null;
  name: string | null;
  pop: string | null;
  /** Every property name seen, in order of first appearance (for a field-mapping dialog). */
  all: string[];
}

const CODE_NAMES =
  /^(code|adcode|ad_code|gb|gbcode|gb_code|xzqdm|xzqhdm|xzqh|qhdm|dm|pac|admin_?code|county_?code|town_?code|township_?code|区划代码|行政区划代码|行政代码|区划编码|代码|编码)$/i;
const NAME_NAMES =
  /^(name|名称|xzqmc|qhmc|mc|county|county_?name|town|town_?name|township|township_?name|乡镇|乡镇名称|区县|区县名称|name_?zh|name_?cn|name_?chn|名字|地名)$/i;
const POP_NAMES =
  /^(pop|population|pop_?total|total_?pop|pop_?\d{4}|人口|常住人口|总人口|户籍人口|人口数|rkzs|zrk)$/i;

// Keys that must never be treated as data: a JSON file may carry them as own properties.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const SAMPLE = 5000;

function sample<T>(xs: readonly T[]): readonly T[] {
  if (xs.length <= SAMPLE) return xs;
  const step = xs.length / SAMPLE;
  const out: T[] = [];
  for (let i = 0; i < SAMPLE; i++) out.push(xs[Math.floor(i * step)]);
  return out;
}

export function propertyNames(props: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const p of props) for (const k of Object.keys(p)) if (!UNSAFE_KEYS.has(k)) seen.add(k);
  return [...seen];
}

function scoreCode(values: readonly unknown[], named: boolean): number {
  let valid = 0;
  const distinct = new Set<string>();
  for (const v of values) {
    const d = codeDigits(v);
    if (d !== null && isAdminCode(d)) {
      valid++;
      distinct.add(d);
    }
  }
  const frac = valid / Math.max(1, values.length);
  if (frac < 0.5) return 0;
  // A province or county column of a township file is all codes too, but repeats;
  // the area's own code is (nearly) unique.
  const unique = distinct.size / Math.max(1, valid);
  return frac * (0.5 + 0.5 * unique) + (named ? 0.25 : 0);
}

const CJK = /[\u3400-\u9fff]/;

function scoreName(values: readonly unknown[], named: boolean): number {
  let str = 0;
  let cjk = 0;
  const distinct = new Set<string>();
  for (const v of values) {
    if (typeof v === 'string' && v.trim() !== '' && !/^\d+$/.test(v.trim())) {
      str++;
      distinct.add(v);
      if (CJK.test(v)) cjk++;
    }
  }
  const frac = str / Math.max(1, values.length);
  if (frac < 0.5) return 0;
  const unique = distinct.size / Math.max(1, str);
  // Chinese names are preferred over name_en-style columns.
  return frac * unique * (0.5 + 0.5 * (cjk / Math.max(1, str))) + (named ? 0.5 : 0);
}

function isNumberish(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0;
  return typeof v === 'string' && /^\s*\d[\d,]*(\.\d+)?\s*$/.test(v);
}

function pick(
  names: readonly string[],
  props: readonly Record<string, unknown>[],
  score: (values: readonly unknown[], key: string) => number,
  exclude: ReadonlySet<string>,
): string | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const key of names) {
    if (exclude.has(key)) continue;
    const s = score(
      props.map((p) => p[key]),
      key,
    );
    if (s > bestScore) {
      best = key;
      bestScore = s;
    }
  }
  return best;
}

/**
 * Find the code, name and population properties. Names in the alias lists get a bonus,
 * but values decide: a column called `code` holding object ids is not taken, and an
 * unnamed column of unique 6-digit codes is.
 */
export function detectFields(
  allProps: readonly Record<string, unknown>[],
  overrides: { codeField?: string; nameField?: string; popField?: string } = {},
): DetectedFields {
  const all = propertyNames(allProps);
  const props = sample(allProps);
  const code =
    overrides.codeField ??
    pick(all, props, (vs, k) => scoreCode(vs, CODE_NAMES.test(k)), new Set());
  const taken = new Set(code === null ? [] : [code]);
  const name =
    overrides.nameField ?? pick(all, props, (vs, k) => scoreName(vs, NAME_NAMES.test(k)), taken);
  if (name !== null) taken.add(name);
  const pop =
    overrides.popField ??
    pick(
      all,
      props,
      (vs, k) => {
        if (!POP_NAMES.test(k) && !/^pop|人口/i.test(k)) return 0;
        const ok = vs.filter(isNumberish).length / Math.max(1, vs.length);
        return ok >= 0.8 ? ok + (POP_NAMES.test(k) ? 0.5 : 0) : 0;
      },
      taken,
    );
  return { code, name, pop, all };
}

/** A population value from a property: numbers, or digit strings with thousands separators. */
export function parseCount(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim().replace(/[,\s\u00a0\u2009]/g, '');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}
