import { NR_BANDS } from '../core/station';
import type { Env, StationStatus, Tech } from '../core/station';

// Value parsers for station tables. They never throw: a value that cannot be read
// returns null/NaN and the row reader decides whether that rejects the row or warns.

/** Full-width digits and signs typed with a Chinese IME ("１２１．５"). */
function toAscii(s: string): string {
  return /[０-９．，－＋]/.test(s)
    ? s.replace(/[０-９．，－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    : s;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * A decimal number; "31,2" is read as 31.2 (decimal comma, as semicolon-separated
 * European exports write it) — the caller warns when the text contains a comma.
 * Thousands separators are not accepted: "1,234" means 1.234 here. Returns NaN when unreadable.
 */
export function parseDecimal(raw: string): number {
  const s = toAscii(raw.trim());
  if (PLAIN_NUMBER.test(s)) return Number(s);
  if (DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  return NaN;
}

const UNIT_SUFFIX = /^(.*?)\s*(km|公里|千米|m|米|metres?|meters?|dbm|mw|w|瓦|°|度|deg|degrees?)$/i;

function splitUnit(raw: string): { num: string; unit: string } {
  const m = UNIT_SUFFIX.exec(raw.trim());
  return m ? { num: m[1], unit: m[2].toLowerCase() } : { num: raw, unit: '' };
}

/** Metres; accepts "30", "30m", "30 米", "2km". */
export function parseMetres(raw: string): number {
  const { num, unit } = splitUnit(raw);
  const v = parseDecimal(num);
  if (unit === '' || unit === 'm' || unit === '米' || unit.startsWith('met')) return v;
  if (unit === 'km' || unit === '公里' || unit === '千米') return v * 1000;
  return NaN;
}

/** Degrees for azimuth/beamwidth; accepts "120", "120°", "120度". */
export function parseAngle(raw: string): number {
  const { num, unit } = splitUnit(raw);
  if (unit === '' || unit === '°' || unit === '度' || unit.startsWith('deg'))
    return parseDecimal(num);
  return NaN;
}

/** dBm; "43", "43dBm", and watts ("20W" = 43 dBm) since Chinese tables often give 发射功率 in W. */
export function parsePowerDbm(raw: string): number {
  const { num, unit } = splitUnit(raw);
  const v = parseDecimal(num);
  if (unit === '' || unit === 'dbm') return v;
  if (unit === 'w' || unit === '瓦') return v > 0 ? 10 * Math.log10(v * 1000) : NaN;
  if (unit === 'mw') return v > 0 ? 10 * Math.log10(v) : NaN;
  return NaN;
}

const HEMI_PREFIX = /^(东经|西经|北纬|南纬|[NSEW])\s*/i;
const HEMI_SUFFIX = /\s*([NSEW东西南北])$/i;
const DMS =
  /^(\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′’分]\s*(?:(\d+(?:\.\d+)?)\s*(?:["″”]|''|秒)?)?)?$/;

/**
 * A coordinate in degrees: "121.47", "121,47" (decimal comma), "121.47°E", "E121.47",
 * "东经121.47", or degrees-minutes-seconds "121°28'12.3\"". West/south give negative values.
 */
export function parseCoordinate(raw: string): number {
  const plain = parseDecimal(raw);
  if (!Number.isNaN(plain)) return plain;
  let s = toAscii(raw.trim());
  let sign = 1;
  const pre = HEMI_PREFIX.exec(s);
  if (pre) {
    if (/^[西南SW]/i.test(pre[1])) sign = -1;
    s = s.slice(pre[0].length);
  } else {
    const suf = HEMI_SUFFIX.exec(s);
    if (suf) {
      if (/[西南SW]/i.test(suf[1])) sign = -1;
      s = s.slice(0, s.length - suf[0].length);
    }
  }
  const direct = parseDecimal(s);
  if (!Number.isNaN(direct)) return sign * direct;
  const m = DMS.exec(s);
  if (!m) return NaN;
  const min = m[2] ? Number(m[2]) : 0;
  const sec = m[3] ? Number(m[3]) : 0;
  if (min >= 60 || sec >= 60) return NaN;
  return sign * (Number(m[1]) + min / 60 + sec / 3600);
}

const TECH_ALIASES: Record<string, Tech> = {};
const addTech = (t: Tech, names: string[]) => names.forEach((n) => (TECH_ALIASES[n] = t));
addTech('NR', [
  'NR',
  '5G',
  '5GNR',
  'NR5G',
  'NRSA',
  'NRNSA',
  'SA',
  'NSA',
  '5GSA',
  '5GNSA',
  'GNB',
  'GNODEB',
]);
addTech('LTE', [
  'LTE',
  '4G',
  'TDLTE',
  'TDDLTE',
  'LTETDD',
  'FDDLTE',
  'LTEFDD',
  'EUTRA',
  'EUTRAN',
  '4GLTE',
  'LTEA',
  'ENB',
  'ENODEB',
]);
addTech('UMTS', ['UMTS', 'WCDMA', '3G', 'HSPA', 'HSPA+', 'TDSCDMA', 'UTRA', 'UTRAN', 'NODEB']);
addTech('GSM', ['GSM', '2G', 'GPRS', 'EDGE', 'DCS', 'DCS1800', 'GSM900', 'GSM1800', 'BTS']);

/** NR, 5G, LTE, 4G, TD-LTE, GSM, 2G, UMTS, WCDMA, 3G, … → Tech; null when unknown. */
export function parseTech(raw: string): Tech | null {
  return (
    TECH_ALIASES[
      raw
        .trim()
        .toUpperCase()
        .replace(/[\s_\-/]/g, '')
    ] ?? null
  );
}

export type BandParse =
  | { kind: 'empty' }
  /** A band the coverage model has a preset for (NR n28/n1/n41/n78/n79). */
  | { kind: 'preset'; band: string }
  /** A valid band label without a model preset (LTE bands, other NR bands). */
  | { kind: 'other'; band: string }
  | { kind: 'unknown' };

/** Frequency (MHz) → NR band used in China. */
function nrBandForMhz(f: number): string | null {
  if (f >= 600 && f < 800) return 'n28';
  if (f >= 800 && f < 900) return 'n5';
  if (f >= 900 && f < 1000) return 'n8';
  if (f >= 1700 && f < 1900) return 'n3';
  if (f >= 1900 && f < 2000) return 'n39';
  if (f >= 2000 && f < 2200) return 'n1';
  if (f >= 2300 && f < 2400) return 'n40';
  if (f >= 2400 && f < 2700) return 'n41';
  if (f >= 3300 && f < 3800) return 'n78';
  if (f >= 4400 && f < 5000) return 'n79';
  return null;
}

/** Frequency (MHz) → LTE band used in China (TD-LTE D/E/F bands → B41/B40/B39). */
function lteBandForMhz(f: number): string | null {
  if (f >= 600 && f < 800) return 'B28';
  if (f >= 800 && f < 900) return 'B5';
  if (f >= 900 && f < 1000) return 'B8';
  if (f >= 1700 && f < 1900) return 'B3';
  if (f >= 1900 && f < 2000) return 'B39';
  if (f >= 2000 && f < 2200) return 'B1';
  if (f >= 2300 && f < 2400) return 'B40';
  if (f >= 2400 && f < 2700) return 'B41';
  return null;
}

const FREQ = /^(\d+(?:\.\d+)?)(ghz|g|mhz|m|兆|兆赫)?$/;
const NR_PRESETS = new Set<string>(NR_BANDS);

/**
 * Band text → normalised label. NR: "n41", "N41", "41", "2.6G", "2600MHz", "700M" (n28),
 * "3.5G" (n78), "4.9G" (n79), "2.1G" (n1). LTE: "B3", "3", "1.8G", and China Mobile's
 * TD-LTE letters D/E/F. A bare integer below 300 is a band number, from 300 up MHz, and a
 * bare decimal below 10 is GHz. GSM/UMTS labels are kept as written.
 */
export function parseBand(raw: string, tech: Tech): BandParse {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  if (tech === 'GSM' || tech === 'UMTS') return { kind: 'other', band: text };
  const k = toAscii(text)
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^band/, '')
    .replace(/频段$|频$/, '');
  if (tech === 'NR') {
    const m = /^n(\d{1,3})$/.exec(k) ?? /^(\d{1,3})$/.exec(k);
    if (m && Number(m[1]) > 0 && Number(m[1]) < 300) return nrLabel(`n${Number(m[1])}`);
    const mhz = frequencyMhz(k);
    const band = mhz === null ? null : nrBandForMhz(mhz);
    return band ? nrLabel(band) : { kind: 'unknown' };
  }
  const letter: Record<string, string> = {
    d: 'B41',
    e: 'B40',
    f: 'B39',
    fdd900: 'B8',
    fdd1800: 'B3',
  };
  if (letter[k]) return { kind: 'other', band: letter[k] };
  const m = /^b(\d{1,3})$/.exec(k) ?? /^(\d{1,2})$/.exec(k);
  if (m && Number(m[1]) > 0 && Number(m[1]) < 300)
    return { kind: 'other', band: `B${Number(m[1])}` };
  const mhz = frequencyMhz(k);
  const band = mhz === null ? null : lteBandForMhz(mhz);
  return band ? { kind: 'other', band } : { kind: 'unknown' };
}

function nrLabel(band: string): BandParse {
  return NR_PRESETS.has(band) ? { kind: 'preset', band } : { kind: 'other', band };
}

function frequencyMhz(k: string): number | null {
  const m = FREQ.exec(k);
  if (!m) return null;
  const v = Number(m[1]);
  const unit = m[2] ?? '';
  if (unit.startsWith('g')) return v * 1000;
  if (unit !== '') return v;
  if (v < 10) return v * 1000;
  if (v >= 300) return v;
  return null;
}

const TRUE_WORDS = new Set([
  'true',
  't',
  '1',
  'yes',
  'y',
  '是',
  '支持',
  '开通',
  '已开通',
  '有',
  '√',
  '✓',
  'on',
]);
const FALSE_WORDS = new Set([
  'false',
  'f',
  '0',
  'no',
  'n',
  '否',
  '不支持',
  '未开通',
  '无',
  '×',
  '✗',
  'off',
  '-',
  '',
]);

/** A yes/no flag: true/false/1/0/是/否/yes/no…; empty = false; null when unreadable. */
export function parseYesNo(raw: string): boolean | null {
  const k = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(k)) return true;
  if (FALSE_WORDS.has(k)) return false;
  return null;
}

/** RedCap flag, read as any yes/no flag ({@link parseYesNo}; 支持/开通 are its own words). */
export const parseRedcap = parseYesNo;

/** Operators normalised to their Chinese short names. */
export const OPERATORS = ['中国移动', '中国联通', '中国电信', '中国广电'] as const;
export type KnownOperator = (typeof OPERATORS)[number];
/** English names for reports and the en UI. */
export const OPERATOR_NAMES_EN: Record<KnownOperator, string> = {
  中国移动: 'China Mobile',
  中国联通: 'China Unicom',
  中国电信: 'China Telecom',
  中国广电: 'China Broadnet',
};

const OPERATOR_ALIASES = new Map<string, KnownOperator>();
const addOp = (op: KnownOperator, names: string[]) =>
  names.forEach((n) => OPERATOR_ALIASES.set(n, op));
addOp('中国移动', ['中国移动', '移动', '中移', '中移动', 'cmcc', 'chinamobile', 'cm', 'mobile']);
addOp('中国联通', ['中国联通', '联通', '中联通', 'cucc', 'chinaunicom', 'cu', 'unicom']);
addOp('中国电信', ['中国电信', '电信', '中电信', 'ctcc', 'chinatelecom', 'ct', 'telecom']);
addOp('中国广电', [
  '中国广电',
  '广电',
  'cbn',
  'chinabroadnet',
  'broadnet',
  '中国广播电视网络',
  '广电网络',
]);

/**
 * Operator text → '中国移动' | '中国联通' | '中国电信' | '中国广电'; other text is kept as
 * written (trimmed); empty → null.
 */
export function parseOperator(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  const k = text
    .toLowerCase()
    .replace(/[\s_\-.]/g, '')
    .replace(/(股份)?(有限)?(责任)?公司$|通信集团|集团|通信/g, '');
  return OPERATOR_ALIASES.get(k) ?? text;
}

/** Chinese operator from MCC 460 and MNC (as in OpenCelliD's `mcc`, `net`). */
export function operatorFromMccMnc(mcc: number, mnc: number): KnownOperator | null {
  if (mcc !== 460) return null;
  switch (mnc) {
    case 0:
    case 2:
    case 4:
    case 7:
    case 8:
      return '中国移动';
    case 1:
    case 6:
    case 9:
      return '中国联通';
    case 3:
    case 5:
    case 11:
      return '中国电信';
    case 15:
      return '中国广电';
    default:
      return null;
  }
}

const ENV_ALIASES: Record<string, Env> = {
  '': 'auto',
  auto: 'auto',
  自动: 'auto',
  rma: 'rma',
  rural: 'rma',
  农村: 'rma',
  乡村: 'rma',
  乡镇: 'rma',
  uma: 'uma',
  urban: 'uma',
  suburban: 'uma',
  城区: 'uma',
  市区: 'uma',
  一般城区: 'uma',
  郊区: 'uma',
  县城: 'uma',
  umi: 'umi',
  denseurban: 'umi',
  密集城区: 'umi',
  密集市区: 'umi',
};

/** rma/uma/umi/auto, English and Chinese scenario names; null when unknown. */
export function parseEnv(raw: string): Env | null {
  return (
    ENV_ALIASES[
      raw
        .trim()
        .toLowerCase()
        .replace(/[\s_-]/g, '')
    ] ?? null
  );
}

const STATUS_ALIASES: Record<string, StationStatus> = {
  '': 'existing',
  existing: 'existing',
  exist: 'existing',
  active: 'existing',
  onair: 'existing',
  inservice: 'existing',
  在网: 'existing',
  现网: 'existing',
  在用: 'existing',
  已开通: 'existing',
  开通: 'existing',
  已建: 'existing',
  运行: 'existing',
  planned: 'planned',
  plan: 'planned',
  proposed: 'planned',
  规划: 'planned',
  计划: 'planned',
  拟建: 'planned',
  新建: 'planned',
  待建: 'planned',
  在建: 'planned',
  未开通: 'planned',
};

/** existing/planned and Chinese equivalents; empty = existing; null when unknown. */
export function parseStatus(raw: string): StationStatus | null {
  return (
    STATUS_ALIASES[
      raw
        .trim()
        .toLowerCase()
        .replace(/[\s_-]/g, '')
    ] ?? null
  );
}
