import polylabel from 'polylabel';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';

// One label point per feature, inside it: the pole of inaccessibility of its largest part.
// A symbol layer on the polygons themselves labels every part (a county with islands shows
// its name several times) and may put the label on a concave gap's outside.

/** Shoelace area in degrees², scaled by cos(lat): only to pick the largest part. */
function roughArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  const lat = ring.length ? ring[0][1] : 0;
  return Math.abs(a / 2) * Math.cos((lat * Math.PI) / 180);
}

function extent(ring: readonly Position[]): number {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return Math.max(x1 - x0, y1 - y0);
}

/** A point inside the polygon, as far from its edges as `precision` allows. */
export function labelPoint(g: Polygon | MultiPolygon): [number, number] | null {
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best: Position[][] | null = null;
  let bestArea = -1;
  for (const p of parts) {
    if (!p[0] || p[0].length < 4) continue;
    const a = roughArea(p[0]);
    if (a > bestArea) {
      best = p;
      bestArea = a;
    }
  }
  if (!best) return null;
  // A hundredth of the part's size: fine enough to stay inside, a few dozen cells of work.
  const precision = Math.max(extent(best[0]) / 100, 1e-6);
  const p = polylabel(best as number[][][], precision);
  return Number.isFinite(p[0]) && Number.isFinite(p[1]) ? [p[0], p[1]] : null;
}

/** The collection's features as label points, properties kept. */
export function labelPoints<P>(
  fc: FeatureCollection<Polygon | MultiPolygon, P>,
): FeatureCollection<Point, P> {
  const features: Feature<Point, P>[] = [];
  for (const f of fc.features) {
    const p = f.geometry ? labelPoint(f.geometry) : null;
    if (p)
      features.push({
        type: 'Feature',
        properties: f.properties,
        geometry: { type: 'Point', coordinates: p },
      });
  }
  return { type: 'FeatureCollection', features };
}
