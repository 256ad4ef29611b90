import writeXlsxFile from 'write-excel-file/universal';
import type { ComplianceRules } from '../core/analysis/compliance';
import type { ParamDescription } from '../core/model/params';
import { toExcelCsv, type CsvValue } from './csv-export';
import type { Report, ReportArea, ReportRollup } from './report';

/**
 * Area metrics as a table for spreadsheets (CSV and XLSX share it).
 *
 * Where the rules go: a CSV has no place for a header block that Excel, pandas and the
 * project's own importers all skip, and a leading "# parameter" block breaks every one
 * of them. So every row carries the rules it was judged by as columns (target_per_10k
 * already was one): the table stays a plain rectangle, survives sorting and filtering,
 * and a row pasted elsewhere still says which rules made it. The XLSX also gets a
 * "parameters" sheet with every model parameter, its unit and its source.
 */

/** One column per metric of a report row (`sailplan analyze --format csv` writes these). */
export const AREA_METRIC_COLUMNS = [
  'code',
  'name',
  'level',
  'parent',
  'population',
  'area_km2',
  'sites_5g',
  'sites_redcap',
  'sites_per_10k',
  'target_per_10k',
  'sites_needed',
  'nr_area_pct',
  'nr_pop_pct',
  'redcap_area_pct',
  'redcap_pop_pct',
  'gaps_count',
  'gaps_total_km2',
  'gaps_largest_km2',
  'gaps_pop_uncovered',
  'town_zone_area_km2',
  'town_zone_redcap_area_pct',
  'town_zone_largest_gap_km2',
  'town_zone_continuous',
] as const;

/** The metric cells of a report row, in AREA_METRIC_COLUMNS order. */
export function areaMetricCells(a: ReportArea | ReportRollup): CsvValue[] {
  return [
    a.code,
    a.name,
    a.level,
    a.parent,
    a.population,
    a.area_km2,
    a.sites_5g,
    a.sites_redcap,
    a.sites_per_10k,
    a.target_per_10k,
    a.sites_needed,
    a.coverage.nr.area_pct,
    a.coverage.nr.pop_pct,
    a.coverage.redcap.area_pct,
    a.coverage.redcap.pop_pct,
    a.gaps.count,
    a.gaps.total_km2,
    a.gaps.largest_km2,
    a.gaps.pop_uncovered,
    a.town_zone?.area_km2,
    a.town_zone?.redcap_area_pct,
    a.town_zone?.largest_gap_km2,
    a.town_zone ? a.town_zone.continuous : null,
  ];
}

/** The metrics plus the rules each row was judged by. */
export const AREA_COLUMNS = [
  ...AREA_METRIC_COLUMNS,
  'rule_continuity_min_area_pct',
  'rule_continuity_max_gap_km2',
  'rule_nr_threshold_dbm',
  'rule_cell_size_m',
] as const;

export interface AreaTable {
  header: readonly string[];
  rows: CsvValue[][];
}

/** Provinces and prefectures (roll-ups) first, then the counties and townships. */
export function areaTable(report: Report, rules: ComplianceRules): AreaTable {
  const row = (a: ReportArea | ReportRollup): CsvValue[] => [
    ...areaMetricCells(a),
    rules.continuityMinAreaPct,
    rules.continuityMaxGapKm2,
    rules.nrThresholdDbm,
    rules.cellSizeM,
  ];
  return { header: AREA_COLUMNS, rows: [...report.rollups.map(row), ...report.areas.map(row)] };
}

/** UTF-8 with BOM, CRLF, formula injection neutralised (see csv-export.ts). */
export function areasCsv(report: Report, rules: ComplianceRules): string {
  const t = areaTable(report, rules);
  return toExcelCsv(t.header, t.rows);
}

/** Rows of the parameters sheet: the rules first, then every model parameter with its source. */
export function parameterRows(
  rules: ComplianceRules,
  model: readonly ParamDescription[],
  generated: string,
): CsvValue[][] {
  return [
    ['generated', generated, '', ''],
    ['target_per_10k', rules.targetPer10k, 'sites / 10,000 people', 'Sailing plan (2024), 2027'],
    ['continuity_min_area_pct', rules.continuityMinAreaPct, '%', 'SailPlan default'],
    ['continuity_max_gap_km2', rules.continuityMaxGapKm2, 'km²', 'SailPlan default (8-connected)'],
    ['nr_threshold_dbm', rules.nrThresholdDbm, 'dBm', 'SS-RSRP coverage threshold'],
    ['cell_size_m', rules.cellSizeM, 'm', 'equal-area grid'],
    ['town_cell_size_m', rules.townCellSizeM, 'm', 'county-town grid'],
    ...model.map((p) => [`model.${p.key}`, p.value, p.unit, p.source]),
  ];
}

type XlsxCell = {
  value: string | number | boolean;
  type: StringConstructor | NumberConstructor | BooleanConstructor;
  fontWeight?: 'bold';
} | null;

function xlsxCell(v: CsvValue, bold = false): XlsxCell {
  if (v === null || v === undefined) return null;
  const style = bold ? { fontWeight: 'bold' as const } : {};
  if (typeof v === 'number')
    return Number.isFinite(v) ? { value: v, type: Number, ...style } : null;
  if (typeof v === 'boolean') return { value: v, type: Boolean, ...style };
  // Typed as String: stored as a text cell, never a formula, so "=cmd|…" stays inert text.
  return { value: v, type: String, ...style };
}

/**
 * The area table and the parameters as an XLSX workbook (sheets "areas", "parameters").
 * write-excel-file's universal build only zips in memory (fflate), so this runs in the
 * browser, a worker and Node alike; the CLI writes the Blob's bytes to disk.
 */
export async function areasXlsx(
  report: Report,
  rules: ComplianceRules,
  model: readonly ParamDescription[],
): Promise<Blob> {
  const t = areaTable(report, rules);
  const params = parameterRows(rules, model, report.generated);
  const sheet = (header: readonly string[], rows: CsvValue[][]) => [
    header.map((h) => xlsxCell(h, true)),
    ...rows.map((r) => r.map((v) => xlsxCell(v))),
  ];
  return writeXlsxFile([
    { sheet: 'areas', data: sheet(t.header, t.rows), stickyRowsCount: 1 },
    { sheet: 'parameters', data: sheet(['key', 'value', 'unit', 'source'], params) },
  ]).toBlob();
}
