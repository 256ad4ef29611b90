import type { Cell, Site } from '../station';

/**
 * What a scenario did to a site, relative to the baseline, in the terms of the planner's
 * cost model (planner/costs.ts): a new site, a RedCap upgrade, NR put on an LTE site
 * (co-location), a move, a re-tune of its NR radio (band, power, height, azimuth, …),
 * or its removal. A site can be moved and upgraded at once; a site changed and changed
 * back has no change at all.
 */
export const CHANGE_KINDS = ['new', 'upgrade', 'colocate', 'move', 'retune', 'remove'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface SiteDiff {
  id: string;
  kinds: ChangeKind[];
  /** WGS-84 position now (removed sites: where they were). */
  lon: number;
  lat: number;
  /** Where it stood in the baseline, for a moved site; null otherwise. */
  from: [number, number] | null;
}

const radio = (c: Cell) =>
  [c.band, c.azimuthDeg, c.beamwidthDeg, c.heightM, c.powerDbm, c.env, c.radiusM].join('|');

const nrRadio = (s: Site) =>
  s.cells
    .filter((c) => c.tech === 'NR')
    .map(radio)
    .sort()
    .join(';');

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** The change from `was` to `now` (null: absent); an empty list when they are the same. */
export function changeKinds(was: Site | null, now: Site | null): ChangeKind[] {
  if (!was) return now ? ['new'] : [];
  if (!now) return ['remove'];
  const out: ChangeKind[] = [];
  if (!near(was.position[0], now.position[0]) || !near(was.position[1], now.position[1]))
    out.push('move');
  if (!was.is5g && now.is5g) out.push('colocate');
  else {
    if (was.is5g && !was.isRedcap && now.isRedcap) out.push('upgrade');
    // Taking NR or RedCap away, or changing the NR cells, is a re-tune of the site.
    if (nrRadio(was) !== nrRadio(now) || was.is5g !== now.is5g || (was.isRedcap && !now.isRedcap))
      out.push('retune');
  }
  return out;
}

/** The changed sites among `ids`, in the order given. */
export function siteDiffs(
  baseline: ReadonlyMap<string, Site>,
  current: ReadonlyMap<string, Site>,
  ids: Iterable<string>,
): SiteDiff[] {
  const out: SiteDiff[] = [];
  for (const id of new Set(ids)) {
    const was = baseline.get(id) ?? null;
    const now = current.get(id) ?? null;
    const kinds = changeKinds(was, now);
    if (kinds.length === 0) continue;
    const at = (now ?? was)!.position;
    out.push({
      id,
      kinds,
      lon: at[0],
      lat: at[1],
      from: kinds.includes('move') && was ? [was.position[0], was.position[1]] : null,
    });
  }
  return out;
}
