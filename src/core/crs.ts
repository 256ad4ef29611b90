import gcoord from 'gcoord';
import type { Geometry, Position } from 'geojson';
import type { Brand } from './units';

/**
 * Coordinate reference systems SailPlan accepts. CGCS2000 differs from WGS-84 by
 * centimetres, far below any cell size, so it is treated as WGS-84. GCJ-02 (Amap,
 * Tencent, DataV) and BD-09 (Baidu) are offset by 100–700 m and must be converted.
 */
export const CRS_IDS = ['WGS84', 'CGCS2000', 'GCJ02', 'BD09'] as const;
export type CrsId = (typeof CRS_IDS)[number];

/** A [lon, lat] pair in degrees whose CRS is part of its type. */
export type LngLat<C extends CrsId> = Brand<readonly [number, number], `LngLat:${C}`>;
export type LngLatWgs84 = LngLat<'WGS84'>;
export type LngLatGcj02 = LngLat<'GCJ02'>;
export type LngLatBd09 = LngLat<'BD09'>;
export type LngLatCgcs2000 = LngLat<'CGCS2000'>;

export function lngLat<C extends CrsId>(lon: number, lat: number, _crs: C): LngLat<C> {
  return [lon, lat] as unknown as LngLat<C>;
}
export const wgs84 = (lon: number, lat: number): LngLatWgs84 => lngLat(lon, lat, 'WGS84');

export function isCrsId(s: string): s is CrsId {
  return (CRS_IDS as readonly string[]).includes(s);
}

/** Parse user spellings such as "wgs-84", "EPSG:4326", "gcj02", "bd-09", "cgcs2000", "EPSG:4490". */
export function parseCrs(s: string): CrsId | null {
  const k = s
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  if (k === 'WGS84' || k === 'EPSG:4326' || k === '4326') return 'WGS84';
  if (k === 'CGCS2000' || k === 'EPSG:4490' || k === '4490') return 'CGCS2000';
  if (k === 'GCJ02' || k === 'GCJ' || k === 'MARS' || k === 'AMAP' || k === 'GAODE') return 'GCJ02';
  if (k === 'BD09' || k === 'BAIDU' || k === 'BD09LL') return 'BD09';
  return null;
}

const GCOORD: Record<CrsId, Parameters<typeof gcoord.transform>[1]> = {
  WGS84: gcoord.WGS84,
  CGCS2000: gcoord.WGS84,
  GCJ02: gcoord.GCJ02,
  BD09: gcoord.BD09,
};

/** Convert one point to WGS-84. Returns a new tuple; the input is never touched. */
export function toWgs84<C extends CrsId>(p: LngLat<C>, crs: C): LngLatWgs84 {
  if (crs === 'WGS84' || crs === 'CGCS2000') return wgs84(p[0], p[1]);
  const out = gcoord.transform([p[0], p[1]] as [number, number], GCOORD[crs], gcoord.WGS84);
  return wgs84(out[0], out[1]);
}

/** Convert a WGS-84 point to another CRS (e.g. to draw over GCJ-02 tiles). */
export function fromWgs84<C extends CrsId>(p: LngLatWgs84, crs: C): LngLat<C> {
  if (crs === 'WGS84' || crs === 'CGCS2000') return lngLat(p[0], p[1], crs);
  const out = gcoord.transform([p[0], p[1]] as [number, number], gcoord.WGS84, GCOORD[crs]);
  return lngLat(out[0], out[1], crs);
}

/**
 * Convert every position of a GeoJSON geometry to WGS-84. gcoord.transform rewrites
 * GeoJSON in place, so this maps positions itself and returns a fresh geometry.
 */
export function geometryToWgs84<G extends Geometry>(g: G, crs: CrsId): G {
  if (crs === 'WGS84' || crs === 'CGCS2000') return g;
  const conv = (pos: Position): Position => {
    const out = gcoord.transform([pos[0], pos[1]] as [number, number], GCOORD[crs], gcoord.WGS84);
    return pos.length > 2 ? [out[0], out[1], ...pos.slice(2)] : [out[0], out[1]];
  };
  return mapPositions(g, conv);
}

export function mapPositions<G extends Geometry>(g: G, f: (p: Position) => Position): G {
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: f(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map(f) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((x) => mapPositions(x, f)) };
  }
}
