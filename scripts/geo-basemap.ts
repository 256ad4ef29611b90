/**
 * Offline basemap layers from world-atlas (Natural Earth 1:50m as TopoJSON): land and
 * country polygons as GeoJSON, clipped to a box around China and reduced to 4 decimals
 * (≈10 m, far finer than the 1:50m source) so the app ships them without a tile server.
 */
import * as turf from '@turf/turf';
import type {
  Feature,
  FeatureCollection,
  GeoJsonProperties,
  Geometry,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type BBox = [number, number, number, number];

/** lon 60–150 E, lat 0–60 N: China with its neighbours and the South China Sea. */
export const BASEMAP_BBOX: BBox = [60, 0, 150, 60];

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function cleanRing(ring: Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const q = [round4(p[0]), round4(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1) {
    const [f, l] = [out[0], out[out.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
  }
  // A ring needs three distinct corners; slivers collapse to less after rounding.
  return out.length >= 4 ? out : null;
}

function cleanPolygon(rings: Position[][]): Position[][] | null {
  const outer = rings.length > 0 ? cleanRing(rings[0]) : null;
  if (!outer) return null;
  const holes = rings
    .slice(1)
    .map(cleanRing)
    .filter((r): r is Position[] => r !== null);
  return [outer, ...holes];
}

/** Clip to the box, round, drop degenerate rings; null when nothing is left. */
export function clipAndRound(g: Polygon | MultiPolygon, bbox: BBox): Polygon | MultiPolygon | null {
  // Clipping a polygon yields a polygon; the union return type does not say so.
  const clipped = turf.bboxClip(g, bbox).geometry as Polygon | MultiPolygon;
  const polys = clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates;
  const kept = polys
    .map((p) => cleanPolygon(p.filter((r) => r.length > 0)))
    .filter((p): p is Position[][] => p !== null);
  if (kept.length === 0) return null;
  return kept.length === 1
    ? { type: 'Polygon', coordinates: kept[0] }
    : { type: 'MultiPolygon', coordinates: kept };
}

function toFeatures(
  topology: Topology,
  objectName: string,
): Feature<Geometry | null, GeoJsonProperties>[] {
  const obj = topology.objects[objectName] as GeometryCollection;
  const fc = feature(topology, obj) as FeatureCollection<Geometry | null>;
  return fc.features;
}

function isPolygonal(g: Geometry | null): g is Polygon | MultiPolygon {
  return g !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

export function buildLand(
  topology: Topology,
  bbox: BBox,
): FeatureCollection<Polygon | MultiPolygon> {
  const features: Feature<Polygon | MultiPolygon>[] = [];
  for (const f of toFeatures(topology, 'land')) {
    if (!isPolygonal(f.geometry)) continue;
    const g = clipAndRound(f.geometry, bbox);
    if (g) features.push({ type: 'Feature', properties: {}, geometry: g });
  }
  return { type: 'FeatureCollection', features };
}

export function buildCountries(
  topology: Topology,
  bbox: BBox,
): FeatureCollection<Polygon | MultiPolygon> {
  const features: Feature<Polygon | MultiPolygon>[] = [];
  for (const f of toFeatures(topology, 'countries')) {
    if (!isPolygonal(f.geometry)) continue;
    const g = clipAndRound(f.geometry, bbox);
    if (!g) continue;
    const name = String((f.properties as { name?: unknown } | null)?.name ?? '');
    const iso = f.id === undefined ? null : String(f.id);
    features.push({ type: 'Feature', properties: { name, iso_n3: iso }, geometry: g });
  }
  // Stable order independent of the source's order.
  features.sort((a, b) => {
    const [x, y] = [String(a.properties?.name), String(b.properties?.name)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { type: 'FeatureCollection', features };
}
