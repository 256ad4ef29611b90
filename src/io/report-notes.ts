/**
 * Model notes (the coverage model's caveats: a height outside the fit of 38.901, a band
 * without a preset…) as a report shows them. The engine writes one English note per
 * distinct value, so a real station file yields "UMa: h_BS = 20 m differs…" once per
 * antenna height; here notes that differ only in that value are grouped into one with
 * the list of values, and each group is translated by its pattern. English stays the
 * source text (the JSON report's `inputs.notes`); a note no pattern knows is shown as
 * written, once.
 */

export type NoteLang = 'zh-CN' | 'en';

interface NotePattern {
  /** The note as the engine writes it; `v` is the value notes are grouped over. */
  re: RegExp;
  /** Text of the group, {name} for the pattern's groups, {v} for the list of values. */
  en: string;
  zh: string;
  /** Unit of the values, after the list. */
  unit?: string;
}

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const MODEL = String.raw`(?<m>RMa|UMa|UMi-Street Canyon)`;
const rx = (s: string): RegExp => new RegExp(`^${s}$`);

// Mirrors the texts of core/model/pathloss-38901.ts (validity), core/model/cell-coverage.ts
// and core/analysis/analyze.ts; tests/unit/report-notes.test.ts feeds each one through.
const PATTERNS: readonly NotePattern[] = [
  {
    re: rx(`${MODEL}: h_BS = (?<v>${NUM}) m differs from the nominal (?<n>${NUM}) m of the fit`),
    en: '{m}: h_BS = {v} differs from the nominal {n} m of the fit',
    zh: '{m}：基站天线高度 h_BS = {v}，与模型拟合所用的标称高度 {n} m 不同',
    unit: 'm',
  },
  {
    re: rx(`${MODEL}: h_BS = (?<v>${NUM}) m outside (?<lo>${NUM})–(?<hi>${NUM}) m`),
    en: '{m}: h_BS = {v} outside {lo}–{hi} m',
    zh: '{m}：基站天线高度 h_BS = {v}，超出模型适用范围 {lo}–{hi} m',
    unit: 'm',
  },
  {
    re: rx(`${MODEL}: h_BS = (?<v>${NUM}) m not above h_UT = (?<u>${NUM}) m`),
    en: '{m}: h_BS = {v} not above h_UT = {u} m',
    zh: '{m}：基站天线高度 h_BS = {v}，不高于终端高度 h_UT = {u} m',
    unit: 'm',
  },
  {
    re: rx(`${MODEL}: h_UT = (?<v>${NUM}) m outside (?<lo>${NUM})–(?<hi>${NUM}) m`),
    en: '{m}: h_UT = {v} outside {lo}–{hi} m',
    zh: '{m}：终端高度 h_UT = {v}，超出模型适用范围 {lo}–{hi} m',
    unit: 'm',
  },
  {
    re: rx(`${MODEL}: fc = (?<v>${NUM}) GHz outside (?<lo>${NUM})–(?<hi>${NUM}) GHz`),
    en: '{m}: fc = {v} outside {lo}–{hi} GHz',
    zh: '{m}：频率 fc = {v}，超出模型适用范围 {lo}–{hi} GHz',
    unit: 'GHz',
  },
  {
    re: rx(`${MODEL}: d2D = (?<v>${NUM}) m below (?<lo>${NUM}) m \\(evaluated at ${NUM} m\\)`),
    en: '{m}: d2D = {v} below {lo} m (evaluated at {lo} m)',
    zh: '{m}：水平距离 d2D = {v}，小于模型下限 {lo} m（按 {lo} m 计算）',
    unit: 'm',
  },
  {
    re: rx(`${MODEL}: d2D = (?<v>${NUM}) m beyond (?<hi>${NUM}) m \\(extrapolated\\)`),
    en: '{m}: d2D = {v} beyond {hi} m (extrapolated)',
    zh: '{m}：水平距离 d2D = {v}，超出模型上限 {hi} m（外推）',
    unit: 'm',
  },
  {
    re: rx(`${MODEL}: building height h = (?<v>${NUM}) m outside (?<lo>${NUM})–(?<hi>${NUM}) m`),
    en: '{m}: building height h = {v} outside {lo}–{hi} m',
    zh: '{m}：平均建筑高度 h = {v}，超出模型适用范围 {lo}–{hi} m',
    unit: 'm',
  },
  {
    re: rx(`${MODEL}: street width W = (?<v>${NUM}) m outside (?<lo>${NUM})–(?<hi>${NUM}) m`),
    en: '{m}: street width W = {v} outside {lo}–{hi} m',
    zh: '{m}：街道宽度 W = {v}，超出模型适用范围 {lo}–{hi} m',
    unit: 'm',
  },
  {
    re: rx(`radius capped at maxRadiusM = (?<v>${NUM}) m`),
    en: 'radius capped at maxRadiusM = {v}',
    zh: '覆盖半径达到上限 maxRadiusM = {v}，按上限截断',
    unit: 'm',
  },
  {
    re: rx(`band (?<v>.+) has no preset: (?<b>\\S+) assumed`),
    en: 'band {v} has no preset: {b} assumed',
    zh: '频段 {v} 无预设参数：按 {b} 计算',
  },
  {
    re: rx(
      `(?<v>\\S+): (?<bw>${NUM}) MHz at (?<scs>${NUM}) kHz is not in TS 38\\.101-1 Table 5\\.3\\.2-1; N_RB approximated`,
    ),
    en: '{v}: {bw} MHz at {scs} kHz is not in TS 38.101-1 Table 5.3.2-1; N_RB approximated',
    zh: '{v}：{bw} MHz 带宽、{scs} kHz 子载波间隔不在 TS 38.101-1 表 5.3.2-1 中，资源块数 N_RB 为近似值',
  },
  {
    re: rx(
      'county-town zone: (?<n>\\d+) (?<has>county has|counties have) townships but no 街道 and no known seat; continuity not checked there',
    ),
    en: 'county-town zone: {n} {has} townships but no 街道 and no known seat; continuity not checked there',
    zh: '县城区域：{n} 个区县有乡镇边界，但既无街道也无已知驻地，未核查其连续覆盖',
  },
];

/** Notes that differ only in their value, with the values in order. */
export interface NoteGroup {
  /** Index into the pattern table; -1 for a note no pattern knows. */
  pattern: number;
  /** The pattern's named parts other than the value (or the whole note as `text`). */
  parts: Record<string, string>;
  values: string[];
}

function byValue(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Groups `notes` (duplicates dropped) in the order each group first appears. */
export function groupNotes(notes: readonly string[]): NoteGroup[] {
  const groups = new Map<string, NoteGroup>();
  for (const note of notes) {
    const i = PATTERNS.findIndex((p) => p.re.test(note));
    const g: Record<string, string> =
      i >= 0 ? { ...PATTERNS[i].re.exec(note)!.groups } : { text: note };
    const v = g.v as string | undefined;
    delete g.v;
    const key = `${i}\u0000${JSON.stringify(g)}`;
    let group = groups.get(key);
    if (!group) {
      group = { pattern: i, parts: g, values: [] };
      groups.set(key, group);
    }
    if (v !== undefined && !group.values.includes(v)) group.values.push(v);
  }
  for (const g of groups.values()) g.values.sort(byValue);
  return [...groups.values()];
}

/** At most this many values are spelled out; the rest are counted. */
const MAX_VALUES = 12;

/** "20–24, 26–35 m (15 values)": runs of whole numbers as ranges, the count when several. */
function valueList(values: readonly string[], unit: string | undefined, lang: NoteLang): string {
  const items: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    const whole = (s: string) => /^-?\d+$/.test(s);
    while (
      j + 1 < values.length &&
      whole(values[j]) &&
      whole(values[j + 1]) &&
      Number(values[j + 1]) === Number(values[j]) + 1
    )
      j++;
    items.push(j - i >= 2 ? `${values[i]}–${values[j]}` : values[i]);
    if (j - i === 1) items.push(values[j]);
    i = j + 1;
  }
  // Too many: the lowest ones, then the highest, so the range stays visible.
  const shown =
    items.length > MAX_VALUES ? [...items.slice(0, MAX_VALUES - 2), '…', items.at(-1)!] : items;
  const sep = lang === 'zh-CN' ? '、' : ', ';
  const list = `${shown.join(sep)}${unit ? ` ${unit}` : ''}`;
  if (values.length < 2) return list;
  return lang === 'zh-CN'
    ? `${list}（共 ${values.length} 个值）`
    : `${list} (${values.length} values)`;
}

/** The text of a group in `lang`. */
export function noteText(g: NoteGroup, lang: NoteLang): string {
  if (g.pattern < 0) return g.parts.text;
  const p = PATTERNS[g.pattern];
  const vars: Record<string, string> = {
    ...g.parts,
    v: valueList(g.values, p.unit, lang),
  };
  return (lang === 'zh-CN' ? p.zh : p.en).replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** The notes grouped and written in `lang`: what a report lists. */
export function reportNotes(notes: readonly string[], lang: NoteLang): string[] {
  return groupNotes(notes).map((g) => noteText(g, lang));
}
