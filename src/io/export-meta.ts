import type { ComplianceRules } from '../core/analysis/compliance';

/**
 * What every export carries at its top: the rules its verdicts were made with, when it
 * was made and what it is. Regulators compare files made months apart; a number without
 * its threshold means nothing.
 */
export interface ExportMeta {
  title: string;
  /** ISO-8601. */
  generated: string;
  rules: ComplianceRules;
  lang: ExportLang;
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
