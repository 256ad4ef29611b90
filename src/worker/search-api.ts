import * as turf from '@turf/turf';
import type { Area } from '../core/area';
import type { Settlement } from '../core/settlement';
import { PlaceIndex, type PlaceEntry, type PlaceHit } from '../core/place-search';
import type { Dataset, Workspace } from './workspace';
import { workspace } from './worker-state';

type Box = [number, number, number, number];

function areaEntry(a: Area, kind: 'county' | 'township'): PlaceEntry {
  const bbox = turf.bbox(a.geometry) as Box;
  const [lon, lat] = a.seat ?? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
  return {
    kind,
    id: a.code,
    name: a.name,
    alt: [a.code],
    lon,
    lat,
    bbox,
    weight: a.population?.total ?? 0,
  };
}

/**
 * Everything loaded that has a name or code: areas with boundaries, townships known only by
 * name (they go to their county's box), sites by id and name.
 */
export function placeEntries(ws: Workspace): PlaceEntry[] {
  const counties = ws.activeAreas().map((a) => areaEntry(a, 'county'));
  const townships = ws.activeTownships().map((a) => areaEntry(a, 'township'));
  const withPolygon = new Set(townships.map((t) => t.id));
  const countyBox = new Map(counties.map((c) => [c.id, c]));
  const registerOnly: PlaceEntry[] = [];
  for (const r of ws.townshipRecords()) {
    const county = countyBox.get(r.county);
    if (withPolygon.has(r.code) || !county) continue;
    registerOnly.push({
      ...county,
      kind: 'township',
      id: r.code,
      name: r.name,
      alt: [r.code],
      approx: true,
    });
  }
  const sites = ws.allSites().map((s): PlaceEntry => ({
    kind: 'site',
    id: s.id,
    name: s.name ?? s.id,
    alt: s.name ? [s.id] : [],
    lon: s.position[0],
    lat: s.position[1],
    bbox: null,
    weight: s.is5g ? 1 : 0,
  }));
  // Settlement datasets (points with names and village codes) are searched whenever the
  // workspace holds one: any dataset that carries a `settlements` list.
  const settlements: PlaceEntry[] = [];
  for (const d of ws.list()) {
    const list = (d as { settlements?: readonly Settlement[] }).settlements;
    if (!Array.isArray(list)) continue;
    for (const st of list) {
      settlements.push({
        kind: 'settlement',
        id: st.id,
        name: st.name,
        alt: st.code ? [st.code] : [],
        lon: st.position[0],
        lat: st.position[1],
        bbox: null,
        weight: st.population ?? 0,
      });
    }
  }
  return [...counties, ...townships, ...registerOnly, ...settlements, ...sites];
}

// The index is rebuilt when the loaded datasets change (an import, replace or remove swaps
// dataset objects), not on every keystroke.
let indexed: { datasets: Dataset[]; registered: number; index: PlaceIndex } | null = null;

function currentIndex(): PlaceIndex {
  const datasets = [...workspace.list()];
  const registered = workspace.registerInfo().count;
  const same =
    indexed !== null &&
    indexed.registered === registered &&
    indexed.datasets.length === datasets.length &&
    indexed.datasets.every((d, i) => d === datasets[i]);
  if (!same || !indexed)
    indexed = { datasets, registered, index: new PlaceIndex(placeEntries(workspace)) };
  return indexed.index;
}

export const searchApi = {
  /** Areas, townships and sites whose name, code or id matches `query`, best first. */
  searchPlaces(query: string, limit = 20): PlaceHit[] {
    return currentIndex().search(query, limit);
  },
};
