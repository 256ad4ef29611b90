import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/turf';
import type { Area } from '../area';
import {
  areaResult,
  bboxOf,
  cellFootprints,
  totalsOf,
  type AreaResult,
  type TownZoneResult,
} from '../analysis/analyze';
import type { AnalysisParams } from '../analysis/params';
import { cellAreaKm2, type GridSpec } from '../grid/grid';
import { findGaps, summarizeGaps, updateGapsInBox, type GapIndex } from '../grid/gaps';
import { areaMetrics } from '../grid/metrics';
import {
  addSite,
  addSites,
  createCoverage,
  removeSite,
  type Coverage,
  type SiteFootprints,
} from '../grid/stamp';
import { createFootprintSolver } from '../model/cell-coverage';
import { footprintMaxRadius } from '../model/footprint';
import { assignPointsToAreas } from '../site-areas';
import type { Site } from '../station';
import type { PopulationInput } from '../analysis/population';
import type { Settlement } from '../settlement';
import type { GapUnitIndex } from '../analysis/gap-units';
import { regionGapUnits } from '../analysis/area-gap-units';
import { terrainFootprints, type TerrainInput, type TerrainSummary } from '../terrain/site-cells';
import { buildRegionGrid, type RegionGrid, type TownZoneGrid } from './region-grid';

/**
 * Incremental evaluation of a scenario: one coverage grid for the region, kept up to
 * date site by site (stamp.ts addSite/removeSite, gaps.ts updateGapsInBox), plus the
 * fine grids of the county-town zones and the 5G/RedCap site counts per area. An edit
 * costs O(its footprint); `results()` reads every metric from the running totals.
 *
 * Every number is an integer count or a sum of fixed-point population weights, so any
 * sequence of edits followed by their inverses restores every result bit for bit.
 * Results equal analyzeAreas' except the gap km² totals, summed here as whole cells
 * (exact) rather than km² per gap (rounding depends on the order of the gaps).
 */
export interface ScenarioEvaluator {
  readonly areas: readonly Area[];
  /** Township polygons the region was built with (county-town zones, place names). */
  readonly townships: readonly Area[];
  readonly params: AnalysisParams;
  readonly region: RegionGrid;
  readonly coverage: Coverage;
  readonly nrGaps: GapIndex;
  /** The current sites by id (baseline order, then added). Read-only for callers. */
  readonly sites: ReadonlyMap<string, Site>;
  /** Replaces (or with null removes) the site `id` and updates every metric. */
  setSite(id: string, site: Site | null): void;
  /** The footprints the model gives a site here ('auto' env resolved by the zone). */
  footprintsOf(site: Site): SiteFootprints | null;
  /** Areas (indices) whose county-town zone a site's RedCap footprints can reach. */
  zonesReached(fp: SiteFootprints): number[];
  /** With `EvaluatorOptions.terrain`: the model and the current sites left on flat earth. */
  terrainSummary(): TerrainSummary | null;
  /** The county-town RedCap continuity verdict of area `i` now; null without a zone. */
  townContinuous(i: number): boolean | null;
  results(): EvaluatedResults;
  /** A copy of what comparisons need: results, covered cells, gap cells. */
  snapshot(): ScenarioSnapshot;
  /** Settlement points the evaluator was given (gap units, planner candidates). */
  readonly settlements: readonly Settlement[];
  /**
   * The NR gap units of the current state (gap-units.ts), computed on demand: a full pass
   * of tens of ms on a county at 100 m, too much for every edit.
   */
  gapUnits(): GapUnitIndex;
}

export interface EvaluatedResults {
  areas: AreaResult[];
  totals: AreaResult;
  notes: string[];
}

export interface ScenarioSnapshot extends EvaluatedResults {
  grid: { cols: number; rows: number; cellSizeM: number };
  /** Where the cells are (projection and origin), to draw rasters on the map. */
  spec: GridSpec;
  /** Area label per cell (index + 1; 0 outside), shared with the evaluator (never changes). */
  label: ArrayLike<number>;
  /** 1 where covered, per layer. */
  nr: Uint8Array;
  redcap: Uint8Array;
  /** NR gap component per cell, -1 where none. */
  nrGapComp: Int32Array;
}

interface ZoneState {
  tz: TownZoneGrid;
  coverage: Coverage;
  gaps: GapIndex;
}

export interface EvaluatorOptions {
  townships?: readonly Area[];
  /** A population raster and/or settlements to place people by (analysis/population.ts). */
  population?: PopulationInput;
  settlements?: readonly Settlement[];
  /**
   * A DEM around the region: sites are stamped with their terrain masks (analyze.ts
   * `AnalyzeOptions.terrain`), and an edited site's mask is run again.
   */
  terrain?: TerrainInput;
}

export function createEvaluator(
  areas: readonly Area[],
  baseline: readonly Site[],
  params: AnalysisParams,
  opts: EvaluatorOptions = {},
): ScenarioEvaluator {
  const region = buildRegionGrid(areas, params, opts.townships ?? [], opts.population);
  const { grid, zone } = region;
  // Model notes count the sites they are about, so a removed site's notes go with it.
  const noteCount = new Map<string, number>();
  const siteNotes = new Map<string, string[]>();
  const noteSite = (id: string, notes: Set<string>, d: 1 | -1) => {
    for (const n of notes) {
      const k = (noteCount.get(n) ?? 0) + d;
      if (k > 0) noteCount.set(n, k);
      else noteCount.delete(n);
    }
    if (d === 1 && notes.size > 0) siteNotes.set(id, [...notes]);
    else if (d === -1) siteNotes.delete(id);
  };
  const solve = createFootprintSolver(params.model);
  const inZone = (lon: number, lat: number): boolean => {
    const [x, y] = grid.projection.forward(lon, lat);
    const c = Math.floor((x - grid.x0) / grid.cellSize);
    const r = Math.floor((y - grid.y0) / grid.cellSize);
    return c >= 0 && r >= 0 && c < grid.cols && r < grid.rows && zone[r * grid.cols + c] === 1;
  };
  const terrain = opts.terrain ? terrainFootprints(params.model, opts.terrain) : null;
  const footprintsWithNotes = (s: Site, notes: Set<string>): SiteFootprints | null => {
    if (terrain) return terrain.of(s, solve, inZone, notes);
    const fp = cellFootprints(s, solve, inZone, notes);
    return fp ? { id: s.id, lon: s.position[0], lat: s.position[1], ...fp } : null;
  };
  const footprintsOf = (s: Site) => footprintsWithNotes(s, new Set());
  const stampable = (s: Site): SiteFootprints | null => {
    const notes = new Set<string>();
    const fp = footprintsWithNotes(s, notes);
    noteSite(s.id, notes, 1);
    return fp;
  };

  const sites = new Map<string, Site>();
  for (const s of baseline) {
    if (sites.has(s.id)) throw new Error(`duplicate site id ${s.id}`);
    sites.set(s.id, s);
  }
  const stamped = new Map<string, SiteFootprints>();
  for (const s of sites.values()) {
    const fp = stampable(s);
    if (fp) stamped.set(s.id, fp);
  }
  const coverage = createCoverage(grid, areas.length);
  addSites(coverage, [...stamped.values()]);
  const nrGaps = findGaps(grid, 'nr');

  const zones: (ZoneState | null)[] = region.townZones.map((tz) => {
    if (!tz) return null;
    const cov = createCoverage(tz.grid, 1);
    const near: SiteFootprints[] = [];
    for (const f of stamped.values()) if (reaches(tz, f)) near.push({ ...f, nr: [] });
    addSites(cov, near);
    return { tz, coverage: cov, gaps: findGaps(tz.grid, 'redcap') };
  });

  // Site ownership: the first area (input order) whose polygon holds the site.
  const index = new Flatbush(Math.max(1, areas.length));
  for (const a of areas) {
    const b = bboxOf([a]);
    index.add(b[0], b[1], b[2], b[3]);
  }
  if (areas.length === 0) index.add(1e9, 1e9, 1e9, 1e9);
  index.finish();
  const ownerOf = (s: Site): number => {
    const [x, y] = s.position;
    const hits = index.search(x, y, x, y).sort((p, q) => p - q);
    for (const h of hits)
      if (h < areas.length && booleanPointInPolygon([x, y], areas[h].geometry)) return h;
    return -1;
  };
  const count5g = new Int32Array(areas.length);
  const countRedcap = new Int32Array(areas.length);
  const owner = new Map<string, number>();
  {
    const list = [...sites.values()];
    const own = assignPointsToAreas(
      list.map((s) => s.position[0]),
      list.map((s) => s.position[1]),
      areas,
    );
    list.forEach((s, i) => owner.set(s.id, own[i]));
  }
  const count = (s: Site, k: number, d: 1 | -1) => {
    if (k < 0) return;
    if (s.is5g) count5g[k] += d;
    if (s.isRedcap) countRedcap[k] += d;
  };
  for (const s of sites.values()) count(s, owner.get(s.id)!, 1);

  function setSite(id: string, site: Site | null): void {
    if (site && site.id !== id) throw new Error(`site id ${site.id} given for ${id}`);
    const old = sites.get(id);
    if (old) {
      count(old, owner.get(id)!, -1);
      owner.delete(id);
      sites.delete(id);
      noteSite(id, new Set(siteNotes.get(id)), -1);
      const box = removeSite(coverage, id);
      if (box) updateGapsInBox(grid, nrGaps, box);
      const fp = stamped.get(id);
      stamped.delete(id);
      if (fp)
        for (const z of zones) {
          const zb = z && reaches(z.tz, fp) ? removeSite(z.coverage, id) : null;
          if (z && zb) updateGapsInBox(z.tz.grid, z.gaps, zb);
        }
    }
    if (!site) return;
    sites.set(id, site);
    const k = ownerOf(site);
    owner.set(id, k);
    count(site, k, 1);
    const fp = stampable(site);
    if (!fp) return;
    stamped.set(id, fp);
    updateGapsInBox(grid, nrGaps, addSite(coverage, fp));
    for (const z of zones) {
      if (!z || !reaches(z.tz, fp)) continue;
      updateGapsInBox(z.tz.grid, z.gaps, addSite(z.coverage, { ...fp, nr: [] }));
    }
  }

  const townZoneResult = (z: ZoneState): TownZoneResult => {
    const g = z.tz.grid;
    const m = areaMetrics(g, z.coverage.totals, 0);
    let largest = 0;
    for (const st of z.gaps.gaps.values()) if (st.cells > largest) largest = st.cells;
    const largestGapKm2 = largest * cellAreaKm2(g);
    return {
      areaKm2: m.areaKm2,
      redcapAreaPct: m.redcap.areaPct,
      largestGapKm2,
      continuous:
        m.cells > 0 &&
        m.redcap.areaPct >= params.continuityMinAreaPct &&
        largestGapKm2 <= params.continuityMaxGapKm2,
    };
  };

  function zonesReached(fp: SiteFootprints): number[] {
    const out: number[] = [];
    zones.forEach((z, i) => {
      if (z && reaches(z.tz, fp)) out.push(i);
    });
    return out;
  }

  const townContinuous = (i: number): boolean | null => {
    const z = zones[i];
    return z ? townZoneResult(z).continuous : null;
  };

  function results(): EvaluatedResults {
    const gaps = summarizeGaps(grid, nrGaps, areas.length, coverage.totals);
    const rows = areas.map((a, i) =>
      areaResult(
        a,
        areaMetrics(grid, coverage.totals, i),
        count5g[i],
        countRedcap[i],
        gaps[i],
        params,
        () => {
          const z = zones[i];
          return z ? townZoneResult(z) : null;
        },
      ),
    );
    return {
      areas: rows,
      totals: totalsOf(rows, coverage.totals, params),
      notes: [...new Set([...region.notes, ...noteCount.keys()])].sort(),
    };
  }

  function snapshot(): ScenarioSnapshot {
    const n = grid.cols * grid.rows;
    const nr = new Uint8Array(n);
    const redcap = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      nr[i] = grid.nr[i] !== 0 ? 1 : 0;
      redcap[i] = grid.redcap[i] !== 0 ? 1 : 0;
    }
    return {
      ...results(),
      grid: { cols: grid.cols, rows: grid.rows, cellSizeM: grid.cellSize },
      spec: {
        projection: grid.projection,
        x0: grid.x0,
        y0: grid.y0,
        cellSize: grid.cellSize,
        cols: grid.cols,
        rows: grid.rows,
      },
      label: grid.label,
      nr,
      redcap,
      nrGapComp: nrGaps.comp.slice(),
    };
  }

  return {
    areas,
    townships: opts.townships ?? [],
    params,
    region,
    coverage,
    nrGaps,
    sites,
    setSite,
    footprintsOf,
    zonesReached,
    terrainSummary: () => (terrain ? terrain.summary(stamped.values()) : null),
    townContinuous,
    results,
    snapshot,
    settlements: opts.settlements ?? [],
    gapUnits: () =>
      regionGapUnits(
        grid,
        areas,
        [...sites.values()]
          .filter((x) => x.is5g)
          .map((x) => ({ id: x.id, lon: x.position[0], lat: x.position[1] })),
        params,
        opts.townships ?? [],
        opts.settlements ?? [],
      ),
  };
}

/** Whether a site's RedCap footprint can reach a zone's box (as analyze.ts townZone decides). */
function reaches(tz: TownZoneGrid, f: SiteFootprints): boolean {
  if (f.redcap.length === 0) return false;
  const [x, y] = tz.grid.projection.forward(f.lon, f.lat);
  let reach = 0;
  if (f.cells) reach = f.cells.reachM();
  else for (const fp of f.redcap) reach = Math.max(reach, footprintMaxRadius(fp));
  const b = tz.box;
  const dx = Math.max(b[0] - x, 0, x - b[2]);
  const dy = Math.max(b[1] - y, 0, y - b[3]);
  return Math.hypot(dx, dy) <= reach;
}
