/**
 * The hostile-input cases (tests/fixtures/hostile/README.md): small files committed in
 * tests/fixtures/hostile, big ones and zip bombs built here in memory. Each case says what
 * SailPlan must do with the file — refuse it whole with a code, or load it with exactly
 * these rows/features rejected — and both hostile-inputs.test.ts (the importers) and
 * hostile-cli.test.ts (validate/analyze) hold the code to it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  circleRing,
  collection,
  concat,
  cwSquare,
  dbfOf,
  featureJson,
  kmlPolygon,
  kmlText,
  padding,
  placemark,
  polygonJson,
  shpOf,
  sq,
  stationXlsx,
  text,
  xlsxWithSheet,
  zipOf,
  type ZipPart,
} from './hostile-builders';

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

const committed = (file: string) => () => new Uint8Array(readFileSync(HOSTILE_DIR + file));

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

const shapefileParts = (): ZipPart[] => {
  // The archive is refused from its central directory: the contents are never read.
  const shp = new Uint8Array(100);
  new DataView(shp.buffer).setInt32(0, 9994);
  return [
    { name: 'counties.shp', data: shp },
    { name: 'counties.dbf', data: padding(0x20) },
  ];
};

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
