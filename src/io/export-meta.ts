import type { ComplianceRules } from '../core/analysis/compliance';
import { reportStrings } from './report-i18n';

/**
 * What every export carries at its top: the rules its verdicts were made with, when it
 * was made, what it is and whether synthetic data went into it. Regulators compare files
 * made months apart; a number without its threshold means nothing, and a number made
 * from the demo's generated stations must never pass for a real one.
 */
export interface ExportMeta {
  title: string;
  /** ISO-8601 with the local offset (export-time.ts). */
  generated: string;
  rules: ComplianceRules;
  lang: ExportLang;
  /** Synthetic (demo) sites are part of the result (the report's `inputs.synthetic`). */
  synthetic: boolean;
}

export type ExportLang = 'zh-CN' | 'en';

const fmt = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** The rules as one line of text, in the export's language. */
export function rulesLine(r: ComplianceRules, lang: ExportLang): string {
  if (lang === 'zh-CN') {
    return (
      `每万人 5G 基站目标 ${fmt(r.targetPer10k)} 个；` +
      `县城 RedCap 连续覆盖：覆盖面积 ≥ ${fmt(r.continuityMinAreaPct)}% 且无大于 ${fmt(r.continuityMaxGapKm2)} km² 的连通空洞（8 邻接）；` +
      `NR 覆盖门限 RSRP ≥ ${fmt(r.nrThresholdDbm)} dBm（RedCap 另加频段损耗）；` +
      `网格 ${fmt(r.cellSizeM)} m（县城 ${fmt(r.townCellSizeM)} m）`
    );
  }
  return (
    `target ${fmt(r.targetPer10k)} 5G sites per 10,000 people; ` +
    `county-town RedCap continuity: ≥ ${fmt(r.continuityMinAreaPct)}% of the area covered and no connected gap (8-connected) over ${fmt(r.continuityMaxGapKm2)} km²; ` +
    `NR covered where RSRP ≥ ${fmt(r.nrThresholdDbm)} dBm (RedCap: plus the band's RedCap penalty); ` +
    `grid ${fmt(r.cellSizeM)} m (county towns ${fmt(r.townCellSizeM)} m)`
  );
}

/** The rules as flat key/value pairs (GeoJSON `properties`, KML ExtendedData). */
export function rulesRecord(r: ComplianceRules): Record<string, number> {
  return {
    target_per_10k: r.targetPer10k,
    continuity_min_area_pct: r.continuityMinAreaPct,
    continuity_max_gap_km2: r.continuityMaxGapKm2,
    nr_threshold_dbm: r.nrThresholdDbm,
    cell_size_m: r.cellSizeM,
    town_cell_size_m: r.townCellSizeM,
  };
}

/**
 * "含合成数据：基站为演示用合成数据，结论不能用于核查" when synthetic sites went in, else
 * null: the warning titles, descriptions and PNG text carry.
 */
export function syntheticWarning(meta: Pick<ExportMeta, 'synthetic' | 'lang'>): string | null {
  if (!meta.synthetic) return null;
  const tr = reportStrings(meta.lang);
  return `${tr('synthetic')}${meta.lang === 'zh-CN' ? '：' : ': '}${tr('syntheticNote')}`;
}

/** A title with "（含合成数据）" after it when synthetic sites went in. */
export function markedTitle(title: string, meta: Pick<ExportMeta, 'synthetic' | 'lang'>): string {
  if (!meta.synthetic) return title;
  const s = reportStrings(meta.lang)('synthetic');
  return meta.lang === 'zh-CN' ? `${title}（${s}）` : `${title} (${s})`;
}
