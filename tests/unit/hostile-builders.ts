/**
 * Writers for the hostile files that are built in memory (tests/unit/hostile-cases.ts):
 * GeoJSON snippets, zip archives with honest or lying headers, XLSX workbooks, KML,
 * Shapefile .shp/.dbf pairs. Plain byte layouts, written by hand, so a test can make any
 * header lie.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import writeExcelFile from 'write-excel-file/universal';
import { listZip } from '../../src/io/zip-read';

export const enc = new TextEncoder();
export const text = (s: string): Uint8Array => enc.encode(s);

// --- Geometry builders ------------------------------------------------------------------
export const sq = (x: number, y: number, d = 0.05): number[][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];
export const polygonJson = (x: number): string =>
  JSON.stringify({ type: 'Polygon', coordinates: [sq(x, 23)] });
export const featureJson = (code: string, name: string, geometry: string, props = ''): string =>
  `{"type":"Feature","properties":{"code":"${code}","name":"${name}"${props}},"geometry":${geometry}}`;
export const collection = (...features: string[]): Uint8Array =>
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
export const BOMB_BYTES = 64 * 1024 * 1024;
export const padding = (byte = 0x20): Uint8Array => new Uint8Array(BOMB_BYTES).fill(byte);
export const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

export const XLSX_HEADER = ['id', '站名', '经度', '纬度', '制式', '覆盖半径'];
/** A real XLSX station table (write-excel-file): rows 2 and 3 are bad, 1 and 4 good. */
export async function stationXlsx(): Promise<Uint8Array> {
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
export async function unzipAll(bytes: Uint8Array): Promise<ZipPart[]> {
  const out: ZipPart[] = [];
  for (const e of listZip(bytes, 'x.zip')) out.push({ name: e.name, data: await e.read() });
  return out;
}

export async function xlsxWithSheet(
  change: (sheet: Uint8Array) => { data: Uint8Array; declaredSize?: number },
): Promise<Uint8Array> {
  const parts = await unzipAll(await stationXlsx());
  return zipOf(
    parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, ...change(p.data) } : p)),
  );
}

export const kmlText = (...placemarks: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemarks.join('')}</Document></kml>`;
export const placemark = (code: string, x: number, geometry?: string): string =>
  `<Placemark><name>${code}</name><ExtendedData><Data name="code"><value>${code}</value></Data></ExtendedData>` +
  (geometry ??
    `<Polygon><outerBoundaryIs><LinearRing><coordinates>${x},23 ${x + 0.05},23 ${x + 0.05},23.05 ${x},23.05 ${x},23</coordinates></LinearRing></outerBoundaryIs></Polygon>`) +
  `</Placemark>`;
export const kmlPolygon = (x: number): string =>
  `<Polygon><outerBoundaryIs><LinearRing><coordinates>${x},23 ${x + 0.05},23 ${x + 0.05},23.05 ${x},23</coordinates></LinearRing></outerBoundaryIs></Polygon>`;

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
export const cwSquare = (x: number, y: number, d: number): number[][] => [
  [x, y],
  [x, y + d],
  [x + d, y + d],
  [x + d, y],
  [x, y],
];
