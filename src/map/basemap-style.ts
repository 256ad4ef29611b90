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
