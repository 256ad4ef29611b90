import type { FeatureCollection, Geometry, Position } from 'geojson';
import { fromWgs84, mapPositions, toWgs84, wgs84, lngLat, type CrsId } from '../core/crs';

/** Converts one [lon, lat] between CRSs (through WGS-84). */
export function shiftPoint(p: readonly [number, number], from: CrsId, to: CrsId): [number, number] {
  if (sameDatum(from, to)) return [p[0], p[1]];
  const w =
    from === 'WGS84' || from === 'CGCS2000'
      ? wgs84(p[0], p[1])
      : toWgs84(lngLat(p[0], p[1], from), from);
  const out = fromWgs84(w, to);
  return [out[0], out[1]];
}

function sameDatum(a: CrsId, b: CrsId): boolean {
  const norm = (c: CrsId) => (c === 'CGCS2000' ? 'WGS84' : c);
  return norm(a) === norm(b);
}

/**
 * A copy of `fc` with every position converted from `from` to `to` — how the app's own
 * WGS-84 layers are drawn over GCJ-02 tiles (Amap, Tencent). Properties are shared, not
 * copied; the input is never modified. Features without geometry pass through.
 */
export function shiftGeoJson<G extends Geometry, P>(
  fc: FeatureCollection<G, P>,
  from: CrsId,
  to: CrsId,
): FeatureCollection<G, P> {
  if (sameDatum(from, to)) return fc;
  const f = (pos: Position): Position => {
    const [x, y] = shiftPoint([pos[0], pos[1]], from, to);
    return pos.length > 2 ? [x, y, ...pos.slice(2)] : [x, y];
  };
  return {
    ...fc,
    features: fc.features.map((feat) =>
      feat.geometry ? { ...feat, geometry: mapPositions(feat.geometry, f) } : feat,
    ),
  };
}

/** A WGS-84 box shifted corner by corner (the offset is smooth over a county). */
export function shiftBbox(
  b: readonly [number, number, number, number],
  from: CrsId,
  to: CrsId,
): [number, number, number, number] {
  const [w, s] = shiftPoint([b[0], b[1]], from, to);
  const [e, n] = shiftPoint([b[2], b[3]], from, to);
  return [w, s, e, n];
}
