import Papa from 'papaparse';
import { canonicalAdminCode, describeBadCode } from './admin-codes';
import { bytesToText, looksBinary } from './bytes-to-text';
import { ImportCancelled, ImportError, type ImportIssue, type ImportOptions } from './issues';

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

const NATIONAL = /^(全国|合计|总计|全省|total|national)$/i;
const MISSING = /^(|na|n\/a|null|-|—|–)$/i;

function parseNumber(s: string): number | null {
  const t = s.trim().replace(/[,\s\u00a0\u2009]/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

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
  if (opts.signal?.aborted) throw new ImportCancelled(file);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (opts.signal?.aborted) throw new ImportCancelled(file);
  if (bytes.length === 0) throw new ImportError(file, 'empty-file', 'the file is empty');
  if (looksBinary(bytes)) {
    throw new ImportError(
      file,
      'unknown-format',
      'binary data, not a CSV text file (save spreadsheets as CSV)',
    );
  }
  const { text, encoding } = bytesToText(bytes);
  opts.onProgress?.({ fraction: 0.3, rows: 0 });
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const table = parsed.data;
  const headerIndex = table.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw new ImportError(file, 'empty-file', 'the file has no rows');
  const header = table[headerIndex];
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

  const rows: PopulationRow[] = [];
  const rejected: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const firstRowOfCode = new Map<string, number>();
  let nationalTotal: number | null = null;
  const dataRows = table.slice(headerIndex + 1);
  for (let i = 0; i < dataRows.length; i++) {
    const cells = dataRows[i];
    if (cells.every((c) => c.trim() === '')) continue;
    const row = i + 1;
    const cell = (j: number): string => (j >= 0 ? (cells[j] ?? '').trim() : '');
    const rawCode = cell(idx.code);
    const name = cell(idx.name);
    const totalText = cell(idx.total);
    const issue = (
      code: string,
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
        nationalTotal = parseNumber(totalText);
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
    const total = parseNumber(totalText);
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
      const n = parseNumber(text);
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
  }
  opts.onProgress?.({ fraction: 1, rows: rows.length });
  return { file, encoding, columns, rows, nationalTotal, rejected, warnings };
}
