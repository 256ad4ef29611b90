import { Layer, Source } from '@vis.gl/react-maplibre';
import type {
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import type { BasemapCrs } from '../store/map-slice';
import { LAYER_SLOTS } from './basemap-style';
import { FOOTPRINT_COLORS, FOOTPRINT_FILL_OPACITY } from './scenario-colors';
import { useDisplayUrl } from './use-display-crs';

const LAYER_COLOR: ExpressionSpecification = [
  'match',
  ['get', 'layer'],
  'redcap',
  FOOTPRINT_COLORS.redcap,
  FOOTPRINT_COLORS.nr,
];

export function footprintFillLayer(source: string): FillLayerSpecification {
  return {
    id: 'scenario-footprint-fill',
    type: 'fill',
    source,
    filter: ['==', ['get', 'state'], 'now'],
    paint: {
      'fill-color': LAYER_COLOR,
      'fill-opacity': FOOTPRINT_FILL_OPACITY,
    },
  };
}

export function footprintLineLayer(source: string): LineLayerSpecification {
  return {
    id: 'scenario-footprint-line',
    type: 'line',
    source,
    filter: ['==', ['get', 'state'], 'now'],
    paint: {
      'line-color': LAYER_COLOR,
      'line-width': 2,
    },
  };
}

export function footprintBeforeLayer(source: string): LineLayerSpecification {
  return {
    id: 'scenario-footprint-before',
    type: 'line',
    source,
    filter: ['==', ['get', 'state'], 'before'],
    paint: {
      'line-color': FOOTPRINT_COLORS.before,
      'line-width': 1.5,
      'line-dasharray': [2, 2],
    },
  };
}

/**
 * What the touched sites cover, drawn as soon as an edit is made: outlines the worker
 * traced from the stamped cells, fetched by maplibre's own worker from a blob: URL.
 */
export function ScenarioFootprints({ url, crs }: { url: string | null; crs: BasemapCrs }) {
  const shown = useDisplayUrl(url, crs);
  if (!shown) return null;
  const id = 'scenario-footprints';
  return (
    <Source id={id} type="geojson" data={shown}>
      <Layer {...footprintFillLayer(id)} beforeId={LAYER_SLOTS.lines} />
      <Layer {...footprintBeforeLayer(id)} beforeId={LAYER_SLOTS.labels} />
      <Layer {...footprintLineLayer(id)} beforeId={LAYER_SLOTS.labels} />
    </Source>
  );
}
