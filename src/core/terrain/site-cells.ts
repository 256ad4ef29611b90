import type { GridSpec } from '../grid/grid';
import {
  footprintsReach,
  type SiteCells,
  type SiteFootprints,
  type StampedSite,
} from '../grid/stamp';
import type { createFootprintSolver } from '../model/cell-coverage';
import type { ModelParams } from '../model/params';
import type { Site } from '../station';
import type { ElevationSource } from './elevation';
import { radioSiteOf, type RadioSite } from './radio-site';
import {
  createTerrainCoverage,
  type TerrainCoverage,
  type TerrainMode,
  type TerrainOptions,
} from './site-coverage';

/** Elevation for an analysis: the DEM window around the region, and the model's options. */
export interface TerrainInput {
  dem: ElevationSource;
  options?: TerrainOptions;
}

/** What an analysis with terrain says of it (report `params.terrain`, `inputs.sites_without_dem`). */
export interface TerrainSummary {
  /** The propagation model over terrain, as the report names it. */
  model: string;
  kFactor: number;
  /** Sites stamped from a terrain mask. */
  terrainSites: number;
  /** Sites where the terrain changes nothing (flat footprints stamped). */
  flatSites: number;
  /** Sites with no DEM under them: flat-earth fallback, by id (input order). */
  sitesWithoutDem: string[];
}

export const TERRAIN_MODEL_NAME =
  'ITU-R P.1812 delta-Bullington diffraction over radial profiles (k-factor earth), 3GPP TR 38.901 LOS/NLOS by first-Fresnel-zone clearance';

/**
 * A site's covered cells from the terrain model (`SiteCells` of stamp.ts): whichever grid
 * stamps it — the region's, a county-town zone's finer grid — gets the site's terrain mask
 * on that grid, computed once per grid (the last grid's result is kept, so stamping and
 * an outline of the same site share one run).
 */
class TerrainSiteCells implements SiteCells {
  private lastSpec: GridSpec | null = null;
  private last: StampedSite | null = null;
  /** Mode and reach of the first run (every grid gives the same: they depend on the DEM). */
  mode: TerrainMode | null = null;
  private reach = -1;

  constructor(
    private readonly terrain: TerrainCoverage,
    private readonly radio: RadioSite,
    private readonly fallbackReachM: number,
  ) {}

  stamp(spec: GridSpec): StampedSite {
    if (this.lastSpec === spec && this.last) return this.last;
    const s = this.terrain.site(spec, this.radio);
    if (this.mode === null) {
      this.mode = s.mode;
      // Flat or no-DEM sites stamp their flat footprints: their reach is the footprints'.
      const flat = Math.max(
        footprintsReach(this.radio.flat.nr),
        footprintsReach(this.radio.flat.redcap),
      );
      this.reach = s.mode === 'terrain' ? Math.max(s.reachM, flat) : flat;
    }
    this.lastSpec = spec;
    this.last = { nr: s.nr, redcap: s.redcap, box: s.box };
    return this.last;
  }

  reachM(): number {
    // Before any grid stamped the site, the model's largest radius bounds its reach.
    return this.reach >= 0 ? this.reach : this.fallbackReachM;
  }
}

/**
 * Footprints of sites with terrain: the flat footprints (what a site without DEM, or where
 * the terrain changes nothing, stamps) plus the terrain cells that replace them on any grid.
 * Model notes and 'auto' environments are resolved as `cellFootprints` resolves them.
 */
export interface TerrainFootprints {
  /** One site's footprints (null when it has no NR cell). */
  of(
    s: Site,
    solve: ReturnType<typeof createFootprintSolver>,
    insideTownZone: (lon: number, lat: number) => boolean,
    notes: Set<string>,
  ): SiteFootprints | null;
  /** Counts and the sites without DEM among `footprints` stamped so far. */
  summary(footprints: Iterable<SiteFootprints>): TerrainSummary;
}

export function terrainFootprints(params: ModelParams, input: TerrainInput): TerrainFootprints {
  const terrain = createTerrainCoverage(params, input.dem, input.options);
  return {
    of(s, solve, insideTownZone, notes) {
      const radio = radioSiteOf(
        s,
        solve,
        params,
        insideTownZone(s.position[0], s.position[1]),
        notes,
      );
      if (!radio) return null;
      return {
        id: s.id,
        lon: radio.lon,
        lat: radio.lat,
        nr: radio.flat.nr,
        redcap: radio.flat.redcap,
        cells: new TerrainSiteCells(terrain, radio, params.maxRadiusM),
      };
    },
    summary(footprints) {
      let terrainSites = 0;
      let flatSites = 0;
      const sitesWithoutDem: string[] = [];
      for (const f of footprints) {
        const mode = f.cells instanceof TerrainSiteCells ? f.cells.mode : null;
        if (mode === 'terrain') terrainSites++;
        else if (mode === 'flat') flatSites++;
        else if (mode === 'no-dem') sitesWithoutDem.push(f.id);
      }
      return {
        model: TERRAIN_MODEL_NAME,
        kFactor: params.earthRadiusFactor,
        terrainSites,
        flatSites,
        sitesWithoutDem,
      };
    },
  };
}
