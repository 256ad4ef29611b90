import { metres } from '../units';
import type { Metres } from '../units';
import type { Cell, NrBand } from '../station';
import { bandForOperator, isPresetBand, presetNPrb } from './bands';
import { FOOTPRINT_BIN_DEG, FOOTPRINT_BINS } from './footprint';
import type { CellFootprint } from './footprint';
import { linkParams, sectorAttenuationDb, solveCoverageDistance } from './link-budget';
import type { CoverageLayer, LinkParams } from './link-budget';
import { validity } from './pathloss-38901';
import type { Scenario } from './pathloss-38901';
import type { ModelParams } from './params';

/** What one NR cell covers, per layer, with the assumptions made for it. */
export interface CellCoverage {
  band: NrBand;
  /** The band was missing or had no preset and was assumed (see `notes`). */
  bandAssumed: boolean;
  scenario: Scenario;
  nr: CellFootprint;
  /** Null when the cell has no RedCap enabled. */
  redcap: CellFootprint | null;
  /** Boresight (or disc) radii (m). */
  nrRadiusM: Metres;
  redcapRadiusM: Metres | null;
  /** `radius_m` replaced the propagation model. */
  overridden: boolean;
  /** The solved NR radius lies inside the 38.901 validity ranges. */
  valid: boolean;
  notes: readonly string[];
}

/** Covered radius for every footprint bin (bins are offsets from the boresight). */
export function sectorRadii(link: LinkParams): Float32Array {
  const radii = new Float32Array(FOOTPRINT_BINS);
  // Many bins share A(φ) (the whole back lobe is at −A_m), so solve each level once.
  const byAttenuation = new Map<number, number>();
  const half = FOOTPRINT_BINS / 2;
  for (let i = 0; i <= half; i++) {
    const offset = i * FOOTPRINT_BIN_DEG;
    const a = sectorAttenuationDb(offset, link.beamwidthDeg, link.backLobeDb);
    let r = byAttenuation.get(a);
    if (r === undefined) {
      r = solveCoverageDistance(link, offset);
      byAttenuation.set(a, r);
    }
    radii[i] = r;
    if (i > 0 && i < half) radii[FOOTPRINT_BINS - i] = r;
  }
  return radii;
}

/**
 * A `radius_m` override: a disc without azimuth (or with a beamwidth ≥ 360°), else an exact
 * wedge of ±beamwidth/2 around the azimuth.
 */
export function overrideFootprint(
  radiusM: Metres,
  azimuthDeg: number | null,
  beamwidthDeg: number,
): CellFootprint {
  if (azimuthDeg === null || beamwidthDeg >= 360) return { kind: 'disc', radiusM };
  return { kind: 'wedge', azimuthDeg, beamwidthDeg, radiusM };
}

interface Solved {
  /** Disc radius, or the sector's radii (shared by every cell with the same key). */
  radiusM: Metres;
  radii: Float32Array | null;
  valid: boolean;
  notes: string[];
}

/**
 * A per-parameter-set solver of cell footprints. Cells with the same band, scenario,
 * height, power and beamwidth share one solution (and one radii array), so a national
 * run solves a few hundred link budgets, not millions.
 */
export function createFootprintSolver(
  params: ModelParams,
): (cell: Cell, scenario: Scenario) => CellCoverage | null {
  const cache = new Map<string, Solved>();

  const solve = (
    band: NrBand,
    scenario: Scenario,
    cell: Cell,
    sector: boolean,
    layer: CoverageLayer,
  ): Solved => {
    const beamwidth = cell.beamwidthDeg > 0 ? cell.beamwidthDeg : params.defaultBeamwidthDeg;
    const key = [
      band,
      scenario,
      cell.heightM,
      cell.powerDbm,
      sector ? beamwidth : 'omni',
      layer,
    ].join('|');
    const hit = cache.get(key);
    if (hit) return hit;
    const preset = params.bands[band];
    const link = linkParams(
      {
        scenario,
        band: preset,
        heightM: cell.heightM,
        powerDbm: cell.powerDbm,
        beamwidthDeg: beamwidth,
      },
      layer,
      params,
    );
    const radii = sector ? sectorRadii(link) : null;
    const radiusM = radii ? metres(radii[0]) : solveCoverageDistance(link, 0);
    const v = validity(link.geometry, radiusM);
    const notes = [...v.notes];
    if (radiusM >= params.maxRadiusM) {
      notes.push(`radius capped at maxRadiusM = ${params.maxRadiusM} m`);
    }
    if (!presetNPrb(preset).tabulated) {
      notes.push(
        `${band}: ${preset.bandwidthMHz} MHz at ${preset.scsKHz} kHz is not in TS 38.101-1 Table 5.3.2-1; N_RB approximated`,
      );
    }
    const solved: Solved = { radiusM, radii, valid: v.valid, notes };
    cache.set(key, solved);
    return solved;
  };

  return (cell, scenario) => {
    if (cell.tech !== 'NR') return null;
    let band: NrBand;
    let bandAssumed = false;
    const notes: string[] = [];
    if (isPresetBand(cell.band)) band = cell.band;
    else {
      band = bandForOperator(cell.operator) ?? params.defaultBand;
      bandAssumed = true;
      notes.push(`band ${cell.band ?? '(none)'} has no preset: ${band} assumed`);
    }
    const sector = cell.azimuthDeg !== null && cell.beamwidthDeg < 360;
    const beamwidth = cell.beamwidthDeg > 0 ? cell.beamwidthDeg : params.defaultBeamwidthDeg;

    if (cell.radiusM !== null) {
      const fp = overrideFootprint(cell.radiusM, cell.azimuthDeg, beamwidth);
      return {
        band,
        bandAssumed,
        scenario,
        nr: fp,
        redcap: cell.redcap ? fp : null,
        nrRadiusM: cell.radiusM,
        redcapRadiusM: cell.redcap ? cell.radiusM : null,
        overridden: true,
        valid: true,
        notes: [...notes, `radius_m = ${cell.radiusM} m overrides the model (NR and RedCap alike)`],
      };
    }

    const toFootprint = (s: Solved): CellFootprint =>
      s.radii && cell.azimuthDeg !== null
        ? { kind: 'sector', azimuthDeg: cell.azimuthDeg, beamwidthDeg: beamwidth, radii: s.radii }
        : { kind: 'disc', radiusM: s.radiusM };
    const nr = solve(band, scenario, cell, sector, 'nr');
    const rc = cell.redcap ? solve(band, scenario, cell, sector, 'redcap') : null;
    return {
      band,
      bandAssumed,
      scenario,
      nr: toFootprint(nr),
      redcap: rc ? toFootprint(rc) : null,
      nrRadiusM: nr.radiusM,
      redcapRadiusM: rc ? rc.radiusM : null,
      overridden: false,
      valid: nr.valid,
      notes: notes.length ? [...notes, ...nr.notes] : nr.notes,
    };
  };
}
