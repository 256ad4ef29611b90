import { analyzeAreas, bboxOf, type AreaResult } from '../core/analysis/analyze';
import type { AnalysisParams } from '../core/analysis/params';
import { countyPopulationFromTownships } from '../core/analysis/rollup';
import { describeParams } from '../core/model/params';
import type { AnalysisProgress, AnalysisResults } from './protocol';
import type { Workspace } from './workspace';

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: AnalysisProgress) => void;
}

/**
 * The analysis of everything loaded, as `sailplan analyze` computes it from the same
 * files: counties on one grid (township polygons shaping their county-town zones and
 * population), then townships on theirs; totals over the top level.
 */
export async function runAnalysis(
  ws: Workspace,
  runId: number,
  params: AnalysisParams,
  opts: RunOptions = {},
): Promise<AnalysisResults> {
  const t0 = performance.now();
  const townships = ws.activeTownships();
  const counties = countyPopulationFromTownships(ws.activeAreas(), townships);
  const sites = ws.allSites();
  const out: { counties: AreaResult[]; townships: AreaResult[] } = { counties: [], townships: [] };
  let totals: AreaResult | null = null;
  const notes = new Set<string>();
  let grid = { cellSizeM: params.cellSizeM, cols: 0, rows: 0 };
  const areaBoxes: Record<string, [number, number, number, number]> = {};
  for (const [level, set] of [
    ['counties', counties],
    ['townships', townships],
  ] as const) {
    if (set.length === 0) continue;
    if (opts.signal?.aborted) throw new Error('cancelled');
    opts.onProgress?.({ runId, stage: level, fraction: level === 'counties' ? 0.1 : 0.5 });
    // Let the progress message and a cancel through before the synchronous engine runs.
    await new Promise((r) => setTimeout(r, 0));
    const r = analyzeAreas(set, sites, params, level === 'counties' ? { townships } : {});
    out[level] = r.areas;
    r.notes.forEach((n) => notes.add(n));
    totals ??= r.totals;
    if (grid.cols === 0) grid = r.grid;
    for (const a of set) areaBoxes[a.code] = bboxOf([a]);
  }
  return {
    runId,
    params,
    paramTable: describeParams(params.model),
    counties: out.counties,
    townships: out.townships,
    totals,
    notes: [...notes].sort(),
    grid,
    areaBoxes,
    coverage: [],
    gaps: { type: 'FeatureCollection', features: [] },
    townZones: { type: 'FeatureCollection', features: [] },
    elapsedMs: performance.now() - t0,
  };
}
