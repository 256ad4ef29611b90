import land from '../../geo/basemap-land.geojson?url';
import countries from '../../geo/basemap-countries.geojson?url';
import type { BasemapUrls } from './basemap-style';

export function basemapUrls(): BasemapUrls {
  const abs = (u: string) => new URL(u, window.location.href).href;
  return { land: abs(land), countries: abs(countries) };
}
