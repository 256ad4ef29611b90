import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/turf';
import { bbox as turfBbox } from '@turf/turf';
import type { Area } from './area';

/**
 * Index of each site's containing area (or -1). Point-in-polygon over a Flatbush
 * index of area bounding boxes: only boxes that hold the point are tested exactly.
 * A site on a shared border belongs to the first area in input order, so every site
 * is counted once.
 */
export function assignPointsToAreas(
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  areas: readonly Area[],
): Int32Array {
  const n = lon.length;
  const out = new Int32Array(n).fill(-1);
  if (areas.length === 0 || n === 0) return out;
  const index = new Flatbush(areas.length);
  for (const a of areas) {
    const [minX, minY, maxX, maxY] = turfBbox(a.geometry);
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  for (let i = 0; i < n; i++) {
    const x = lon[i];
    const y = lat[i];
    const hits = index.search(x, y, x, y);
    if (hits.length > 1) hits.sort((p, q) => p - q);
    for (const h of hits) {
      if (booleanPointInPolygon([x, y], areas[h].geometry)) {
        out[i] = h;
        break;
      }
    }
  }
  return out;
}
