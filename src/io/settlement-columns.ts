import { ImportError } from './issues';
import { HEADER_SCAN_ROWS, aliasIndex, detectByAliases, normaliseHeader } from './station-columns';

/** The settlement table's canonical columns (geo/yushu-settlements.csv writes them). */
export const SETTLEMENT_FIELDS = [
  'id',
  'name',
  'kind',
  'lon',
  'lat',
  'population',
  'households',
  'code',
  'synthetic',
] as const;
export type SettlementField = (typeof SETTLEMENT_FIELDS)[number];

/** User override: field → header (table) or property name (GeoJSON/KML); '' = do not use. */
export type SettlementMapping = Partial<Record<SettlementField, string>>;

/**
 * Accepted header spellings per field, best first, compared after normaliseHeader (so
 * "人口（人）" is 人口 and "Lon (WGS84)" is lon). As for stations, `x`/`y` count only as a pair.
 */
// prettier-ignore
const ALIASES: Record<SettlementField, readonly string[]> = {
  id: ['id', 'settlementid', 'fid', 'objectid', '编号', '点号', '序号'],
  name: [
    'name', '名称', '村名', '地名', '村庄名称', '村名称', '居民点名称', '聚落名称', '自然村名称',
    '行政村名称', '村委会名称', '标准名称', '地名名称', '居民点', '村庄', 'placename',
    'settlementname', 'settlement', 'villagename', 'village', 'title',
  ],
  kind: [
    'kind', 'type', '类型', '类别', '居民点类型', '聚落类型', '地名类别', '地名类型', '村庄类型',
    'settlementtype', 'placetype', 'category', 'class', 'place',
  ],
  lon: ['lon', 'lng', 'longitude', 'long', '经度', '东经', 'wgs84lon', 'lonwgs84', 'x'],
  lat: ['lat', 'latitude', '纬度', '北纬', 'wgs84lat', 'latwgs84', 'y'],
  population: [
    'population', 'pop', '人口', '常住人口', '户籍人口', '人口数', '总人口', '人口总数', '人数',
    '居住人口', '现有人口', 'pop2020', 'people', 'inhabitants',
  ],
  households: ['households', 'household', 'hh', '户数', '总户数', '户籍户数', '住户数', '户'],
  code: [
    'code', '代码', '区划代码', '统计用区划代码', '行政区划代码', '村代码', '村级代码', '村编码',
    'adcode', 'villagecode', 'gbcode',
  ],
  synthetic: ['synthetic', '合成', '是否合成', '合成数据'],
};

const ALIAS_INDEX = aliasIndex(SETTLEMENT_FIELDS, ALIASES);

/** Where each field is read from: column positions (tables) or property names (features). */
export interface SettlementLayout {
  /** Field → position in `headers`. */
  index: Partial<Record<SettlementField, number>>;
  /** Column headers (tables) or property names (features), as written. */
  headers: string[];
  /** Columns that named a field another column already provides. */
  duplicates: number[];
  /** Scale of counts given in 万 ("人口（万人）"): 10,000, else 1. */
  units: { population: number; households: number };
}

/** What the validate command and an import dialog show about the columns. */
export interface SettlementColumnsInfo {
  /** Field → header or property used for it. */
  mapping: SettlementMapping;
  /** Headers that feed no field. */
  unmapped: string[];
  duplicates: string[];
}

const unitOf = (header: string | undefined): number =>
  header !== undefined && /万/.test(header) ? 10_000 : 1;

function layoutOf(
  headers: string[],
  index: Partial<Record<SettlementField, number>>,
  duplicates: number[],
): SettlementLayout {
  const at = (f: SettlementField) => (index[f] === undefined ? undefined : headers[index[f]]);
  return {
    index,
    headers,
    duplicates,
    units: { population: unitOf(at('population')), households: unitOf(at('households')) },
  };
}

/** Apply a user mapping on top of detection: one column feeds one field. */
function applyMapping(
  headers: readonly string[],
  detected: Partial<Record<SettlementField, number>>,
  mapping: SettlementMapping,
): Partial<Record<SettlementField, number>> | string[] {
  const index = { ...detected };
  const key = (s: string) => s.trim().toLowerCase();
  const keys = headers.map(key);
  const missing: string[] = [];
  for (const [field, h] of Object.entries(mapping) as [SettlementField, string | undefined][]) {
    if (h === undefined) continue;
    if (h.trim() === '') {
      delete index[field];
      continue;
    }
    const col = keys.indexOf(key(h));
    if (col < 0) {
      missing.push(h);
      continue;
    }
    for (const f of SETTLEMENT_FIELDS) if (index[f] === col && f !== field) delete index[f];
    index[field] = col;
  }
  return missing.length > 0 ? missing : index;
}

/**
 * Find the header among the first records of a table (exports often start with a title
 * line) and map its columns. Throws ImportError when no row names a longitude and a
 * latitude, or when the mapping names columns the file does not have.
 */
export function resolveSettlementColumns(
  head: readonly (readonly string[])[],
  file: string,
  mapping?: SettlementMapping,
): SettlementLayout & { headerIndex: number } {
  const scan = head.slice(0, HEADER_SCAN_ROWS);
  let missing: string[] = [];
  for (let r = 0; r < scan.length; r++) {
    const headers = scan[r].map((h) => h.trim());
    const { index: detected, duplicates } = detectByAliases(headers, ALIAS_INDEX);
    const index = mapping ? applyMapping(headers, detected, mapping) : detected;
    if (Array.isArray(index)) {
      if (r === 0) missing = index;
      continue;
    }
    if (index.lon !== undefined && index.lat !== undefined) {
      const used = new Set(Object.values(index));
      return {
        ...layoutOf(
          headers,
          index,
          duplicates.filter((c) => !used.has(c)),
        ),
        headerIndex: r,
      };
    }
  }
  if (missing.length > 0) {
    throw new ImportError(
      file,
      'mapping-column-not-found',
      `the column mapping names columns the file does not have: ${missing.map((h) => `"${h}"`).join(', ')}`,
      { columns: missing.join(', ') },
    );
  }
  const first = (scan[0] ?? []).map((h) => h.trim());
  throw new ImportError(
    file,
    'no-coordinate-columns',
    `no longitude/latitude columns found (columns: ${first.map((h) => `"${h}"`).join(', ') || 'none'}); ` +
      'name them lon/lat or 经度/纬度, or map them',
    { headers: first.join(', ') },
  );
}

/**
 * Map feature properties (GeoJSON, KML ExtendedData, Shapefile attributes) to fields by the
 * same aliases. Position comes from the geometry, so lon/lat are optional here.
 */
export function resolveSettlementProperties(
  names: readonly string[],
  file: string,
  mapping?: SettlementMapping,
): SettlementLayout {
  const headers = [...names];
  const { index: detected, duplicates } = detectByAliases(headers, ALIAS_INDEX);
  const index = mapping ? applyMapping(headers, detected, mapping) : detected;
  if (Array.isArray(index)) {
    throw new ImportError(
      file,
      'field-not-found',
      `the mapping names properties the features do not have: ${index.map((h) => `"${h}"`).join(', ')}`,
      { field: index.join(', ') },
    );
  }
  const used = new Set(Object.values(index));
  return layoutOf(
    headers,
    index,
    duplicates.filter((c) => !used.has(c)),
  );
}

export function describeSettlementColumns(layout: SettlementLayout): SettlementColumnsInfo {
  const mapping: SettlementMapping = {};
  const used = new Set<number>();
  for (const f of SETTLEMENT_FIELDS) {
    const i = layout.index[f];
    if (i === undefined) continue;
    mapping[f] = layout.headers[i];
    used.add(i);
  }
  return {
    mapping,
    unmapped: layout.headers.filter((_, i) => !used.has(i)),
    duplicates: layout.duplicates.map((i) => layout.headers[i]),
  };
}

/** The field a header names, or null (for tests and help texts). */
export function settlementField(header: string): SettlementField | null {
  return ALIAS_INDEX.get(normaliseHeader(header))?.field ?? null;
}
