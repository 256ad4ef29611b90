import { wgs84 } from '../crs';
import type { Cell, Site } from '../station';
import { metres } from '../units';
import type { ScenarioEdit, ScenarioStation, SiteSet } from './types';

/**
 * Scenario edits applied to a site list. Pure: sites and cells are never modified; an
 * edited site is a new object with new cells. Edits that cannot apply (unknown id, an
 * id added twice) are skipped with a reason, so one stale edit does not void the rest.
 */

export interface EditIssue {
  /** Index of the edit in the scenario. */
  index: number;
  id: string;
  reason: 'unknown-site' | 'duplicate-id';
  message: string;
}

/** One site's state before and after an edit (null: absent); the unit of undo. */
export interface SiteChange {
  id: string;
  before: Site | null;
  after: Site | null;
}

const DEFAULT_BEAMWIDTH = 65;

function normaliseBand(band: string | null | undefined): string | null {
  if (band == null) return null;
  const b = band.trim();
  if (b === '') return null;
  return /^n\d+$/i.test(b) ? b.toLowerCase() : b;
}

/** A site object from its cells, keeping `id` (sites.ts groups cells; here the id is given). */
export function siteFromCells(id: string, cells: Cell[]): Site {
  let lon = 0;
  let lat = 0;
  let is5g = false;
  let isRedcap = false;
  let hasLte = false;
  let allPlanned = true;
  for (const c of cells) {
    lon += c.position[0];
    lat += c.position[1];
    if (c.tech === 'NR') {
      is5g = true;
      if (c.redcap) isRedcap = true;
    } else if (c.tech === 'LTE') hasLte = true;
    if (c.status !== 'planned') allPlanned = false;
  }
  return {
    id,
    operator: cells.find((c) => c.operator !== null)?.operator ?? null,
    name: cells.find((c) => c.name !== null)?.name ?? null,
    position:
      cells.length === 1 ? cells[0].position : wgs84(lon / cells.length, lat / cells.length),
    cells,
    is5g,
    isRedcap,
    hasLte,
    status: allPlanned ? 'planned' : 'existing',
  };
}

const azimuthList = (a: number | number[] | null | undefined): (number | null)[] =>
  a == null ? [null] : Array.isArray(a) ? (a.length ? a : [null]) : [a];

/** A planned site from a scenario station: one cell per azimuth. */
export function stationToSite(st: ScenarioStation): Site {
  const tech = st.tech ?? 'NR';
  const cells: Cell[] = azimuthList(st.azimuth).map((az, k) => ({
    id: `${st.id}/${k + 1}`,
    siteId: st.id,
    name: st.name ?? null,
    operator: st.operator ?? null,
    position: wgs84(st.lon, st.lat),
    tech,
    band: normaliseBand(st.band),
    redcap: tech === 'NR' && st.redcap === true,
    azimuthDeg: az === null ? null : wrapDeg(az),
    beamwidthDeg: st.beamwidth ?? DEFAULT_BEAMWIDTH,
    heightM: st.height_m == null ? null : metres(st.height_m),
    powerDbm: st.power_dbm ?? null,
    env: st.env ?? 'auto',
    radiusM: st.radius_m == null ? null : metres(st.radius_m),
    status: st.status ?? 'planned',
    sourceRow: 0,
  }));
  return siteFromCells(st.id, cells);
}

const wrapDeg = (d: number): number => ((d % 360) + 360) % 360;

/** The radio fields of `set` applied to one NR cell. */
function setRadio(c: Cell, set: SiteSet): Cell {
  const out: Cell = { ...c };
  if (set.band !== undefined) out.band = normaliseBand(set.band);
  if (set.redcap !== undefined) out.redcap = set.redcap;
  if (set.beamwidth !== undefined) out.beamwidthDeg = set.beamwidth ?? DEFAULT_BEAMWIDTH;
  if (set.height_m !== undefined) out.heightM = set.height_m === null ? null : metres(set.height_m);
  if (set.power_dbm !== undefined) out.powerDbm = set.power_dbm;
  if (set.env !== undefined) out.env = set.env;
  if (set.radius_m !== undefined) out.radiusM = set.radius_m === null ? null : metres(set.radius_m);
  return out;
}

/** A site with `set` applied (see SiteSet for what each field does to the cells). */
export function updateSite(site: Site, set: SiteSet): Site {
  let cells = site.cells.map((c) => ({ ...c }));
  if (set.lon !== undefined || set.lat !== undefined) {
    const p = wgs84(set.lon ?? site.position[0], set.lat ?? site.position[1]);
    cells = cells.map((c) => ({ ...c, position: p }));
  }
  if (set.name !== undefined) cells = cells.map((c) => ({ ...c, name: set.name ?? null }));
  if (set.operator !== undefined)
    cells = cells.map((c) => ({ ...c, operator: set.operator ?? null }));
  if (set.status !== undefined)
    cells = cells.map((c) => ({ ...c, status: set.status ?? c.status }));
  if (set.tech === 'LTE') cells = cells.filter((c) => c.tech !== 'NR');
  if (set.tech === 'NR' && !cells.some((c) => c.tech === 'NR')) {
    // Co-location: an NR cell beside each LTE (else each) cell, pointing the same way.
    const hosts = cells.some((c) => c.tech === 'LTE')
      ? cells.filter((c) => c.tech === 'LTE')
      : cells;
    const added = hosts.map((h, k): Cell => ({
      ...h,
      id: `${site.id}/nr${k + 1}`,
      tech: 'NR',
      band: null,
      redcap: false,
      powerDbm: null,
      radiusM: null,
      status: 'planned',
      sourceRow: 0,
    }));
    cells = cells.concat(added);
  }
  const nr = cells.filter((c) => c.tech === 'NR');
  if (Array.isArray(set.azimuth) && nr.length > 0) {
    const template = nr[0];
    const sectors = azimuthList(set.azimuth).map((az, k): Cell => ({
      ...template,
      id: `${site.id}/az${k + 1}`,
      azimuthDeg: az === null ? null : wrapDeg(az),
    }));
    cells = cells.filter((c) => c.tech !== 'NR').concat(sectors);
  } else if (set.azimuth !== undefined && nr.length > 0) {
    const target = set.azimuth as number | null;
    const first = nr[0].azimuthDeg;
    cells = cells.map((c) => {
      if (c.tech !== 'NR') return c;
      if (target === null) return { ...c, azimuthDeg: null };
      const offset = first === null || c.azimuthDeg === null ? 0 : c.azimuthDeg - first;
      return { ...c, azimuthDeg: wrapDeg(target + offset) };
    });
  }
  cells = cells.map((c) => (c.tech === 'NR' ? setRadio(c, set) : c));
  // Antenna height is a mast property: it moves every cell of the site.
  if (set.height_m !== undefined)
    cells = cells.map((c) => ({
      ...c,
      heightM: set.height_m == null ? null : metres(set.height_m),
    }));
  return siteFromCells(site.id, cells);
}

/**
 * The change one edit makes to `sites` (id → site), or an issue when it cannot apply.
 * `sites` is not modified.
 */
export function editChange(
  sites: ReadonlyMap<string, Site>,
  edit: ScenarioEdit,
  index = 0,
): SiteChange | EditIssue {
  switch (edit.op) {
    case 'add': {
      const id = edit.station.id;
      if (sites.has(id))
        return {
          index,
          id,
          reason: 'duplicate-id',
          message: `a site with id ${id} exists already`,
        };
      return { id, before: null, after: stationToSite(edit.station) };
    }
    case 'remove': {
      const before = sites.get(edit.id);
      if (!before)
        return {
          index,
          id: edit.id,
          reason: 'unknown-site',
          message: `no site with id ${edit.id}`,
        };
      return { id: edit.id, before, after: null };
    }
    case 'update': {
      const before = sites.get(edit.id);
      if (!before)
        return {
          index,
          id: edit.id,
          reason: 'unknown-site',
          message: `no site with id ${edit.id}`,
        };
      return { id: edit.id, before, after: updateSite(before, edit.set) };
    }
  }
}

export const isIssue = (x: SiteChange | EditIssue): x is EditIssue => 'reason' in x;

/** Applies a change to a site map in place. */
export function applyChange(sites: Map<string, Site>, ch: SiteChange, undo = false): void {
  const next = undo ? ch.before : ch.after;
  if (next) sites.set(ch.id, next);
  else sites.delete(ch.id);
}

export interface AppliedScenario {
  /** Baseline order first (edited sites in place, removed ones dropped), then added sites. */
  sites: Site[];
  issues: EditIssue[];
  /** Edits that applied. */
  applied: number;
}

/** Baseline sites + edits → the scenario's sites. Pure. */
export function applyEdits(
  baseline: readonly Site[],
  edits: readonly ScenarioEdit[],
): AppliedScenario {
  const map = new Map<string, Site>();
  for (const s of baseline) map.set(s.id, s);
  const issues: EditIssue[] = [];
  let applied = 0;
  edits.forEach((e, i) => {
    const ch = editChange(map, e, i);
    if (isIssue(ch)) issues.push(ch);
    else {
      applyChange(map, ch);
      applied++;
    }
  });
  // Map iteration keeps first-insertion order: a removed-then-re-added id goes last.
  return { sites: [...map.values()], issues, applied };
}
