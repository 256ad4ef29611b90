/**
 * Reader for ECharts map files (`echarts.registerMap(name, geoJson)` wrapped in a UMD
 * header) and decoder for their compressed "UTF8Encoding" coordinate format.
 *
 * The format is the one ECharts itself decodes in src/coord/geo/parseGeoJson.ts:
 * every ring is a string of character pairs; each character minus 64 is a zigzag-encoded
 * integer delta from the previous vertex, starting at the ring's `encodeOffsets` pair;
 * integers are degrees × `UTF8Scale` (1024 when absent). The ECharts encoder quantises
 * with Math.ceil, so decoded vertices sit at the upper corner of their 1/1024° cell.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

interface EncodedGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
  encodeOffsets?: unknown;
}
interface EncodedFeature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, unknown> | null;
  geometry: EncodedGeometry | null;
}
export interface EchartsMapJson {
  type: 'FeatureCollection';
  features: EncodedFeature[];
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
}

export interface EchartsMapFile {
  /** The name passed to registerMap. */
  name: string;
  json: EchartsMapJson;
}

/**
 * Pull the GeoJSON literal out of a registerMap call. The file is parsed as data, never
 * executed: it is third-party code and only its JSON argument is wanted.
 */
export function parseEchartsMapScript(source: string): EchartsMapFile {
  const call = /registerMap\(\s*(['"])((?:(?!\1).)*)\1\s*,\s*/.exec(source);
  if (!call) throw new Error('no registerMap(name, …) call found in the ECharts map file');
  const start = call.index + call[0].length;
  if (source[start] !== '{') throw new Error('registerMap is not called with an object literal');
  const end = matchingBrace(source, start);
  const literal = source.slice(start, end + 1);
  let json: unknown;
  try {
    json = JSON.parse(literal);
  } catch (e) {
    // Minified builds use unquoted keys; the src/ builds are plain JSON, which is what we read.
    throw new Error(
      `registerMap argument is not JSON (use the package's src/ file): ${String(e)}`,
      {
        cause: e,
      },
    );
  }
  if (!isFeatureCollection(json))
    throw new Error('registerMap argument is not a FeatureCollection');
  return { name: call[2], json };
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced braces in the ECharts map file');
}

function isFeatureCollection(x: unknown): x is EchartsMapJson {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((x as { features?: unknown }).features)
  );
}

/** Decode one ring string relative to its [x, y] offset (integers in 1/scale degrees). */
export function decodeRing(encoded: string, offset: readonly number[], scale: number): Position[] {
  if (encoded.length % 2 !== 0) throw new Error('encoded ring has an odd number of characters');
  const out: Position[] = [];
  let x = offset[0];
  let y = offset[1];
  for (let i = 0; i < encoded.length; i += 2) {
    const zx = encoded.charCodeAt(i) - 64;
    const zy = encoded.charCodeAt(i + 1) - 64;
    // Zigzag: even → non-negative, odd → negative.
    x += (zx >> 1) ^ -(zx & 1);
    y += (zy >> 1) ^ -(zy & 1);
    out.push([x / scale, y / scale]);
  }
  return out;
}

/**
 * Decode a whole map JSON into plain GeoJSON (Polygon/MultiPolygon features, ids and
 * properties kept). Already-decoded files (UTF8Encoding false/absent) pass through.
 */
export function decodeEchartsMap(
  json: EchartsMapJson,
): FeatureCollection<Polygon | MultiPolygon> & { scale: number | null } {
  const encoded = json.UTF8Encoding === true;
  const scale = encoded ? (json.UTF8Scale ?? 1024) : null;
  const features: Feature<Polygon | MultiPolygon>[] = [];
  for (const f of json.features) {
    const g = f.geometry;
    if (!g) continue;
    let geometry: Polygon | MultiPolygon;
    if (!encoded || scale === null) {
      geometry = { type: g.type, coordinates: g.coordinates } as Polygon | MultiPolygon;
    } else if (g.type === 'Polygon') {
      const rings = g.coordinates as string[];
      const offs = g.encodeOffsets as number[][];
      geometry = {
        type: 'Polygon',
        coordinates: rings.map((r, i) => decodeRing(r, offs[i], scale)),
      };
    } else if (g.type === 'MultiPolygon') {
      const polys = g.coordinates as string[][];
      const offs = g.encodeOffsets as number[][][];
      geometry = {
        type: 'MultiPolygon',
        coordinates: polys.map((p, i) => p.map((r, j) => decodeRing(r, offs[i][j], scale))),
      };
    } else {
      throw new Error(`unsupported geometry type ${(g as { type: string }).type}`);
    }
    const feature: Feature<Polygon | MultiPolygon> = {
      type: 'Feature',
      properties: f.properties ?? {},
      geometry,
    };
    if (f.id !== undefined) feature.id = f.id;
    features.push(feature);
  }
  return { type: 'FeatureCollection', features, scale };
}
