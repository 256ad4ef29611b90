import { parseCrs, type CrsId } from '../core/crs';
import { asProperties, type RawFeature, type RawLayer } from './boundary-source';
import { errorText } from './decode-text';
import { ImportError } from './issues';

/** JSON.parse with a message that says where a truncated or broken file stops making sense. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = errorText(e);
    // Node and browsers word it differently; a text that does not end in } or ] was cut off.
    const truncated =
      /end of (json )?(input|data)|unterminated/i.test(reason) || !/[}\]]\s*$/.test(text);
    throw new ImportError(
      file,
      'invalid-json',
      `not valid JSON${truncated ? ' (the file looks truncated)' : ''}: ${reason}`,
      { reason },
    );
  }
}

/**
 * The CRS named by the obsolete but still common GeoJSON 2008 `crs` member
 * (QGIS and ArcGIS exports write it). RFC 7946 GeoJSON without it is WGS-84.
 */
function declaredCrs(value: Record<string, unknown>, file: string): CrsId | null {
  const crs = value.crs;
  if (crs === null || typeof crs !== 'object') return null;
  const name = asProperties(asProperties(crs).properties).name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return 'WGS84';
  const epsg = /EPSG:+(?:[\d.]*:)?(\d+)$/i.exec(name);
  const id = epsg ? parseCrs(`EPSG:${epsg[1]}`) : parseCrs(name);
  if (id !== null) return id;
  throw new ImportError(
    file,
    'unsupported-crs',
    `the file declares CRS "${name}"; only longitude/latitude in WGS-84 (EPSG:4326), CGCS2000 (EPSG:4490), GCJ-02 or BD-09 can be read — reproject it to EPSG:4326 first`,
    { crs: name },
  );
}

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** GeoJSON FeatureCollection, a single Feature, or a bare geometry. */
export function readGeoJson(value: unknown, file: string): RawLayer {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ImportError(
      file,
      'not-geojson',
      'JSON is not a GeoJSON object (expected a FeatureCollection)',
    );
  }
  const obj = value as Record<string, unknown>;
  const crs = declaredCrs(obj, file);
  let features: RawFeature[];
  if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features)) {
      throw new ImportError(file, 'not-geojson', 'FeatureCollection has no "features" array');
    }
    features = obj.features.map((f) => {
      const o = asProperties(f);
      return { geometry: o.geometry, properties: asProperties(o.properties) };
    });
  } else if (obj.type === 'Feature') {
    features = [{ geometry: obj.geometry, properties: asProperties(obj.properties) }];
  } else if (typeof obj.type === 'string' && GEOMETRY_TYPES.has(obj.type)) {
    features = [{ geometry: obj, properties: {} }];
  } else {
    throw new ImportError(
      file,
      'not-geojson',
      `JSON is not GeoJSON or TopoJSON (type ${JSON.stringify(obj.type ?? null)})`,
    );
  }
  return { format: 'geojson', features, crs, layer: null, layers: [], notes: [], encoding: null };
}
