import type { Env, StationStatus } from '../station';

/** The scenario file format (DESIGN.md "Scenario file"); the version is the number after the slash. */
export const SCENARIO_SCHEMA = 'sailplan.scenario/1';
export const SCENARIO_VERSION = 1;

/**
 * A site added by a scenario, in the station table's canonical column names. One cell
 * per azimuth (an array is a multi-sector site, e.g. [0, 120, 240]); no azimuth = omni.
 */
export interface ScenarioStation {
  id: string;
  name?: string | null;
  operator?: string | null;
  lon: number;
  lat: number;
  /** 'NR' (default) or 'LTE' (an LTE-only site: a co-location candidate, no 5G coverage). */
  tech?: 'NR' | 'LTE';
  band?: string | null;
  redcap?: boolean;
  azimuth?: number | number[] | null;
  beamwidth?: number | null;
  height_m?: number | null;
  power_dbm?: number | null;
  env?: Env;
  radius_m?: number | null;
  /** Default 'planned': a scenario usually adds sites not yet built. */
  status?: StationStatus;
}

/**
 * Changes to an existing site. `lon`/`lat` move every cell of the site there; radio
 * fields apply to its NR cells; `tech: 'NR'` puts NR on an LTE-only site (one NR cell
 * beside each LTE cell, co-location), `tech: 'LTE'` takes its NR cells away; `azimuth`
 * as a number turns the site so its first NR sector points there (the others keep
 * their offsets), as an array replaces its NR cells with one sector per azimuth.
 */
export type SiteSet = Partial<Omit<ScenarioStation, 'id'>>;

export type ScenarioEdit =
  | { op: 'add'; station: ScenarioStation }
  | { op: 'remove'; id: string }
  | { op: 'update'; id: string; set: SiteSet };

/** Analysis parameters a scenario was made with (a subset of AnalysisParams, all optional). */
export interface ScenarioParams {
  cellSizeM?: number;
  townCellSizeM?: number;
  townZoneRadiusM?: number;
  targetPer10k?: number;
  continuityMinAreaPct?: number;
  continuityMaxGapKm2?: number;
  /** Model parameters that differ from the defaults (validated after merging). */
  model?: Record<string, unknown>;
}

/**
 * Consecutive edits that are one user action in the log and one undo step, e.g. "upgrade
 * every NR site in 玉树市" (one update per site). The file keeps the expanded edits, so a
 * reader that ignores groups applies the same changes.
 */
export interface EditGroup {
  kind: 'upgrade-area';
  /** The area the action was made on (its name as shown then). */
  code: string;
  name: string;
  /** Index of the group's first edit in `edits`, and how many edits it holds (≥ 1). */
  first: number;
  count: number;
}

export interface Scenario {
  schema: typeof SCENARIO_SCHEMA;
  name: string;
  /** ISO-8601. */
  created: string;
  /** Content hash of the baseline stations the edits were made on (stationsHash), or null. */
  base: { stations: string | null };
  params: ScenarioParams;
  edits: ScenarioEdit[];
  /** Runs of edits made as one action, in edit order, not overlapping (absent: none). */
  groups?: EditGroup[];
}

export function emptyScenario(
  name: string,
  baseHash: string | null,
  created = new Date(),
): Scenario {
  return {
    schema: SCENARIO_SCHEMA,
    name,
    created: created.toISOString(),
    base: { stations: baseHash },
    params: {},
    edits: [],
  };
}
