import * as Comlink from 'comlink';
import type { FeatureCollection } from 'geojson';
import type { CrsId } from '../core/crs';
import { shiftGeoJson } from './shift-geojson';

// Shifting 100,000 sites (or a province of boundaries) to GCJ-02 takes longer than a frame,
// so it runs here, off the page's main thread.
const api = {
  shiftCollection(fc: FeatureCollection, from: CrsId, to: CrsId): FeatureCollection {
    return shiftGeoJson(fc, from, to);
  },
  /** Station GeoJSON lives behind a blob: URL; the shifted copy gets a URL of its own. */
  async shiftUrl(url: string, from: CrsId, to: CrsId): Promise<string> {
    const fc = (await (await fetch(url)).json()) as FeatureCollection;
    const text = JSON.stringify(shiftGeoJson(fc, from, to));
    return URL.createObjectURL(new Blob([text], { type: 'application/geo+json' }));
  },
  revoke(url: string): void {
    URL.revokeObjectURL(url);
  },
};

export type ShiftApi = typeof api;
Comlink.expose(api);
