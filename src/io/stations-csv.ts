import Papa from 'papaparse';
import type { TextChunk } from './decode-text';

export type Newline = '\n' | '\r\n' | '\r';
export interface CsvDialect {
  delimiter: string;
  newline: Newline;
}

/** Delimiters tried, in order of preference on a tie. */
export const CSV_DELIMITERS = [',', '\t', ';', '|'] as const;

/** A partial record longer than this means a quote that never closes. */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;

/**
 * Pick the delimiter that splits the sample's records most consistently into more than
 * one field: for each candidate, the most common field count and how many records have
 * it. `columns` is 1 when no candidate splits the header — a wrong or unsupported delimiter.
 * Papa's own guess is not used because it falls back to a comma silently.
 */
export function detectDialect(sample: string): { dialect: CsvDialect; columns: number } {
  let best = { delimiter: ',', consistent: -1, columns: 1 };
  let newline: Newline = '\n';
  for (const delimiter of CSV_DELIMITERS) {
    const res = Papa.parse<string[]>(sample, { delimiter, preview: 50, skipEmptyLines: 'greedy' });
    if (delimiter === ',') newline = asNewline(res.meta.linebreak);
    const counts = new Map<number, number>();
    for (const r of res.data) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let columns = 1;
    let consistent = 0;
    for (const [len, n] of counts) {
      if (len > 1 && (n > consistent || (n === consistent && len > columns))) {
        columns = len;
        consistent = n;
      }
    }
    if (
      columns > 1 &&
      (consistent > best.consistent || (consistent === best.consistent && columns > best.columns))
    ) {
      best = { delimiter, consistent, columns };
    }
  }
  return { dialect: { delimiter: best.delimiter, newline }, columns: best.columns };
}

function asNewline(s: string | undefined): Newline {
  return s === '\r\n' || s === '\r' ? s : '\n';
}

export interface CsvBatch {
  /** Non-blank records. */
  records: string[][];
  /** 1-based physical line where each record starts. */
  lines: number[];
  /** Index in `records` of a record whose quote never closes (by the end of the file or within 8 M characters), or -1. */
  unterminated: number;
  /** Bytes of the file consumed so far. */
  byteEnd: number;
}

/** What Papa's core parser returns (typed loosely in @types/papaparse). */
interface CoreParseResult {
  data: string[][];
  errors: { code: string; row?: number }[];
  meta: { cursor: number };
}

function isBlank(r: readonly string[]): boolean {
  for (const f of r) if (f.trim() !== '') return false;
  return true;
}

/**
 * Parse decoded text chunks into records, streaming. Papa's core `Parser.parse(text, 0,
 * ignoreLastRow = true)` returns only the records that are complete and the cursor after
 * them; the rest — a partial line, or a quoted field whose newline-containing value
 * continues in the next chunk — is carried over and parsed again with the next chunk.
 * This is what Papa's own ChunkStreamer does, minus its File/stream readers.
 * Nothing here fails a whole file: a row that cannot be split is flagged in its batch.
 * (`_file` is kept for callers; problems are reported by the row reader, which names it.)
 */
export async function* csvBatches(
  chunks: AsyncIterable<TextChunk>,
  dialect: CsvDialect,
  _file: string,
): AsyncGenerator<CsvBatch> {
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline });
  const lineBreak = dialect.newline === '\r' ? '\r' : '\n';
  let pending = '';
  let line = 1;
  let byteEnd = 0;

  const take = (res: CoreParseResult, text: string, final: boolean): CsvBatch => {
    const quoted = text.indexOf('"') >= 0;
    const records: string[][] = [];
    const lines: number[] = [];
    let unterminated = -1;
    const missingAt = final ? (res.errors.find((e) => e.code === 'MissingQuotes')?.row ?? -1) : -1;
    for (let i = 0; i < res.data.length; i++) {
      const r = res.data[i];
      if (!isBlank(r)) {
        if (i === missingAt) unterminated = records.length;
        records.push(r);
        lines.push(line);
      }
      line++;
      // Only a quoted field can hold a line break; skip the scan when the text has no quotes.
      if (quoted) for (const f of r) line += countOf(f, lineBreak);
    }
    return { records, lines, unterminated, byteEnd };
  };

  for await (const chunk of chunks) {
    pending = pending === '' ? chunk.text : pending + chunk.text;
    byteEnd = chunk.byteEnd;
    const res = parser.parse(pending, 0, true) as CoreParseResult;
    const batch = take(res, pending.slice(0, res.meta.cursor), false);
    pending = pending.slice(res.meta.cursor);
    if (batch.records.length || res.meta.cursor > 0) yield batch;
    if (pending.length > MAX_PENDING_CHARS) {
      // A quote that never closes swallows the rest of the file: that row is rejected and
      // the rows before it are kept, as when the file ends inside the quote.
      yield { records: [[pending.slice(0, 40)]], lines: [line], unterminated: 0, byteEnd };
      return;
    }
  }
  if (pending !== '') {
    const res = parser.parse(pending, 0, false) as CoreParseResult;
    yield take(res, pending, true);
  }
}

function countOf(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** Parse a whole (small) text, e.g. the head of a file for a preview. */
export async function parseCsvText(
  text: string,
  dialect: CsvDialect,
  file: string,
): Promise<{ records: string[][]; lines: number[] }> {
  const records: string[][] = [];
  const lines: number[] = [];
  async function* one(): AsyncGenerator<TextChunk> {
    yield { text, byteEnd: text.length };
  }
  for await (const b of csvBatches(one(), dialect, file)) {
    records.push(...b.records);
    lines.push(...b.lines);
  }
  return { records, lines };
}
