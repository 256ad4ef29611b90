/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Chinese correctly), CRLF
 * line ends, RFC 4180 quoting, and formula injection neutralised — a text cell starting
 * with = + - @ (or a tab/CR that Excel strips first) gets a leading apostrophe, so an
 * imported station name like `=HYPERLINK(…)` stays text.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toExcelCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
