import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type {
  CircleLayerSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';

// The measuring tool's geometry and numbers. Distances and areas are geodesic (turf on the
// WGS-84 ellipsoid's mean sphere), never degrees; points are WGS-84.

/** 'profile': two points, transmitter then receiver, for the terrain path profile. */
export type MeasureMode = 'distance' | 'area' | 'profile';
export type LonLat = [number, number];

export const MEASURE_COLOR = '#e8590c';

/** Length of the polyline through the points, metres. */
export function pathMetres(points: readonly LonLat[]): number {
  if (points.length < 2) return 0;
  return turf.length(turf.lineString(points.map((p) => [...p])), { units: 'kilometers' }) * 1000;
}

/** The closed polygon's area (km²) and perimeter (m); null below three points. */
export function polygonMeasure(
  points: readonly LonLat[],
): { km2: number; perimeterM: number } | null {
  if (points.length < 3) return null;
  const ring = [...points.map((p) => [...p]), [...points[0]]];
  return {
    km2: turf.area(turf.polygon([ring])) / 1e6,
    perimeterM: pathMetres([...points, points[0]]),
  };
}

/** What the map draws: the path (or the polygon) and its vertices, in display coordinates. */
export function measureFeatures(
  points: readonly LonLat[],
  mode: MeasureMode,
): FeatureCollection<Point | LineString | Polygon> {
  const features: Feature<Point | LineString | Polygon>[] = points.map((p, i) => ({
    type: 'Feature',
    properties: { role: 'vertex', index: i },
    geometry: { type: 'Point', coordinates: [...p] },
  }));
  if (mode === 'area' && points.length >= 3) {
    features.unshift({
      type: 'Feature',
      properties: { role: 'area' },
      geometry: { type: 'Polygon', coordinates: [[...points.map((p) => [...p]), [...points[0]]]] },
    });
  } else if (points.length >= 2) {
    features.unshift({
      type: 'Feature',
      properties: { role: 'path' },
      geometry: { type: 'LineString', coordinates: points.map((p) => [...p]) },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function measureFillLayer(sourceId: string): FillLayerSpecification {
  return {
    id: 'measure-fill',
    type: 'fill',
    source: sourceId,
    filter: ['==', ['get', 'role'], 'area'],
    paint: { 'fill-color': MEASURE_COLOR, 'fill-opacity': 0.15 },
  };
}

export function measureLineLayer(sourceId: string): LineLayerSpecification {
  return {
    id: 'measure-line',
    type: 'line',
    source: sourceId,
    filter: ['!=', ['get', 'role'], 'vertex'],
    paint: { 'line-color': MEASURE_COLOR, 'line-width': 2.5, 'line-dasharray': [3, 1.5] },
  };
}

export function measureVertexLayer(sourceId: string): CircleLayerSpecification {
  return {
    id: 'measure-vertex',
    type: 'circle',
    source: sourceId,
    filter: ['==', ['get', 'role'], 'vertex'],
    paint: {
      'circle-radius': 4,
      'circle-color': '#ffffff',
      'circle-stroke-color': MEASURE_COLOR,
      'circle-stroke-width': 2,
    },
  };
}
