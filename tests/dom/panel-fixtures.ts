import type { AreaResult } from '../../src/core/analysis/analyze';
import { analysisParams } from '../../src/core/analysis/params';
import { describeParams } from '../../src/core/model/params';
import { useAppStore } from '../../src/store/store';
import type {
  AnalysisResults,
  AreaRow,
  GapProps,
  WorkspaceSnapshot,
} from '../../src/worker/protocol';
import type { Feature, Polygon } from 'geojson';

/** A county as the analysis reports it; `over` replaces fields. */
export function areaResult(over: Partial<AreaResult> & { code: string }): AreaResult {
  return {
    name: `县${over.code}`,
    level: 'county',
    parent: null,
    population: 100_000,
    areaKm2: 1000,
    sites5g: 100,
    sitesRedcap: 10,
    sitesPer10k: 10,
    targetPer10k: 38,
    sitesNeeded: 280,
    coverage: {
      nr: { areaKm2: 10, areaPct: 1, popPct: 50 },
      redcap: { areaKm2: 5, areaPct: 0.5, popPct: 30 },
    },
    gaps: { count: 1, totalKm2: 990, largestKm2: 990, popUncovered: 50_000 },
    townZone: { areaKm2: 28.28, redcapAreaPct: 57.69, largestGapKm2: 6.0575, continuous: false },
    ...over,
  };
}

/** The snapshot row of the same area (site counts only). */
export function snapshotRow(a: AreaResult): AreaRow {
  return {
    code: a.code,
    name: a.name,
    level: a.level,
    population: a.population,
    areaKm2: a.areaKm2,
    sites5g: a.sites5g,
    sitesRedcap: a.sitesRedcap,
    sitesLteOnly: 0,
    per10k: a.sitesPer10k,
  };
}

export function snapshotOf(rows: AreaRow[]): WorkspaceSnapshot {
  return {
    datasets: [],
    boundaries: null,
    townships: [],
    stationLayers: [],
    areas: rows,
    totals: null,
    bbox: null,
  };
}

export function gapFeature(p: Omit<GapProps, 'id'>): Feature<Polygon, GapProps> {
  const [w, s, e, n] = p.bbox;
  return {
    type: 'Feature',
    properties: { ...p, id: `${p.areaCode}-${p.rank}` },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
  };
}

export function resultsOf(
  counties: AreaResult[],
  over: Partial<AnalysisResults> = {},
): AnalysisResults {
  const params = analysisParams();
  return {
    runId: 1,
    params,
    paramTable: describeParams(params.model),
    counties,
    townships: [],
    totals: null,
    notes: [],
    grid: { cellSizeM: 100, cols: 0, rows: 0 },
    areaBoxes: Object.fromEntries(counties.map((c) => [c.code, [96, 32, 97, 33]])),
    coverage: [],
    gaps: { type: 'FeatureCollection', features: [] },
    townZones: { type: 'FeatureCollection', features: [] },
    elapsedMs: 123,
    ...over,
  };
}

/** Loads counties into the store both as the snapshot and as fresh analysis results. */
export function loadAnalysed(counties: AreaResult[], over: Partial<AnalysisResults> = {}): void {
  useAppStore.setState({
    snapshot: snapshotOf(counties.map(snapshotRow)),
    results: resultsOf(counties, over),
    selection: null,
    analysis: null,
    analysisError: null,
    params: analysisParams(),
  });
}

/**
 * happy-dom does no layout; give the table's scroll box a viewport so the virtualiser
 * has a window to fill (400 px = about 15 rows).
 */
export function giveScrollBoxAViewport(height = 400): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('area-table-scroll') ? height : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('area-table-scroll') ? 540 : 0;
    },
  });
}
