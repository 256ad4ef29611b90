import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import type { LonLat, MeasureMode } from '../map/measure';

/** Map layers the user can switch on and off in the layer panel. */
export const MAP_LAYERS = [
  'counties',
  'townships',
  'choropleth',
  'townZones',
  'nrCoverage',
  'redcapCoverage',
  'gaps',
  'stations',
  'density',
  'settlements',
  'basemapDetail',
  'hillshade',
] as const;
export type MapLayerId = (typeof MAP_LAYERS)[number];

/** Station kinds as drawn (same order as SITE_KIND: other, lte, nr, nrRedcap). */
export const STATION_KINDS = ['nrRedcap', 'nr', 'lte', 'other'] as const;
export type StationKindKey = (typeof STATION_KINDS)[number];

export const CHOROPLETH_METRICS = [
  'per10k',
  'nrAreaPct',
  'nrPopPct',
  'redcapAreaPct',
  'redcapPopPct',
  'sitesNeeded',
] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];

export type AreaLevel = 'county' | 'township';

/** Tile CRS: GCJ-02 tiles (Amap, Tencent) need the app's own layers shifted to match. */
export type BasemapCrs = 'WGS84' | 'GCJ02';

/** Empty `tileUrl` = the embedded offline basemap (no request leaves the machine). */
export interface BasemapSettings {
  tileUrl: string;
  crs: BasemapCrs;
}

export const OFFLINE_BASEMAP: BasemapSettings = { tileUrl: '', crs: 'WGS84' };
const BASEMAP_KEY = 'sailplan.basemap';

export function loadBasemapSettings(): BasemapSettings {
  try {
    const raw = globalThis.localStorage?.getItem(BASEMAP_KEY);
    if (!raw) return OFFLINE_BASEMAP;
    const v = JSON.parse(raw) as Partial<BasemapSettings>;
    const tileUrl = typeof v.tileUrl === 'string' && isTileUrlTemplate(v.tileUrl) ? v.tileUrl : '';
    return { tileUrl, crs: v.crs === 'GCJ02' && tileUrl ? 'GCJ02' : 'WGS84' };
  } catch {
    // A corrupt or inaccessible entry falls back to the offline map rather than breaking start-up.
    return OFFLINE_BASEMAP;
  }
}

function saveBasemapSettings(s: BasemapSettings): void {
  try {
    globalThis.localStorage?.setItem(BASEMAP_KEY, JSON.stringify(s));
  } catch {
    // Private mode or a full quota: the setting still applies for this session.
  }
}

/** An http(s) XYZ template with {z}, {x} and {y}. */
export function isTileUrlTemplate(s: string): boolean {
  if (!/^https?:\/\//i.test(s)) return false;
  return s.includes('{z}') && s.includes('{x}') && s.includes('{y}');
}

export interface MapSlice {
  layers: Record<MapLayerId, boolean>;
  stationKinds: Record<StationKindKey, boolean>;
  choroplethMetric: ChoroplethMetric;
  /** Which areas the choropleth, gaps and hover act on. */
  areaLevel: AreaLevel;
  basemap: BasemapSettings;
  /** The measuring tool: its mode (null = off) and the WGS-84 points clicked so far. */
  measure: { mode: MeasureMode | null; points: LonLat[] };
  setMeasureMode: (mode: MeasureMode | null) => void;
  addMeasurePoint: (p: LonLat) => void;
  clearMeasure: () => void;
  setLayerVisible: (id: MapLayerId, on: boolean) => void;
  setStationKindVisible: (k: StationKindKey, on: boolean) => void;
  setChoroplethMetric: (m: ChoroplethMetric) => void;
  setAreaLevel: (l: AreaLevel) => void;
  setBasemap: (b: BasemapSettings) => void;
}

export const createMapSlice: StateCreator<AppState, [], [], MapSlice> = (set) => ({
  layers: {
    counties: true,
    townships: true,
    choropleth: false,
    townZones: true,
    nrCoverage: true,
    redcapCoverage: false,
    gaps: true,
    stations: true,
    density: false,
    settlements: false,
    basemapDetail: true,
    hillshade: true,
  },
  stationKinds: { nrRedcap: true, nr: true, lte: true, other: true },
  choroplethMetric: 'per10k',
  areaLevel: 'county',
  basemap: loadBasemapSettings(),
  measure: { mode: null, points: [] },
  setMeasureMode: (mode) => set({ measure: { mode, points: [] } }),
  addMeasurePoint: (p) =>
    set((st) => ({
      measure: {
        ...st.measure,
        // A profile is one path: a third click starts a new one.
        points:
          st.measure.mode === 'profile' && st.measure.points.length >= 2
            ? [p]
            : [...st.measure.points, p],
      },
    })),
  clearMeasure: () => set((st) => ({ measure: { ...st.measure, points: [] } })),
  setLayerVisible: (id, on) => set((st) => ({ layers: { ...st.layers, [id]: on } })),
  setStationKindVisible: (k, on) =>
    set((st) => ({ stationKinds: { ...st.stationKinds, [k]: on } })),
  setChoroplethMetric: (choroplethMetric) => set({ choroplethMetric }),
  setAreaLevel: (areaLevel) => set({ areaLevel }),
  setBasemap: (basemap) => {
    saveBasemapSettings(basemap);
    set({ basemap });
  },
});
