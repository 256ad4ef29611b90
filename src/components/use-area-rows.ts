import { useMemo } from 'react';
import { useAppStore } from '../store/store';
import type { AnalysisResults, AreaRow, TownshipRow } from '../worker/protocol';
import type { AreaResult } from '../core/analysis/analyze';
import {
  rowFromResult,
  rowFromSnapshot,
  snapshotTownshipAreas,
  type AreaLevel,
  type TableRow,
} from './area-rows';

const NO_AREAS: AreaRow[] = [];
const NO_TOWNSHIPS: TownshipRow[] = [];
const NO_RESULTS: AreaResult[] = [];

export interface AreaRows {
  rows: TableRow[];
  totals: TableRow | null;
  /** True when the rows come from the analysis (coverage columns filled). */
  analysed: boolean;
  /**
   * The township level has no boundaries to count in: the tab says so (and how to import
   * them) instead of waiting for an analysis that will never fill it.
   */
  townshipsMissing: boolean;
}

/**
 * The data version each results object was made for. A run starts with every new
 * snapshot and a newer run supersedes an older one, so results belong to the snapshot
 * current when they land. (Site counts cannot tell: scenario edits change the analysed
 * sites without a new snapshot.)
 */
const madeFor = new WeakMap<AnalysisResults, number>();
useAppStore.subscribe((st, prev) => {
  if (st.results && st.results !== prev.results) madeFor.set(st.results, st.snapshotVersion);
});

/** Whether `results` describe the loaded data (an import may have replaced it since). */
export function resultsAreCurrent(results: AnalysisResults, snapshotVersion: number): boolean {
  return (madeFor.get(results) ?? snapshotVersion) === snapshotVersion;
}

/**
 * The rows of one level: analysis results when they describe the loaded data, else the
 * snapshot's site counts so the table is never empty once boundaries are loaded.
 */
export function useAreaRows(level: AreaLevel): AreaRows {
  const counties = useAppStore((s) => s.snapshot?.areas ?? NO_AREAS);
  const townships = useAppStore((s) => s.snapshot?.townships ?? NO_TOWNSHIPS);
  const snapTotals = useAppStore((s) => s.snapshot?.totals ?? null);
  const snapshotVersion = useAppStore((s) => s.snapshotVersion);
  const results = useAppStore((s) => s.results);
  const target = useAppStore((s) => s.params.targetPer10k);
  return useMemo(() => {
    const snapAreas = level === 'county' ? counties : snapshotTownshipAreas(townships);
    const resAreas = (level === 'county' ? results?.counties : results?.townships) ?? NO_RESULTS;
    const current = results !== null && resultsAreCurrent(results, snapshotVersion);
    // The totals are the whole region's on both tabs, so they agree whatever is missing.
    const totals =
      current && results.totals
        ? rowFromResult(results.totals)
        : snapTotals
          ? rowFromSnapshot(snapTotals, 'county', target)
          : null;
    if (level === 'township' && snapAreas.length === 0 && resAreas.length === 0) {
      return { rows: [], totals, analysed: current, townshipsMissing: true };
    }
    if (current && resAreas.length > 0) {
      return { rows: resAreas.map(rowFromResult), totals, analysed: true, townshipsMissing: false };
    }
    return {
      rows: snapAreas.map((a) => rowFromSnapshot(a, level, target)),
      totals: snapTotals ? rowFromSnapshot(snapTotals, 'county', target) : null,
      analysed: false,
      townshipsMissing: false,
    };
  }, [level, counties, townships, snapTotals, snapshotVersion, results, target]);
}
