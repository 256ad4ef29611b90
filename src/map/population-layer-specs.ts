import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  RasterLayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';

// The population layers (issue 12): the density image of the surface the analysis used,
// and the settlements it placed people by. Pure data, like layer-specs.ts.

export const DENSITY_OPACITY = 0.6;
export const SETTLEMENT_COLOR = '#7048e8';
/** Synthetic (合成) settlements are drawn hollow, so they never pass for surveyed places. */
export const SYNTHETIC_SETTLEMENT_COLOR = '#ffffff';

const LABEL_FONT = ['sans-serif'];

/** Circle radius by people (unknown population: the smallest). */
const RADIUS: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['max', ['get', 'population'], 0],
  0,
  2.5,
  500,
  4,
  5000,
  6,
  50000,
  9,
];

export function densityLayer(id: string, sourceId: string): RasterLayerSpecification {
  return {
    id,
    type: 'raster',
    source: sourceId,
    paint: { 'raster-opacity': DENSITY_OPACITY, 'raster-fade-duration': 0 },
  };
}

export function settlementCircleLayer(sourceId: string): CircleLayerSpecification {
  return {
    id: 'settlement-points',
    type: 'circle',
    source: sourceId,
    paint: {
      'circle-radius': RADIUS,
      'circle-color': ['case', ['get', 'synthetic'], SYNTHETIC_SETTLEMENT_COLOR, SETTLEMENT_COLOR],
      'circle-stroke-color': SETTLEMENT_COLOR,
      'circle-stroke-width': 1.5,
    },
  };
}

/**
 * Names of the settlements, the larger first (the features come sorted by people): towns
 * and township seats from zoom 7, villages from 9, the rest from 11.
 */
export function settlementLabelLayer(sourceId: string): SymbolLayerSpecification {
  return {
    id: 'settlement-labels',
    type: 'symbol',
    source: sourceId,
    filter: [
      '>=',
      ['zoom'],
      ['match', ['get', 'kind'], ['town', 'township-seat'], 7, ['admin-village'], 9, 11],
    ],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': ['match', ['get', 'kind'], ['town'], 13, ['township-seat'], 12, 11],
      'text-offset': [0, 1],
      'text-anchor': 'top',
      'text-allow-overlap': false,
    },
    paint: {
      'text-color': '#3b2a80',
      'text-halo-color': '#ffffff',
      'text-halo-width': 1.5,
    },
  };
}
