import { sitesNeeded } from '../per10k';
import type { AreaResult } from './analyze';
import type { AnalysisParams } from './params';

/**
 * The rules judge coverage; they do not compute it. A change of the per-10k target or of
 * the continuity rule leaves every grid count as it was, so the results are re-judged
 * from the counts already computed — in microseconds instead of a new grid run — and come
 * out exactly as a full run would make them (a test checks it against one).
 */

const RULE_KEYS = ['targetPer10k', 'continuityMinAreaPct', 'continuityMaxGapKm2'] as const;

/** True when `a` and `b` differ at most in the rules (same model, grid and zones). */
export function onlyRulesDiffer(a: AnalysisParams, b: AnalysisParams): boolean {
  const strip = (p: AnalysisParams) => {
    const copy: Record<string, unknown> = { ...p };
    for (const k of RULE_KEYS) delete copy[k];
    return JSON.stringify(copy);
  };
  return strip(a) === strip(b);
}

/** An area's result under other rules: sites needed and the continuity verdict. */
export function rejudgeArea(r: AreaResult, params: AnalysisParams): AreaResult {
  const tz = r.townZone;
  return {
    ...r,
    targetPer10k: params.targetPer10k,
    sitesNeeded: sitesNeeded(r.sites5g, r.population, params.targetPer10k),
    townZone: tz && {
      ...tz,
      continuous:
        tz.areaKm2 > 0 &&
        tz.redcapAreaPct >= params.continuityMinAreaPct &&
        tz.largestGapKm2 <= params.continuityMaxGapKm2,
    },
  };
}

/** Totals over re-judged rows: per-area shortfalls add up, as in `totalsOf`. */
export function rejudgeTotals(
  totals: AreaResult,
  rows: readonly AreaResult[],
  params: AnalysisParams,
): AreaResult {
  return {
    ...totals,
    targetPer10k: params.targetPer10k,
    sitesNeeded: rows.every((r) => r.sitesNeeded !== null)
      ? rows.reduce((a, r) => a + (r.sitesNeeded ?? 0), 0)
      : null,
  };
}
