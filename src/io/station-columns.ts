import { ImportError } from './issues';

/** The station table's canonical columns (DESIGN.md "Station table"). */
export const CANONICAL_FIELDS = [
  'id',
  'site_id',
  'name',
  'operator',
  'lon',
  'lat',
  'tech',
  'band',
  'redcap',
  'azimuth',
  'beamwidth',
  'height_m',
  'power_dbm',
  'env',
  'radius_m',
  'status',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** User override: canonical field → header text as it appears in the file ('' = do not use). */
export type ColumnMapping = Partial<Record<CanonicalField, string>>;

/**
 * Accepted header spellings per field, best first. When two columns claim a field the
 * one whose alias comes first wins (so 基站名称 beats 小区名称 for `name`), ties go to the
 * leftmost column. Headers are compared after {@link normaliseHeader}.
 * `x`/`y` are last-resort aliases used only when both are present and no other
 * lon/lat column exists: in GIS exports they may be projected metres.
 */
// prettier-ignore
const ALIASES: Record<CanonicalField, readonly string[]> = {
  id: [
    'id', 'cellid', 'cell', '小区', '小区id', '小区编号', '小区标识', '小区号', 'eci', 'nci', 'cgi',
    'ecgi', 'ncgi', '扇区', '扇区id', '扇区编号', 'sector', 'sectorid', 'cellcode',
  ],
  site_id: [
    'siteid', 'site', '站号', '基站编号', '基站id', '基站号', '基站标识', '站点编号', '站点id',
    '站址编号', 'enodebid', 'enbid', 'gnodebid', 'gnbid', 'enodeb', 'gnodeb', 'enb', 'gnb',
    'nodebid', 'btsid', 'bts', 'sitecode',
  ],
  name: [
    'name', 'sitename', '站名', '基站名称', '基站名', '站点名称', '站址名称', '名称', 'enodebname',
    'gnodebname', 'cellname', '小区名称', '小区名',
  ],
  operator: ['operator', '运营商', '运营商名称', 'carrier', 'mno', '所属运营商'],
  lon: ['lon', 'lng', 'longitude', 'long', '经度', '东经', 'wgs84lon', 'lonwgs84', 'x'],
  lat: ['lat', 'latitude', '纬度', '北纬', 'wgs84lat', 'latwgs84', 'y'],
  tech: [
    'tech', 'technology', 'rat', 'radio', '制式', '网络制式', '网络类型', '无线制式', 'nettype',
    'network', '网络',
  ],
  band: ['band', '频段', '工作频段', 'freqband', 'frequencyband', '频带', 'nrband', 'lteband'],
  redcap: [
    'redcap', '是否redcap', '支持redcap', '是否支持redcap', 'redcap支持', 'redcapenabled',
    'supportredcap', 'redcap开通', '是否开通redcap',
  ],
  azimuth: ['azimuth', '方位角', '方位', '方向角', 'azi', 'bearing', 'direction'],
  beamwidth: [
    'beamwidth', 'hbw', '水平波瓣宽度', '水平波束宽度', '波瓣宽度', '波束宽度', '水平半功率角',
    'horizontalbeamwidth',
  ],
  height_m: [
    'heightm', 'height', '挂高', '天线挂高', '天线高度', 'antennaheight', '高度', '站高',
  ],
  power_dbm: ['powerdbm', 'power', '发射功率', 'txpower', '功率', '最大发射功率'],
  env: ['env', 'environment', 'scenario', '场景', '覆盖场景', '覆盖类型', '区域类型', '场景类型'],
  radius_m: ['radiusm', 'radius', '覆盖半径', '半径', 'coverageradius'],
  status: ['status', '状态', '建设状态', '站点状态', '基站状态', '运行状态'],
};

/** Normalised alias → the field it names and its rank among that field's aliases. */
export type AliasIndex<F extends string> = ReadonlyMap<string, { field: F; rank: number }>;

/** Index a field → aliases table (aliases already in {@link normaliseHeader} form). */
export function aliasIndex<F extends string>(
  fields: readonly F[],
  aliases: Record<F, readonly string[]>,
): AliasIndex<F> {
  const index = new Map<string, { field: F; rank: number }>();
  for (const field of fields) aliases[field].forEach((a, rank) => index.set(a, { field, rank }));
  return index;
}

const ALIAS_INDEX = aliasIndex(CANONICAL_FIELDS, ALIASES);

/** The OpenCelliD cell export layout; files may come with or without this header. */
// prettier-ignore
export const OPENCELLID_COLUMNS = [
  'radio', 'mcc', 'net', 'area', 'cell', 'unit', 'lon', 'lat', 'range', 'samples', 'changeable',
  'created', 'updated', 'averageSignal',
] as const;
const OPENCELLID_RADIOS = new Set(['GSM', 'UMTS', 'LTE', 'NR', 'CDMA']);

/**
 * Lower-case, drop a BOM, bracketed notes ("挂高(m)", "经度（GCJ02）") and separators, so
 * "Height (m)", "height_m" and "HEIGHT-M" all compare equal.
 */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s_\-.:：/\\#]/g, '');
}

export function aliasField(header: string): CanonicalField | null {
  return ALIAS_INDEX.get(normaliseHeader(header))?.field ?? null;
}

export type StationLayout = 'canonical' | 'opencellid';

/** OpenCelliD column positions. */
export interface OpenCellidIndex {
  radio: number;
  mcc: number;
  net: number;
  area: number;
  cell: number;
  lon: number;
  lat: number;
  range: number;
}

/** Column positions the row reader uses. */
export interface ResolvedColumns {
  layout: StationLayout;
  /** Canonical field → column position. */
  index: Partial<Record<CanonicalField, number>>;
  opencellid: OpenCellidIndex | null;
  /** Column headers as written (synthetic OpenCelliD names for a header-less file). */
  headers: string[];
}

/** What the UI shows in the import preview, and what it can edit and send back as `mapping`. */
export interface StationColumns {
  layout: StationLayout;
  /** False for an OpenCelliD file without a header row. */
  hasHeader: boolean;
  headers: string[];
  /** Field → header used for it. */
  mapping: ColumnMapping;
  /** Each column in file order with the field it feeds (null = not used). */
  byColumn: { header: string; field: CanonicalField | null }[];
  /** Headers of columns that feed no field. */
  unmapped: string[];
  /** Headers that matched a field already taken by a better-named column. */
  duplicates: string[];
}

/** Map a header row by aliases (canonical layout). */
export function detectCanonical(headers: readonly string[]): {
  index: Partial<Record<CanonicalField, number>>;
  duplicates: number[];
} {
  return detectByAliases(headers, ALIAS_INDEX);
}

/**
 * Map a header row by an alias table (station and settlement tables share the rule): the
 * column whose alias ranks first wins a field, ties go to the leftmost; `x`/`y` count only
 * as a pair. `duplicates` are columns that named a field another column won.
 */
export function detectByAliases<F extends string>(
  headers: readonly string[],
  aliases: AliasIndex<F>,
): { index: Partial<Record<F, number>>; duplicates: number[] } {
  const best = new Map<F, { col: number; rank: number }>();
  const claimed: { col: number; field: F }[] = [];
  headers.forEach((h, col) => {
    const hit = aliases.get(normaliseHeader(h));
    if (!hit) return;
    claimed.push({ col, field: hit.field });
    const cur = best.get(hit.field);
    if (!cur || hit.rank < cur.rank) best.set(hit.field, { col, rank: hit.rank });
  });
  const index: Partial<Record<F, number>> = {};
  for (const [field, { col }] of best) index[field] = col;
  // x/y are ambiguous: only as a pair, and only when nothing better names the position.
  const pos = index as Partial<Record<'lon' | 'lat', number>>;
  const isXY = (f: 'lon' | 'lat', letter: string) =>
    pos[f] !== undefined && normaliseHeader(headers[pos[f]]) === letter;
  if (isXY('lon', 'x') !== isXY('lat', 'y')) {
    if (isXY('lon', 'x')) delete pos.lon;
    if (isXY('lat', 'y')) delete pos.lat;
  }
  const used = new Set(Object.values(index));
  const duplicates = claimed
    .filter(({ col, field }) => !used.has(col) && index[field] !== undefined)
    .map((c) => c.col);
  return { index, duplicates };
}

/** True if a header row is the OpenCelliD layout. */
export function isOpenCellidHeader(headers: readonly string[]): boolean {
  const norm = new Set(headers.map(normaliseHeader));
  return ['radio', 'mcc', 'net', 'cell', 'lon', 'lat'].every((c) => norm.has(c));
}

/** True if a data row looks like a header-less OpenCelliD row: "LTE,460,0,…". */
export function isOpenCellidRow(row: readonly string[]): boolean {
  return (
    row.length >= 9 &&
    OPENCELLID_RADIOS.has(row[0].trim().toUpperCase()) &&
    /^\d{3}$/.test(row[1].trim()) &&
    /^\d+$/.test(row[4].trim()) &&
    Number.isFinite(Number(row[6])) &&
    Number.isFinite(Number(row[7]))
  );
}

export function openCellidIndex(headers: readonly string[]): OpenCellidIndex {
  const norm = headers.map(normaliseHeader);
  const at = (name: string) => norm.indexOf(name);
  return {
    radio: at('radio'),
    mcc: at('mcc'),
    net: at('net'),
    area: at('area'),
    cell: at('cell'),
    lon: at('lon'),
    lat: at('lat'),
    range: at('range'),
  };
}

/** Public description of resolved columns. */
export function describeColumns(
  cols: ResolvedColumns,
  hasHeader: boolean,
  duplicates: readonly number[] = [],
  useOpenCellidRange = false,
): StationColumns {
  const fieldAt = new Map<number, CanonicalField>();
  if (cols.layout === 'opencellid' && cols.opencellid) {
    const o = cols.opencellid;
    fieldAt.set(o.radio, 'tech');
    fieldAt.set(o.cell, 'id');
    fieldAt.set(o.lon, 'lon');
    fieldAt.set(o.lat, 'lat');
    if (useOpenCellidRange && o.range >= 0) fieldAt.set(o.range, 'radius_m');
  } else {
    for (const f of CANONICAL_FIELDS) {
      const i = cols.index[f];
      if (i !== undefined) fieldAt.set(i, f);
    }
  }
  // mcc/net/area feed operator and site id in OpenCelliD: used, but not one field.
  const derived =
    cols.layout === 'opencellid' && cols.opencellid
      ? new Set([cols.opencellid.mcc, cols.opencellid.net, cols.opencellid.area])
      : new Set<number>();
  const mapping: ColumnMapping = {};
  for (const [i, f] of fieldAt) mapping[f] = cols.headers[i];
  return {
    layout: cols.layout,
    hasHeader,
    headers: [...cols.headers],
    mapping,
    byColumn: cols.headers.map((header, i) => ({ header, field: fieldAt.get(i) ?? null })),
    unmapped: cols.headers.filter((_, i) => !fieldAt.has(i) && !derived.has(i)),
    duplicates: duplicates.map((i) => cols.headers[i]),
  };
}

/** Rows searched for the header: exports often start with a title line or two. */
export const HEADER_SCAN_ROWS = 10;

export interface LayoutResolution {
  cols: ResolvedColumns;
  /** Index of the header record among the records given, or -1 when there is none. */
  headerIndex: number;
  hasHeader: boolean;
  duplicates: number[];
}

/**
 * Find the header among the first records and map its columns, or recognise a
 * header-less OpenCelliD file. A user `mapping` overrides detection field by field
 * ('' removes a field). Throws ImportError when no longitude/latitude columns exist.
 */
export function resolveColumns(
  head: readonly (readonly string[])[],
  file: string,
  mapping?: ColumnMapping,
): LayoutResolution {
  const scan = head.slice(0, HEADER_SCAN_ROWS);
  const userMapping = mapping && Object.keys(mapping).length > 0 ? mapping : undefined;
  if (!userMapping) {
    for (let r = 0; r < scan.length; r++) {
      const headers = scan[r].map((h) => h.trim());
      if (isOpenCellidHeader(headers)) {
        return {
          cols: { layout: 'opencellid', index: {}, opencellid: openCellidIndex(headers), headers },
          headerIndex: r,
          hasHeader: true,
          duplicates: [],
        };
      }
      if (r === 0 && isOpenCellidRow(headers)) {
        const synthetic = headers.map((_, i) => OPENCELLID_COLUMNS[i] ?? `column${i + 1}`);
        return {
          cols: {
            layout: 'opencellid',
            index: {},
            opencellid: openCellidIndex(synthetic),
            headers: synthetic,
          },
          headerIndex: -1,
          hasHeader: false,
          duplicates: [],
        };
      }
      const { index, duplicates } = detectCanonical(headers);
      if (index.lon !== undefined && index.lat !== undefined) {
        return {
          cols: { layout: 'canonical', index, opencellid: null, headers },
          headerIndex: r,
          hasHeader: true,
          duplicates,
        };
      }
    }
    const first = (scan[0] ?? []).map((h) => h.trim());
    throw new ImportError(
      file,
      'no-coordinate-columns',
      `no longitude/latitude columns found (columns: ${first.map((h) => `"${h}"`).join(', ') || 'none'}); ` +
        'name them lon/lat or 经度/纬度, or map them in the import dialog',
      { headers: first.join(', ') },
    );
  }

  const wanted = Object.entries(userMapping).filter(([, h]) => h && h.trim() !== '') as [
    CanonicalField,
    string,
  ][];
  const key = (s: string) => s.trim().toLowerCase();
  for (let r = 0; r < scan.length; r++) {
    const headers = scan[r].map((h) => h.trim());
    const keys = headers.map(key);
    if (!wanted.every(([, h]) => keys.includes(key(h)))) continue;
    const { index, duplicates } = detectCanonical(headers);
    for (const [field, h] of Object.entries(userMapping) as [CanonicalField, string][]) {
      if (!h || h.trim() === '') {
        delete index[field];
        continue;
      }
      const col = keys.indexOf(key(h));
      // One column feeds one field: the user's choice replaces a detected one.
      for (const f of CANONICAL_FIELDS) if (index[f] === col && f !== field) delete index[f];
      index[field] = col;
    }
    if (index.lon === undefined || index.lat === undefined) {
      throw new ImportError(
        file,
        'no-coordinate-columns',
        'the column mapping has no longitude and latitude columns',
        {
          headers: headers.join(', '),
        },
      );
    }
    const used = new Set(Object.values(index));
    return {
      cols: { layout: 'canonical', index, opencellid: null, headers },
      headerIndex: r,
      hasHeader: true,
      duplicates: duplicates.filter((c) => !used.has(c)),
    };
  }
  const missing = wanted
    .filter(([, h]) => !(scan[0] ?? []).some((x) => key(x) === key(h)))
    .map(([, h]) => h);
  throw new ImportError(
    file,
    'mapping-column-not-found',
    `the column mapping names columns the file does not have: ${missing.map((h) => `"${h}"`).join(', ')}`,
    { columns: missing.join(', ') },
  );
}
