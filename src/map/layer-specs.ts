import type {
  CircleLayerSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import { SITE_KIND } from '../worker/protocol';

// Layer specs are pure data: the map component renders whatever these return.

export const STATION_COLORS = {
  nrRedcap: '#c2255c',
  nr: '#1971c2',
  lte: '#e8590c',
  other: '#868e96',
} as const;

export const COUNTY_COLORS = { fill: '#3b5bdb', line: '#364fc7' } as const;
export const TOWNSHIP_COLOR = '#5f3dc4';

export function countyFillLayer(sourceId: string): FillLayerSpecification {
  return {
    id: 'county-fill',
    type: 'fill',
    source: sourceId,
    filter: ['==', ['get', 'level'], 'county'],
    paint: { 'fill-color': COUNTY_COLORS.fill, 'fill-opacity': 0.06 },
  };
}

export function countyLineLayer(sourceId: string): LineLayerSpecification {
  return {
    id: 'county-line',
    type: 'line',
    source: sourceId,
    filter: ['==', ['get', 'level'], 'county'],
    paint: { 'line-color': COUNTY_COLORS.line, 'line-width': 1.5 },
  };
}

export function townshipLineLayer(sourceId: string): LineLayerSpecification {
  return {
    id: 'township-line',
    type: 'line',
    source: sourceId,
    filter: ['==', ['get', 'level'], 'township'],
    paint: { 'line-color': TOWNSHIP_COLOR, 'line-width': 1, 'line-dasharray': [3, 2] },
  };
}

export function stationCircleLayer(id: string, sourceId: string): CircleLayerSpecification {
  return {
    id,
    type: 'circle',
    source: sourceId,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 2, 10, 4, 14, 7],
      'circle-color': [
        'match',
        ['get', 'k'],
        SITE_KIND.nrRedcap,
        STATION_COLORS.nrRedcap,
        SITE_KIND.nr,
        STATION_COLORS.nr,
        SITE_KIND.lte,
        STATION_COLORS.lte,
        STATION_COLORS.other,
      ],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 5, 0, 10, 1],
    },
  };
}
