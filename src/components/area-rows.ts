import type { AreaResult, TownZoneResult } from '../core/analysis/analyze';
import { sitesNeeded } from '../core/per10k';
import type { AreaRow, TownshipRow } from '../worker/protocol';

export type AreaLevel = 'county' | 'township';

/**
 * One row of the area table, from the analysis when it matches the data on screen,
 * else from the snapshot's site counts (coverage columns then unknown: null).
 */
export interface TableRow {
  code: string;
  name: string;
  level: AreaLevel;
  population: number | null;
  areaKm2: number;
  sites5g: number;
  sitesRedcap: number;
  per10k: number | null;
  targetPer10k: number;
  sitesNeeded: number | null;
  nrAreaPct: number | null;
  nrPopPct: number | null;
  redcapAreaPct: number | null;
  redcapPopPct: number | null;
  gapsCount: number | null;
  gapsLargestKm2: number | null;
  gapsPopUncovered: number | null;
  townZone: TownZoneResult | null;
  /** False for a snapshot-only row (the analysis has not covered it yet). */
  analysed: boolean;
}

export function rowFromResult(a: AreaResult): TableRow {
  return {
    code: a.code,
    name: a.name,
    level: a.level,
    population: a.population,
    areaKm2: a.areaKm2,
    sites5g: a.sites5g,
    sitesRedcap: a.sitesRedcap,
    per10k: a.sitesPer10k,
    targetPer10k: a.targetPer10k,
    sitesNeeded: a.sitesNeeded,
    nrAreaPct: a.coverage.nr.areaPct,
    nrPopPct: a.coverage.nr.popPct,
    redcapAreaPct: a.coverage.redcap.areaPct,
    redcapPopPct: a.coverage.redcap.popPct,
    gapsCount: a.gaps.count,
    gapsLargestKm2: a.gaps.largestKm2,
    gapsPopUncovered: a.gaps.popUncovered,
    townZone: a.townZone,
    analysed: true,
  };
}

/** Site counts only; sites needed is the same closed formula the engine uses. */
export function rowFromSnapshot(a: AreaRow, level: AreaLevel, target: number): TableRow {
  return {
    code: a.code,
    name: a.name,
    level,
    population: a.population,
    areaKm2: a.areaKm2,
    sites5g: a.sites5g,
    sitesRedcap: a.sitesRedcap,
    per10k: a.per10k,
    targetPer10k: target,
    sitesNeeded: sitesNeeded(a.sites5g, a.population, target),
    nrAreaPct: null,
    nrPopPct: null,
    redcapAreaPct: null,
    redcapPopPct: null,
    gapsCount: null,
    gapsLargestKm2: null,
    gapsPopUncovered: null,
    townZone: null,
    analysed: false,
  };
}

/** Township rows of the snapshot that have a polygon (and so site counts). */
export function snapshotTownshipAreas(townships: readonly TownshipRow[]): AreaRow[] {
  const out: AreaRow[] = [];
  for (const t of townships) if (t.polygon) out.push({ ...t.polygon, name: t.name });
  return out;
}

export interface RowFilters {
  text: string;
  belowTarget: boolean;
  notContinuous: boolean;
  uncovered: boolean;
}

export const NO_FILTERS: RowFilters = {
  text: '',
  belowTarget: false,
  notContinuous: false,
  uncovered: false,
};

/** The filters combine (AND); the text matches a substring of the name or the code. */
export function filterRows(rows: readonly TableRow[], f: RowFilters): TableRow[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!text || r.code.includes(text) || r.name.toLowerCase().includes(text)) &&
      (!f.belowTarget || (r.per10k !== null && r.per10k < r.targetPer10k)) &&
      (!f.notContinuous || (r.townZone !== null && !r.townZone.continuous)) &&
      // A fraction of a person is model noise: "has uncovered people" means one rounds to ≥ 1.
      (!f.uncovered || Math.round(r.gapsPopUncovered ?? 0) >= 1),
  );
}
