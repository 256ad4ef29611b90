import type { createFootprintSolver } from '../model/cell-coverage';
import type { CellFootprint } from '../model/footprint';
import { resolveEnv } from '../model/link-budget';
import type { Scenario } from '../model/pathloss-38901';
import type { ModelParams } from '../model/params';
import type { NrBand, Site } from '../station';

/** One NR cell (sector) of a site, resolved as the flat-earth model resolves it. */
export interface RadioCell {
  band: NrBand;
  scenario: Scenario;
  /** Station overrides (null: the band preset's). */
  heightM: number | null;
  powerDbm: number | null;
  /** Boresight, degrees clockwise from true north; null = omnidirectional. */
  azimuthDeg: number | null;
  /** Horizontal 3 dB beamwidth (deg), > 0. */
  beamwidthDeg: number;
  redcap: boolean;
  /** `radius_m`: a fixed disc (or wedge with an azimuth) that replaces the model. */
  radiusM: number | null;
}

/** A site as the terrain model takes it: its NR cells and their flat-earth footprints. */
export interface RadioSite {
  id: string;
  lon: number;
  lat: number;
  cells: RadioCell[];
  /** The flat-earth footprints of the same cells (what stamp.ts stamps without a DEM). */
  flat: { nr: CellFootprint[]; redcap: CellFootprint[] };
}

/**
 * A station-table site as a `RadioSite`, through the flat model's solver so that band
 * assumptions, 'auto' environments and overrides are resolved exactly as the flat
 * analysis resolves them (analyze.ts `cellFootprints`). Null when it has no NR cell.
 */
export function radioSiteOf(
  site: Site,
  solve: ReturnType<typeof createFootprintSolver>,
  params: ModelParams,
  insideTownZone: boolean,
  notes?: Set<string>,
): RadioSite | null {
  if (!site.is5g) return null;
  const cells: RadioCell[] = [];
  const nr: CellFootprint[] = [];
  const redcap: CellFootprint[] = [];
  for (const c of site.cells) {
    const cov = solve(c, resolveEnv(c.env, insideTownZone));
    if (!cov) continue;
    if (notes) for (const n of cov.notes) notes.add(n);
    nr.push(cov.nr);
    if (cov.redcap) redcap.push(cov.redcap);
    cells.push({
      band: cov.band,
      scenario: cov.scenario,
      heightM: c.heightM,
      powerDbm: c.powerDbm,
      azimuthDeg: c.azimuthDeg,
      beamwidthDeg: c.beamwidthDeg > 0 ? c.beamwidthDeg : params.defaultBeamwidthDeg,
      redcap: c.redcap,
      radiusM: c.radiusM,
    });
  }
  if (cells.length === 0) return null;
  return { id: site.id, lon: site.position[0], lat: site.position[1], cells, flat: { nr, redcap } };
}
