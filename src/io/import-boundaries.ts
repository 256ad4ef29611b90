import { area as turfArea } from '@turf/turf';
import type { Area, Population } from '../core/area';
import { geometryToWgs84, lngLat, toWgs84, type CrsId, type LngLatWgs84 } from '../core/crs';
import {
  canonicalAdminCode,
  describeBadCode,
  countyOfTownship,
  detectFields,
  detectLevel,
  levelOfCode,
  parseCount,
  townshipKind,
  type BoundaryLevel,
  type DetectedFields,
} from './admin-codes';
import { parseJson, readGeoJson } from './boundaries-geojson';
import { readKml } from './boundaries-kml';
import { readZippedShapefile } from './boundaries-shapefile';
import { readTopoJson } from './boundaries-topojson';
import {
  boundaryText,
  extensionOf,
  type BoundaryFormat,
  type FileNote,
  type RawLayer,
} from './boundary-source';
import { findBoundaryOutliers, type OutlierItem } from './boundary-outliers';
import { errorText, readAllBytes, throwIfAborted, yieldToEventLoop } from './decode-text';
import { validateBoundaryGeometry, type GeometryCheck } from './geometry-validate';
import { ImportError, type ImportIssue, type ImportOptions } from './issues';
import { isZip, listZip } from './zip-read';
import type { IssueCode } from './issue-codes';
import { preview } from './value-preview';

export interface BoundaryImportOptions extends ImportOptions {
  /** CRS of the coordinates. Default: what the file declares (.prj, GeoJSON crs), else WGS-84. */
  crs?: CrsId;
  /** Default: from the length of most codes (6 digits county, 9/12 township). */
  level?: BoundaryLevel;
  codeField?: string;
  nameField?: string;
  popField?: string;
  /** TopoJSON object or Shapefile in a zip to read; default the first with polygons. */
  layer?: string;
}

export interface BoundaryImportResult {
  file: string;
  format: BoundaryFormat;
  /** CRS the source coordinates were in; `areas` are always WGS-84. */
  crs: CrsId;
  crsSource: 'option' | 'file' | 'default';
  level: BoundaryLevel;
  /** Layer read and all layers, for a chooser (TopoJSON objects, Shapefiles in a zip). */
  layer: string | null;
  layers: string[];
  /** Detected (or given) property names, plus all names for a field-mapping dialog. */
  fields: DetectedFields;
  /** Text encoding of attributes where it was detected (Shapefile DBF, KML, JSON). */
  encoding: string | null;
  featureCount: number;
  areas: Area[];
  /** Features not loaded, one issue each. */
  rejected: ImportIssue[];
  /** Loaded, but repaired or suspicious; and notes about the whole file. */
  warnings: ImportIssue[];
}

/**
 * Read the bytes as the format they are, whatever the extension claims: GeoJSON, TopoJSON,
 * KML/KMZ or a zipped Shapefile, features untouched (the settlement importer reads points
 * through it too).
 */
export async function readLayer(
  bytes: Uint8Array,
  file: string,
  opts: Pick<BoundaryImportOptions, 'layer'>,
): Promise<RawLayer> {
  const ext = extensionOf(file);
  if (bytes.length === 0) throw new ImportError(file, 'empty-file', 'the file is empty');
  if (isZip(bytes)) {
    const entries = listZip(bytes, file);
    const hasShp = entries.some((e) => extensionOf(e.name) === 'shp');
    const kmlEntry = entries.find((e) => extensionOf(e.name) === 'kml');
    if (!hasShp && kmlEntry) return readKml(await kmlEntry.read(), file, 'kmz');
    return readZippedShapefile(entries, file, opts.layer);
  }
  if (ext === 'zip' || ext === 'kmz') {
    throw new ImportError(file, 'invalid-zip', 'not a zip archive (no zip signature at the start)');
  }
  if (ext === 'shp' || ext === 'dbf' || ext === 'shx') {
    throw new ImportError(
      file,
      'shapefile-not-zipped',
      'a Shapefile is several files: zip the .shp with its .dbf, .shx, .prj (and .cpg) and import the zip',
    );
  }
  const head = new TextDecoder('latin1')
    .decode(bytes.subarray(0, 1024))
    .replace(/^(\ufeff|ï»¿|ÿþ|þÿ)/, '')
    .trimStart();
  // KML decodes itself: its XML declaration may name the encoding.
  if (head.startsWith('<')) return readKml(bytes, file);
  const { text, encoding } = boundaryText(bytes, file);
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') {
    throw new ImportError(
      file,
      'unknown-format',
      'not GeoJSON, TopoJSON, KML or a zipped Shapefile (text does not start with { or <)',
    );
  }
  const value = parseJson(text, file);
  const layer =
    value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'Topology'
      ? readTopoJson(value, file, opts.layer)
      : readGeoJson(value, file);
  return { ...layer, encoding };
}

/** DataV GeoAtlas (Aliyun) exports are GCJ-02 and carry these properties. */
function looksLikeDataV(fields: DetectedFields): boolean {
  const all = new Set(fields.all);
  return (
    all.has('adcode') &&
    (all.has('acroutes') || all.has('childrenNum') || all.has('subFeatureIndex'))
  );
}

/** A seat from DataV's `center` / echarts' `cp`: [lon, lat] or "lon,lat". */
function parseSeat(v: unknown): [number, number] | null {
  const pair: unknown[] = Array.isArray(v)
    ? v
    : typeof v === 'string'
      ? v
          .split(/[,\s]+/)
          .filter(Boolean)
          .map(Number)
      : [];
  const [lon, lat] = pair;
  const ok = (x: unknown, max: number): x is number =>
    typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= max;
  return ok(lon, 180) && ok(lat, 90) ? [lon, lat] : null;
}

const SEAT_FIELDS = ['center', 'cp', 'seat', 'capital'];

/**
 * Import administrative boundaries: GeoJSON, TopoJSON, KML/KMZ or a zipped Shapefile,
 * detected from the content (the extension only breaks ties). Every feature is checked on
 * its own: bad ones are rejected with a reason, repairable ones are repaired with a warning,
 * and good ones always load. Areas come out in WGS-84 with a geodesic area.
 */
export async function importBoundaries(
  blob: Blob,
  fileName: string,
  opts: BoundaryImportOptions = {},
): Promise<BoundaryImportResult> {
  const file = fileName;
  const { signal, onProgress } = opts;
  const bytes = await readAllBytes(blob, file, signal);
  onProgress?.({ fraction: 0.1, rows: 0 });
  const raw = await readLayer(bytes, file, opts);
  throwIfAborted(signal, file);
  onProgress?.({ fraction: 0.2, rows: 0 });

  if (raw.features.length === 0) {
    throw new ImportError(file, 'no-features', `the ${raw.format} file holds no features`);
  }

  const warnings: ImportIssue[] = [];
  const rejected: ImportIssue[] = [];
  const fileIssue = (n: FileNote): ImportIssue => ({
    file,
    code: n.code,
    params: n.params,
    message: n.message,
  });
  warnings.push(...raw.notes.map(fileIssue));

  const crs: CrsId = opts.crs ?? raw.crs ?? 'WGS84';
  const crsSource = opts.crs ? 'option' : raw.crs ? 'file' : 'default';
  const props = raw.features.map((f) => f.properties);
  const fields = detectFields(props, opts);
  for (const [key, given] of [
    ['codeField', opts.codeField],
    ['nameField', opts.nameField],
    ['popField', opts.popField],
  ] as const) {
    if (given !== undefined && !fields.all.includes(given)) {
      throw new ImportError(
        file,
        'field-not-found',
        `${key} "${given}" is not a property of the features; they have: ${fields.all.join(', ')}`,
        {
          field: given,
        },
      );
    }
  }
  if (crsSource === 'default' && looksLikeDataV(fields)) {
    warnings.push({
      file,
      code: 'crs-maybe-gcj02',
      params: {},
      message:
        'this looks like an Aliyun DataV GeoAtlas export, which is in GCJ-02; it was read as WGS-84 — import it again with CRS GCJ-02 to avoid a 100–700 m shift',
    });
  }
  const base = {
    file,
    format: raw.format,
    crs,
    crsSource,
    layer: raw.layer,
    layers: raw.layers,
    fields,
    encoding: raw.encoding,
    featureCount: raw.features.length,
  } as const;
  if (fields.code === null) {
    rejected.push({
      file,
      code: 'no-code-field',
      params: { fields: fields.all.join(', ') },
      message: `no property holds GB/T 2260 codes (6, 9 or 12 digits); choose the code field among: ${fields.all.join(', ') || '(no properties)'}`,
    });
    return { ...base, level: opts.level ?? 'county', areas: [], rejected, warnings };
  }
  const codeField = fields.code;
  const codes = props
    .map((p) => canonicalAdminCode(p[codeField]))
    .filter((c): c is string => c !== null);
  const level = opts.level ?? detectLevel(codes);
  if (fields.name === null) {
    warnings.push({
      file,
      code: 'no-name-field',
      params: {},
      message: 'no name property found; codes are used as names',
    });
  }
  const seatField = SEAT_FIELDS.find((k) => fields.all.includes(k)) ?? null;

  const areas: Area[] = [];
  const outlierItems: OutlierItem[] = [];
  const firstFeatureOfCode = new Map<string, number>();
  let lastYield = Date.now();
  for (let i = 0; i < raw.features.length; i++) {
    if (Date.now() - lastYield > 30) {
      await yieldToEventLoop();
      lastYield = Date.now();
      throwIfAborted(signal, file);
      onProgress?.({ fraction: 0.2 + (0.75 * i) / raw.features.length, rows: i });
    }
    const feature = i + 1;
    const p = raw.features[i].properties;
    const rawCode = p[codeField];
    const shown =
      rawCode === undefined || rawCode === null
        ? ''
        : typeof rawCode === 'object'
          ? preview(rawCode)
          : String(rawCode).slice(0, 40);
    const reject = (
      code: IssueCode,
      message: string,
      field?: string,
      params: Record<string, string | number> = {},
    ): void => {
      rejected.push({
        file,
        feature,
        ...(field !== undefined ? { field } : {}),
        ...(shown ? { value: shown } : {}),
        code,
        params,
        message,
      });
    };
    if (shown === '' || (typeof rawCode === 'string' && rawCode.trim() === '')) {
      reject('missing-code', `no code in ${codeField}`, codeField);
      continue;
    }
    const code = canonicalAdminCode(rawCode);
    if (code === null) {
      reject('invalid-code', describeBadCode(rawCode), codeField);
      continue;
    }
    if (levelOfCode(code) !== level) {
      reject(
        'code-level-mismatch',
        `code ${code} is a ${levelOfCode(code)} code but the file is read as ${level} level`,
        codeField,
        {
          level,
        },
      );
      continue;
    }
    const first = firstFeatureOfCode.get(code);
    if (first !== undefined) {
      reject(
        'duplicate-code',
        `code ${code} is already used by feature ${first}; this later feature is not loaded`,
        codeField,
        {
          firstFeature: first,
        },
      );
      continue;
    }
    const rawName = fields.name !== null ? p[fields.name] : undefined;
    let name =
      typeof rawName === 'string' || typeof rawName === 'number' ? String(rawName).trim() : '';
    if (name === '') {
      if (fields.name !== null) {
        warnings.push({
          file,
          feature,
          field: fields.name,
          code: 'missing-name',
          params: { code },
          message: `no name; the code ${code} is used as the name`,
        });
      }
      name = code;
    }

    const broken = raw.features[i].problem;
    if (broken) {
      rejected.push({
        file,
        feature,
        field: 'geometry',
        value: code,
        code: broken.code,
        params: { ...broken.params, name },
        message: `${name} (${code}): ${broken.message}`,
      });
      continue;
    }
    let check: GeometryCheck;
    try {
      check = validateBoundaryGeometry(raw.features[i].geometry);
    } catch (e) {
      // Never expected; one broken feature must not lose the others.
      check = {
        ok: false,
        problem: {
          code: 'feature-error',
          message: `the geometry could not be checked (${errorText(e).slice(0, 200)})`,
          params: {},
        },
        notes: [],
      };
    }
    for (const n of check.notes) {
      warnings.push({
        file,
        feature,
        field: 'geometry',
        value: code,
        code: n.code,
        params: { ...n.params, name },
        message: `${name}: ${n.message}`,
      });
    }
    if (!check.ok) {
      rejected.push({
        file,
        feature,
        field: 'geometry',
        value: code,
        code: check.problem.code,
        params: { ...check.problem.params, name },
        message: `${name} (${code}): ${check.problem.message}`,
      });
      continue;
    }

    let population: Population | null = null;
    if (fields.pop !== null) {
      const v = p[fields.pop];
      const n = parseCount(v);
      if (n !== null)
        population = { total: n, urban: null, rural: null, source: `${file} (${fields.pop})` };
      else if (v !== null && v !== undefined && v !== '') {
        warnings.push({
          file,
          feature,
          field: fields.pop,
          value: String(v).slice(0, 40),
          code: 'invalid-population',
          params: { name },
          message: `${name}: population is not a non-negative number; left empty`,
        });
      }
    }
    let seat: LngLatWgs84 | null = null;
    if (seatField !== null && p[seatField] !== undefined && p[seatField] !== null) {
      const s = parseSeat(p[seatField]);
      if (s) seat = toWgs84(lngLat(s[0], s[1], crs), crs);
      else {
        warnings.push({
          file,
          feature,
          field: seatField,
          value: JSON.stringify(p[seatField])?.slice(0, 40) ?? '',
          code: 'invalid-seat',
          params: { name },
          message: `${name}: seat position is not [longitude, latitude]; ignored`,
        });
      }
    }
    const geometry = geometryToWgs84(check.geometry, crs);
    const areaKm2 = turfArea(geometry) / 1e6;
    if (!(areaKm2 > 0)) {
      // The validator nests rings so this cannot happen; a negative area must never load.
      rejected.push({
        file,
        feature,
        field: 'geometry',
        value: code,
        code: 'degenerate-geometry',
        params: { name },
        message: `${name} (${code}): the polygon encloses no area (${areaKm2} km²)`,
      });
      continue;
    }
    const a: Area = {
      code,
      name,
      level,
      parent: level === 'township' ? countyOfTownship(code) : null,
      kind: level === 'township' ? townshipKind(name) : null,
      geometry,
      areaKm2,
      seat,
      population,
    };
    firstFeatureOfCode.set(code, feature);
    areas.push(a);
    outlierItems.push({ area: a, feature });
  }
  throwIfAborted(signal, file);
  warnings.push(...findBoundaryOutliers(outlierItems, file));
  onProgress?.({ fraction: 1, rows: raw.features.length });
  return { ...base, level, areas, rejected, warnings };
}
