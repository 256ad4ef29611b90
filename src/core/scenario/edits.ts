import type { MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import type { Site } from '../station';
import type { ScenarioEdit, ScenarioStation, SiteSet } from './types';

/** Edit constructors for the UI and the planner: every user action is one of these. */

export const addEdit = (station: ScenarioStation): ScenarioEdit => ({ op: 'add', station });
export const removeEdit = (id: string): ScenarioEdit => ({ op: 'remove', id });
export const setEdit = (id: string, set: SiteSet): ScenarioEdit => ({ op: 'update', id, set });
export const moveEdit = (id: string, lon: number, lat: number): ScenarioEdit =>
  setEdit(id, { lon, lat });
export const upgradeEdit = (id: string): ScenarioEdit => setEdit(id, { redcap: true });

/** NR sites not yet RedCap-capable: the candidates of a RedCap upgrade. */
export const upgradable = (s: Site): boolean => s.is5g && !s.isRedcap;

/** RedCap upgrades of every upgradable site inside `geometry` (an area), in site order. */
export function upgradeAreaEdits(
  sites: Iterable<Site>,
  geometry: Polygon | MultiPolygon,
): ScenarioEdit[] {
  const out: ScenarioEdit[] = [];
  for (const s of sites) {
    if (upgradable(s) && booleanPointInPolygon([s.position[0], s.position[1]], geometry))
      out.push(upgradeEdit(s.id));
  }
  return out;
}

/** An id for a new site not used by `taken`: prefix + the smallest free number. */
export function freshSiteId(taken: { has(id: string): boolean }, prefix = 'new-'): string {
  for (let k = 1; ; k++) {
    const id = `${prefix}${k}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * Content hash of a station set (the scenario's `base.stations`): two 32-bit FNV-1a
 * streams over every site's id, position and cells in id order, as 16 hex digits. It
 * tells a scenario made on other stations; it is not a security measure.
 */
export function stationsHash(sites: readonly Site[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  };
  const sorted = [...sites].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const s of sorted) {
    feed(`${s.id}|${s.position[0].toFixed(7)},${s.position[1].toFixed(7)}|`);
    for (const c of s.cells)
      feed(
        `${c.id};${c.tech};${c.band};${c.redcap};${c.azimuthDeg};${c.beamwidthDeg};${c.heightM};${c.powerDbm};${c.env};${c.radiusM}|`,
      );
  }
  const hex = (h: number) => (h >>> 0).toString(16).padStart(8, '0');
  return hex(h1) + hex(h2);
}
