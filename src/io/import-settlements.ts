import type { CrsId } from '../core/crs';
import { SETTLEMENT_KINDS, type Settlement, type SettlementKind } from '../core/settlement';
import { propertyNames } from './admin-codes';
import type { RawFeature, RawLayer } from './boundary-source';
import {
  BlobTextReader,
  mixedEncodingIssues,
  readAllBytes,
  readFailed,
  readHeadText,
  throwIfAborted,
  yieldToEventLoop,
} from './decode-text';
import { readLayer } from './import-boundaries';
import { crsHint, csvDialect } from './import-stations';
import { ImportCancelled, ImportError, type ImportIssue, type ImportOptions } from './issues';
import {
  describeSettlementColumns,
  resolveSettlementColumns,
  resolveSettlementProperties,
  type SettlementColumnsInfo,
  type SettlementField,
  type SettlementLayout,
  type SettlementMapping,
} from './settlement-columns';
import { SettlementReader, type FieldText, type RecordPlace } from './settlement-rows';
import { HEADER_SCAN_ROWS } from './station-columns';
import { csvBatches } from './stations-csv';
import { cellText, isOle2, readFirstSheet, rowText } from './stations-xlsx';
import { isZip, listZip } from './zip-read';

export type SettlementFileFormat =
  'csv' | 'xlsx' | 'geojson' | 'topojson' | 'kml' | 'kmz' | 'shapefile';

export interface SettlementImportOptions extends ImportOptions {
  /**
   * CRS of the coordinates, converted to WGS-84. Default: what the file declares (GeoJSON
   * `crs`, Shapefile .prj), else WGS-84.
   */
  crs?: CrsId;
  /** Override of the detected columns or properties: field → header ('' = do not use). */
  mapping?: SettlementMapping;
  /** TopoJSON object or Shapefile in a zip to read (default the first). */
  layer?: string;
  /** Bytes per read step of a CSV (default 1 MiB); tests use tiny values. */
  chunkBytes?: number;
}

export interface SettlementSummary {
  byKind: Record<SettlementKind, number>;
  /** Settlements with a population, and the sum of their populations. */
  withPopulation: number;
  population: number;
  withHouseholds: number;
  synthetic: number;
}

export interface SettlementImportResult {
  file: string;
  format: SettlementFileFormat;
  /** Text encoding of a CSV or of the features' attributes; null for XLSX. */
  encoding: string | null;
  /** CSV delimiter; null otherwise. */
  delimiter: string | null;
  /** CRS the source coordinates were in; settlements are always WGS-84. */
  crs: CrsId;
  crsSource: 'option' | 'file' | 'default';
  /** Data rows (tables) or features read = settlements + rejected. */
  recordCount: number;
  settlements: Settlement[];
  /** One issue per record not loaded. */
  rejected: ImportIssue[];
  /** File notes, counted conditions and duplicates; those records load. */
  warnings: ImportIssue[];
  columns: SettlementColumnsInfo;
  summary: SettlementSummary;
}

/** Bytes decoded for delimiter detection. */
const HEAD_BYTES = 256 * 1024;
/** XLSX rows (or features) between progress reports and yields. */
const STEP = 5000;

/**
 * Import settlement points: CSV (UTF-8/GBK) or XLSX tables with lon/lat columns, or point
 * features in GeoJSON, TopoJSON, KML/KMZ or a zipped Shapefile, detected from the content.
 * Bad records are rejected one by one with file, row or feature, field, value and reason;
 * the rest load. Throws only ImportError (the file as a whole cannot be read) or
 * ImportCancelled.
 */
export async function importSettlements(
  blob: Blob,
  fileName: string,
  opts: SettlementImportOptions = {},
): Promise<SettlementImportResult> {
  const file = fileName;
  try {
    throwIfAborted(opts.signal, file);
    if (blob.size === 0) throw new ImportError(file, 'empty-file', 'the file is empty');
    const head = new Uint8Array(await blob.slice(0, 1024).arrayBuffer());
    if (isOle2(head)) {
      throw new ImportError(
        file,
        'xls-not-supported',
        'legacy Excel .xls workbooks are not supported; save it as .xlsx or CSV',
      );
    }
    if (isZip(head)) {
      const bytes = await readAllBytes(blob, file, opts.signal);
      const xlsx = listZip(bytes, file).some((e) => e.name === 'xl/workbook.xml');
      if (xlsx) return await importXlsx(blob, file, opts);
      return await importFeatures(await readLayer(bytes, file, opts), file, opts);
    }
    const start = new TextDecoder('latin1')
      .decode(head)
      .replace(/^(\ufeff|ï»¿)/, '')
      .trimStart()[0];
    if (start === '{' || start === '[' || start === '<') {
      const bytes = await readAllBytes(blob, file, opts.signal);
      return await importFeatures(await readLayer(bytes, file, opts), file, opts);
    }
    return await importCsv(blob, file, opts);
  } catch (e) {
    if (e instanceof ImportError || e instanceof ImportCancelled) throw e;
    throw readFailed(file, e);
  }
}

export function summariseSettlements(settlements: readonly Settlement[]): SettlementSummary {
  const byKind = Object.fromEntries(SETTLEMENT_KINDS.map((k) => [k, 0])) as Record<
    SettlementKind,
    number
  >;
  const s: SettlementSummary = {
    byKind,
    withPopulation: 0,
    population: 0,
    withHouseholds: 0,
    synthetic: 0,
  };
  for (const x of settlements) {
    byKind[x.kind]++;
    if (x.population !== null) {
      s.withPopulation++;
      s.population += x.population;
    }
    if (x.households !== null) s.withHouseholds++;
    if (x.synthetic) s.synthetic++;
  }
  return s;
}

function result(
  base: Pick<SettlementImportResult, 'file' | 'format' | 'encoding' | 'delimiter' | 'crs'> & {
    crsSource: SettlementImportResult['crsSource'];
  },
  reader: SettlementReader,
  layout: SettlementLayout,
  fileWarnings: ImportIssue[],
): SettlementImportResult {
  return {
    ...base,
    recordCount: reader.count,
    settlements: reader.settlements,
    rejected: reader.rejected,
    warnings: [...fileWarnings, ...reader.warnings()],
    columns: describeSettlementColumns(layout),
    summary: summariseSettlements(reader.settlements),
  };
}

/** Notes about a table's header: title rows above it, duplicate columns, a CRS in a header. */
function headerWarnings(
  file: string,
  layout: SettlementLayout,
  headerIndex: number,
  headerLine: number,
  crs: CrsId,
): ImportIssue[] {
  const out: ImportIssue[] = [];
  if (headerIndex > 0) {
    out.push({
      file,
      code: 'header-not-first-row',
      params: { line: headerLine, skipped: headerIndex },
      message: `the header is on line ${headerLine}; the ${headerIndex} row(s) above it were skipped`,
    });
  }
  for (const col of layout.duplicates) {
    out.push({
      file,
      field: layout.headers[col],
      code: 'duplicate-column',
      message: `column "${layout.headers[col]}" names a field another column already provides; it is not used`,
    });
  }
  const declared = crs === 'CGCS2000' ? 'WGS84' : crs;
  for (const col of [layout.index.lon, layout.index.lat]) {
    const hint = col === undefined ? null : crsHint(layout.headers[col]);
    if (col !== undefined && hint && hint !== declared) {
      out.push({
        file,
        field: layout.headers[col],
        code: 'crs-hint',
        params: { hint, crs },
        message: `column "${layout.headers[col]}" suggests ${hint} coordinates but the import declares ${crs}; a wrong CRS shifts positions by 100–700 m`,
      });
      break;
    }
  }
  return out;
}

const rowAccessor =
  (layout: SettlementLayout, rec: readonly string[]): FieldText =>
  (f: SettlementField) => {
    const i = layout.index[f];
    return i === undefined ? '' : (rec[i] ?? '').trim();
  };

async function importCsv(
  blob: Blob,
  file: string,
  opts: SettlementImportOptions,
): Promise<SettlementImportResult> {
  const { signal, onProgress } = opts;
  const crs = opts.crs ?? 'WGS84';
  const head = await readHeadText(blob, file, HEAD_BYTES, { signal });
  const dialect = csvDialect(head.text, file);
  const text = await BlobTextReader.open(blob, file, { signal, chunkBytes: opts.chunkBytes });

  // Records are held until the header can be found among the first HEADER_SCAN_ROWS.
  const held: { rec: string[]; line: number; unterminated: boolean }[] = [];
  const st: {
    layout: (SettlementLayout & { headerIndex: number }) | null;
    reader: SettlementReader | null;
    skip: number;
  } = { layout: null, reader: null, skip: 0 };
  const take = (rec: string[], line: number, unterminated: boolean) => {
    const { layout, reader } = st;
    if (!layout || !reader) return;
    if (st.skip > 0) {
      st.skip--;
      return;
    }
    const place: RecordPlace = { row: reader.count + 1, line, lineWord: 'line' };
    if (unterminated) {
      reader.add(() => '', place, {
        code: 'unterminated-quote',
        message: 'a quoted field never closes: the rest of the file was read as one value',
      });
    } else reader.add(rowAccessor(layout, rec), place);
  };
  const settle = () => {
    const layout = resolveSettlementColumns(
      held.map((h) => h.rec),
      file,
      opts.mapping,
    );
    st.layout = layout;
    st.reader = new SettlementReader(file, crs, layout);
    st.skip = layout.headerIndex + 1;
    for (const h of held) take(h.rec, h.line, h.unterminated);
  };
  for await (const b of csvBatches(text.chunks(), dialect, file)) {
    for (let i = 0; i < b.records.length; i++) {
      if (st.layout) take(b.records[i], b.lines[i], i === b.unterminated);
      else {
        held.push({ rec: b.records[i], line: b.lines[i], unterminated: i === b.unterminated });
        if (held.length >= HEADER_SCAN_ROWS) settle();
      }
    }
    onProgress?.({ fraction: Math.min(1, b.byteEnd / blob.size), rows: st.reader?.count ?? 0 });
    await yieldToEventLoop();
    throwIfAborted(signal, file);
  }
  if (!st.layout) {
    if (held.length === 0) throw noDataRows(file);
    settle();
  }
  const { layout, reader: rows } = st;
  if (!layout || !rows || rows.count === 0) throw noDataRows(file);
  const warnings = [
    ...headerWarnings(file, layout, layout.headerIndex, held[layout.headerIndex].line, crs),
    ...mixedEncodingIssues(file, text.mixed),
  ];
  return result(
    {
      file,
      format: 'csv',
      encoding: text.encoding,
      delimiter: dialect.delimiter,
      crs,
      crsSource: opts.crs ? 'option' : 'default',
    },
    rows,
    layout,
    warnings,
  );
}

function noDataRows(file: string): ImportError {
  return new ImportError(file, 'no-data-rows', 'the file has no data rows');
}

async function importXlsx(
  blob: Blob,
  file: string,
  opts: SettlementImportOptions,
): Promise<SettlementImportResult> {
  const { signal, onProgress } = opts;
  const crs = opts.crs ?? 'WGS84';
  const sheet = await readFirstSheet(blob, file);
  throwIfAborted(signal, file);
  onProgress?.({ fraction: 0.5, rows: 0 });
  const rows: { rec: string[]; line: number }[] = [];
  for (let i = 0; i < sheet.length; i++) {
    const rec = rowText(sheet[i]);
    if (rec.some((f) => f.trim() !== '')) rows.push({ rec, line: i + 1 });
  }
  if (rows.length === 0) throw noDataRows(file);
  const layout = resolveSettlementColumns(
    rows.slice(0, HEADER_SCAN_ROWS).map((r) => r.rec),
    file,
    opts.mapping,
  );
  const reader = new SettlementReader(file, crs, layout);
  for (let k = layout.headerIndex + 1; k < rows.length; k++) {
    const { rec, line } = rows[k];
    reader.add(rowAccessor(layout, rec), { row: reader.count + 1, line, lineWord: 'sheet row' });
    if (reader.count % STEP === 0) {
      onProgress?.({ fraction: 0.5 + (0.5 * k) / rows.length, rows: reader.count });
      await yieldToEventLoop();
      throwIfAborted(signal, file);
    }
  }
  if (reader.count === 0) throw noDataRows(file);
  const headerLine = rows[layout.headerIndex].line;
  return result(
    {
      file,
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      crs,
      crsSource: opts.crs ? 'option' : 'default',
    },
    reader,
    layout,
    headerWarnings(file, layout, layout.headerIndex, headerLine, crs),
  );
}

/** A property value as the text a table cell would hold. */
function propertyText(v: unknown): string {
  return typeof v === 'object' && v !== null && !(v instanceof Date) ? '' : cellText(v).trim();
}

type PointOf =
  | { ok: true; lon: number; lat: number }
  | { ok: false; code: 'not-point'; type: string }
  | { ok: false; code: 'multipoint-several'; count: number }
  | { ok: false; code: 'invalid-coordinates' };

/** The one position of a Point, a MultiPoint or a collection of points. */
function pointOf(geometry: unknown): PointOf {
  if (geometry === null || geometry === undefined)
    return { ok: false, code: 'not-point', type: 'none' };
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const type = typeof g.type === 'string' ? g.type : 'unknown';
  const positions: unknown[] = [];
  if (type === 'Point') positions.push(g.coordinates);
  else if (type === 'MultiPoint' && Array.isArray(g.coordinates)) positions.push(...g.coordinates);
  else if (type === 'GeometryCollection' && Array.isArray(g.geometries)) {
    for (const part of g.geometries) {
      const p = pointOf(part);
      if (!p.ok) return p.code === 'not-point' ? { ...p, type } : p;
      positions.push([p.lon, p.lat]);
    }
  } else return { ok: false, code: 'not-point', type };
  const distinct = new Map<string, [number, number]>();
  for (const p of positions) {
    if (
      !Array.isArray(p) ||
      typeof p[0] !== 'number' ||
      typeof p[1] !== 'number' ||
      !Number.isFinite(p[0]) ||
      !Number.isFinite(p[1])
    ) {
      return { ok: false, code: 'invalid-coordinates' };
    }
    distinct.set(`${p[0]},${p[1]}`, [p[0], p[1]]);
  }
  if (distinct.size === 0) return { ok: false, code: 'invalid-coordinates' };
  if (distinct.size > 1) return { ok: false, code: 'multipoint-several', count: distinct.size };
  const [lon, lat] = [...distinct.values()][0];
  return { ok: true, lon, lat };
}

async function importFeatures(
  raw: RawLayer,
  file: string,
  opts: SettlementImportOptions,
): Promise<SettlementImportResult> {
  const { signal, onProgress } = opts;
  if (raw.features.length === 0) {
    throw new ImportError(file, 'no-features', `the ${raw.format} file holds no features`);
  }
  const crs: CrsId = opts.crs ?? raw.crs ?? 'WGS84';
  const crsSource = opts.crs ? 'option' : raw.crs ? 'file' : 'default';
  const layout = resolveSettlementProperties(
    propertyNames(raw.features.map((f) => f.properties)),
    file,
    opts.mapping,
  );
  const reader = new SettlementReader(file, crs, layout);
  const text = (f: RawFeature, point: PointOf): FieldText => {
    return (field) => {
      if (point.ok && field === 'lon') return String(point.lon);
      if (point.ok && field === 'lat') return String(point.lat);
      const i = layout.index[field];
      return i === undefined ? '' : propertyText(f.properties[layout.headers[i]]);
    };
  };
  for (let k = 0; k < raw.features.length; k++) {
    const f = raw.features[k];
    const place: RecordPlace = { feature: k + 1 };
    const point = pointOf(f.geometry);
    // A feature without geometry may still carry lon/lat properties (a table saved as JSON).
    if (!point.ok && point.code === 'not-point' && point.type === 'none') {
      const props = text(f, point);
      if (props('lon') !== '' && props('lat') !== '') {
        reader.add(props, place);
        continue;
      }
    }
    const name = text(f, point)('name');
    if (point.ok) reader.add(text(f, point), place);
    else if (point.code === 'not-point') {
      reader.add(text(f, point), place, {
        code: 'not-point',
        field: 'geometry',
        value: name,
        params: { type: point.type },
        message: `the geometry is a ${point.type}, not a point: a settlement is one place`,
      });
    } else if (point.code === 'multipoint-several') {
      reader.add(text(f, point), place, {
        code: 'multipoint-several',
        field: 'geometry',
        value: name,
        params: { count: point.count },
        message: `a multi-point of ${point.count} different positions: a settlement is one place — split it into point features`,
      });
    } else {
      reader.add(text(f, point), place, {
        code: 'invalid-coordinates',
        field: 'geometry',
        value: name,
        params: { name },
        message: 'the point has no valid [longitude, latitude] coordinates',
      });
    }
    if ((k + 1) % STEP === 0) {
      onProgress?.({ fraction: (k + 1) / raw.features.length, rows: k + 1 });
      await yieldToEventLoop();
      throwIfAborted(signal, file);
    }
  }
  const notes: ImportIssue[] = raw.notes.map((n) => ({
    file,
    code: n.code,
    params: n.params,
    message: n.message,
  }));
  return result(
    {
      file,
      format: raw.format,
      encoding: raw.encoding,
      delimiter: null,
      crs,
      crsSource,
    },
    reader,
    layout,
    notes,
  );
}
