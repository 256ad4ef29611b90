import type { TownZoneResult } from '../core/analysis/analyze';
import { analysisParams, type AnalysisParams } from '../core/analysis/params';
import { formatNumber } from '../i18n';
import type { ColumnSpec } from './area-columns';
import type { TableRow } from './area-rows';

/** Fraction digits per kind of metric: the table, the detail and the tests agree on these. */
export const DIGITS = { count: 0, area: 1, pct: 1, km2: 2, per10k: 2 } as const;
export type MetricKind = keyof typeof DIGITS;

/** A metric for display: locale digits, a dash when unknown. */
export function formatMetric(x: number | null | undefined, kind: MetricKind, lang: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return formatNumber(x, lang, DIGITS[kind]);
}

/** People are whole: the engine's fractional population weights are rounded for display. */
export function formatPeople(x: number | null | undefined, lang: string): string {
  return x === null || x === undefined ? '—' : formatNumber(Math.round(x), lang, 0);
}

export interface ParamChange {
  /** Dotted path, e.g. `targetPer10k` or `model.bands.n78.powerDbm`. */
  key: string;
  value: unknown;
  defaultValue: unknown;
}

/** Leaves of a parameter object by dotted path; band `source` texts are not parameters. */
function leaves(o: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (o !== null && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      if (k === 'source' || k === 'band') continue;
      leaves(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else out.set(prefix, o);
  return out;
}

/** Parameters that differ from `base` (the defaults unless given), in a stable order. */
export function changedParams(
  params: AnalysisParams,
  base: AnalysisParams = analysisParams(),
): ParamChange[] {
  const a = leaves(params, '', new Map());
  const b = leaves(base, '', new Map());
  const out: ParamChange[] = [];
  for (const [key, value] of a) {
    if (!Object.is(value, b.get(key))) out.push({ key, value, defaultValue: b.get(key) });
  }
  return out;
}

/** The values of a continuity verdict, formatted, with the comparison signs that decide it. */
export function townZoneReasonParams(
  tz: TownZoneResult,
  params: Pick<AnalysisParams, 'continuityMinAreaPct' | 'continuityMaxGapKm2'>,
  lang: string,
): Record<string, string> {
  return {
    pct: formatMetric(tz.redcapAreaPct, 'pct', lang),
    cmpPct: tz.redcapAreaPct >= params.continuityMinAreaPct ? '≥' : '<',
    minPct: formatNumber(params.continuityMinAreaPct, lang, 2),
    gap: formatMetric(tz.largestGapKm2, 'km2', lang),
    cmpGap: tz.largestGapKm2 > params.continuityMaxGapKm2 ? '>' : '≤',
    maxGap: formatNumber(params.continuityMaxGapKm2, lang, 3),
  };
}

/** The text of one metric of a row, as the table and the detail show it. */
export function columnText(
  col: ColumnSpec,
  row: TableRow,
  t: (key: string) => string,
  lang: string,
): string {
  if (col.kind === 'text') return col.id === 'code' ? row.code : row.name;
  if (col.kind === 'zone') {
    const tz = row.townZone;
    if (!tz) return t('panels.townZone.none');
    return `${tz.continuous ? t('panels.townZone.yes') : t('panels.townZone.no')} ${formatMetric(tz.redcapAreaPct, 'pct', lang)}%`;
  }
  const v = col.value(row);
  const x = typeof v === 'number' ? v : null;
  return col.kind === 'people' ? formatPeople(x, lang) : formatMetric(x, col.kind, lang);
}
