import writeXlsxFile from 'write-excel-file/universal';
import type { ComplianceRules } from '../core/analysis/compliance';
import type { ParamDescription } from '../core/model/params';
import { toExcelCsv, type CsvValue } from './csv-export';
import type { ExportLang } from './export-meta';
import { localTimeText } from './export-time';
import type { Report, ReportArea, ReportRollup } from './report';
import { reportStrings } from './report-i18n';

/**
 * Area metrics as a table for spreadsheets: one column table for the CSV and the XLSX of
 * the app's export menu, `sailplan export --what areas` and `sailplan analyze --format
 * csv`, so the three files agree cell for cell.
 *
 * Where the rules go: a CSV has no place for a header block that Excel, pandas and the
 * project's own importers all skip, and a leading "# parameter" block breaks every one
 * of them. So every row carries the rules it was judged by as columns (target_per_10k
 * already was one), and whether synthetic data went into it: the table stays a plain
 * rectangle, survives sorting and filtering, and a row pasted elsewhere still says which
 * rules made it and that its sites were made up. The XLSX also gets a "parameters" sheet
 * with every model parameter, its unit and its source.
 *
 * Read like the screen: headers in the export's language (Chinese; English headers are
 * the report's snake_case field names, which pandas and scripts key on), levels and
 * yes/no in words, and figures rounded as the app shows them: people whole, percentages
 * to 0.1, km² and sites per 10k to 0.01 (the JSON report keeps 6 decimals). A figure
 * made from the population (people, per 10k, sites needed, population %) is left blank
 * when the population is unknown: an empty cell, never a 0 that reads as "no one".
 */

type Row = ReportArea | ReportRollup;

/** How a column's values are rounded and written. */
export type AreaColumnFormat =
  'text' | 'level' | 'people' | 'count' | 'km2' | 'pct' | 'per10k' | 'bool' | 'rule';

interface RowContext {
  rules: ComplianceRules;
  synthetic: boolean;
}

export interface AreaColumn {
  /** The English header: the report's field name (snake_case). */
  key: string;
  /** The Chinese header. */
  zh: string;
  format: AreaColumnFormat;
  /** Made from the population: blank when it is unknown. */
  fromPopulation?: true;
  value: (a: Row, ctx: RowContext) => CsvValue;
}

const col = (
  key: string,
  zh: string,
  format: AreaColumnFormat,
  value: AreaColumn['value'],
  fromPopulation?: true,
): AreaColumn => ({ key, zh, format, value, ...(fromPopulation ? { fromPopulation } : {}) });

/** Every column of the area table, in order (the one definition the app and CLI share). */
export const AREA_COLUMNS: readonly AreaColumn[] = [
  col('code', '区划代码', 'text', (a) => a.code),
  col('name', '名称', 'text', (a) => a.name),
  col('level', '级别', 'level', (a) => a.level),
  col('parent', '上级', 'text', (a) => a.parent),
  col('population', '常住人口', 'people', (a) => a.population, true),
  col('area_km2', '面积（km²）', 'km2', (a) => a.area_km2),
  col('sites_5g', '5G 基站', 'count', (a) => a.sites_5g),
  col('sites_redcap', 'RedCap 基站', 'count', (a) => a.sites_redcap),
  col('sites_per_10k', '每万人 5G 基站', 'per10k', (a) => a.sites_per_10k, true),
  col('target_per_10k', '目标（每万人）', 'rule', (a) => a.target_per_10k),
  col('sites_needed', '尚缺基站', 'count', (a) => a.sites_needed, true),
  col('nr_area_pct', 'NR 面积覆盖率（%）', 'pct', (a) => a.coverage.nr.area_pct),
  col('nr_pop_pct', 'NR 人口覆盖率（%）', 'pct', (a) => a.coverage.nr.pop_pct, true),
  col('redcap_area_pct', 'RedCap 面积覆盖率（%）', 'pct', (a) => a.coverage.redcap.area_pct),
  col('redcap_pop_pct', 'RedCap 人口覆盖率（%）', 'pct', (a) => a.coverage.redcap.pop_pct, true),
  col('gaps_count', 'NR 覆盖空洞数', 'count', (a) => a.gaps.count),
  col('gaps_total_km2', '空洞总面积（km²）', 'km2', (a) => a.gaps.total_km2),
  col('gaps_largest_km2', '最大空洞（km²）', 'km2', (a) => a.gaps.largest_km2),
  col('gaps_pop_uncovered', '未覆盖人口', 'people', (a) => a.gaps.pop_uncovered, true),
  col('town_zone_area_km2', '县城区域面积（km²）', 'km2', (a) => a.town_zone?.area_km2),
  col(
    'town_zone_redcap_area_pct',
    '县城 RedCap 面积覆盖率（%）',
    'pct',
    (a) => a.town_zone?.redcap_area_pct,
  ),
  col(
    'town_zone_largest_gap_km2',
    '县城最大 RedCap 空洞（km²）',
    'km2',
    (a) => a.town_zone?.largest_gap_km2,
  ),
  col('town_zone_continuous', '县城 RedCap 连续覆盖', 'bool', (a) => a.town_zone?.continuous),
  col(
    'rule_continuity_min_area_pct',
    '规则：连续覆盖最低面积比例（%）',
    'rule',
    (_, c) => c.rules.continuityMinAreaPct,
  ),
  col(
    'rule_continuity_max_gap_km2',
    '规则：连续覆盖最大空洞（km²）',
    'rule',
    (_, c) => c.rules.continuityMaxGapKm2,
  ),
  col(
    'rule_nr_threshold_dbm',
    '规则：NR 覆盖门限（dBm）',
    'rule',
    (_, c) => c.rules.nrThresholdDbm,
  ),
  col('rule_cell_size_m', '规则：网格边长（m）', 'rule', (_, c) => c.rules.cellSizeM),
  col('contains_synthetic_data', '含合成数据', 'bool', (_, c) => c.synthetic),
];

/** The column headers in `lang`. */
export function areaHeader(lang: ExportLang): string[] {
  return AREA_COLUMNS.map((c) => (lang === 'zh-CN' ? c.zh : c.key));
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  // Math.round on the scaled value, and no "-0" for a tiny negative.
  return Math.round(x * f) / f || 0;
};

/** A value rounded and worded for the table. */
function cell(v: CsvValue, format: AreaColumnFormat, lang: ExportLang): CsvValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    switch (format) {
      case 'people':
      case 'count':
        return Math.round(v);
      case 'pct':
        return round(v, 1);
      case 'km2':
      case 'per10k':
        return round(v, 2);
      default:
        return v;
    }
  }
  if (typeof v === 'boolean') return lang === 'zh-CN' ? (v ? '是' : '否') : v;
  if (format === 'level' && lang === 'zh-CN') {
    const tr = reportStrings(lang);
    if (v === 'province' || v === 'prefecture' || v === 'county' || v === 'township') return tr(v);
  }
  return v;
}

/** The cells of one report row, in AREA_COLUMNS order. */
export function areaCells(a: Row, ctx: RowContext, lang: ExportLang): CsvValue[] {
  const unknown = a.population === null;
  return AREA_COLUMNS.map((c) =>
    unknown && c.fromPopulation ? null : cell(c.value(a, ctx), c.format, lang),
  );
}

export interface AreaTable {
  header: readonly string[];
  /** Per column, how it is written (the XLSX picks a number format from it). */
  formats: readonly AreaColumnFormat[];
  rows: CsvValue[][];
}

/** What a table needs beyond the report: the rules and the language. */
export interface AreaTableOptions {
  rules: ComplianceRules;
  lang: ExportLang;
}

/** Provinces and prefectures (roll-ups) first, then the counties and townships. */
export function areaTable(report: Report, opts: AreaTableOptions): AreaTable {
  const ctx: RowContext = { rules: opts.rules, synthetic: report.inputs.synthetic };
  const row = (a: Row) => areaCells(a, ctx, opts.lang);
  return {
    header: areaHeader(opts.lang),
    formats: AREA_COLUMNS.map((c) => c.format),
    rows: [...report.rollups.map(row), ...report.areas.map(row)],
  };
}

/** UTF-8 with BOM, CRLF, formula injection neutralised (see csv-export.ts). */
export function areasCsv(report: Report, opts: AreaTableOptions): string {
  const t = areaTable(report, opts);
  return toExcelCsv(t.header, t.rows);
}

const SOURCES = {
  target: ['扬帆行动升级方案（2024），2027 年目标', 'Sailing plan (2024), 2027'],
  default: ['SailPlan 默认值', 'SailPlan default'],
  gap: ['SailPlan 默认值（8 邻接）', 'SailPlan default (8-connected)'],
  rsrp: ['SS-RSRP 覆盖门限', 'SS-RSRP coverage threshold'],
  grid: ['等积网格', 'equal-area grid'],
  town: ['县城网格', 'county-town grid'],
  per10k: ['个 / 万人', 'sites / 10,000 people'],
} as const;

/** Header of the parameters sheet. */
export function parameterHeader(lang: ExportLang): string[] {
  return lang === 'zh-CN' ? ['参数', '值', '单位', '来源'] : ['key', 'value', 'unit', 'source'];
}

/**
 * Rows of the parameters sheet: when it was made and whether synthetic data went in,
 * the rules, then every model parameter with its source (the model's own texts).
 */
export function parameterRows(
  rules: ComplianceRules,
  model: readonly ParamDescription[],
  report: Pick<Report, 'generated' | 'inputs'>,
  lang: ExportLang,
): CsvValue[][] {
  const s = (k: keyof typeof SOURCES) => SOURCES[k][lang === 'zh-CN' ? 0 : 1];
  const tr = reportStrings(lang);
  const synthetic = report.inputs.synthetic;
  return [
    ['generated', localTimeText(report.generated, lang), '', report.generated],
    [
      'contains_synthetic_data',
      cell(synthetic, 'bool', lang),
      '',
      synthetic ? tr('syntheticNote') : '',
    ],
    ['target_per_10k', rules.targetPer10k, s('per10k'), s('target')],
    ['continuity_min_area_pct', rules.continuityMinAreaPct, '%', s('default')],
    ['continuity_max_gap_km2', rules.continuityMaxGapKm2, 'km²', s('gap')],
    ['nr_threshold_dbm', rules.nrThresholdDbm, 'dBm', s('rsrp')],
    ['cell_size_m', rules.cellSizeM, 'm', s('grid')],
    ['town_cell_size_m', rules.townCellSizeM, 'm', s('town')],
    ...model.map((p) => [`model.${p.key}`, p.value, p.unit, p.source]),
  ];
}

type XlsxCell = {
  value: string | number | boolean;
  type: StringConstructor | NumberConstructor | BooleanConstructor;
  fontWeight?: 'bold';
  format?: string;
} | null;

/** Excel number formats matching the rounding of each column. */
const XLSX_FORMAT: Partial<Record<AreaColumnFormat, string>> = {
  people: '#,##0',
  count: '0',
  pct: '0.0',
  km2: '0.00',
  per10k: '0.00',
};

function xlsxCell(v: CsvValue, extra: { bold?: boolean; format?: string } = {}): XlsxCell {
  if (v === null || v === undefined) return null;
  const style = extra.bold ? { fontWeight: 'bold' as const } : {};
  if (typeof v === 'number')
    return Number.isFinite(v)
      ? { value: v, type: Number, ...style, ...(extra.format ? { format: extra.format } : {}) }
      : null;
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
  opts: AreaTableOptions,
  model: readonly ParamDescription[],
): Promise<Blob> {
  const t = areaTable(report, opts);
  const params = parameterRows(opts.rules, model, report, opts.lang);
  const header = (h: readonly string[]) => h.map((x) => xlsxCell(x, { bold: true }));
  const areas = [
    header(t.header),
    ...t.rows.map((r) => r.map((v, j) => xlsxCell(v, { format: XLSX_FORMAT[t.formats[j]] }))),
  ];
  const paramSheet = [
    header(parameterHeader(opts.lang)),
    ...params.map((r, i) =>
      // The synthetic-data row stands out when it says yes.
      r.map((v) => xlsxCell(v, { bold: i === 1 && report.inputs.synthetic })),
    ),
  ];
  return writeXlsxFile([
    { sheet: 'areas', data: areas, stickyRowsCount: 1 },
    { sheet: 'parameters', data: paramSheet },
  ]).toBlob();
}
