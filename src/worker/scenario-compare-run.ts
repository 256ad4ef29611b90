import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  coverageRaster,
  type CoverageRaster,
  type pixelCells,
} from '../core/analysis/coverage-image';
import { gapFeatures, type GapFeatureProps } from '../core/analysis/result-features';
import type { AreaResult } from '../core/analysis/analyze';
import { cellAreaKm2 } from '../core/grid/grid';
import { cellBoxLngLat } from '../core/grid/outline';
import type { CellBox } from '../core/grid/stamp';
import { compareResults } from '../core/scenario/compare';
import { editSiteId } from '../core/scenario/edit-log';
import type { ScenarioEvaluator, ScenarioSnapshot } from '../core/scenario/evaluator';
import { changeKinds, siteDiffs } from '../core/scenario/site-diff';
import { placeNames } from '../core/scenario/site-names';
import type { Scenario } from '../core/scenario/types';
import type { Site } from '../core/station';
import { deltaRaster } from './delta-image';
import { COVERAGE_RGB } from './run-analysis';
import type {
  ChangedPlace,
  CompareSideView,
  CompareStage,
  ComparisonView,
  DeltaImage,
} from './scenario-protocol';

const LAYERS = ['nr', 'redcap'] as const;

/** What a comparison needs of the scenario service (scenario-service.ts). */
export interface CompareContext {
  evaluator: ScenarioEvaluator;
  /** The baseline's sites by id, and its totals. */
  baseline: ReadonlyMap<string, Site>;
  baseTotals: AreaResult;
  pixels: ReturnType<typeof pixelCells>;
  targetPer10k: number;
  /** Runs `fn` with the evaluator holding `s` (null: the baseline), then restores it. */
  atState<T>(s: Scenario | null, fn: () => T): T;
  /** The baseline's snapshot, made once. */
  baseSnapshot(): ScenarioSnapshot;
  /** A raster as a map image (its URL noted for revoking with the next comparison). */
  image(layer: 'nr' | 'redcap', r: CoverageRaster): Promise<DeltaImage>;
  /** Reports progress and yields; throws when the run was cancelled meanwhile. */
  step(stage: CompareStage, fraction: number): Promise<void>;
}

/** What one side of a comparison holds, read while the evaluator is in its state. */
interface SideState {
  snapshot: ScenarioSnapshot;
  rasters: CoverageRaster[];
  gaps: Feature<Polygon | MultiPolygon, GapFeatureProps>[];
  sites: Map<string, Site | null>;
  boxes: Map<string, CellBox | null>;
}

const touched = (s: Scenario | null): string[] => (s ? s.edits.map(editSiteId) : []);

function readSide(ctx: CompareContext, s: Scenario | null, ids: readonly string[]): SideState {
  const ev = ctx.evaluator;
  return ctx.atState(s, () => {
    const grid = ev.region.grid;
    const sites = new Map<string, Site | null>();
    const boxes = new Map<string, CellBox | null>();
    for (const id of ids) {
      sites.set(id, ev.sites.get(id) ?? null);
      const st = ev.coverage.sites.get(id);
      boxes.set(id, st && st.box[0] <= st.box[2] ? [...st.box] : null);
    }
    const state = {
      grid,
      coverage: ev.coverage,
      nrGaps: ev.nrGaps,
      zone: ev.region.zone,
      footprints: [],
    };
    return {
      snapshot: !s || s.edits.length === 0 ? ctx.baseSnapshot() : ev.snapshot(),
      rasters: LAYERS.map((l) => coverageRaster(grid, l, ctx.pixels, COVERAGE_RGB[l])),
      gaps: gapFeatures(state, ev.areas),
      sites,
      boxes,
    };
  });
}

function union(a: CellBox | null, b: CellBox | null): CellBox | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

function growBox(
  into: [number, number, number, number] | null,
  b: readonly number[],
): [number, number, number, number] {
  if (!into) return [b[0], b[1], b[2], b[3]];
  return [
    Math.min(into[0], b[0]),
    Math.min(into[1], b[1]),
    Math.max(into[2], b[2]),
    Math.max(into[3], b[3]),
  ];
}

/**
 * B − A of two scenarios (null: the baseline): per-area deltas, the delta and side
 * pictures, each side's site changes and gaps, and every place they differ. The
 * evaluator replays each side once; between the stages the run yields (progress out,
 * cancel in) with the evaluator back in the open scenario's state.
 */
export async function runComparison(
  ctx: CompareContext,
  a: Scenario | null,
  b: Scenario | null,
): Promise<Omit<ComparisonView, 'elapsedMs'>> {
  const ev = ctx.evaluator;
  const ids = [...new Set([...touched(a), ...touched(b)])];
  await ctx.step('a', 0.05);
  const A = readSide(ctx, a, ids);
  await ctx.step('b', 0.35);
  const B = readSide(ctx, b, ids);
  await ctx.step('delta', 0.65);
  const cmp = compareResults(A.snapshot, B.snapshot);
  await ctx.step('images', 0.75);
  const images: DeltaImage[] = [];
  for (const layer of LAYERS)
    images.push(
      await ctx.image(layer, deltaRaster(cmp.raster, layer, ctx.pixels, B.snapshot.label)),
    );
  const sideImages: ComparisonView['sideImages'] = { a: [], b: [] };
  for (const [side, st] of [
    ['a', A],
    ['b', B],
  ] as const)
    for (const [i, layer] of LAYERS.entries())
      sideImages[side].push(await ctx.image(layer, st.rasters[i]));

  const grid = ev.region.grid;
  const differing = ids.filter(
    (id) => JSON.stringify(A.sites.get(id)) !== JSON.stringify(B.sites.get(id)),
  );
  const positionOf = (id: string) =>
    (A.sites.get(id) ?? B.sites.get(id) ?? ctx.baseline.get(id))?.position ?? null;
  const known = ids.filter((id) => positionOf(id) !== null);
  const names = placeNames(
    ev,
    known.map((id) => positionOf(id)![0]),
    known.map((id) => positionOf(id)![1]),
  );
  const placeOf: Record<string, string> = {};
  known.forEach((id, i) => (placeOf[id] = names[i]));
  let changesBbox = cmp.raster.changedBox
    ? growBox(null, cellBoxLngLat(grid, cmp.raster.changedBox))
    : null;
  const places: ChangedPlace[] = differing.map((id) => {
    const was = ctx.baseline.get(id) ?? null;
    const box = union(A.boxes.get(id) ?? null, B.boxes.get(id) ?? null);
    const [lon, lat] = positionOf(id)!;
    const bbox: [number, number, number, number] = box
      ? cellBoxLngLat(grid, box)
      : [lon, lat, lon, lat];
    changesBbox = growBox(changesBbox, bbox);
    const pos = (site: Site | null | undefined): [number, number] | null =>
      site ? [site.position[0], site.position[1]] : null;
    return {
      id,
      place: placeOf[id] ?? '',
      at: { a: pos(A.sites.get(id)), b: pos(B.sites.get(id)) },
      a: changeKinds(was, A.sites.get(id) ?? null),
      b: changeKinds(was, B.sites.get(id) ?? null),
      lon,
      lat,
      bbox,
    };
  });
  const side = (s: Scenario | null, st: SideState): CompareSideView => {
    const t = st.snapshot.totals;
    const current = new Map<string, Site>();
    for (const [id, site] of st.sites) if (site) current.set(id, site);
    return {
      changes: siteDiffs(ctx.baseline, current, touched(s)),
      nrPeople: (t.coverage.nr.population ?? 0) - (ctx.baseTotals.coverage.nr.population ?? 0),
      redcapPeople:
        (t.coverage.redcap.population ?? 0) - (ctx.baseTotals.coverage.redcap.population ?? 0),
      nrUncovered: Math.max(0, (t.gridPopulation ?? 0) - (t.coverage.nr.population ?? 0)),
      gaps: { type: 'FeatureCollection', features: st.gaps },
    };
  };
  const { nrGained, nrLost, redcapGained, redcapLost } = cmp.raster;
  // A last yield: a cancel sent while the pictures were made still counts.
  await ctx.step('images', 1);
  return {
    areas: cmp.areas,
    totals: cmp.totals,
    before: A.snapshot.areas,
    after: B.snapshot.areas,
    targetPer10k: ctx.targetPer10k,
    cells: { nrGained, nrLost, redcapGained, redcapLost, cellKm2: cellAreaKm2(grid) },
    images,
    sideImages,
    sides: { a: side(a, A), b: side(b, B) },
    places,
    placeOf,
    changesBbox,
  };
}
