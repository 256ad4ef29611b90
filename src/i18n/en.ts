import type { Messages } from './zh-CN';
import * as layers from './parts/layers';
import * as panels from './parts/panels';
import * as importer from './parts/importer';
import * as scenarios from './parts/scenarios';
import * as compliance from './parts/compliance';
import * as population from './parts/population';
import * as mapTools from './parts/map-tools';

const en: Messages = {
  app: {
    title: 'SailPlan',
    subtitle: '5G and RedCap coverage planning and checks',
    syntheticBadge: 'Demo data: stations are synthetic',
    syntheticHint:
      'No open base-station data exists for China; the demo region’s stations come from a seeded generator and serve only as a demonstration.',
    language: 'Language',
    loading: 'Loading the demo region…',
    loadFailed: 'Loading failed: {{reason}}',
  },
  region: {
    demoName: 'Yushu Tibetan Autonomous Prefecture (Qinghai)',
    imported: '{{file}} ({{count, number}} areas)',
    named: '{{name}} ({{count, number}} {{unit}})',
    provinces: '{{first}} and {{others, number}} more provinces ({{count, number}} {{unit}})',
    national: 'All China ({{count, number}} {{unit}})',
    unit: { county: 'counties', township: 'townships' },
    counties: 'Counties',
    stations: 'Stations',
  },
  table: {
    code: 'Code',
    name: 'Name',
    population: 'Population',
    sites5g: '5G sites',
    sitesRedcap: 'RedCap sites',
    sitesLte: 'LTE-only sites',
    per10k: '5G sites per 10k',
    areaKm2: 'Area (km²)',
    total: 'Total',
    empty: 'No boundaries loaded yet',
  },
  townships: {
    title: 'Townships ({{count, number}})',
    noPolygons:
      'No open township boundaries exist for this region: the list comes from the administrative codes. Import township boundaries to count sites per township.',
    withPolygons: '{{count, number}} of {{total, number}} townships have a boundary.',
    countySummary: '{{county}}: {{count, number}}',
    kind: 'Type',
    kinds: {
      subdistrict: 'Subdistrict (街道)',
      town: 'Town (镇)',
      township: 'Township (乡)',
      other: 'Other',
    },
    noPolygon: 'no boundary',
  },
  legend: {
    title: 'Legend',
    nrRedcap: '5G site (RedCap enabled)',
    nr: '5G site (no RedCap)',
    lte: 'LTE-only site (can host 5G)',
    other: 'Other site',
    county: 'County boundary',
    township: 'Township boundary',
  },
  datasets: {
    title: 'Datasets',
    stations: 'Stations',
    boundaries: 'Boundaries',
    population: 'Population',
    settlements: 'Settlements',
    'population-raster': 'Population raster',
    rows: '{{count, number}} rows',
    sites: '{{count, number}} sites',
    areas: '{{count, number}} areas',
    rejected: '{{count, number}} rows rejected',
    demo: 'demo',
    remove: 'Remove',
  },
  import: {
    stations: 'Import stations…',
    boundaries: 'Import boundaries…',
    population: 'Import population…',
    settlements: 'Import settlements…',
    'population-raster': 'Import population raster…',
    dem: 'Import DEM (terrain)…',
    crs: 'CRS',
    crsOptions: {
      WGS84: 'WGS-84 (GPS)',
      CGCS2000: 'CGCS2000',
      GCJ02: 'GCJ-02 (Amap/Tencent)',
      BD09: 'BD-09 (Baidu)',
    },
    reading: 'Reading {{file}}…',
    progress: '{{rows}} rows read ({{pct}}%)',
    cancel: 'Cancel',
    cancelled: 'Import of {{file}} cancelled; loaded data is unchanged.',
    failed: 'Cannot import {{file}}: {{reason}}',
    done: '{{file}}: {{loaded}} loaded, {{rejected}} rejected.',
    rejectedTitle: 'Rejected rows ({{count, number}})',
    warningsTitle: 'Notes ({{count, number}})',
    close: 'Close',
    moreRows: '{{count, number}} more not listed',
    where: {
      row: 'row {{n}}',
      feature: 'feature {{n}}',
      field: 'field {{name}}',
      value: 'value “{{value}}”',
    },
    issue: {
      // Whole files
      'empty-file': 'the file is empty',
      'read-failed':
        'the file could not be read ({{detail}}); check that it was not moved or locked, then try again',
      'binary-file': 'this is not a text table (binary content); import CSV (UTF-8 or GBK) or XLSX',
      'unsupported-encoding':
        'UTF-16 text (e.g. Excel “Unicode text”) is not supported; save the file as UTF-8 (a table as “CSV UTF-8” or XLSX)',
      'line-too-long':
        'line {{line}} of the file is longer than 16 MiB and was not read; the other rows load',
      'unterminated-quote':
        'a quoted field that starts on line {{line}} of the file never closes, so the rest cannot be split into rows',
      'invalid-xlsx': 'not a readable XLSX workbook, perhaps damaged or truncated ({{detail}})',
      'xls-not-supported': 'legacy Excel .xls workbooks are not supported; save it as .xlsx or CSV',
      'single-column':
        'only one column found (first line “{{firstLine}}”): columns must be separated by commas, semicolons, tabs or |',
      'no-data-rows': 'the file has no data rows',
      'no-coordinate-columns':
        'no longitude/latitude columns found (columns: {{headers}}); name them lon/lat or 经度/纬度, or map them in the import dialog',
      'mapping-column-not-found':
        'the column mapping names columns the file does not have: {{columns}}',
      'invalid-json': 'not valid JSON, perhaps damaged or truncated ({{reason}})',
      'raster-unreadable': 'cannot be used as a DEM: {{reason}}',
      'unsupported-crs':
        'the file declares CRS “{{crs}}”; only longitude/latitude in WGS-84 (EPSG:4326), CGCS2000 (EPSG:4490), GCJ-02 or BD-09 can be read — reproject it to EPSG:4326 first',
      'not-geojson': 'not GeoJSON or TopoJSON (expected a FeatureCollection)',
      'invalid-xml': 'not well-formed XML, perhaps truncated ({{reason}})',
      'not-kml': 'this XML file is not KML (its root element is not <kml>)',
      'invalid-topojson': 'invalid TopoJSON: no objects or arcs, or an object cannot be decoded',
      'layer-not-found': 'layer “{{layer}}” not found; the file has: {{layers}}',
      'zip-no-shapefile': 'the zip holds no .shp file',
      'shapefile-no-dbf':
        '{{layer}}.dbf is missing from the zip: without the attribute table there are no codes or names',
      'invalid-shapefile':
        '{{layer}}.shp/.dbf cannot be read, perhaps damaged or truncated ({{reason}})',
      'unsupported-projection':
        'the .prj projection “{{projection}}” could not be converted to longitude/latitude; reproject the data to WGS-84 or CGCS2000 (EPSG:4326/4490) first',
      'invalid-zip': 'not a zip archive, or a damaged or truncated one',
      'shapefile-not-zipped':
        'a Shapefile is several files: zip the .shp with its .dbf, .shx, .prj (and .cpg) and import the zip',
      'unknown-format':
        'unrecognised format: boundaries must be GeoJSON, TopoJSON, KML/KMZ or a zipped Shapefile, population tables CSV',
      'no-features': 'the file holds no features',
      'field-not-found': 'the features have no property “{{field}}”',
      'missing-column':
        'the population table has no $t(import.issuePart.populationColumn.{{column}}) column',
      // Station rows, rejected
      'row-error': 'the row could not be read (an internal error) and was skipped',
      'duplicate-id': 'duplicate cell id; first used in row {{firstRow}}',
      'missing-coordinate': 'the coordinate is missing',
      'unparseable-coordinate':
        'the coordinate is not a number (decimal degrees or degrees-minutes-seconds)',
      'swapped-coordinates':
        'latitude and longitude appear swapped (the exchanged pair lies in China); fix the columns or their mapping',
      'coordinate-out-of-range':
        'the coordinate is out of range (longitude −180…180, latitude −90…90)',
      'outside-china': 'the position is outside China (longitude 73–136, latitude 3–54)',
      'unparseable-number': 'not a number',
      'unknown-tech': 'unknown technology; expected NR/5G, LTE/4G, UMTS/WCDMA/3G or GSM/2G',
      'azimuth-out-of-range': 'azimuth is outside −360…360°',
      'beamwidth-out-of-range': 'beamwidth must be above 0° and at most 360°',
      'negative-value': 'the value must not be negative',
      'bad-redcap': 'RedCap must be true/false, 1/0, yes/no or 是/否',
      // Station rows, loaded with a warning (counted once per condition)
      'decimal-comma':
        'numbers written with a decimal comma were read as decimals (rows: {{count, number}})',
      'default-tech':
        'the table has no tech column: rows are read with the default technology (rows: {{count, number}})',
      'missing-tech': 'tech is empty: read with the default technology (rows: {{count, number}})',
      'zero-radius':
        'radius 0 is read as “not set”: the propagation model applies (rows: {{count, number}})',
      'redcap-not-nr': 'RedCap is set on a non-NR cell and is ignored (rows: {{count, number}})',
      'nr-band-no-preset':
        'this NR band has no coverage-model preset; presets exist for n28, n1, n41, n78, n79 (rows: {{count, number}})',
      'unknown-band': 'band not recognised; left empty (rows: {{count, number}})',
      'unknown-env':
        'unknown environment; expected rma, uma, umi or auto — read as auto (rows: {{count, number}})',
      'unknown-status':
        'unknown status; expected existing or planned — read as existing (rows: {{count, number}})',
      // Station files
      'mixed-encoding':
        'the file mixes encodings: {{count, number}} line(s) are not UTF-8 and were read as GBK (first: line {{line}}); the rest is UTF-8',
      'site-cells-far-apart':
        '{{count, number}} site(s) have cells more than {{km, number}} km from the site’s centre — check their site ids (the first is shown)',
      'header-not-first-row':
        'the header is on line {{line}} of the file; the {{skipped, number}} row(s) above it were skipped',
      'duplicate-column':
        'this column names a field another column already provides; it is not used',
      'crs-hint':
        'the column name suggests $t(import.crsOptions.{{hint}}) coordinates but the import declares $t(import.crsOptions.{{crs}}); a wrong CRS shifts positions by 100–700 m',
      'no-range-column':
        'OpenCelliD range was chosen as the radius but the file has no range column',
      // Settlement points
      'not-point':
        'the geometry is a {{type}}, not a point: a settlement is one place (give polygons as boundaries)',
      'multipoint-several':
        'a multi-point of {{count, number}} different positions: a settlement is one place — split it into point features',
      'duplicate-settlement-id':
        'duplicate id; first used by record {{first}}; this record is not loaded',
      'duplicate-settlement':
        'the same name {{metres, number}} m from record {{first}}: probably listed twice (both are loaded; check for a double count)',
      'invalid-settlement-code':
        'not a 6-, 9- or 12-digit GB/T 2260 code; left empty (records: {{count, number}})',
      'unknown-settlement-kind':
        'unknown settlement kind, read as other; expected e.g. 县城, 乡镇驻地, 行政村, 自然村 or 牧业点 (records: {{count, number}})',
      'bad-synthetic-flag':
        'the synthetic flag is not a yes/no value; read as not synthetic (records: {{count, number}})',
      'settlement-unnamed':
        'no name: the code or the record number is used (records: {{count, number}})',
      // Boundary files
      'other-layers-ignored':
        'the file has several layers: read “{{layer}}”, ignored {{ignored}} (choose another with the layer option)',
      'cpg-unknown':
        'the .cpg names an unknown encoding “{{cpg}}”; attributes decoded as {{encoding}} (detected)',
      'dbf-encoding-unknown':
        'the .dbf attribute text is neither valid UTF-8 nor GBK; decoded as {{encoding}}, names may be garbled (add a .cpg)',
      'legacy-datum':
        'the .prj uses the Beijing 1954 / Xi’an 1980 datum; no datum shift is applied (positions may be off by up to ~100 m)',
      'crs-maybe-gcj02':
        'this looks like an Aliyun DataV GeoAtlas export, which is in GCJ-02; it was read as WGS-84 — import it again with CRS GCJ-02 to avoid a 100–700 m shift',
      'no-code-field':
        'no property holds GB/T 2260 codes (6, 9 or 12 digits); choose the code field among: {{fields}}',
      'no-name-field': 'no name property found; codes are used as names',
      // Boundary features
      'missing-code': 'the code is empty',
      'invalid-code':
        'not a GB/T 2260 admin code (6, 9 or 12 digits starting with a province code 11–82)',
      'code-level-mismatch':
        'the code’s level does not match the file, which is read at $t(import.issuePart.level.{{level}}) level',
      'duplicate-code':
        'the code is already used by feature {{firstFeature}}; this feature is not loaded',
      'missing-name': 'no name; the code {{code}} is used as the name',
      'non-polygon-parts-dropped':
        '{{name}}: {{count, number}} non-polygon member(s) dropped from the geometry collection',
      'ring-closed': '{{name}}: {{count, number}} unclosed ring(s) closed',
      'spike-removed':
        '{{name}}: {{count, number}} zero-width spike vertex(es) removed, first at {{lon, number(maximumFractionDigits: 6)}}, {{lat, number(maximumFractionDigits: 6)}}',
      'degenerate-ring-dropped':
        '{{name}}: {{parts, number}} polygon(s) and {{holes, number}} hole(s) with fewer than 3 distinct points or no area dropped',
      'self-intersection-repaired':
        '{{name}}: the boundary crosses itself {{crossings, number}} time(s), first at {{lon, number(maximumFractionDigits: 6)}}, {{lat, number(maximumFractionDigits: 6)}}; split into {{parts, number}} simple polygon(s)',
      'parts-overlap':
        '{{name}}: parts of the multipolygon cross each other {{crossings, number}} time(s), first at {{lon, number(maximumFractionDigits: 6)}}, {{lat, number(maximumFractionDigits: 6)}}; the overlap is counted twice in the area',
      'empty-geometry': '{{name}}: the feature has no geometry or no coordinates',
      'invalid-geometry': '{{name}}: the geometry is not a GeoJSON geometry object',
      'invalid-coordinates': '{{name}}: malformed coordinate arrays',
      'not-polygon':
        '{{name}}: the geometry is a {{type}}, not a Polygon or MultiPolygon; boundaries must be areas',
      'projected-coordinates':
        '{{name}}: looks like projected coordinates (metres), not degrees, e.g. {{x, number}}, {{y, number}}; convert to longitude/latitude, or zip the Shapefile with its .prj',
      'coordinates-out-of-range':
        '{{name}}: position {{x, number(maximumFractionDigits: 6)}}, {{y, number(maximumFractionDigits: 6)}} is outside longitude −180…180 / latitude −90…90; check whether latitude and longitude are swapped',
      'degenerate-geometry': '{{name}}: no ring has 3 or more distinct points enclosing an area',
      'self-intersection':
        '{{name}}: the boundary crosses itself at {{lon, number(maximumFractionDigits: 6)}}, {{lat, number(maximumFractionDigits: 6)}} and cannot be repaired safely ({{crossings, number}} crossing(s))',
      'invalid-population': '{{name}}: population is not a non-negative number; left empty',
      'invalid-seat': '{{name}}: seat position is not [longitude, latitude]; ignored',
      'parts-far-apart':
        '{{name}} ({{code}}) has {{parts, number}} separate parts; {{farParts, number}} lie far from the largest part (up to {{maxGapKm, number}} km away; largest part {{mainPartKm2, number}} km² of {{areaKm2, number}} km²): check that the pieces belong to this area',
      'area-outlier':
        '{{name}} ({{code}}) covers {{areaKm2, number}} km², {{ratio, number}}× the median of {{siblings, number}} comparable areas ({{medianKm2, number}} km²) and far more than the next largest ({{nextLargestKm2, number}} km²): check its boundary',
      // Population tables
      'population-no-code': 'the row has no code and cannot be joined to an area',
      'population-invalid-code':
        'not a GB/T 2260 admin code (6, 9 or 12 digits starting with a province code 11–82)',
      'population-invalid-number': 'the population is not a non-negative number',
      'population-duplicate-code':
        'the code already appears in row {{firstRow}}; this row is ignored',
      'population-sum-mismatch':
        'urban {{urban, number}} + rural {{rural, number}} is not the total {{total, number}}',
      'population-row-unmatched':
        'no imported area has this code; population {{total, number}} not used',
      'population-aggregate-rows-ignored':
        '{{count, number}} province/prefecture total row(s) ignored (e.g. {{examples}})',
      'area-without-population':
        '{{name}} ({{code}}) has no row in the population table; $t(import.issuePart.populationKept.{{kept}})',
      'population-code-change':
        '{{name}} ({{code}}) takes the population of row {{rowCode}} {{rowName}} by a code change: {{changes}} (source: {{source}})',
      'area-code-retired':
        '{{name}} ({{code}}): code retired, {{change}}; $t(import.issuePart.codeRetired.{{kind}})',
      // Hostile input: limits that keep bad files from exhausting memory or the stack
      'value-out-of-range':
        'the value is outside the physically possible range ({{min, number}}–{{max, number}} {{unit}}); the row is rejected — check the column and its unit',
      'zip-too-large':
        '{{entry}} in the archive declares {{size, number}} MB uncompressed, over the {{limit, number}} MB limit; refused before inflating',
      'zip-bomb':
        '{{entry}} in the archive is compressed {{ratio, number}}:1, over {{limit, number}}:1 (a zip bomb?); refused before inflating',
      'zip-entry-mismatch':
        '{{entry}} in the archive inflates to more than its declared size: the archive is damaged or tampered with',
      'xml-entities':
        'the KML declares XML entities (<!ENTITY>); they are never expanded (they could read local files, make network requests or expand without bound) — remove the DOCTYPE and import again',
      'nesting-too-deep':
        '{{name}}: the geometry is nested deeper than {{limit, number}} levels; not a boundary, rejected',
      'hole-outside-shell':
        '{{name}}: ring {{ring, number}} of polygon {{part, number}} is a hole but does not lie inside its outer ring (or is larger than it); its area cannot be determined',
      'hole-inside-hole':
        '{{name}}: hole {{ring, number}} of polygon {{part, number}} lies inside hole {{other, number}}; its area cannot be determined',
      'too-many-parts':
        '{{name}}: the polygon has more than {{limit, number}} parts, more than any real boundary; rejected',
      'dbf-truncated':
        '{{layer}}.dbf declares {{declared, number}} records but holds {{held, number}} (damaged or truncated); the features after them have no attributes',
      'feature-error':
        '{{name}}: the feature could not be checked (an internal error) and was skipped; the other features load',
      // Not from the importers
      internal: 'internal error while importing: {{detail}}',
      'townships-read-as-counties':
        'given as --townships, but most codes have 6 digits and the file was read as county level',
    },
    // Pieces nested into issue messages with $t(…), chosen by a param.
    issuePart: {
      level: { county: 'county', township: 'township' },
      populationColumn: { code: 'code', total: 'total population' },
      codeRetired: {
        merge: 'merged with other counties, so no population row matches it one to one',
        split: 'split between several counties, so no population row matches it one to one',
        abolished: 'no successor code',
        recode: 'renumbered',
      },
      populationKept: {
        '0': 'its population is unknown',
        '1': 'it keeps the population from its boundary file',
      },
    },
  },
  layers: layers.en,
  panels: panels.en,
  importer: importer.en,
  scenarios: scenarios.en,
  compliance: compliance.en,
  population: population.en,
  mapTools: mapTools.en,
};
export default en;
