/**
 * Dasymetric population allocation (DESIGN.md "Population inside an area"): each area's
 * census total — or each township's, when townships give theirs — is spread over its cells
 * in proportion to a surface that says where people live:
 *
 *   1. a population raster resampled to the grid (population/raster-surface.ts), when it
 *      covers at least RASTER_MIN_COVERAGE of the area's cells;
 *   2. else settlement points spread by a distance-decay kernel (settlement-surface.ts);
 *   3. else today's model: the census two-zone split (urban people over the county-town
 *      zone, rural over the rest) or an even spread.
 *
 * The choice is made per pool (an area, or a township and its county's remainder), so a
 * pool the surface has (nearly) nobody in falls back on its own. All pools are handed out
 * in one `allocatePools` pass: one fixed-point unit, each pool's weights adding up to its
 * amount exactly. The scale factor reported per area is its census total ÷ the surface's
 * people inside it: how far the raster (or the settlements' sizes) is from the census.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Area } from '../area';
import type { Grid } from '../grid/grid';
import { rasterizePolygon } from '../grid/rasterize';
import { allocatePools } from '../grid/weights';
import type { RasterCrs, RasterValues, RasterWindow } from '../raster/types';
import type { Settlement } from '../settlement';
import { areaRows, rasterSurface, type RasterSurfaceMethod } from '../population/raster-surface';
import { settlementSurface } from '../population/settlement-surface';

export type PopulationModelKind = 'raster' | 'settlements' | 'two-zone' | 'uniform' | 'townships';

/** A raster's description for the report (from the reader's RasterInfo). */
export interface RasterDescription {
  files: string[];
  format: string;
  crs: RasterCrs;
  resolutionM: number;
  year: number | null;
  values: RasterValues;
}

/** What the analysis is given to place people with; every field optional. */
export interface PopulationInput {
  /** The raster's pixels over (at least) the analysed areas. */
  raster?: RasterWindow | null;
  /** For the report: the file(s) the window came from. */
  rasterInfo?: RasterDescription | null;
  /** Settlement points: the surface where the raster is missing. */
  settlements?: readonly Settlement[] | null;
}

export interface AreaPopulationModel {
  code: string;
  /** The model the area's people were actually placed by (its largest pool's, with townships). */
  model: PopulationModelKind;
  /** Census total ÷ the surface's people inside the area; null when no surface was used. */
  scale: number | null;
  /** Share of the area's cells the raster has data for; null without a raster. */
  rasterCoverage: number | null;
  /** Pools of the area (townships) that fell back to another surface than the model's. */
  fallbackPools: number;
}

export interface PopulationModel {
  /** The surface asked for: the raster, else the settlements, else the census model used. */
  surface: PopulationModelKind;
  /** `method` 'none' when the raster's window does not reach the areas. */
  raster: (RasterDescription & { method: RasterSurfaceMethod | 'none' }) | null;
  settlements: { count: number; used: number; outside: number; synthetic: boolean } | null;
  areas: AreaPopulationModel[];
  notes: string[];
}

/** A raster must cover this share of an area's cells to be used there. */
export const RASTER_MIN_COVERAGE = 0.95;
/** A surface with fewer people than this in a pool (a thousandth of a person) is "nobody". */
export const NEAR_ZERO_MASS = 1e-3;

/** Layers of the per-pool surface choice, in allocatePools' `of` numbering. */
const RASTER = 0;
const SETTLEMENTS = 1;
const PLAIN = 2;

/** The census model of an area when no surface applies: two-zone when it has both. */
function censusModel(a: Area, inZone: number, all: number): 'two-zone' | 'uniform' {
  const p = a.population;
  return p && p.urban != null && p.rural != null && inZone > 0 && inZone < all
    ? 'two-zone'
    : 'uniform';
}

/**
 * Whole cells and zone cells per label (centre labels). Counted in locals while the label
 * stays the same: a read-modify-write of the per-label array per cell is a dependency
 * chain through memory (metrics.ts measured 3–4× slower).
 */
function zoneCounts(grid: Grid, zone: Uint8Array, n: number) {
  const all = new Float64Array(n + 1);
  const inZone = new Float64Array(n + 1);
  const { label } = grid;
  const len = label.length;
  let i = 0;
  while (i < len) {
    const l = label[i];
    let a = 0;
    let z = 0;
    while (i < len && label[i] === l) {
      a++;
      z += zone[i];
      i++;
    }
    if (l <= n) {
      all[l] += a;
      inZone[l] += z;
    }
  }
  return { all, inZone };
}

/**
 * The per-area description of the models placed without a surface (analyze.ts's census
 * and township models), for the report.
 */
export function describeCensusModel(
  grid: Grid,
  areas: readonly Area[],
  zone: Uint8Array,
  townPops: readonly (readonly Area[] | null)[],
): PopulationModel {
  const { all, inZone } = zoneCounts(grid, zone, areas.length);
  const rows = areas.map((a, i): AreaPopulationModel => ({
    code: a.code,
    model: townPops[i] ? 'townships' : censusModel(a, inZone[i + 1], all[i + 1]),
    scale: null,
    rasterCoverage: null,
    fallbackPools: 0,
  }));
  return {
    surface: regionKind(rows),
    raster: null,
    settlements: null,
    areas: rows,
    notes: [],
  };
}

/** The region's model without a surface: townships, two-zone, else uniform, as most areas. */
function regionKind(rows: readonly AreaPopulationModel[]): PopulationModelKind {
  for (const k of ['townships', 'two-zone'] as const) if (rows.some((r) => r.model === k)) return k;
  return 'uniform';
}

/** Whether the input has any surface to allocate by. */
export function hasSurface(input: PopulationInput | undefined): input is PopulationInput {
  return !!input && (!!input.raster || !!input.rasterInfo || (input.settlements?.length ?? 0) > 0);
}

function paint(
  grid: Grid,
  label: number,
  geometry: Polygon | MultiPolygon,
  out: Int32Array,
  value: number,
): void {
  const cols = grid.cols;
  rasterizePolygon(grid, geometry, (r, c0, c1) => {
    const end = r * cols + c1;
    for (let k = r * cols + c0; k <= end; k++) if (grid.label[k] === label) out[k] = value;
  });
}

/**
 * Places `areas`' people on `grid` by the surfaces of `input` (see the file comment).
 * `townPops[i]`: area i's townships, all with a population, or null.
 */
export function allocatePopulation(
  grid: Grid,
  areas: readonly Area[],
  zone: Uint8Array,
  townPops: readonly (readonly Area[] | null)[],
  input: PopulationInput,
): PopulationModel {
  const n = areas.length;
  const { label } = grid;
  const len = label.length;
  const notes: string[] = [];
  const raster = input.raster ? rasterSurface(grid, input.raster, areaRows(grid)) : null;
  const settle = input.settlements?.length ? settlementSurface(grid, input.settlements) : null;
  const layers = [raster?.values ?? null, settle?.values ?? null, null];
  if (!raster && input.rasterInfo)
    notes.push(
      'population raster: it does not reach the areas analysed; they were spread by settlements or the census model',
    );

  // Base pools: an area, or a township painted on its county's cells and the county's
  // remainder (its cells outside every township, and the people of townships too small
  // for a cell).
  const amounts: number[] = [];
  const poolArea: number[] = [];
  const newPool = (amount: number, area: number) => {
    amounts.push(amount);
    poolArea.push(area);
    return amounts.length - 1;
  };
  const whole = new Int32Array(n + 1).fill(-1);
  areas.forEach((a, i) => {
    whole[i + 1] = newPool(townPops[i] ? 0 : (a.population?.total ?? 0), i);
  });
  const base = new Int32Array(len).fill(-1);
  for (let i = 0; i < len; i++) {
    const l = label[i];
    if (l !== 0 && l <= n) base[i] = whole[l];
  }
  const townPool: boolean[] = amounts.map(() => false);
  areas.forEach((_, i) => {
    const towns = townPops[i];
    if (!towns) return;
    const first = amounts.length;
    for (const t of towns) {
      const p = newPool(t.population?.total ?? 0, i);
      townPool[p] = true;
      paint(grid, i + 1, t.geometry, base, p);
    }
    const used = new Uint8Array(towns.length);
    for (let k = 0; k < len; k++) {
      const p = base[k];
      if (p >= first && p < first + towns.length) used[p - first] = 1;
    }
    towns.forEach((t, j) => {
      if (!used[j]) amounts[whole[i + 1]] += t.population?.total ?? 0;
    });
  });
  const partBase = (i: number, a: number) => (a === label[i] ? base[i] : a > n ? -1 : whole[a]);

  // Per base pool: cells (border cells by share), the raster's covered cells, each surface's people.
  const np = amounts.length;
  const cells = new Float64Array(np);
  const covered = new Float64Array(np);
  const massR = new Float64Array(np);
  const massS = new Float64Array(np);
  const rv = layers[RASTER];
  const sv = layers[SETTLEMENTS];
  const add = (p: number, i: number, f: number) => {
    cells[p] += f;
    if (rv) {
      const v = rv[i];
      if (v === v) {
        covered[p] += f;
        massR[p] += v * f;
      }
    }
    if (sv) massS[p] += sv[i] * f;
  };
  const edge = grid.edge ?? null;
  if (edge) {
    for (let k = 0; k < edge.cell.length; k++) {
      const i = edge.cell[k];
      for (let j = edge.start[k]; j < edge.start[k + 1]; j++) {
        const p = partBase(i, edge.label[j]);
        if (p >= 0) add(p, i, edge.frac[j]);
      }
    }
  }
  // Whole cells (border cells were counted by their shares above), in one tight pass.
  const eCells = edge ? edge.cell : new Int32Array(0);
  let e = 0;
  let nextEdge = eCells.length ? eCells[0] : len;
  // Per run of one pool, the sums in locals (see zoneCounts).
  let i = 0;
  while (i < len) {
    if (i === nextEdge) {
      e++;
      nextEdge = e < eCells.length ? eCells[e] : len;
      i++;
      continue;
    }
    const p = base[i];
    let j = i;
    let cv = 0;
    let mr = 0;
    let ms = 0;
    while (j < nextEdge && base[j] === p) {
      if (rv) {
        const v = rv[j];
        if (v === v) {
          cv++;
          mr += v;
        }
      }
      if (sv) ms += sv[j];
      j++;
    }
    if (p >= 0) {
      cells[p] += j - i;
      covered[p] += cv;
      massR[p] += mr;
      massS[p] += ms;
    }
    i = j;
  }

  // The raster is used in an area only where it covers enough of the area.
  const areaCells = new Float64Array(n);
  const areaCovered = new Float64Array(n);
  for (let p = 0; p < np; p++) {
    areaCells[poolArea[p]] += cells[p];
    areaCovered[poolArea[p]] += covered[p];
  }
  const rasterOk = new Uint8Array(n);
  let thin = 0;
  for (let a = 0; a < n; a++) {
    const share = areaCells[a] > 0 ? areaCovered[a] / areaCells[a] : 0;
    rasterOk[a] = rv && share >= RASTER_MIN_COVERAGE ? 1 : 0;
    if (rv && !rasterOk[a] && areaCells[a] > 0) thin++;
  }
  if (thin > 0)
    notes.push(
      `population raster: covers less than ${Math.round(RASTER_MIN_COVERAGE * 100)}% of the cells of ${thin} ${thin === 1 ? 'area' : 'areas'}; ${thin === 1 ? 'it was' : 'they were'} spread by settlements or the census model`,
    );

  // Per pool: which surface; an area pool with no surface and the census split gets an
  // urban pool for its zone cells (the two-zone model).
  // The census model of an area, from its zone and whole cells (counted once, when needed).
  let counts: ReturnType<typeof zoneCounts> | null = null;
  const census = (a: number) => {
    counts ??= zoneCounts(grid, zone, n);
    return censusModel(areas[a], counts.inZone[a + 1], counts.all[a + 1]);
  };
  const of = new Uint8Array(np);
  const urbanOf = new Int32Array(np).fill(-1);
  for (let p = 0; p < np; p++) {
    const a = poolArea[p];
    if (rasterOk[a] && massR[p] >= NEAR_ZERO_MASS) of[p] = RASTER;
    else if (sv && massS[p] >= NEAR_ZERO_MASS) of[p] = SETTLEMENTS;
    else {
      of[p] = PLAIN;
      const area = areas[a];
      if (!townPops[a] && census(a) === 'two-zone') {
        amounts[p] = area.population!.rural!;
        urbanOf[p] = amounts.length;
        amounts.push(area.population!.urban!);
        poolArea.push(a);
      }
    }
  }
  const total = amounts.length;
  const ofAll = new Uint8Array(total).fill(PLAIN);
  ofAll.set(of);
  const finalPool = (p: number, i: number) =>
    p >= 0 && zone[i] && urbanOf[p] >= 0 ? urbanOf[p] : p;
  const size = allocatePools(
    grid,
    {
      pools: total,
      whole: (i) => finalPool(base[i], i),
      part: (i, a) => finalPool(partBase(i, a), i),
      samePool: (i, j) => base[i] === base[j] && zone[i] === zone[j],
    },
    amounts,
    { layers, of: ofAll },
  );

  // Per area: the model of its largest pool, its scale over the pools that used it.
  const rows = areas.map((a, i): AreaPopulationModel => {
    let best = -1;
    for (let p = 0; p < np; p++)
      if (poolArea[p] === i && cells[p] > 0 && (best < 0 || amounts[p] > amounts[best])) best = p;
    const layer = best >= 0 ? of[best] : PLAIN;
    let amount = 0;
    let mass = 0;
    let fallback = 0;
    for (let p = 0; p < np; p++) {
      if (poolArea[p] !== i || cells[p] === 0) continue;
      if (of[p] !== layer) fallback++;
      else if (layer !== PLAIN) {
        amount += amounts[p];
        mass += size[p];
      }
    }
    const model: PopulationModelKind =
      layer === RASTER
        ? 'raster'
        : layer === SETTLEMENTS
          ? 'settlements'
          : townPops[i]
            ? 'townships'
            : census(i);
    return {
      code: a.code,
      model,
      scale: layer !== PLAIN && mass > 0 ? amount / mass : null,
      rasterCoverage: rv ? (areaCells[i] > 0 ? areaCovered[i] / areaCells[i] : 0) : null,
      fallbackPools: fallback,
    };
  });
  const fellBack = rows.filter(
    (r, i) => areaCells[i] > 0 && r.model !== 'raster' && r.model !== 'settlements',
  ).length;
  if (fellBack > 0 && n > 0)
    notes.push(
      `population surface: ${fellBack} of ${n} ${n === 1 ? 'area has' : 'areas have'} no ${rv ? 'raster or settlement' : 'settlement'} people on ${fellBack === 1 ? 'its' : 'their'} cells and used the census model`,
    );
  const settlements = input.settlements ?? [];
  return {
    surface: raster || input.rasterInfo ? 'raster' : 'settlements',
    raster: rasterDescription(input, raster),
    settlements: settle
      ? {
          count: settlements.length,
          used: settle.used,
          outside: settle.outside,
          synthetic: settlements.some((s) => s.synthetic),
        }
      : null,
    areas: rows,
    notes,
  };
}

function rasterDescription(
  input: PopulationInput,
  surface: ReturnType<typeof rasterSurface> | null,
): PopulationModel['raster'] {
  const win = input.raster;
  if (input.rasterInfo) return { ...input.rasterInfo, method: surface?.method ?? 'none' };
  if (!win || !surface) return null;
  return {
    files: [],
    format: 'raster window',
    crs: win.georef.crs,
    resolutionM: surface.pixelM,
    year: null,
    values: win.values,
    method: surface.method,
  };
}
