import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { BASEMAP_COLORS } from './basemap-style';

// The offline basemap's detail layers (geo/basemap-water|rivers|places.geojson): pure specs.

export const DETAIL_COLORS = {
  water: BASEMAP_COLORS.water,
  waterEdge: '#a5c3d9',
  river: '#8fb4d4',
  place: '#5c5f66',
} as const;

const LABEL_FONT = ['sans-serif'];

/** Lakes and wide rivers, the sea's colour, with a thin shore line from zoom 7. */
export function waterFillLayer(sourceId: string): FillLayerSpecification {
  return {
    id: 'basemap-water',
    type: 'fill',
    source: sourceId,
    paint: { 'fill-color': DETAIL_COLORS.water, 'fill-outline-color': DETAIL_COLORS.waterEdge },
  };
}

export function riverLineLayer(sourceId: string): LineLayerSpecification {
  return {
    id: 'basemap-rivers',
    type: 'line',
    source: sourceId,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: {
      'line-color': DETAIL_COLORS.river,
      'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 7, 1.4, 11, 2.5],
    },
  };
}

/**
 * Places by rank (0 capital … 4 other): more appear as the map zooms in, so labels never
 * crowd the areas' own names at province scale.
 */
const RANK_SHOWN: ExpressionSpecification = [
  '<=',
  ['get', 'rank'],
  ['step', ['zoom'], 1, 4.5, 2, 6, 3, 8, 4],
];

export function placeDotLayer(sourceId: string): CircleLayerSpecification {
  return {
    id: 'basemap-place-dots',
    type: 'circle',
    source: sourceId,
    filter: RANK_SHOWN,
    paint: {
      'circle-radius': ['match', ['get', 'rank'], 0, 3.5, 1, 3, 2, 2.5, 2],
      'circle-color': '#ffffff',
      'circle-stroke-color': DETAIL_COLORS.place,
      'circle-stroke-width': 1,
    },
  };
}

export function placeLabelLayer(sourceId: string): SymbolLayerSpecification {
  return {
    id: 'basemap-place-labels',
    type: 'symbol',
    source: sourceId,
    filter: RANK_SHOWN,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': ['match', ['get', 'rank'], 0, 13, 1, 12, 11],
      'text-anchor': 'left',
      'text-offset': [0.5, 0],
      'text-max-width': 10,
      // The feature order is rank then population: the most important place wins a collision.
      'symbol-sort-key': ['get', 'rank'],
    },
    paint: {
      'text-color': DETAIL_COLORS.place,
      'text-halo-color': '#ffffff',
      'text-halo-width': 1.2,
    },
  };
}
