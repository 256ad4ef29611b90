import land from '../../geo/basemap-land.geojson?url';
import countries from '../../geo/basemap-countries.geojson?url';
import water from '../../geo/basemap-water.geojson?url';
import rivers from '../../geo/basemap-rivers.geojson?url';
import places from '../../geo/basemap-places.geojson?url';
import type { BasemapUrls } from './basemap-style';

const abs = (u: string) => new URL(u, window.location.href).href;

export function basemapUrls(): BasemapUrls {
  return { land: abs(land), countries: abs(countries) };
}

/** The detail layers' files, fetched only once the map has drawn (see BasemapDetail). */
export function basemapDetailUrls(): { water: string; rivers: string; places: string } {
  return { water: abs(water), rivers: abs(rivers), places: abs(places) };
}
