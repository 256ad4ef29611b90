/**
 * The hostile-input cases (tests/fixtures/hostile/README.md): small files committed in
 * tests/fixtures/hostile, big ones and zip bombs built here in memory. Each case says what
 * SailPlan must do with the file — refuse it whole with a code, or load it with exactly
 * these rows/features rejected — and both hostile-inputs.test.ts (the importers) and
 * hostile-cli.test.ts (validate/analyze) hold the code to it.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import writeExcelFile from 'write-excel-file/universal';
import { listZip } from '../../src/io/zip-read';

export const HOSTILE_DIR = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));

export type Kind = 'stations' | 'boundaries' | 'population' | 'scenario';

/** A rejected row (stations, population), feature (boundaries) or edit path (scenario). */
export interface Rejected {
  at: number;
  field?: string;
  code: string;
  reason?: RegExp;
}

export type Outcome =
  | { error: string; reason?: RegExp }
  | { loaded: number; rejected?: Rejected[]; warnings?: string[] };

export interface HostileCase {
  file: string;
  kind: Kind;
  what: string;
  bytes(): Uint8Array | Promise<Uint8Array>;
  expect: Outcome;
  /** Built in memory (not committed). */
  generated?: boolean;
  /** Time the importer may take on this machine (ms); default 5,000. */
  budgetMs?: number;
}

const enc = new TextEncoder();
const text = (s: string): Uint8Array => enc.encode(s);
const committed = (file: string) => () => new Uint8Array(readFileSync(HOSTILE_DIR + file));

// --- Geometry builders ------------------------------------------------------------------
const sq = (x: number, y: number, d = 0.05): number[][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];
const polygonJson = (x: number): string =>
  JSON.stringify({ type: 'Polygon', coordinates: [sq(x, 23)] });
const featureJson = (code: string, name: string, geometry: string, props = ''): string =>
  `{"type":"Feature","properties":{"code":"${code}","name":"${name}"${props}},"geometry":${geometry}}`;
const collection = (...features: string[]): Uint8Array =>
  text(`{"type":"FeatureCollection","features":[${features.join(',')}]}`);

/** A polygon of `n` vertices on a circle; degrees, ~2 km radius near 109.5°E 23°N. */
export function circleRing(n: number, r = 0.02, cx = 109.5, cy = 23): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    ring.push([cx + r * Math.cos(t), cy + r * Math.sin(t)]);
  }
  ring.push(ring[0]);
  return ring;
}

const deepCoordinates = (n: number): Uint8Array =>
  collection(
    featureJson('450802', '正常', polygonJson(109)),
    featureJson(
      '450803',
      '深',
      `{"type":"Polygon","coordinates":${'['.repeat(n)}[109.5,23]${']'.repeat(n)}}`,
    ),
    featureJson('450804', '正常二', polygonJson(110)),
  );

// --- Zip builders -----------------------------------------------------------------------
export interface ZipPart {
  name: string;
  data: Uint8Array;
  store?: boolean;
  /** Uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
}

/** A zip archive (local headers, central directory, end record), written by hand. */
export function zipOf(parts: readonly ZipPart[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = enc.encode(p.name);
    const body = p.store ? p.data : new Uint8Array(deflateRawSync(p.data));
    const size = p.declaredSize ?? p.data.length;
    const crc = crc32(p.data);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true);
    lv.setUint16(8, p.store ? 0 : 8, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cen = new Uint8Array(46 + name.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, p.store ? 0 : 8, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cen.set(name, 46);
    chunks.push(local, body);
    central.push(cen);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, parts.length, true);
  ev.setUint16(10, parts.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of all) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** 64 MiB of one byte: deflates ~1000:1, like the zip bombs found in the wild. */
const BOMB_BYTES = 64 * 1024 * 1024;
const padding = (byte = 0x20): Uint8Array => new Uint8Array(BOMB_BYTES).fill(byte);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

const XLSX_HEADER = ['id', '站名', '经度', '纬度', '制式', '覆盖半径'];
/** A real XLSX station table (write-excel-file): rows 2 and 3 are bad, 1 and 4 good. */
async function stationXlsx(): Promise<Uint8Array> {
  const rows = [
    XLSX_HEADER,
    ['X1', '好', 97.0, 33.0, 'NR', null],
    ['X2', '半径过大', 97.01, 33.01, 'NR', 1e9],
    ['X3', '经纬颠倒', 33.02, 97.02, 'NR', null],
    ['X4', '=HYPERLINK("http://x","y")', 97.03, 33.03, 'LTE', 500],
  ];
  const blob = await writeExcelFile(rows as never).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** The parts of an archive, so a bomb can be made from a real XLSX. */
async function unzipAll(bytes: Uint8Array): Promise<ZipPart[]> {
  const out: ZipPart[] = [];
  for (const e of listZip(bytes, 'x.zip')) out.push({ name: e.name, data: await e.read() });
  return out;
}

async function xlsxWithSheet(
  change: (sheet: Uint8Array) => { data: Uint8Array; declaredSize?: number },
): Promise<Uint8Array> {
  const parts = await unzipAll(await stationXlsx());
  return zipOf(
    parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, ...change(p.data) } : p)),
  );
}

const kmlText = (...placemarks: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemarks.join('')}</Document></kml>`;
export const placemark = (code: string, x: number, geometry?: string): string =>
  `<Placemark><name>${code}</name><ExtendedData><Data name="code"><value>${code}</value></Data></ExtendedData>` +
  (geometry ??
    `<Polygon><outerBoundaryIs><LinearRing><coordinates>${x},23 ${x + 0.05},23 ${x + 0.05},23.05 ${x},23.05 ${x},23</coordinates></LinearRing></outerBoundaryIs></Polygon>`) +
  `</Placemark>`;
const kmlPolygon = (x: number): string =>
  `<Polygon><outerBoundaryIs><LinearRing><coordinates>${x},23 ${x + 0.05},23 ${x + 0.05},23.05 ${x},23</coordinates></LinearRing></outerBoundaryIs></Polygon>`;

const shapefileParts = (): ZipPart[] => {
  // The archive is refused from its central directory: the contents are never read.
  const shp = new Uint8Array(100);
  new DataView(shp.buffer).setInt32(0, 9994);
  return [
    { name: 'counties.shp', data: shp },
    { name: 'counties.dbf', data: padding(0x20) },
  ];
};

/** A polygon Shapefile (.shp) of the given polygons (rings of [lon, lat]), written by hand. */
export function shpOf(polygons: number[][][][]): Uint8Array {
  const records = polygons.map((rings, i) => {
    const points = rings.flat();
    const len = 44 + 4 * rings.length + 16 * points.length;
    const r = new DataView(new ArrayBuffer(8 + len));
    r.setInt32(0, i + 1);
    r.setInt32(4, len / 2);
    r.setInt32(8, 5, true);
    const box = points.reduce(
      (b, p) => [
        Math.min(b[0], p[0]),
        Math.min(b[1], p[1]),
        Math.max(b[2], p[0]),
        Math.max(b[3], p[1]),
      ],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
    box.forEach((b, k) => r.setFloat64(12 + 8 * k, b, true));
    r.setInt32(44, rings.length, true);
    r.setInt32(48, points.length, true);
    let start = 0;
    rings.forEach((ring, k) => {
      r.setInt32(52 + 4 * k, start, true);
      start += ring.length;
    });
    const at = 52 + 4 * rings.length;
    points.forEach((p, k) => {
      r.setFloat64(at + 16 * k, p[0], true);
      r.setFloat64(at + 16 * k + 8, p[1], true);
    });
    return new Uint8Array(r.buffer);
  });
  const header = new DataView(new ArrayBuffer(100));
  const total = 100 + records.reduce((n, r) => n + r.length, 0);
  header.setInt32(0, 9994);
  header.setInt32(24, total / 2);
  header.setInt32(28, 1000, true);
  header.setInt32(32, 5, true);
  return concat(new Uint8Array(header.buffer), ...records);
}

/** A .dbf with character fields `code` (6) and `name` (20); `declared` overrides the count. */
export function dbfOf(rows: [string, string][], declared = rows.length): Uint8Array {
  const fields: [string, number][] = [
    ['code', 6],
    ['name', 20],
  ];
  const headerLen = 32 + 32 * fields.length + 1;
  const recLen = 1 + fields.reduce((n, f) => n + f[1], 0);
  const out = new Uint8Array(headerLen + recLen * rows.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 3;
  v.setUint32(4, declared, true);
  v.setUint16(8, headerLen, true);
  v.setUint16(10, recLen, true);
  fields.forEach(([name, len], k) => {
    out.set(enc.encode(name), 32 + 32 * k);
    out[32 + 32 * k + 11] = 'C'.charCodeAt(0);
    out[32 + 32 * k + 16] = len;
  });
  out[headerLen - 1] = 0x0d;
  rows.forEach((row, i) => {
    let o = headerLen + i * recLen;
    out[o++] = 0x20;
    row.forEach((value, k) => {
      const b = enc.encode(value.padEnd(fields[k][1]).slice(0, fields[k][1]));
      out.set(b.subarray(0, fields[k][1]), o);
      o += fields[k][1];
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** Clockwise (ESRI outer ring) square. */
const cwSquare = (x: number, y: number, d: number): number[][] => [
  [x, y],
  [x, y + d],
  [x + d, y + d],
  [x + d, y],
  [x, y],
];

const scenarioText = (edits: string): string =>
  `{"schema":"sailplan.scenario/1","name":"hostile","edits":${edits}}`;

function millionEdits(): Uint8Array {
  const parts = ['{"op":"add","station":{"id":"M0","lon":97.1,"lat":33.1}}'];
  for (let i = 1; i < 1_000_000; i++)
    parts.push(`{"op":"update","id":"M0","set":{"power_dbm":${40 + (i % 10)}}}`);
  return text(scenarioText(`[${parts.join(',')}]`));
}

const STATION_HEADER = 'id,name,lon,lat,tech,band,azimuth,beamwidth,height_m,power_dbm,radius_m';

// --- The cases ----------------------------------------------------------------------------
const c = (
  file: string,
  kind: Kind,
  what: string,
  expect: Outcome,
  extra: Partial<HostileCase> = {},
): HostileCase => ({ file, kind, what, bytes: committed(file), expect, ...extra });
const g = (
  file: string,
  kind: Kind,
  what: string,
  bytes: () => Uint8Array | Promise<Uint8Array>,
  expect: Outcome,
  extra: Partial<HostileCase> = {},
): HostileCase => ({ file, kind, what, bytes, expect, generated: true, ...extra });

export const HOSTILE_CASES: HostileCase[] = [
  // Encodings
  c('utf16le-bom.csv', 'stations', 'UTF-16 LE with BOM', { error: 'unsupported-encoding' }),
  c('utf16le-nobom.csv', 'stations', 'UTF-16 LE without BOM', { error: 'unsupported-encoding' }),
  c('utf16be-nobom.csv', 'stations', 'UTF-16 BE without BOM', { error: 'unsupported-encoding' }),
  c('gbk-names.csv', 'stations', 'GBK names (Chinese Excel)', { loaded: 2 }),
  c('invalid-utf8-line.csv', 'stations', 'one line neither UTF-8 nor GBK', {
    loaded: 3,
    warnings: ['mixed-encoding'],
  }),
  c('mixed-utf8-gbk.csv', 'stations', 'UTF-8 file with a GBK line', {
    loaded: 2,
    warnings: ['mixed-encoding'],
  }),
  c('crlf-bom.csv', 'stations', 'UTF-8 BOM and CRLF line ends', { loaded: 2 }),
  c('cr-only.csv', 'stations', 'CR-only line ends (classic Mac)', { loaded: 2 }),
  c('population-utf16.csv', 'population', 'population table in UTF-16', {
    error: 'unsupported-encoding',
  }),
  // Truncation, binary, empty
  c('truncated-mid-row.csv', 'stations', 'CSV cut in the middle of a row', {
    loaded: 2,
    rejected: [{ at: 3, field: 'lat', code: 'missing-coordinate' }],
  }),
  c('truncated-in-quote.csv', 'stations', 'CSV cut inside a quoted field', {
    loaded: 2,
    rejected: [{ at: 3, code: 'unterminated-quote' }],
  }),
  c('truncated-mid-token.geojson', 'boundaries', 'GeoJSON cut in the middle of a number', {
    error: 'invalid-json',
    reason: /truncated/,
  }),
  c('truncated.kml', 'boundaries', 'KML cut mid-element', { error: 'invalid-xml' }),
  c('scenario-truncated.json', 'scenario', 'scenario cut mid-object', { error: 'json-syntax' }),
  g(
    'truncated.xlsx',
    'stations',
    'XLSX cut at 60%',
    async () => {
      const b = await stationXlsx();
      return b.slice(0, Math.floor(b.length * 0.6));
    },
    { error: 'invalid-xlsx' },
  ),
  g(
    'truncated.kmz',
    'boundaries',
    'KMZ cut in half',
    () => {
      const z = zipOf([{ name: 'doc.kml', data: text(kmlText(placemark('450802', 109))) }]);
      return z.slice(0, Math.floor(z.length / 2));
    },
    { error: 'invalid-zip' },
  ),
  ...(['csv', 'xlsx'] as const).map((ext) =>
    c(`binary.${ext}`, 'stations', `random bytes named .${ext}`, { error: 'binary-file' }),
  ),
  ...(['geojson', 'topojson', 'kml'] as const).map((ext) =>
    c(`binary.${ext}`, 'boundaries', `random bytes named .${ext}`, { error: 'unknown-format' }),
  ),
  ...(['kmz', 'zip'] as const).map((ext) =>
    c(`binary.${ext}`, 'boundaries', `random bytes named .${ext}`, { error: 'invalid-zip' }),
  ),
  c('binary.json', 'scenario', 'random bytes as a scenario', { error: 'json-syntax' }),
  c('empty.csv', 'stations', 'empty station table', { error: 'empty-file' }),
  ...(['geojson', 'kml', 'zip'] as const).map((ext) =>
    c(`empty.${ext}`, 'boundaries', `empty .${ext}`, { error: 'empty-file' }),
  ),
  c('empty.json', 'scenario', 'empty scenario', { error: 'json-syntax', reason: /empty/ }),
  // Numbers
  c('nan-infinity.csv', 'stations', 'NaN, Infinity, 1e309 in coordinates and fields', {
    loaded: 1,
    rejected: [
      { at: 2, field: 'lon', code: 'unparseable-coordinate' },
      { at: 3, field: 'lat', code: 'unparseable-coordinate' },
      { at: 4, field: 'lon', code: 'unparseable-coordinate' },
      { at: 5, field: 'azimuth', code: 'unparseable-number' },
      { at: 6, field: 'power_dbm', code: 'unparseable-number' },
      { at: 7, field: 'radius_m', code: 'unparseable-number' },
      { at: 8, field: 'height_m', code: 'unparseable-number' },
    ],
  }),
  c('out-of-range.csv', 'stations', 'out-of-range, null-island and swapped lat/lon', {
    loaded: 1,
    rejected: [
      { at: 2, field: 'lat', code: 'coordinate-out-of-range' },
      { at: 3, field: 'lon', code: 'coordinate-out-of-range' },
      { at: 4, field: 'lon', code: 'coordinate-out-of-range' },
      { at: 5, field: 'lon/lat', code: 'outside-china' },
      { at: 6, field: 'lon/lat', code: 'swapped-coordinates' },
    ],
  }),
  c('physical-limits.csv', 'stations', 'radius 1e9 and other impossible values', {
    loaded: 5,
    rejected: [
      { at: 1, field: 'radius_m', code: 'value-out-of-range', reason: /limit of 100,000 m/ },
      { at: 3, field: 'radius_m', code: 'value-out-of-range' },
      { at: 4, field: 'radius_m', code: 'negative-value' },
      { at: 7, field: 'height_m', code: 'value-out-of-range', reason: /sea level/ },
      { at: 8, field: 'power_dbm', code: 'value-out-of-range' },
      { at: 11, field: 'azimuth', code: 'azimuth-out-of-range' },
      { at: 12, field: 'beamwidth', code: 'beamwidth-out-of-range' },
      { at: 13, field: 'beamwidth', code: 'beamwidth-out-of-range' },
    ],
    warnings: ['zero-radius'],
  }),
  c('bad-numbers.geojson', 'boundaries', 'Infinity, "NaN", lon 200 and swapped polygons', {
    loaded: 1,
    rejected: [
      { at: 1, field: 'geometry', code: 'invalid-coordinates' },
      { at: 2, field: 'geometry', code: 'invalid-coordinates' },
      { at: 3, field: 'geometry', code: 'coordinates-out-of-range' },
      { at: 4, field: 'geometry', code: 'coordinates-out-of-range', reason: /swapped/ },
    ],
  }),
  c('nan-literal.geojson', 'boundaries', 'a bare NaN token (not JSON)', { error: 'invalid-json' }),
  c('population-hostile.csv', 'population', 'negative, NaN, 1e309 and formula codes', {
    loaded: 2,
    rejected: [
      { at: 2, field: 'pop_total', code: 'population-invalid-number' },
      { at: 3, field: 'pop_total', code: 'population-invalid-number' },
      { at: 4, field: 'pop_total', code: 'population-invalid-number' },
      { at: 5, field: 'code', code: 'population-invalid-code' },
    ],
  }),
  // Geometry
  c('holes.geojson', 'boundaries', 'holes larger than, outside and inside another hole', {
    loaded: 2,
    rejected: [
      { at: 2, field: 'geometry', code: 'hole-outside-shell', reason: /larger than the outer/ },
      { at: 3, field: 'geometry', code: 'hole-outside-shell', reason: /ring 2 of polygon 1/ },
      { at: 4, field: 'geometry', code: 'hole-inside-hole', reason: /hole 3 of polygon 1/ },
    ],
  }),
  c('all-rejected.geojson', 'boundaries', 'every feature bad: nothing to analyse', {
    loaded: 0,
    rejected: [
      { at: 1, field: 'geometry', code: 'hole-outside-shell' },
      { at: 2, field: 'geometry', code: 'not-polygon' },
    ],
  }),
  c('self-intersecting.geojson', 'boundaries', 'bow-tie and a hole crossing its shell', {
    loaded: 2,
    rejected: [{ at: 2, field: 'geometry', code: 'self-intersection' }],
    warnings: ['self-intersection-repaired'],
  }),
  c('duplicate-codes.geojson', 'boundaries', 'the same code twice', {
    loaded: 1,
    rejected: [{ at: 2, field: 'code', code: 'duplicate-code' }],
  }),
  c(
    'topo-broken-arcs.topojson',
    'boundaries',
    'TopoJSON with a missing, a nested and a malformed arc',
    {
      loaded: 1,
      rejected: [
        { at: 2, field: 'geometry', code: 'invalid-topojson', reason: /arc 7 does not exist/ },
        { at: 3, field: 'geometry', code: 'invalid-topojson', reason: /nested deeper/ },
        { at: 4, field: 'geometry', code: 'invalid-topojson', reason: /arc 1 is malformed/ },
      ],
    },
  ),
  g(
    'deep-10k.geojson',
    'boundaries',
    'coordinates nested 10,000 deep',
    () => deepCoordinates(1e4),
    {
      loaded: 2,
      rejected: [{ at: 2, field: 'geometry', code: 'nesting-too-deep', reason: /deeper than 3/ }],
    },
  ),
  g(
    'deep-100k.geojson',
    'boundaries',
    'coordinates nested 100,000 deep',
    () => deepCoordinates(1e5),
    {
      loaded: 2,
      rejected: [{ at: 2, field: 'geometry', code: 'nesting-too-deep' }],
    },
  ),
  g(
    'deep-collections.geojson',
    'boundaries',
    'GeometryCollections nested 100,000 deep',
    () => {
      const n = 1e5;
      const deep = `${'{"type":"GeometryCollection","geometries":['.repeat(n)}${polygonJson(109.5)}${']}'.repeat(n)}`;
      return collection(
        featureJson('450802', '正常', polygonJson(109)),
        featureJson('450803', '深', deep),
      );
    },
    { loaded: 1, rejected: [{ at: 2, field: 'geometry', code: 'nesting-too-deep' }] },
  ),
  g(
    'deep-properties.geojson',
    'boundaries',
    'a code property nested 100,000 deep',
    () => {
      const deep = `${'['.repeat(1e5)}"450803"${']'.repeat(1e5)}`;
      return text(
        `{"type":"FeatureCollection","features":[${featureJson('450802', '正常', polygonJson(109))},` +
          `{"type":"Feature","properties":{"code":${deep},"name":${deep}},"geometry":${polygonJson(109.5)}}]}`,
      );
    },
    { loaded: 1, rejected: [{ at: 2, field: 'code', code: 'invalid-code' }] },
  ),
  g(
    'topo-deep.topojson',
    'boundaries',
    'TopoJSON collection nested 100,000 deep',
    () => {
      const n = 1e5;
      const arcs = JSON.stringify([sq(109, 23), sq(109.5, 23)]);
      const deep = `${'{"type":"GeometryCollection","geometries":['.repeat(n)}{"type":"Polygon","arcs":[[1]]}${']}'.repeat(n)}`;
      return text(
        `{"type":"Topology","arcs":${arcs},"objects":{"c":{"type":"GeometryCollection","geometries":[` +
          `{"type":"Polygon","arcs":[[0]],"properties":{"code":"450802","name":"正常"}},` +
          `{"type":"GeometryCollection","geometries":[${deep}],"properties":{"code":"450803","name":"深"}}]}}}`,
      );
    },
    { loaded: 1, rejected: [{ at: 2, field: 'geometry', code: 'nesting-too-deep' }] },
  ),
  g(
    'deep-multigeometry.kml',
    'boundaries',
    'KML MultiGeometry nested 10,000 deep',
    () => {
      const n = 1e4;
      const deep = `${'<MultiGeometry>'.repeat(n)}${kmlPolygon(109.5)}${'</MultiGeometry>'.repeat(n)}`;
      return text(kmlText(placemark('450802', 109), placemark('450803', 0, deep)));
    },
    { loaded: 1, rejected: [{ at: 2, field: 'geometry', code: 'nesting-too-deep' }] },
  ),
  g(
    'deep-folders.kml',
    'boundaries',
    'KML Folders nested 50,000 deep (valid)',
    () => {
      const n = 5e4;
      const deep = `${'<Folder>'.repeat(n)}${placemark('450803', 110)}${'</Folder>'.repeat(n)}`;
      return text(kmlText(placemark('450802', 109), deep));
    },
    { loaded: 2 },
    { budgetMs: 20_000 },
  ),
  g(
    'million-vertices.geojson',
    'boundaries',
    'one polygon of 1,000,000 vertices',
    () =>
      collection(
        featureJson(
          '450802',
          '百万顶点',
          JSON.stringify({ type: 'Polygon', coordinates: [circleRing(1_000_000)] }),
        ),
      ),
    { loaded: 1 },
    { budgetMs: 30_000 },
  ),
  // Zip bombs and lying archives
  g(
    'xlsx-bomb-declared.xlsx',
    'stations',
    'XLSX whose sheet declares 1.3 GB',
    () => xlsxWithSheet((data) => ({ data, declaredSize: 1_300_000_000 })),
    { error: 'zip-too-large' },
  ),
  g(
    'xlsx-bomb-ratio.xlsx',
    'stations',
    'XLSX whose sheet inflates 64 MiB from ~64 KB',
    () =>
      xlsxWithSheet((data) => {
        const xml = new TextDecoder().decode(data);
        const at = xml.indexOf('</sheetData>');
        return { data: concat(text(xml.slice(0, at)), padding(), text(xml.slice(at))) };
      }),
    { error: 'zip-bomb' },
  ),
  g(
    'xlsx-lying-header.xlsx',
    'stations',
    'XLSX whose sheet inflates past its declared size',
    () => xlsxWithSheet((data) => ({ data: concat(data, padding()), declaredSize: data.length })),
    {
      loaded: 2,
      rejected: [
        { at: 2, field: 'radius_m', code: 'value-out-of-range' },
        { at: 3, field: 'lon/lat', code: 'swapped-coordinates' },
      ],
    },
  ),
  g('stations.xlsx', 'stations', 'XLSX with the same bad rows as CSV', stationXlsx, {
    loaded: 2,
    rejected: [
      { at: 2, field: 'radius_m', code: 'value-out-of-range' },
      { at: 3, field: 'lon/lat', code: 'swapped-coordinates' },
    ],
  }),
  g(
    'kmz-bomb.kmz',
    'boundaries',
    'KMZ whose doc.kml inflates 64 MiB',
    () =>
      zipOf([
        { name: 'doc.kml', data: concat(text(kmlText(placemark('450802', 109))), padding()) },
      ]),
    { error: 'zip-bomb' },
  ),
  g(
    'kmz-declared.kmz',
    'boundaries',
    'KMZ declaring 3 GB',
    () =>
      zipOf([
        {
          name: 'doc.kml',
          data: text(kmlText(placemark('450802', 109))),
          declaredSize: 3_000_000_000,
        },
      ]),
    { error: 'zip-too-large' },
  ),
  g(
    'shapefile-bomb.zip',
    'boundaries',
    'zipped Shapefile whose .dbf inflates 64 MiB',
    () => zipOf(shapefileParts()),
    { error: 'zip-bomb' },
  ),
  g(
    'dbf-record-count.zip',
    'boundaries',
    'Shapefile whose .dbf declares 4 billion records',
    () =>
      zipOf([
        { name: 'c.shp', data: shpOf([[cwSquare(109, 23, 0.05)], [cwSquare(109.5, 23, 0.05)]]) },
        {
          name: 'c.dbf',
          data: dbfOf(
            [
              ['450802', 'a'],
              ['450803', 'b'],
            ],
            4_000_000_000,
          ),
        },
      ]),
    { loaded: 2, warnings: ['dbf-truncated'] },
  ),
  g(
    'dbf-zero-record-length.zip',
    'boundaries',
    'Shapefile whose .dbf records are 0 bytes long',
    () => {
      const dbf = dbfOf([['450802', 'a']]);
      new DataView(dbf.buffer).setUint16(10, 0, true);
      return zipOf([
        { name: 'c.shp', data: shpOf([[cwSquare(109, 23, 0.05)]]) },
        { name: 'c.dbf', data: dbf },
      ]);
    },
    { error: 'invalid-shapefile' },
  ),
  g(
    'shp-many-parts.zip',
    'boundaries',
    'Shapefile polygon of 30,001 parts beside a good one',
    () => {
      const many: number[][][] = [];
      for (let i = 0; i < 30_001; i++)
        many.push(cwSquare(110 + (i % 200) * 0.001, 23 + Math.floor(i / 200) * 0.001, 0.0005));
      return zipOf([
        { name: 'c.shp', data: shpOf([[cwSquare(109, 23, 0.05)], many]) },
        {
          name: 'c.dbf',
          data: dbfOf([
            ['450802', 'a'],
            ['450803', 'b'],
          ]),
        },
      ]);
    },
    { loaded: 1, rejected: [{ at: 2, field: 'geometry', code: 'too-many-parts' }] },
  ),
  g(
    'lying-header.kmz',
    'boundaries',
    'KMZ whose doc.kml inflates past its declared size',
    () =>
      zipOf([
        { name: 'doc.kml', data: text(kmlText(placemark('450802', 109))), declaredSize: 100 },
      ]),
    { error: 'zip-entry-mismatch' },
  ),
  // KML entities
  c('xxe-file.kml', 'boundaries', 'XXE: entity reading file:///etc/passwd', {
    error: 'xml-entities',
  }),
  c('parameter-entity.kml', 'boundaries', 'XXE: external parameter entity over http', {
    error: 'xml-entities',
  }),
  c('billion-laughs.kml', 'boundaries', 'billion laughs (10⁹ "lol"s)', { error: 'xml-entities' }),
  c('external-dtd.kml', 'boundaries', 'external DTD (never fetched)', {
    loaded: 2,
    warnings: ['no-name-field'],
  }),
  // Injection in names
  c('injection-names.csv', 'stations', 'formula and HTML injection in station names', {
    loaded: 11,
  }),
  c('injection-names.geojson', 'boundaries', 'formula and HTML injection in area names', {
    loaded: 11,
  }),
  c('proto-keys.geojson', 'boundaries', '__proto__ and constructor in GeoJSON properties', {
    loaded: 1,
  }),
  c('duplicate-ids.csv', 'stations', 'the same cell id twice', {
    loaded: 2,
    rejected: [{ at: 3, field: 'id', code: 'duplicate-id' }],
  }),
  // Long lines and fields
  g(
    'long-line.csv',
    'stations',
    'a 17 MiB line between good rows',
    () =>
      text(
        `${STATION_HEADER}\nA1,a,97,33,NR,,,,,,\nA2,${'x'.repeat(17 * 1024 * 1024)},97,33,NR,,,,,,\nA3,c,97.01,33.01,NR,,,,,,\n`,
      ),
    { loaded: 2, rejected: [{ at: 2, code: 'line-too-long' }] },
  ),
  g(
    'unclosed-quote-huge.csv',
    'stations',
    'a quote that never closes, followed by 9 MiB',
    () =>
      text(
        `${STATION_HEADER}\nA1,a,97,33,NR,,,,,,\nA2,"open,97,33,NR,,,,,,\n${'A3,c,97.01,33.01,NR,,,,,,\n'.repeat(400_000)}`,
      ),
    { loaded: 1, rejected: [{ at: 2, code: 'unterminated-quote' }] },
  ),
  g(
    'long-field.csv',
    'stations',
    'a 1 MiB quoted name with commas and line breaks',
    () =>
      text(
        `${STATION_HEADER}\nA1,"${'名,\n'.repeat(350_000)}",97,33,NR,,,,,,\nA2,b,97.01,33.01,NR,,,,,,\n`,
      ),
    { loaded: 2 },
  ),
  // Scenario files
  c('scenario-proto.json', 'scenario', '__proto__/constructor/prototype keys', { loaded: 2 }),
  c('scenario-site-id.json', 'scenario', 'station with every canonical column', { loaded: 2 }),
  c('scenario-bad-values.json', 'scenario', 'radius 1e9, swapped, GSM, changing site_id', {
    error: 'bad-field',
  }),
  g(
    'scenario-deep.json',
    'scenario',
    'a name nested 100,000 deep',
    () =>
      text(
        scenarioText(
          `[{"op":"add","station":{"id":"D","lon":97.1,"lat":33.1,"name":${'['.repeat(1e5)}1${']'.repeat(1e5)}}}]`,
        ),
      ),
    { error: 'too-large', reason: /nested deeper than 64/ },
  ),
  g(
    'scenario-million-edits.json',
    'scenario',
    '1,000,000 edits',
    millionEdits,
    {
      loaded: 1_000_000,
    },
    { budgetMs: 20_000 },
  ),
  g(
    'scenario-too-many-edits.json',
    'scenario',
    '1,000,001 edits (over the limit)',
    () =>
      text(
        scenarioText(`[${'{"op":"remove","id":"x"},'.repeat(1_000_000)}{"op":"remove","id":"y"}]`),
      ),
    { error: 'too-large', reason: /more than 1,000,000 edits/ },
    { budgetMs: 20_000 },
  ),
];
