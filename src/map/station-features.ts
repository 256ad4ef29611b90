import type { FeatureCollection, Point } from 'geojson';
import type { StationLayerData } from '../worker/protocol';

/** Flat site arrays → GeoJSON points with a one-letter property to keep the tile worker lean. */
export function stationFeatures(layer: StationLayerData): FeatureCollection<Point, { k: number }> {
  const features = new Array(layer.count);
  for (let i = 0; i < layer.count; i++) {
    features[i] = {
      type: 'Feature',
      id: i,
      geometry: { type: 'Point', coordinates: [layer.lonLat[2 * i], layer.lonLat[2 * i + 1]] },
      properties: { k: layer.kind[i] },
    };
  }
  return { type: 'FeatureCollection', features };
}
