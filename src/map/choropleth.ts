import type { ExpressionSpecification } from 'maplibre-gl';
import type { AreaResult } from '../core/analysis/analyze';
import type { ChoroplethMetric } from '../store/map-slice';

/** One legend class: values in [from, to) get `color` (`to` null = no upper bound). */
export interface ChoroplethClass {
  from: number;
  to: number | null;
  color: string;
}

export const NO_DATA_COLOR = '#ced4da';

// Diverging around the target (red below, blue above): the regulator's question is "how
// far from 38 per 10k", so the break sits exactly at the target.
const DIVERGING = ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac'];
const SEQUENTIAL = ['#ffffcc', '#c2e699', '#78c679', '#31a354', '#006837'];
const NEEDED = ['#1a9850', '#fee08b', '#fdae61', '#f46d43', '#d73027'];

/** The classes of a metric; per-10k classes are fractions of `target`. */
export function choroplethClasses(metric: ChoroplethMetric, target: number): ChoroplethClass[] {
  const mk = (breaks: number[], colors: string[]): ChoroplethClass[] =>
    colors.map((color, i) => ({ from: breaks[i], to: breaks[i + 1] ?? null, color }));
  switch (metric) {
    case 'per10k':
      return mk(
        [0, 0.5, 0.75, 1, 1.25, 1.5].map((f) => f * target),
        DIVERGING,
      );
    case 'sitesNeeded':
      return mk([0, 1, 10, 50, 200], NEEDED);
    default:
      return mk([0, 50, 80, 90, 95], SEQUENTIAL);
  }
}

/** The metric's value for one area, or null when it is undefined (no population). */
export function metricValue(a: AreaResult, metric: ChoroplethMetric): number | null {
  switch (metric) {
    case 'per10k':
      return a.sitesPer10k;
    case 'nrAreaPct':
      return a.coverage.nr.areaPct;
    case 'nrPopPct':
      return a.population === null ? null : a.coverage.nr.popPct;
    case 'redcapAreaPct':
      return a.coverage.redcap.areaPct;
    case 'redcapPopPct':
      return a.population === null ? null : a.coverage.redcap.popPct;
    case 'sitesNeeded':
      return a.sitesNeeded;
  }
}

export function classColor(classes: readonly ChoroplethClass[], v: number | null): string {
  if (v === null || !Number.isFinite(v)) return NO_DATA_COLOR;
  for (let i = classes.length - 1; i >= 0; i--) if (v >= classes[i].from) return classes[i].color;
  return classes[0]?.color ?? NO_DATA_COLOR;
}

/**
 * A data-driven `match` on the boundary feature's `code`: the results are joined into the
 * style, so recolouring needs no change to the (large) boundary source.
 */
export function choroplethColorExpression(
  areas: readonly AreaResult[],
  metric: ChoroplethMetric,
  target: number,
): ExpressionSpecification | string {
  if (areas.length === 0) return NO_DATA_COLOR;
  const classes = choroplethClasses(metric, target);
  const pairs: string[] = [];
  const seen = new Set<string>();
  for (const a of areas) {
    // `match` rejects duplicate labels; a code appears once per level anyway.
    if (seen.has(a.code)) continue;
    seen.add(a.code);
    pairs.push(a.code, classColor(classes, metricValue(a, metric)));
  }
  return ['match', ['get', 'code'], ...pairs, NO_DATA_COLOR] as unknown as ExpressionSpecification;
}
