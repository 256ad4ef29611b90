/**
 * Settlements: points where people live (a county town, township seats, administrative and
 * natural villages, herding sites). They locate the people a population surface spreads
 * and name what a coverage gap holds; the universal-service rules (20+ households, a
 * township seat, an administrative village more than 5 km from any site) act on them.
 */
import type { LngLatWgs84 } from './crs';

export const SETTLEMENT_KINDS = [
  'town',
  'township-seat',
  'admin-village',
  'natural-village',
  'herding-site',
  'other',
] as const;

/**
 * - `town`: a county seat town or city proper (县城/城区); it is also its township's seat.
 * - `township-seat`: the seat of a 乡/镇 government (乡镇驻地, the 集镇).
 * - `admin-village`: an administrative village or urban community (行政村/村委会, 社区/居委会),
 *   the unit of the 5 km universal-service rule.
 * - `natural-village`: a natural village or villagers' group (自然村/村民小组/屯).
 * - `herding-site`: a herders' settlement or seasonal camp (牧业点, 定居点, 冬窝子).
 * - `other`: given, but none of these.
 */
export type SettlementKind = (typeof SETTLEMENT_KINDS)[number];

export interface Settlement {
  /** From the file's id column, else `row:N` / `feature:N`; unique within an import. */
  id: string;
  name: string;
  position: LngLatWgs84;
  /** People; null when the source gives none. */
  population: number | null;
  /** Households (户); null when the source gives none (people ÷ household size then). */
  households: number | null;
  kind: SettlementKind;
  /** 12-digit village or 9-digit township code (统计用区划代码) when given. */
  code: string | null;
  /** Made up by a generator (the demo); every output that uses it must say so. */
  synthetic: boolean;
  /** 1-based data row (table) or feature (GeoJSON/KML) it came from. */
  sourceRow: number;
}

/**
 * Kind words as they appear in Chinese statistical and GIS tables, and in English.
 * Compared after {@link normaliseKindText}. 村 alone means 行政村, as in the NBS village
 * lists; English "village"/"hamlet" follow OpenStreetMap's place=village/hamlet, physical
 * settlements, hence natural villages. 乡镇/镇区/集镇 name the seat of the township.
 */
// prettier-ignore
const KIND_ALIASES: Record<SettlementKind, readonly string[]> = {
  town: [
    'town', '县城', '城区', '县城区', '主城区', '市区', '城关', '县城驻地', '县政府驻地', '县驻地',
    '市政府驻地', '建成区', 'city', 'urban', 'countyseat', 'countytown',
  ],
  'township-seat': [
    'townshipseat', '乡镇驻地', '乡镇政府驻地', '乡政府驻地', '镇政府驻地', '乡驻地', '镇驻地',
    '镇区', '集镇', '乡镇', '乡镇所在地', '乡镇中心', '街道驻地', 'township', 'townshipcentre',
    'townshipcenter',
  ],
  'admin-village': [
    'adminvillage', '行政村', '村委会', '村民委员会', '村', '社区', '居委会', '居民委员会',
    '社区居委会', '村级', 'administrativevillage', 'community',
  ],
  'natural-village': [
    'naturalvillage', '自然村', '村民小组', '村小组', '屯', '自然屯', '组', '寨', '庄', '村组',
    'village', 'hamlet', 'isolateddwelling',
  ],
  'herding-site': [
    'herdingsite', '牧业点', '牧点', '牧场', '定居点', '牧民定居点', '冬窝子', '夏窝子',
    '冬季牧场', '夏季牧场', '冬春草场', '夏秋草场', '帐篷点', 'herding', 'pastoral', 'camp',
    'nomadcamp',
  ],
  other: ['other', '其他', '其它'],
};

/** Lower case, no spaces, hyphens, underscores or dots: "Township-Seat" → "townshipseat". */
export function normaliseKindText(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.·]/g, '');
}

const KIND_INDEX = new Map<string, SettlementKind>();
for (const kind of SETTLEMENT_KINDS) {
  for (const alias of KIND_ALIASES[kind]) KIND_INDEX.set(alias, kind);
}

/** A kind word in Chinese or English (see the aliases above); null when unknown. */
export function parseSettlementKind(raw: string): SettlementKind | null {
  return KIND_INDEX.get(normaliseKindText(raw)) ?? null;
}

/** Every accepted spelling of a kind, for help texts and tests. */
export function settlementKindAliases(kind: SettlementKind): readonly string[] {
  return KIND_ALIASES[kind];
}

/**
 * The kind a code implies when a record gives none: a 12-digit NBS code is a village-level
 * unit (村/居委会), a 9-digit one a township (its seat); anything else says nothing.
 */
export function kindOfCode(code: string | null): SettlementKind {
  if (code?.length === 12) return 'admin-village';
  if (code?.length === 9) return 'township-seat';
  return 'other';
}
