import type { StyleSpecification } from 'maplibre-gl';

export interface BasemapUrls {
  land: string;
  countries: string;
}

export const BASEMAP_COLORS = {
  water: '#dbe7f0',
  land: '#f6f3ec',
  border: '#a39686',
} as const;

/**
 * The embedded offline basemap: Natural Earth land and country borders shipped with the
 * build. No glyphs or sprites are referenced, so the style loads with no request beyond
 * the app's own origin.
 */
export function offlineBasemapStyle(urls: BasemapUrls): StyleSpecification {
  return {
    version: 8,
    name: 'sailplan-offline',
    sources: {
      land: { type: 'geojson', data: urls.land },
      countries: { type: 'geojson', data: urls.countries },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': BASEMAP_COLORS.water } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': BASEMAP_COLORS.land } },
      {
        id: 'country-borders',
        type: 'line',
        source: 'countries',
        paint: { 'line-color': BASEMAP_COLORS.border, 'line-width': 1 },
      },
    ],
  };
}

/**
 * A raster XYZ basemap the user configured (the only request the app ever makes off the
 * machine, and only when asked to).
 */
export function onlineBasemapStyle(tileUrl: string): StyleSpecification {
  return {
    version: 8,
    name: 'sailplan-online',
    sources: {
      tiles: { type: 'raster', tiles: [tileUrl], tileSize: 256, maxzoom: 18 },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': BASEMAP_COLORS.land } },
      { id: 'tiles', type: 'raster', source: 'tiles' },
    ],
  };
}

/**
 * Empty layers marking where the app's layers go (bottom to top), so a layer added late
 * — results arrive after the data — still lands at its level, not on top of the stations.
 */
export const LAYER_SLOTS = {
  areas: 'slot-areas',
  lines: 'slot-lines',
  labels: 'slot-labels',
  stations: 'slot-stations',
  top: 'slot-top',
} as const;

export function withLayerSlots(style: StyleSpecification): StyleSpecification {
  return {
    ...style,
    layers: [
      ...style.layers,
      ...Object.values(LAYER_SLOTS).map((id): StyleSpecification['layers'][number] => ({
        id,
        type: 'background',
        layout: { visibility: 'none' },
      })),
    ],
  };
}
