import * as Comlink from 'comlink';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CrsId } from '../core/crs';
import { labelPoints } from './label-points';
import { shiftGeoJson } from './shift-geojson';

// Shifting 100,000 sites (or a province of boundaries) to GCJ-02 takes longer than a frame,
// so it runs here, off the page's main thread; so do the label points of areas and gaps.
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
  /** One point inside each polygon feature (see label-points.ts). */
  labelPoints(fc: FeatureCollection): FeatureCollection {
    return labelPoints(fc as FeatureCollection<Polygon | MultiPolygon>);
  },
  revoke(url: string): void {
    URL.revokeObjectURL(url);
  },
};

export type ShiftApi = typeof api;
Comlink.expose(api);
