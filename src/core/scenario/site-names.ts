import type { Area } from '../area';
import { assignPointsToAreas } from '../site-areas';
import type { ScenarioEvaluator } from './evaluator';

/**
 * Readable ids for sites a scenario or the planner adds: the place the site stands in
 * and a number, e.g. "囊谦县香达镇-新建-3" — the township holding the point, after its
 * county's name, when township polygons are loaded; the county alone otherwise. (When
 * settlements come to the region, the nearest one can name a site the same way.)
 */

/** The name of the place at each point ('' outside every area). */
export function placeNames(
  ev: Pick<ScenarioEvaluator, 'areas' | 'townships'>,
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
): string[] {
  const counties = ev.areas.filter((a) => a.level !== 'township');
  const towns = [...ev.townships, ...ev.areas.filter((a) => a.level === 'township')];
  const countyOf = assignPointsToAreas(lon, lat, counties);
  const townOf = towns.length ? assignPointsToAreas(lon, lat, towns) : null;
  const byCode = new Map<string, Area>(counties.map((a) => [a.code, a]));
  return Array.from({ length: lon.length }, (_, i) => {
    const t = townOf && townOf[i] >= 0 ? towns[townOf[i]] : null;
    const c = countyOf[i] >= 0 ? counties[countyOf[i]] : null;
    if (!t) return c?.name ?? '';
    const county = c ?? (t.parent ? byCode.get(t.parent) : undefined) ?? null;
    return county && !t.name.startsWith(county.name) ? `${county.name}${t.name}` : t.name;
  });
}

/** "place-word-k" with the smallest k ≥ 1 not in `taken` ("word-k" without a place). */
export function readableSiteId(
  taken: { has(id: string): boolean },
  place: string,
  word: string,
): string {
  const prefix = place ? `${place}-${word}-` : `${word}-`;
  for (let k = 1; ; k++) {
    const id = `${prefix}${k}`;
    if (!taken.has(id)) return id;
  }
}
