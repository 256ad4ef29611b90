/**
 * Every `code` an importer reports, as an ImportIssue (a rejected row or feature, a
 * warning) or an ImportError (a file that cannot be read). The UI shows each through
 * `import.issue.<code>` in src/i18n, so a code added here needs a message in every
 * language (tests/unit/issue-codes.test.ts checks both directions).
 *
 * The value lists the params every issue with that code carries; a translation may
 * interpolate only those (some sites add more, e.g. `reason`, which a message must not rely on).
 * Row issues from the station row reader all carry `line`; its counted warnings carry
 * `count`, `firstRow` and `line`. Geometry issues carry the area's `name`. The codes the
 * settlement reader shares with stations (outside-china, negative-value, …) list no `line`:
 * a settlement may be a GeoJSON/KML feature, which has none.
 */
export const ISSUE_CODES = {
  // --- Whole files (ImportError) ---
  /** The file has no bytes, only white space, or no rows. */
  'empty-file': [],
  /** The platform could not read the bytes (permissions, file changed while reading). */
  'read-failed': ['detail'],
  /** NUL or many control bytes: not a text table. */
  'binary-file': ['reason'],
  /** UTF-16 text (Excel "Unicode text"); only UTF-8 and GBK are read. */
  'unsupported-encoding': ['encoding'],
  /** A line over 16 MiB: that row is dropped unread (the rest of the file loads). */
  'line-too-long': ['line'],
  /** A quoted field never closes: the row it starts on is rejected, the rows before load. */
  'unterminated-quote': ['line'],
  /** A zip that is not a readable XLSX workbook. */
  'invalid-xlsx': ['detail'],
  /** Legacy Excel 97–2003 .xls. */
  'xls-not-supported': [],
  /** No delimiter splits the header into columns. */
  'single-column': ['firstLine'],
  /** A header but no data rows. */
  'no-data-rows': [],
  /** No longitude/latitude columns found (or mapped). */
  'no-coordinate-columns': ['headers'],
  /** The user's column mapping names headers the file does not have. */
  'mapping-column-not-found': ['columns'],
  /** Boundary text that is not valid JSON. */
  'invalid-json': ['reason'],
  /** A DEM the raster reader cannot use (format, size, CRS other than EPSG:4326). */
  'raster-unreadable': ['reason'],
  /** GeoJSON declares a CRS other than WGS-84/CGCS2000/GCJ-02/BD-09 lon/lat. */
  'unsupported-crs': ['crs'],
  /** JSON that is neither GeoJSON nor TopoJSON. */
  'not-geojson': [],
  /** KML that is not well-formed XML. */
  'invalid-xml': ['reason'],
  /** XML whose root is not <kml>. */
  'not-kml': [],
  /** TopoJSON without objects/arcs, or an object that cannot be decoded. */
  'invalid-topojson': [],
  /** The requested TopoJSON object or Shapefile layer does not exist. */
  'layer-not-found': ['layer', 'layers'],
  /** A zip without a .shp. */
  'zip-no-shapefile': [],
  /** A .shp without its .dbf. */
  'shapefile-no-dbf': ['layer'],
  /** shpjs cannot read the .shp/.dbf. */
  'invalid-shapefile': ['reason', 'layer'],
  /** A projected .prj that proj4 could not convert to lon/lat. */
  'unsupported-projection': ['projection'],
  /** Not a zip archive, or a damaged one. */
  'invalid-zip': [],
  /** A bare .shp/.dbf/.shx instead of a zip. */
  'shapefile-not-zipped': [],
  /** Not GeoJSON, TopoJSON, KML, a zipped Shapefile (or, for population, not CSV). */
  'unknown-format': [],
  /** A boundary file with no features. */
  'no-features': [],
  /** A code/name/population field given as an option is not a property. */
  'field-not-found': ['field'],
  /** A population table without its code or total column. */
  'missing-column': ['column'],

  // --- Station rows (rejected) ---
  /** A row whose reading threw (a bug); the rest of the file still loads. */
  'row-error': [],
  /** The cell id was already used by an earlier row. */
  'duplicate-id': ['firstRow', 'line'],
  /** Longitude or latitude is empty. */
  'missing-coordinate': ['line'],
  /** Longitude or latitude is not a number. */
  'unparseable-coordinate': ['line'],
  /** Lon and lat exchanged: the swapped pair lies in China. */
  'swapped-coordinates': [],
  /** Latitude beyond ±90 or longitude beyond ±180. */
  'coordinate-out-of-range': [],
  /** A valid position outside China's extent. */
  'outside-china': [],
  /** A numeric field (azimuth, height, power, radius, cell id; a settlement's population or households) is not a number. */
  'unparseable-number': [],
  /** Technology (or OpenCelliD radio) not NR/LTE/UMTS/GSM. */
  'unknown-tech': ['line'],
  /** Azimuth outside 0–360°. */
  'azimuth-out-of-range': ['line'],
  /** Beamwidth not in (0°, 360°]. */
  'beamwidth-out-of-range': ['line'],
  /** Negative antenna height or radius, or a negative settlement population/households. */
  'negative-value': [],
  /** RedCap flag that is not a yes/no value. */
  'bad-redcap': ['line'],

  // --- Station rows (counted warnings; the row loads) ---
  /** Numbers written with a decimal comma were read as decimals. */
  'decimal-comma': ['count', 'firstRow', 'line'],
  /** No tech column: rows read with the default technology. */
  'default-tech': ['count', 'firstRow', 'line'],
  /** Empty tech cell: read with the default technology. */
  'missing-tech': ['count', 'firstRow', 'line'],
  /** Radius 0 read as "not set". */
  'zero-radius': ['count', 'firstRow', 'line'],
  /** RedCap set on a non-NR cell, ignored. */
  'redcap-not-nr': ['count', 'firstRow', 'line'],
  /** An NR band without a coverage-model preset. */
  'nr-band-no-preset': ['count', 'firstRow', 'line'],
  /** A band that cannot be read for the cell's technology; left empty. */
  'unknown-band': ['count', 'firstRow', 'line'],
  /** Unknown environment, read as auto. */
  'unknown-env': ['count', 'firstRow', 'line'],
  /** Unknown status, read as existing. */
  'unknown-status': ['count', 'firstRow', 'line'],

  // --- Station files (warnings) ---
  /** A UTF-8 file with some GBK lines. */
  'mixed-encoding': ['count', 'line'],
  /** Sites whose cells lie more than `km` from the site centre. */
  'site-cells-far-apart': ['count', 'km'],
  /** Title rows above the header were skipped. */
  'header-not-first-row': ['line', 'skipped'],
  /** A column names a field another column already provides. */
  'duplicate-column': [],
  /** A lon/lat header names a CRS other than the one declared. */
  'crs-hint': ['hint', 'crs'],
  /** OpenCelliD range requested but the file has no range column. */
  'no-range-column': [],

  // --- Settlement points (src/io/import-settlements.ts) ---
  /** A feature whose geometry is not a point (a polygon or line given as a settlement). */
  'not-point': ['type'],
  /** A MultiPoint (or collection of points) with several distinct positions. */
  'multipoint-several': ['count'],
  /** A settlement id already used by an earlier record. */
  'duplicate-settlement-id': ['first'],
  /** The same name within 100 m of an earlier record: probably listed twice. */
  'duplicate-settlement': ['first', 'metres'],
  /** A code that is not a 6-, 9- or 12-digit GB/T 2260 code; left empty (counted). */
  'invalid-settlement-code': ['count'],
  /** A kind word not recognised; read as other (counted). */
  'unknown-settlement-kind': ['count'],
  /** A synthetic flag that is not yes/no; read as not synthetic (counted). */
  'bad-synthetic-flag': ['count'],
  /** No name: the code or the record number is used (counted). */
  'settlement-unnamed': ['count'],

  // --- Boundary files (warnings, rejections) ---
  /** Several layers; the first was read. */
  'other-layers-ignored': ['layer', 'ignored'],
  /** A .cpg naming an unknown encoding; the detected one was used. */
  'cpg-unknown': ['cpg', 'encoding'],
  /** DBF text neither UTF-8 nor GBK; decoded as UTF-8. */
  'dbf-encoding-unknown': ['encoding'],
  /** Beijing 1954 / Xi'an 1980 datum; no datum shift applied. */
  'legacy-datum': [],
  /** Looks like a DataV (GCJ-02) export read as WGS-84. */
  'crs-maybe-gcj02': [],
  /** No property holds admin codes: nothing loads. */
  'no-code-field': ['fields'],
  /** No name property: codes are used as names. */
  'no-name-field': [],

  // --- Boundary features ---
  /** Empty code. */
  'missing-code': [],
  /** Not a GB/T 2260 code. */
  'invalid-code': [],
  /** A county code in a township file or the reverse. */
  'code-level-mismatch': ['level'],
  /** Code already used by an earlier feature. */
  'duplicate-code': ['firstFeature'],
  /** Empty name: the code is used. */
  'missing-name': ['code'],
  /** Points/lines dropped from a geometry collection. */
  'non-polygon-parts-dropped': ['count', 'name'],
  /** Unclosed rings closed. */
  'ring-closed': ['count', 'name'],
  /** Zero-width spikes removed. */
  'spike-removed': ['count', 'lon', 'lat', 'name'],
  /** Rings or polygons with no area dropped. */
  'degenerate-ring-dropped': ['parts', 'holes', 'name'],
  /** A self-crossing boundary split into simple polygons. */
  'self-intersection-repaired': ['crossings', 'lon', 'lat', 'parts', 'name'],
  /** Parts of a multipolygon cross each other. */
  'parts-overlap': ['crossings', 'lon', 'lat', 'name'],
  /** No geometry or no coordinates. */
  'empty-geometry': ['name'],
  /** Geometry is not a GeoJSON geometry object. */
  'invalid-geometry': ['name'],
  /** Malformed coordinate arrays. */
  'invalid-coordinates': ['name'],
  /** Points or lines instead of a polygon. */
  'not-polygon': ['type', 'name'],
  /** Coordinates in metres, not degrees. */
  'projected-coordinates': ['x', 'y', 'name'],
  /** A position outside ±180/±90. */
  'coordinates-out-of-range': ['x', 'y', 'name'],
  /** No ring encloses an area. */
  'degenerate-geometry': ['name'],
  /** A self-crossing that cannot be repaired safely. */
  'self-intersection': ['lon', 'lat', 'crossings', 'name'],
  /** Population property not a non-negative number. */
  'invalid-population': ['name'],
  /** Seat (center/cp) not [lon, lat]. */
  'invalid-seat': ['name'],
  /** One feature made of pieces far apart. */
  'parts-far-apart': ['name', 'code', 'parts', 'farParts', 'maxGapKm', 'mainPartKm2', 'areaKm2'],
  /** A feature many times larger than its siblings. */
  'area-outlier': [
    'name',
    'code',
    'areaKm2',
    'medianKm2',
    'ratio',
    'nextLargestKm2',
    'siblings',
    'group',
  ],

  // --- Population tables and their join to areas ---
  /** A row without a code (not a national total). */
  'population-no-code': ['name'],
  /** Not a GB/T 2260 code. */
  'population-invalid-code': ['name'],
  /** Total (rejects the row), urban or rural (left empty) not a number. */
  'population-invalid-number': ['name'],
  /** Code already used by an earlier row. */
  'population-duplicate-code': ['firstRow', 'name'],
  /** Urban + rural differs from the total. */
  'population-sum-mismatch': ['total', 'urban', 'rural', 'name'],
  /** A row whose code matches no imported area. */
  'population-row-unmatched': ['name', 'total'],
  /** Province/prefecture total rows ignored. */
  'population-aggregate-rows-ignored': ['count', 'examples'],
  /** An area with no population row. */
  'area-without-population': ['name', 'code', 'kept'],
  /** An area joined to the row of its code before or after a code change (admin-code-changes). */
  'population-code-change': ['name', 'code', 'rowCode', 'rowName', 'changes', 'source'],
  /** An area without a row whose code was merged or split away (no one-to-one row). */
  'area-code-retired': ['name', 'code', 'kind', 'change'],

  // --- Hostile input (limits that keep a file from exhausting memory or the stack) ---
  /** A station number beyond its physical limit (station-limits.ts). */
  'value-out-of-range': ['line', 'min', 'max', 'unit'],
  /** A zip entry declares more uncompressed bytes than the limit (sizes in MB). */
  'zip-too-large': ['entry', 'size', 'limit'],
  /** A zip entry's declared compression ratio is beyond what real data reaches. */
  'zip-bomb': ['entry', 'ratio', 'limit'],
  /** A zip entry inflates to more than its declared size. */
  'zip-entry-mismatch': ['entry'],
  /** KML with <!ENTITY> declarations (XXE, entity expansion). */
  'xml-entities': [],
  /** Coordinates or geometry collections nested beyond any real geometry. */
  'nesting-too-deep': ['limit', 'name'],
  /** A hole that does not lie inside its polygon's outer ring. */
  'hole-outside-shell': ['part', 'ring', 'name'],
  /** A hole inside another hole of the same polygon. */
  'hole-inside-hole': ['part', 'ring', 'other', 'name'],
  /** A polygon record of a Shapefile with more parts than any real boundary. */
  'too-many-parts': ['limit', 'name'],
  /** A .dbf declaring more records than it holds; the rest have no attributes. */
  'dbf-truncated': ['layer', 'declared', 'held'],
  /** Checking a feature threw (a bug); the other features still load. */
  'feature-error': ['name'],

  // --- Not from src/io ---
  /** The analysis worker: an unexpected exception while importing (a bug). */
  internal: ['detail'],
  /** The CLI: a file given as --townships was read as county level. */
  'townships-read-as-counties': [],
} as const satisfies Record<string, readonly string[]>;

export type IssueCode = keyof typeof ISSUE_CODES;

/** Codes reported outside src/io (worker, CLI). */
export const NON_IO_CODES: readonly IssueCode[] = [
  'internal',
  'townships-read-as-counties',
  'raster-unreadable',
];
