import type { StationLayerData } from './protocol';

/**
 * Sites as GeoJSON text. The map receives it as a blob: URL so maplibre's own worker
 * fetches and parses it: a million sites never pass through the page's main thread
 * as objects (building and cloning them there froze the page for over a second).
 */
export function stationGeoJsonText(layer: StationLayerData): string {
  const parts: string[] = ['{"type":"FeatureCollection","features":['];
  for (let i = 0; i < layer.count; i++) {
    parts.push(
      `${i ? ',' : ''}{"type":"Feature","id":${i},"geometry":{"type":"Point","coordinates":[${layer.lonLat[2 * i]},${layer.lonLat[2 * i + 1]}]},"properties":{"k":${layer.kind[i]}}}`,
    );
  }
  parts.push(']}');
  return parts.join('');
}
