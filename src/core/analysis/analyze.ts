import type { MultiPolygon, Polygon } from 'geojson';
import type { Area } from '../area';
import type { Site } from '../station';
import { sitesNeeded, sitesPer10k } from '../per10k';
import { assignPointsToAreas } from '../site-areas';
import { createFootprintSolver } from '../model/cell-coverage';
import type { CellFootprint } from '../model/footprint';
import { footprintMaxRadius } from '../model/footprint';
import { resolveEnv } from '../model/link-budget';
import { createLaea, type Laea } from '../grid/laea';
import { createGrid, gridSpecForBox, projectLngLatBox, type Grid } from '../grid/grid';
import { maskDisc, rasterizeAreas, rasterizeMask } from '../grid/rasterize';
import { setTwoZonePopulation, setUniformPopulation } from '../grid/weights';
import { addSites, createCoverage, type SiteFootprints } from '../grid/stamp';
import { areaMetrics } from '../grid/metrics';
import { findGaps, summarizeGaps, type GapSummary } from '../grid/gaps';
import { metres } from '../units';
import type { AnalysisParams } from './params';

export interface LayerCoverage {
  /** Covered cells × cell area (the grid is equal-area). */
  areaKm2: number;
  areaPct: number;
  popPct: number;
}

export interface TownZoneResult {
  areaKm2: number;
  redcapAreaPct: number;
  largestGapKm2: number;
  continuous: boolean;
}

export interface AreaResult {
  code: string;
  name: string;
  level: 'county' | 'township';
  parent: string | null;
  population: number | null;
  areaKm2: number;
  sites5g: number;
  sitesRedcap: number;
  sitesPer10k: number | null;
  targetPer10k: number;
  sitesNeeded: number | null;
  coverage: { nr: LayerCoverage; redcap: LayerCoverage };
  gaps: GapSummary;
  townZone: TownZoneResult | null;
}

export interface RegionResult {
  areas: AreaResult[];
  totals: AreaResult;
  grid: { cellSizeM: number; cols: number; rows: number };
  /** Notes from the model (assumed bands, extrapolated distances), each once. */
  notes: string[];
}

/**
 * Footprints of every site: NR cells on the NR layer, RedCap-enabled NR cells on the
 * RedCap layer. 'auto' environments resolve to UMa inside a county-town zone.
 */
export function siteFootprints(
  sites: readonly Site[],
  params: AnalysisParams,
  insideTownZone: (lon: number, lat: number) => boolean,
  notes: Set<string>,
): SiteFootprints[] {
  const solve = createFootprintSolver(params.model);
  const out: SiteFootprints[] = [];
  for (const s of sites) {
    if (!s.is5g) continue;
    const [lon, lat] = s.position;
    const inTown = insideTownZone(lon, lat);
    const nr: CellFootprint[] = [];
    const redcap: CellFootprint[] = [];
    for (const c of s.cells) {
      const cov = solve(c, resolveEnv(c.env, inTown));
      if (!cov) continue;
      for (const n of cov.notes) notes.add(n);
      nr.push(cov.nr);
      if (cov.redcap) redcap.push(cov.redcap);
    }
    if (nr.length) out.push({ id: s.id, lon, lat, nr, redcap });
  }
  return out;
}

function bboxOf(areas: readonly Area[]): [number, number, number, number] {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  const visit = (g: Polygon | MultiPolygon) => {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const p of polys)
      for (const [x, y] of p[0]) {
        if (x < w) w = x;
        if (x > e) e = x;
        if (y < s) s = y;
        if (y > n) n = y;
      }
  };
  for (const a of areas) visit(a.geometry);
  return [w, s, e, n];
}

/**
 * Coverage and target metrics for a set of areas of one level (counties, or the
 * townships of a county) on one equal-area grid.
 */
export function analyzeAreas(
  areas: readonly Area[],
  sites: readonly Site[],
  params: AnalysisParams,
): RegionResult {
  const notes = new Set<string>();
  const [w, s, e, n] = bboxOf(areas);
  const projection: Laea = createLaea((w + e) / 2, (s + n) / 2);
  const spec = gridSpecForBox(
    projection,
    projectLngLatBox(projection, [w, s, e, n]),
    metres(params.cellSizeM),
  );
  const grid: Grid = createGrid(spec, areas.length);
  rasterizeAreas(
    spec,
    areas.map((a) => a.geometry),
    grid.label,
  );

  // County-town zones: a disc around each seat (township 街道 polygons refine this later).
  const zone = new Uint8Array(spec.cols * spec.rows);
  for (const a of areas) {
    if (a.level === 'county' && a.seat)
      maskDisc(spec, zone, a.seat[0], a.seat[1], params.townZoneRadiusM);
  }
  setPopulation(grid, areas, zone);

  const inZone = (lon: number, lat: number): boolean => {
    const [x, y] = projection.forward(lon, lat);
    const c = Math.floor((x - spec.x0) / spec.cellSize);
    const r = Math.floor((y - spec.y0) / spec.cellSize);
    return c >= 0 && r >= 0 && c < spec.cols && r < spec.rows && zone[r * spec.cols + c] === 1;
  };
  const footprints = siteFootprints(sites, params, inZone, notes);
  const cov = createCoverage(grid, areas.length);
  addSites(cov, footprints);
  const nrGaps = summarizeGaps(grid, findGaps(grid, 'nr'), areas.length);

  const lon = new Float64Array(sites.length);
  const lat = new Float64Array(sites.length);
  sites.forEach((x, i) => {
    lon[i] = x.position[0];
    lat[i] = x.position[1];
  });
  const owner = assignPointsToAreas(lon, lat, areas);
  const count5g = new Int32Array(areas.length);
  const countRedcap = new Int32Array(areas.length);
  sites.forEach((x, i) => {
    const k = owner[i];
    if (k < 0) return;
    if (x.is5g) count5g[k]++;
    if (x.isRedcap) countRedcap[k]++;
  });

  const results: AreaResult[] = areas.map((a, i) => {
    const m = areaMetrics(grid, cov.totals, i);
    const population = a.population?.total ?? null;
    return {
      code: a.code,
      name: a.name,
      level: a.level === 'township' ? 'township' : 'county',
      parent: a.parent,
      population,
      areaKm2: a.areaKm2,
      sites5g: count5g[i],
      sitesRedcap: countRedcap[i],
      sitesPer10k: sitesPer10k(count5g[i], population),
      targetPer10k: params.targetPer10k,
      sitesNeeded: sitesNeeded(count5g[i], population, params.targetPer10k),
      coverage: {
        nr: { areaKm2: m.nr.areaKm2, areaPct: m.nr.areaPct, popPct: m.nr.popPct },
        redcap: { areaKm2: m.redcap.areaKm2, areaPct: m.redcap.areaPct, popPct: m.redcap.popPct },
      },
      gaps: nrGaps[i],
      townZone: a.level === 'county' && a.seat ? townZone(a, footprints, params) : null,
    };
  });
  return {
    areas: results,
    totals: totalsOf(results, cov.totals, params),
    grid: { cellSizeM: spec.cellSize, cols: spec.cols, rows: spec.rows },
    notes: [...notes].sort(),
  };
}

/** Two-zone census model where urban/rural are known, else the total spread evenly. */
function setPopulation(grid: Grid, areas: readonly Area[], zone: Uint8Array): void {
  const split = areas.some((a) => a.population?.urban != null && a.population?.rural != null);
  if (!split) {
    setUniformPopulation(
      grid,
      areas.map((a) => a.population?.total ?? 0),
    );
    return;
  }
  // Areas without the split get it in proportion to their zone's share of cells,
  // which spreads their total evenly like the uniform model.
  const inZone = new Float64Array(areas.length + 1);
  const all = new Float64Array(areas.length + 1);
  for (let i = 0; i < grid.label.length; i++) {
    all[grid.label[i]]++;
    if (zone[i]) inZone[grid.label[i]]++;
  }
  const urban = areas.map((a, i) => {
    const p = a.population;
    if (!p) return 0;
    if (p.urban != null && p.rural != null) return p.urban;
    return all[i + 1] ? (p.total * inZone[i + 1]) / all[i + 1] : 0;
  });
  const rural = areas.map((a, i) => {
    const p = a.population;
    if (!p) return 0;
    if (p.urban != null && p.rural != null) return p.rural;
    return p.total - urban[i];
  });
  setTwoZonePopulation(grid, urban, rural, zone);
}

/**
 * County-town continuity on a finer grid over the seat disc: the share of the zone's
 * area with RedCap coverage and the largest 8-connected uncovered gap.
 */
function townZone(
  area: Area,
  footprints: readonly SiteFootprints[],
  params: AnalysisParams,
): TownZoneResult {
  const [lon0, lat0] = area.seat!;
  const projection = createLaea(lon0, lat0);
  const r = params.townZoneRadiusM;
  const spec = gridSpecForBox(projection, [-r, -r, r, r], metres(params.townCellSizeM));
  const grid = createGrid(spec, 1);
  // The zone is the seat disc inside the county.
  const county = rasterizeMask(spec, [area.geometry]);
  const disc = new Uint8Array(spec.cols * spec.rows);
  maskDisc(spec, disc, lon0, lat0, r);
  for (let i = 0; i < disc.length; i++) grid.label[i] = disc[i] && county[i] ? 1 : 0;
  setUniformPopulation(grid, [0]);
  // Only sites whose footprint can reach the zone are stamped.
  const near = footprints.filter((f) => {
    const [x, y] = projection.forward(f.lon, f.lat);
    const reach = Math.max(0, ...f.redcap.map(footprintMaxRadius));
    return f.redcap.length > 0 && Math.hypot(x, y) <= r + reach;
  });
  const cov = createCoverage(grid, 1);
  addSites(
    cov,
    near.map((f) => ({ ...f, nr: [] })),
  );
  const m = areaMetrics(grid, cov.totals, 0);
  const gaps = summarizeGaps(grid, findGaps(grid, 'redcap'), 1)[0];
  const largestGapKm2 = gaps.largestKm2;
  return {
    areaKm2: m.areaKm2,
    redcapAreaPct: m.redcap.areaPct,
    largestGapKm2,
    continuous:
      m.cells > 0 &&
      m.redcap.areaPct >= params.continuityMinAreaPct &&
      largestGapKm2 <= params.continuityMaxGapKm2,
  };
}

function totalsOf(
  rows: readonly AreaResult[],
  t: ReturnType<typeof createCoverage>['totals'],
  params: AnalysisParams,
): AreaResult {
  const sum = (f: (r: AreaResult) => number) => rows.reduce((a, r) => a + f(r), 0);
  const pops = rows.map((r) => r.population);
  const population = pops.every((p) => p !== null) ? sum((r) => r.population ?? 0) : null;
  const sites5g = sum((r) => r.sites5g);
  let cells = 0,
    pop = 0,
    nrCells = 0,
    rcCells = 0,
    nrPop = 0,
    rcPop = 0;
  for (let l = 1; l < t.cells.length; l++) {
    cells += t.cells[l];
    pop += t.population[l];
    nrCells += t.nrCells[l];
    rcCells += t.redcapCells[l];
    nrPop += t.nrPop[l];
    rcPop += t.redcapPop[l];
  }
  const pct = (a: number, b: number) => (b > 0 ? (100 * a) / b : 0);
  const km2 = (params.cellSizeM * params.cellSizeM) / 1e6;
  return {
    code: '',
    name: '',
    level: rows[0]?.level ?? 'county',
    parent: null,
    population,
    areaKm2: sum((r) => r.areaKm2),
    sites5g,
    sitesRedcap: sum((r) => r.sitesRedcap),
    sitesPer10k: sitesPer10k(sites5g, population),
    targetPer10k: params.targetPer10k,
    // Per-area shortfalls add up: a surplus in one county does not cover another's gap.
    sitesNeeded: rows.every((r) => r.sitesNeeded !== null) ? sum((r) => r.sitesNeeded ?? 0) : null,
    coverage: {
      nr: { areaKm2: nrCells * km2, areaPct: pct(nrCells, cells), popPct: pct(nrPop, pop) },
      redcap: { areaKm2: rcCells * km2, areaPct: pct(rcCells, cells), popPct: pct(rcPop, pop) },
    },
    gaps: {
      count: sum((r) => r.gaps.count),
      totalKm2: sum((r) => r.gaps.totalKm2),
      largestKm2: Math.max(0, ...rows.map((r) => r.gaps.largestKm2)),
      popUncovered: sum((r) => r.gaps.popUncovered),
    },
    townZone: null,
  };
}
