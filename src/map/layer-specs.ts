import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  FilterSpecification,
  LineLayerSpecification,
  RasterLayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl';
import { SITE_KIND } from '../worker/protocol';
import type { AreaLevel, StationKindKey } from '../store/map-slice';

// Layer specs are pure data: the map component renders whatever these return.

export const STATION_COLORS = {
  nrRedcap: '#c2255c',
  nr: '#1971c2',
  lte: '#e8590c',
  other: '#868e96',
} as const;

export const COUNTY_COLORS = { fill: '#3b5bdb', line: '#364fc7' } as const;
export const TOWNSHIP_COLOR = '#5f3dc4';
export const SELECTION_COLOR = '#f08c00';
export const TOWN_ZONE_COLORS = { continuous: '#2b8a3e', broken: '#e03131' } as const;
/** The zone fill's opacity: light enough that the coverage below stays readable. */
export const TOWN_ZONE_FILL_OPACITY = 0.15;
export const GAP_COLOR = '#212529';
export const COVERAGE_OPACITY = 0.45;
export const CLUSTER_COLOR = '#495057';

/** Datasets above this many sites are clustered at low zoom; the demo's 706 are not. */
export const CLUSTER_THRESHOLD = 5000;
/** Beyond this zoom every site is drawn on its own (clusters would hide neighbours). */
export const CLUSTER_MAX_ZOOM = 11;

// Labels are drawn from the browser's own fonts: the style has no glyph server, so no
// label ever makes a request (see MapView's validateStyle note).
const LABEL_FONT = ['sans-serif'];
const HALO = { 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 } as const;

const levelIs = (level: AreaLevel): FilterSpecification => ['==', ['get', 'level'], level];

export function countyFillLayer(sourceId: string): FillLayerSpecification {
  return {
    id: 'county-fill',
    type: 'fill',
    source: sourceId,
    filter: levelIs('county'),
    paint: { 'fill-color': COUNTY_COLORS.fill, 'fill-opacity': 0.06 },
  };
}

/** Invisible township fill: the hit area for hover and click. */
export function townshipFillLayer(sourceId: string): FillLayerSpecification {
  return {
    id: 'township-fill',
    type: 'fill',
    source: sourceId,
    filter: levelIs('township'),
    paint: { 'fill-color': TOWNSHIP_COLOR, 'fill-opacity': 0 },
  };
}

export function countyLineLayer(sourceId: string): LineLayerSpecification {
  return {
    id: 'county-line',
    type: 'line',
    source: sourceId,
    filter: levelIs('county'),
    paint: { 'line-color': COUNTY_COLORS.line, 'line-width': 1.5 },
  };
}

export function townshipLineLayer(sourceId: string): LineLayerSpecification {
  return {
    id: 'township-line',
    type: 'line',
    source: sourceId,
    filter: levelIs('township'),
    paint: { 'line-color': TOWNSHIP_COLOR, 'line-width': 1, 'line-dasharray': [3, 2] },
  };
}

export function areaLabelLayer(sourceId: string, level: AreaLevel): SymbolLayerSpecification {
  const county = level === 'county';
  return {
    id: `${level}-label`,
    type: 'symbol',
    source: sourceId,
    filter: levelIs(level),
    // Township names only once they fit: at county zoom they would pile up.
    minzoom: county ? 0 : 8.5,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': county ? 14 : 11,
      'text-max-width': 8,
    },
    paint: { 'text-color': county ? COUNTY_COLORS.line : TOWNSHIP_COLOR, ...HALO },
  };
}

/** Areas of one level filled by the results (colour: choroplethColorExpression). */
export function choroplethLayer(
  sourceId: string,
  level: AreaLevel,
  color: ExpressionSpecification | string,
): FillLayerSpecification {
  return {
    id: 'choropleth',
    type: 'fill',
    source: sourceId,
    filter: levelIs(level),
    paint: { 'fill-color': color, 'fill-opacity': 0.6 },
  };
}

/** The selected area's outline; an impossible code when nothing is selected. */
export function selectionLineLayer(sourceId: string, code: string | null): LineLayerSpecification {
  return {
    id: 'selection-line',
    type: 'line',
    source: sourceId,
    filter: ['==', ['get', 'code'], code ?? '\u0000'],
    paint: { 'line-color': SELECTION_COLOR, 'line-width': 4 },
  };
}

export function townZoneFillLayer(sourceId: string): FillLayerSpecification {
  return {
    id: 'town-zone-fill',
    type: 'fill',
    source: sourceId,
    paint: {
      'fill-color': [
        'case',
        ['get', 'continuous'],
        TOWN_ZONE_COLORS.continuous,
        TOWN_ZONE_COLORS.broken,
      ],
      'fill-opacity': TOWN_ZONE_FILL_OPACITY,
    },
  };
}

export function townZoneLineLayer(sourceId: string): LineLayerSpecification {
  return {
    id: 'town-zone-line',
    type: 'line',
    source: sourceId,
    paint: {
      'line-color': [
        'case',
        ['get', 'continuous'],
        TOWN_ZONE_COLORS.continuous,
        TOWN_ZONE_COLORS.broken,
      ],
      'line-width': 2,
    },
  };
}

export function gapLineLayer(sourceId: string, level: AreaLevel): LineLayerSpecification {
  return {
    id: 'gap-line',
    type: 'line',
    source: sourceId,
    filter: levelIs(level),
    paint: { 'line-color': GAP_COLOR, 'line-width': 1.5, 'line-dasharray': [2, 1] },
  };
}

/** Each gap numbered by its rank in its area (1 = most people uncovered). */
export function gapLabelLayer(sourceId: string, level: AreaLevel): SymbolLayerSpecification {
  return {
    id: 'gap-label',
    type: 'symbol',
    source: sourceId,
    filter: levelIs(level),
    layout: {
      'text-field': ['concat', '#', ['to-string', ['get', 'rank']]],
      'text-font': LABEL_FONT,
      'text-size': 12,
      'text-allow-overlap': false,
    },
    paint: { 'text-color': GAP_COLOR, ...HALO },
  };
}

export function coverageLayer(id: string, sourceId: string): RasterLayerSpecification {
  return {
    id,
    type: 'raster',
    source: sourceId,
    paint: { 'raster-opacity': COVERAGE_OPACITY, 'raster-fade-duration': 0 },
  };
}

/** The DEM's hillshade: grey shading with its own alpha, under the coverage pictures. */
export function hillshadeLayer(id: string, sourceId: string): RasterLayerSpecification {
  return { id, type: 'raster', source: sourceId, paint: { 'raster-fade-duration': 0 } };
}

/** The SITE_KIND codes of the kinds switched on. */
export function visibleKindCodes(kinds: Record<StationKindKey, boolean>): number[] {
  return (Object.keys(SITE_KIND) as StationKindKey[])
    .filter((k) => kinds[k])
    .map((k) => SITE_KIND[k]);
}

/** Filter on the station kind (`k`); used on the layer, or on a clustered source. */
export function stationKindFilter(kinds: Record<StationKindKey, boolean>): FilterSpecification {
  return ['in', ['get', 'k'], ['literal', visibleKindCodes(kinds)]];
}

export function stationCircleLayer(
  id: string,
  sourceId: string,
  filter?: FilterSpecification,
): CircleLayerSpecification {
  return {
    id,
    type: 'circle',
    source: sourceId,
    ...(filter ? { filter } : {}),
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

/** Sites of a clustered source that are not inside a cluster. */
export const UNCLUSTERED: FilterSpecification = ['!', ['has', 'point_count']];

export function clusterCircleLayer(id: string, sourceId: string): CircleLayerSpecification {
  return {
    id,
    type: 'circle',
    source: sourceId,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': CLUSTER_COLOR,
      'circle-opacity': 0.75,
      'circle-radius': ['step', ['get', 'point_count'], 10, 100, 14, 1000, 18, 10000, 24],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  };
}

export function clusterCountLayer(id: string, sourceId: string): SymbolLayerSpecification {
  return {
    id,
    type: 'symbol',
    source: sourceId,
    filter: ['has', 'point_count'],
    layout: {
      'text-field': ['get', 'point_count_abbreviated'],
      'text-font': LABEL_FONT,
      'text-size': 11,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': '#ffffff' },
  };
}
