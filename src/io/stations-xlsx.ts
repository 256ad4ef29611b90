import { readSheet } from 'read-excel-file/universal';
import { errorText } from './decode-text';
import { ImportError } from './issues';
import { listZip } from './zip-read';

/** First bytes of a legacy OLE2 .xls workbook (XLSX is a zip: see isZip). */
export function isOle2(head: Uint8Array): boolean {
  return head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
}

/**
 * The first sheet as rows of strings. read-excel-file gives numbers, booleans and dates
 * as such; they are turned back into text so XLSX rows go through the same validation
 * as CSV rows (String(121.470259) round-trips exactly).
 *
 * read-excel-file unzips by itself (fflate, which allocates each part at the size the
 * central directory declares and never writes past it); the central directory is checked
 * first by listZip, so a zip bomb is refused by its declared sizes before any inflating.
 */
export async function readFirstSheet(blob: Blob, file: string): Promise<unknown[][]> {
  let buffer: ArrayBuffer;
  try {
    buffer = await blob.arrayBuffer();
    listZip(new Uint8Array(buffer), file);
  } catch (e) {
    if (e instanceof ImportError && e.code !== 'invalid-zip') throw e;
    throw notXlsx(file, e instanceof ImportError ? e.params.reason : errorText(e));
  }
  try {
    return (await readSheet(buffer)) as unknown[][];
  } catch (e) {
    // A TypeError from inside the library says only that some part is malformed.
    const internal = e instanceof TypeError || e instanceof RangeError;
    throw notXlsx(file, internal ? 'a part of the workbook is malformed' : errorText(e));
  }
}

function notXlsx(file: string, detail: unknown): ImportError {
  const d = String(detail ?? '');
  return new ImportError(
    file,
    'invalid-xlsx',
    `not a readable XLSX workbook — damaged or truncated? (${d})`,
    { detail: d },
  );
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v);
}

export function rowText(row: readonly unknown[]): string[] {
  const out = new Array<string>(row.length);
  for (let i = 0; i < row.length; i++) out[i] = cellText(row[i]);
  return out;
}
