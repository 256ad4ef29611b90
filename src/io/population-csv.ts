import { canonicalAdminCode, describeBadCode, parseCount } from './admin-codes';
import {
  decodeTextFile,
  mixedEncodingIssues,
  readAllBytes,
  type NotTextMessages,
} from './decode-text';
import { ImportError, type ImportIssue, type ImportOptions } from './issues';
import { detectDialect, parseCsvText } from './stations-csv';
import type { IssueCode } from './issue-codes';

/** One population row with a usable code. */
export interface PopulationRow {
  /** Canonical code: 6 digits (county, or a province/prefecture total), 9 (township). */
  code: string;
  name: string;
  total: number;
  urban: number | null;
  rural: number | null;
  /** 1-based data row in the file (header excluded). */
  row: number;
}

/** A province (xx0000) or prefecture (xxxx00) total row: names roll-ups of counties. */
export interface PopulationAggregate {
  code: string;
  /** From the province/prefecture column when the table has one, else the name column. */
  name: string;
  total: number;
}

export interface PopulationColumns {
  code: string;
  name: string | null;
  total: string;
  urban: string | null;
  rural: string | null;
}

export interface PopulationImportResult {
  file: string;
  encoding: string;
  columns: PopulationColumns;
  rows: PopulationRow[];
  /** The national total row (code NA or none, named 全国/合计), when the file has one. */
  nationalTotal: number | null;
  /** Province and prefecture rows (also in `rows`, where joins skip them as aggregates). */
  aggregates: PopulationAggregate[];
  rejected: ImportIssue[];
  warnings: ImportIssue[];
}

export type PopulationImportOptions = ImportOptions;

// Header aliases, compared after lower-casing and dropping spaces and a unit in brackets.
const ALIASES: Record<keyof PopulationColumns, string[]> = {
  code: [
    'code',
    'adcode',
    'ad_code',
    '区划代码',
    '行政区划代码',
    '代码',
    'gb',
    'gbcode',
    'xzqdm',
    'county_code',
  ],
  name: ['name', '名称', 'county', '区县', '地区', '地区名称', '县', '单位', 'name_zh', 'xzqmc'],
  total: [
    'total',
    'pop_total',
    'pop2020',
    'pop',
    'population',
    '常住人口',
    '总人口',
    '人口',
    '合计',
    '人口数',
    'total_pop',
  ],
  urban: ['urban', 'pop_urban', '城镇人口', '城镇', 'urban_pop'],
  rural: ['rural', 'pop_rural', '乡村人口', '乡村', 'rural_pop'],
};

function normHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]\s*$/, '')
    .replace(/\s+/g, '');
}

/** "常住人口（万人）" counts in units of 10,000. */
const unitOf = (h: string): number => (/万/.test(h) ? 10_000 : 1);

const PROVINCE_COLUMNS = ['province', '省', '省份', '省级'];
const PREFECTURE_COLUMNS = ['prefecture', '地级', '地市', '地级市', '市'];

const NATIONAL = /^(全国|合计|总计|全省|total|national)$/i;
const MISSING = /^(|na|n\/a|null|-|—|–)$/i;

const NOT_CSV_TEXT: NotTextMessages = {
  empty: 'the file is empty',
  binary: 'binary data, not a CSV text file (save spreadsheets as CSV)',
  utf16Advice: 'save the table as "CSV UTF-8"',
};

/** Text decoded for delimiter detection, as for station tables. */
const DIALECT_SAMPLE_CHARS = 256 * 1024;

/**
 * A population table (CSV/TSV, UTF-8 or GBK) with a code column and a total column;
 * urban and rural are optional. Rows without a code are not joinable and are reported;
 * bad numbers reject the row; urban + rural ≠ total is a warning.
 */
export async function importPopulation(
  blob: Blob,
  fileName: string,
  opts: PopulationImportOptions = {},
): Promise<PopulationImportResult> {
  const file = fileName;
  const { text, encoding, mixed } = decodeTextFile(
    await readAllBytes(blob, file, opts.signal),
    file,
    NOT_CSV_TEXT,
  );
  opts.onProgress?.({ fraction: 0.3, rows: 0 });
  // Same delimiter rule as station tables: comma, tab, semicolon or |, by consistency.
  const { dialect } = detectDialect(text.slice(0, DIALECT_SAMPLE_CHARS));
  const { records, lines } = await parseCsvText(text, dialect, file);
  if (records.length === 0) throw new ImportError(file, 'empty-file', 'the file has no rows');
  const header = records[0];
  const norm = header.map(normHeader);
  const find = (k: keyof PopulationColumns): number => {
    for (const alias of ALIASES[k]) {
      const i = norm.indexOf(alias);
      if (i >= 0) return i;
    }
    return -1;
  };
  const idx = {
    code: find('code'),
    name: find('name'),
    total: find('total'),
    urban: find('urban'),
    rural: find('rural'),
  };
  for (const k of ['code', 'total'] as const) {
    if (idx[k] < 0) {
      throw new ImportError(
        file,
        'missing-column',
        `no ${k} column: expected one of ${ALIASES[k].join(', ')}; the header has ${header.join(', ')}`,
        { column: k },
      );
    }
  }
  const columns: PopulationColumns = {
    code: header[idx.code],
    name: idx.name >= 0 ? header[idx.name] : null,
    total: header[idx.total],
    urban: idx.urban >= 0 ? header[idx.urban] : null,
    rural: idx.rural >= 0 ? header[idx.rural] : null,
  };
  const scale = {
    total: unitOf(columns.total),
    urban: unitOf(columns.urban ?? ''),
    rural: unitOf(columns.rural ?? ''),
  };

  // Census tables name a prefecture's row in a prefecture column (its county column may say
  // 市辖区); those columns name the aggregates.
  const provinceIdx = norm.findIndex((h) => PROVINCE_COLUMNS.includes(h));
  const prefectureIdx = norm.findIndex((h) => PREFECTURE_COLUMNS.includes(h));
  const aggregates: PopulationAggregate[] = [];

  const rows: PopulationRow[] = [];
  const rejected: ImportIssue[] = [];
  const warnings: ImportIssue[] = mixedEncodingIssues(file, mixed);
  const firstRowOfCode = new Map<string, number>();
  let nationalTotal: number | null = null;
  for (let i = 1; i < records.length; i++) {
    const cells = records[i];
    // 1-based data row, header excluded, blank lines counted: the line below the header.
    const row = lines[i] - lines[0];
    const cell = (j: number): string => (j >= 0 ? (cells[j] ?? '').trim() : '');
    const rawCode = cell(idx.code);
    const name = cell(idx.name);
    const totalText = cell(idx.total);
    const issue = (
      code: IssueCode,
      field: string,
      value: string,
      message: string,
      params: Record<string, string | number> = {},
    ): ImportIssue => ({
      file,
      row,
      field,
      value,
      code,
      params: { ...params, name },
      message: name ? `${name}: ${message}` : message,
    });

    if (MISSING.test(rawCode) || /^(100000|0+)$/.test(rawCode)) {
      // Aggregate rows often have no code (or DataV's 100000 for the country); development
      // zones in the census have none either.
      if ((NATIONAL.test(name) || /^(100000|0+)$/.test(rawCode)) && nationalTotal === null) {
        nationalTotal = parseCount(totalText);
        continue;
      }
      warnings.push(
        issue(
          'population-no-code',
          columns.code,
          rawCode,
          'row has no code and cannot be joined to an area',
        ),
      );
      continue;
    }
    const code = canonicalAdminCode(rawCode);
    if (code === null) {
      rejected.push(
        issue('population-invalid-code', columns.code, rawCode, describeBadCode(rawCode)),
      );
      continue;
    }
    const total = parseCount(totalText);
    if (total === null) {
      rejected.push(
        issue(
          'population-invalid-number',
          columns.total,
          totalText,
          `total population "${totalText}" is not a non-negative number`,
        ),
      );
      continue;
    }
    const part = (k: 'urban' | 'rural'): number | null => {
      const text = cell(idx[k]);
      if (idx[k] < 0 || MISSING.test(text)) return null;
      const n = parseCount(text);
      if (n === null) {
        warnings.push(
          issue(
            'population-invalid-number',
            columns[k] ?? k,
            text,
            `${k} population "${text}" is not a number; left empty`,
          ),
        );
        return null;
      }
      return n * scale[k];
    };
    const urban = part('urban');
    const rural = part('rural');
    const first = firstRowOfCode.get(code);
    if (first !== undefined) {
      rejected.push(
        issue(
          'population-duplicate-code',
          columns.code,
          rawCode,
          `code ${code} already appears in row ${first}; this row is ignored`,
          { firstRow: first },
        ),
      );
      continue;
    }
    const t = total * scale.total;
    if (urban !== null && rural !== null && Math.abs(urban + rural - t) > Math.max(1, t * 0.001)) {
      warnings.push(
        issue(
          'population-sum-mismatch',
          columns.total,
          totalText,
          `urban ${urban} + rural ${rural} = ${urban + rural}, not the total ${t}`,
          {
            total: t,
            urban,
            rural,
          },
        ),
      );
    }
    firstRowOfCode.set(code, row);
    rows.push({ code, name, total: t, urban, rural, row });
    if (code.length === 6 && code.endsWith('00')) {
      const named = cell(code.endsWith('0000') ? provinceIdx : prefectureIdx);
      aggregates.push({ code, name: named || name || code, total: t });
    }
  }
  opts.onProgress?.({ fraction: 1, rows: rows.length });
  return { file, encoding, columns, rows, nationalTotal, aggregates, rejected, warnings };
}
