import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { analyzeAreas, bboxOf, type AreaResult, type RegionState } from '../core/analysis/analyze';
import {
  coverageRaster,
  pixelCells,
  type CoverageRaster,
  type RasterColor,
} from '../core/analysis/coverage-image';
import type { AnalysisParams } from '../core/analysis/params';
import { DENSITY_STOPS, densityRaster } from '../core/analysis/density-image';
import type { PopulationInput, PopulationModel } from '../core/analysis/population';
import { gapFeatures, townZoneFeatures } from '../core/analysis/result-features';
import { onlyRulesDiffer, rejudgeArea, rejudgeTotals } from '../core/analysis/rejudge';
import { countyPopulationFromTownships } from '../core/analysis/rollup';
import type { Area } from '../core/area';
import { describeParams } from '../core/model/params';
import { withoutPopulationNote } from '../io/population-join';
import type {
  AnalysisProgress,
  AnalysisResults,
  CoverageImage,
  DensityImage,
  GapProps,
  TownZoneProps,
} from './protocol';
import type { Workspace } from './workspace';
import { demBoxFor, isElevationWindow } from '../core/terrain/elevation';
import { hillshade, thinWindow } from '../core/terrain/hillshade';
import type { TerrainInput, TerrainSummary } from '../core/terrain/site-cells';
import { mosaicRasters } from '../io/raster-mosaic';

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: AnalysisProgress) => void;
  /**
   * The previous results and the workspace version they were made from: when only the
   * rules changed since, they are re-judged instead of recomputed.
   */
  previous?: { results: AnalysisResults; version: number };
  /** Encodes a raster as an image URL (the browser worker makes PNG blob: URLs). */
  encodeImage?: (r: CoverageRaster) => Promise<string | null>;
}

/** Colours of covered cells in the coverage images (the map sets their opacity). */
export const COVERAGE_RGB: Record<'nr' | 'redcap', RasterColor> = {
  nr: [25, 113, 194],
  redcap: [194, 37, 92],
};

class Cancelled extends Error {}

/** The hillshade picture's longest side (px): finer than a screen needs at county scale. */
const HILLSHADE_MAX_SIDE = 2048;

/** No elevation anywhere: every site keeps the flat-earth model (the DEM misses the region). */
const NO_ELEVATION = { heightAt: () => NaN };

/**
 * The loaded DEMs' window under the areas, grown by the model's largest radius (one mosaic
 * of every DEM dataset); null when no DEM is loaded or there are no areas.
 */
async function demWindow(
  ws: Workspace,
  areas: readonly Area[],
  params: AnalysisParams,
): Promise<TerrainInput | null> {
  const sources = ws.demSources();
  if (sources.length === 0 || areas.length === 0) return null;
  const dem = sources.length === 1 ? sources[0] : mosaicRasters(sources);
  const w = await dem.readWindow(demBoxFor(bboxOf(areas), params.model.maxRadiusM));
  if (!w) return { dem: NO_ELEVATION };
  return { dem: { georef: { ...w.georef, crs: 'EPSG:4326' }, values: 'elevation', data: w.data } };
}

/**
 * The analysis of everything loaded, as `sailplan analyze` computes it from the same
 * files: counties on one grid (township polygons shaping their county-town zones and
 * population), then townships on theirs; totals over the top level. Between the stages it
 * yields to the event loop, so progress messages go out and a cancel comes in.
 */
export async function runAnalysis(
  ws: Workspace,
  runId: number,
  params: AnalysisParams,
  opts: RunOptions = {},
): Promise<AnalysisResults> {
  const t0 = performance.now();
  const prev = opts.previous;
  if (prev && prev.version === ws.version && onlyRulesDiffer(prev.results.params, params)) {
    const counties = prev.results.counties.map((r) => rejudgeArea(r, params));
    const townships = prev.results.townships.map((r) => rejudgeArea(r, params));
    const top = counties.length > 0 ? counties : townships;
    const verdict = new Map(counties.map((r) => [r.code, r.townZone?.continuous]));
    return {
      ...prev.results,
      runId,
      params,
      counties,
      townships,
      totals: prev.results.totals && rejudgeTotals(prev.results.totals, top, params),
      townZones: {
        type: 'FeatureCollection',
        features: prev.results.townZones.features.map((f) => ({
          ...f,
          properties: {
            ...f.properties,
            continuous: verdict.get(f.properties.code) ?? f.properties.continuous,
          },
        })),
      },
      elapsedMs: performance.now() - t0,
    };
  }
  const step = async (stage: AnalysisProgress['stage'], fraction: number) => {
    opts.onProgress?.({ runId, stage, fraction });
    await new Promise((r) => setTimeout(r, 0));
    if (opts.signal?.aborted) throw new Cancelled('analysis cancelled');
  };
  await step('prepare', 0);
  const townships = ws.activeTownships();
  const counties = countyPopulationFromTownships(ws.activeAreas(), townships);
  const sites = ws.allSites();
  const settlements = ws.populationSettlements();
  const terrain = await demWindow(ws, counties.length ? counties : townships, params);
  const out: Record<'counties' | 'townships', AreaResult[]> = { counties: [], townships: [] };
  const states: { areas: Area[]; state: RegionState }[] = [];
  const populations: PopulationModel[] = [];
  let totals: AreaResult | null = null;
  const notes = new Set<string>();
  let grid = { cellSizeM: params.cellSizeM, cols: 0, rows: 0 };
  const areaBoxes: Record<string, [number, number, number, number]> = {};
  let terrainSummary: TerrainSummary | null = null;
  for (const [level, set] of [
    ['counties', counties],
    ['townships', townships],
  ] as const) {
    if (set.length === 0) continue;
    const at = level === 'counties' ? 0.05 : 0.45;
    await step(level, at);
    const population = await populationInput(ws, set, settlements, {
      signal: opts.signal,
      onProgress: (f) => opts.onProgress?.({ runId, stage: level, fraction: at + 0.05 * f }),
    });
    if (opts.signal?.aborted) throw new Cancelled('analysis cancelled');
    const r = analyzeAreas(set, sites, params, {
      keepGrid: true,
      settlements,
      ...(level === 'counties' ? { townships } : {}),
      ...(population ? { population } : {}),
      ...(terrain ? { terrain } : {}),
    });
    populations.push(r.population);
    if (r.terrain && !terrainSummary) terrainSummary = r.terrain;
    out[level] = r.areas;
    r.notes.forEach((n) => notes.add(n));
    totals ??= r.totals;
    if (grid.cols === 0) grid = r.grid;
    if (r.state) states.push({ areas: set, state: r.state });
    for (const a of set) areaBoxes[a.code] = bboxOf([a]);
  }

  // The DEM's hillshade under the region (the window the terrain model read).
  let hillshadeImage: AnalysisResults['hillshade'];
  const demWin = terrain && isElevationWindow(terrain.dem) ? terrain.dem : null;
  if (demWin && opts.encodeImage) {
    const shade = hillshade(thinWindow(demWin, HILLSHADE_MAX_SIDE));
    const [w, s, e, n] = shade.bounds;
    hillshadeImage = {
      url: await opts.encodeImage(shade),
      coordinates: [
        [w, n],
        [e, n],
        [e, s],
        [w, s],
      ],
      width: shade.width,
      height: shade.height,
    };
  }

  // Coverage pictures from the top level's grid (the finer township grid covers the same
  // ground only where townships are loaded).
  const coverage: CoverageImage[] = [];
  let density: DensityImage | null = null;
  if (states.length > 0) {
    await step('images', 0.75);
    const { state } = states[0];
    const pixels = pixelCells(state.grid);
    const picture = densityRaster(state.grid, pixels);
    density = {
      url: opts.encodeImage ? await opts.encodeImage(picture) : null,
      coordinates: corners(picture.bounds),
      width: picture.width,
      height: picture.height,
      stops: DENSITY_STOPS.map((s) => s.density),
    };
    for (const layer of ['nr', 'redcap'] as const) {
      const raster = coverageRaster(state.grid, layer, pixels, COVERAGE_RGB[layer]);
      const [w, s, e, n] = raster.bounds;
      coverage.push({
        layer,
        url: opts.encodeImage ? await opts.encodeImage(raster) : null,
        coordinates: [
          [w, n],
          [e, n],
          [e, s],
          [w, s],
        ],
        width: raster.width,
        height: raster.height,
      });
    }
  }

  await step('gaps', 0.9);
  const gaps: Feature<Polygon | MultiPolygon, GapProps>[] = [];
  for (const { areas, state } of states) gaps.push(...gapFeatures(state, areas));
  const townZones: Feature<Polygon | MultiPolygon, TownZoneProps>[] = townZoneFeatures(
    counties,
    out.counties,
    townships,
    params,
  );
  return {
    runId,
    params,
    paramTable: describeParams(params.model),
    counties: out.counties,
    townships: out.townships,
    totals,
    notes: [
      ...ws.populationNotes(),
      ...[
        withoutPopulationNote(
          (out.counties.length ? out.counties : out.townships).filter((a) => a.population === null),
          null,
        ),
      ].filter((n) => n !== null),
      ...[...notes].sort(),
    ],
    aggregateNames: ws.aggregateNames(),
    population: populations,
    grid,
    areaBoxes,
    coverage,
    density,
    gaps: { type: 'FeatureCollection', features: gaps },
    townZones: { type: 'FeatureCollection', features: townZones },
    ...(terrainSummary ? { terrain: terrainSummary } : {}),
    ...(hillshadeImage ? { hillshade: hillshadeImage } : {}),
    elapsedMs: performance.now() - t0,
  };
}

function corners([w, s, e, n]: [number, number, number, number]): CoverageImage['coordinates'] {
  return [
    [w, n],
    [e, n],
    [e, s],
    [w, s],
  ];
}

/**
 * The population surface for an analysis of `areas`, as the CLI's `populationFor`: the
 * imported raster's window over their box (read now, with progress and cancel), and the
 * settlements; undefined when neither is loaded (the census model).
 */
async function populationInput(
  ws: Workspace,
  areas: readonly Area[],
  settlements: ReturnType<Workspace['populationSettlements']>,
  read: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<PopulationInput | undefined> {
  const raster = ws.populationRaster();
  if (!raster && settlements.length === 0) return undefined;
  if (!raster) return { settlements };
  const window = areas.length > 0 ? await raster.source.readWindow(bboxOf(areas), read) : null;
  if (window) window.values = raster.description.values;
  return { raster: window, rasterInfo: raster.description, settlements };
}
