import { ImportCancelled, ImportError, type ImportIssue } from './issues';

/*
 * The one place where SailPlan turns bytes into text: station and population tables,
 * GeoJSON/TopoJSON/KML boundaries, zip entry names and DBF attributes all decide their
 * encoding with the rule below, so a file reads the same whatever it is imported as.
 */

/**
 * Text encodings SailPlan reads. Chinese Excel saves "CSV" as GBK (code page 936);
 * everything else is UTF-8, with or without a byte-order mark. The WHATWG 'gbk' label
 * decodes as GB18030 (a superset of GBK) in browsers and in Node with full ICU.
 */
export type TextEncodingId = 'utf-8' | 'utf-8-bom' | 'gbk';

/** How much of the head of a file is inspected to choose the encoding. */
export const SNIFF_BYTES = 64 * 1024;
/** Bytes read per step; each step decodes, parses and then yields to the event loop. */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/**
 * A single line longer than this is not a table: splitting work at line ends would
 * otherwise have to hold the whole file.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/**
 * Stands in the text for a line longer than MAX_LINE_BYTES, which is dropped unread: the
 * CSV layer sees a one-field record here and rejects that row alone (a NUL never occurs in
 * text that passed the sniff).
 */
export const LONG_LINE_MARK = '\u0000';

const LF = 0x0a;
const CR = 0x0d;

const NEITHER_UTF8_NOR_GBK = 'bytes are valid neither as UTF-8 nor as GBK';

export type SniffResult =
  | { kind: 'text'; encoding: TextEncodingId }
  | { kind: 'empty' }
  | { kind: 'binary'; reason: string }
  | { kind: 'utf-16' };

/**
 * Choose the encoding from the head of a file.
 * `complete` says the sample is the whole file, so a multi-byte character cut at the
 * end of the sample is an error rather than an artefact of sampling.
 *
 * Rule: a BOM means UTF-8; text that is valid UTF-8 is UTF-8; otherwise, if some lines
 * are valid non-ASCII UTF-8 and others are not, the file mixes encodings and is read as
 * UTF-8 with a per-line GBK fallback (see {@link BlobTextReader}); otherwise GBK.
 */
export function sniffEncoding(sample: Uint8Array, complete: boolean): SniffResult {
  let start = 0;
  let bom = false;
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    start = 3;
    bom = true;
  } else if (
    (sample[0] === 0xff && sample[1] === 0xfe) ||
    (sample[0] === 0xfe && sample[1] === 0xff)
  ) {
    return { kind: 'utf-16' };
  }
  const body = sample.subarray(start);
  if (isBlank(body)) return { kind: 'empty' };
  if (looksLikeUtf16(body)) return { kind: 'utf-16' };

  let controls = 0;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (b === 0) return { kind: 'binary', reason: `NUL byte at offset ${i + start}` };
    // Tab, LF, CR and ESC (ANSI colour codes in pasted logs) are the only controls text has.
    if (b < 0x20 && b !== 0x09 && b !== LF && b !== CR && b !== 0x1b) controls++;
  }
  if (controls > Math.max(8, body.length / 100)) {
    return {
      kind: 'binary',
      reason: `${controls} control bytes in the first ${body.length} bytes`,
    };
  }

  // A sample cut from a longer file may end inside a character or a line.
  const whole = complete ? body : body.subarray(0, lastLineEnd(body) + 1 || body.length);
  if (isValidUtf8(whole, 0, whole.length, !complete && whole.length === body.length)) {
    return { kind: 'text', encoding: bom ? 'utf-8-bom' : 'utf-8' };
  }
  if (bom || hasUtf8NonAsciiLine(whole)) {
    // Some lines are UTF-8 and some are not: rows appended from another export.
    return { kind: 'text', encoding: bom ? 'utf-8-bom' : 'utf-8' };
  }
  // A sample with no line end (one-line GeoJSON) may end inside a GBK character too.
  if (!isValidGbk(whole, !complete && whole.length === body.length)) {
    return { kind: 'binary', reason: NEITHER_UTF8_NOR_GBK };
  }
  return { kind: 'text', encoding: 'gbk' };
}

/**
 * UTF-16 without a byte-order mark: ASCII characters (digits, commas, line ends) leave a
 * NUL in every other byte, always on the same side; CJK code units have none. Binary
 * data has NULs too, but not that regularly.
 */
function looksLikeUtf16(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return (odd >= pairs * 0.2 && even === 0) || (even >= pairs * 0.2 && odd === 0);
}

/** Valid GBK/GB18030; `allowTruncatedEnd` accepts a character cut off by the end of a sample. */
export function isValidGbk(b: Uint8Array, allowTruncatedEnd = false): boolean {
  try {
    new TextDecoder('gbk', { fatal: true }).decode(b, { stream: allowTruncatedEnd });
    return true;
  } catch {
    return false;
  }
}

function isBlank(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x09 && c !== LF && c !== CR) return false;
  }
  return true;
}

function lastLineEnd(b: Uint8Array): number {
  return Math.max(b.lastIndexOf(LF), b.lastIndexOf(CR));
}

/** True if some line holds non-ASCII bytes that form valid UTF-8. */
function hasUtf8NonAsciiLine(b: Uint8Array): boolean {
  let s = 0;
  while (s < b.length) {
    let e = b.indexOf(LF, s);
    if (e < 0) e = b.length;
    if (!isAscii(b, s, e) && isValidUtf8(b, s, e, false)) return true;
    s = e + 1;
  }
  return false;
}

function isAscii(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] >= 0x80) return false;
  return true;
}

/**
 * Strict UTF-8 validation (no overlongs, no surrogates, ≤ U+10FFFF) without exceptions,
 * so deciding per line in a mixed file costs a byte loop, not a thrown error per line.
 * `allowTruncatedEnd` accepts a character cut off by the end of a sample.
 */
export function isValidUtf8(
  b: Uint8Array,
  s: number,
  e: number,
  allowTruncatedEnd: boolean,
): boolean {
  let i = s;
  while (i < e) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return false;
    if (i + n >= e) {
      // The sequence runs past the end: acceptable only where a sample was cut.
      if (!allowTruncatedEnd) return false;
      for (let k = 1; i + k < e; k++) {
        const t = b[i + k];
        if (t < (k === 1 ? lo : 0x80) || t > (k === 1 ? hi : 0xbf)) return false;
      }
      return true;
    }
    const t1 = b[i + 1];
    if (t1 < lo || t1 > hi) return false;
    for (let k = 2; k <= n; k++) {
      const t = b[i + k];
      if (t < 0x80 || t > 0xbf) return false;
    }
    i += n + 1;
  }
  return true;
}

export interface TextChunk {
  text: string;
  /** Bytes of the file covered once this chunk is handled (for progress). */
  byteEnd: number;
}

export interface BlobTextOptions {
  signal?: AbortSignal;
  /** Bytes per read; small values exercise chunk boundaries in tests. */
  chunkBytes?: number;
  /** Read only the head: stop after this many bytes and drop the partial last line. */
  limitBytes?: number;
  /**
   * The encoding, already known (a later part of a file split for parallel parsing: its
   * bytes start mid-file, where sniffing would see no BOM). Not sniffed when given.
   */
  encoding?: TextEncodingId;
}

/** Lines of a UTF-8 file that were not UTF-8 and were read as GBK instead. */
export interface MixedEncodingStats {
  count: number;
  /** 1-based physical line of the first such line. */
  firstLine: number;
}

/** The file-level warning for a UTF-8 file with GBK lines, or none. */
export function mixedEncodingIssues(file: string, mixed: MixedEncodingStats): ImportIssue[] {
  if (mixed.count === 0) return [];
  return [
    {
      file,
      code: 'mixed-encoding',
      params: { count: mixed.count, line: mixed.firstLine },
      message:
        `the file mixes encodings: ${mixed.count} line(s) are not UTF-8 and were read as GBK ` +
        `(first: line ${mixed.firstLine}); the rest is UTF-8`,
    },
  ];
}

export function throwIfAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new ImportCancelled(file);
}

/** Let timers and the abort event run; a resolved promise alone would not. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function readBytes(
  blob: Blob,
  start: number,
  end: number,
  file: string,
): Promise<Uint8Array> {
  try {
    return new Uint8Array(await blob.slice(start, end).arrayBuffer());
  } catch (e) {
    throw readFailed(file, e);
  }
}

/** The error for a file that could not be read, or failed in a way no check foresaw. */
export function readFailed(file: string, e: unknown): ImportError {
  return new ImportError(file, 'read-failed', `the file could not be read (${errorText(e)})`, {
    detail: errorText(e),
  });
}

/** The whole Blob, for formats that need all of it at once (JSON, KML, zip, small tables). */
export async function readAllBytes(
  blob: Blob,
  file: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  throwIfAborted(signal, file);
  const bytes = await readBytes(blob, 0, blob.size, file);
  throwIfAborted(signal, file);
  return bytes;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Decodes whole lines in a sniffed encoding. In a UTF-8 file, a block that is not UTF-8
 * (rows appended from a GBK export) is decoded line by line, each line in its own
 * encoding, and the GBK lines are counted.
 */
class LineDecoder {
  readonly mixed: MixedEncodingStats = { count: 0, firstLine: 0 };
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly utf8Fatal = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
  private readonly gbk = new TextDecoder('gbk');
  private linesBefore = 0;

  constructor(private readonly encoding: TextEncodingId) {}

  /** `bytes` must end at a line end (or the end of the file), and follow the previous call's. */
  decode(bytes: Uint8Array): string {
    if (this.encoding === 'gbk') return this.gbk.decode(bytes);
    let text: string;
    try {
      text = this.utf8Fatal.decode(bytes);
    } catch {
      text = this.decodeMixed(bytes);
    }
    this.linesBefore += countByte(bytes, LF);
    return text;
  }

  private decodeMixed(bytes: Uint8Array): string {
    const parts: string[] = [];
    let line = this.linesBefore + 1;
    let s = 0;
    while (s < bytes.length) {
      let e = bytes.indexOf(LF, s);
      e = e < 0 ? bytes.length : e + 1;
      if (isValidUtf8(bytes, s, e, false)) parts.push(this.utf8.decode(bytes.subarray(s, e)));
      else {
        parts.push(this.gbk.decode(bytes.subarray(s, e)));
        if (this.mixed.count === 0) this.mixed.firstLine = line;
        this.mixed.count++;
      }
      s = e;
      line++;
    }
    return parts.join('');
  }
}

/** The refusal of UTF-16 text; `advice` says what to save the file as instead. */
export function utf16Refused(file: string, advice: string): ImportError {
  return new ImportError(
    file,
    'unsupported-encoding',
    `UTF-16 text (Excel "Unicode text") is not supported; ${advice}`,
    { encoding: 'utf-16' },
  );
}

/**
 * Reads a Blob as text in chunks without ever holding the whole file: each read is cut
 * at its last line break (LF and CR never occur inside a UTF-8 or GBK character), so a
 * character split between two reads is decoded whole, and the bytes after the break
 * are carried into the next read.
 */
export class BlobTextReader {
  readonly encoding: TextEncodingId;
  readonly mixed: MixedEncodingStats;
  private readonly decoder: LineDecoder;

  private constructor(
    private readonly blob: Blob,
    readonly file: string,
    encoding: TextEncodingId,
    private readonly opts: BlobTextOptions,
  ) {
    this.encoding = encoding;
    this.decoder = new LineDecoder(encoding);
    this.mixed = this.decoder.mixed;
  }

  /** Sniffs the head of the file; throws ImportError for empty, binary and UTF-16 files. */
  static async open(blob: Blob, file: string, opts: BlobTextOptions = {}): Promise<BlobTextReader> {
    throwIfAborted(opts.signal, file);
    if (blob.size === 0) throw emptyFile(file);
    if (opts.encoding) return new BlobTextReader(blob, file, opts.encoding, opts);
    const head = await readBytes(blob, 0, Math.min(blob.size, SNIFF_BYTES), file);
    const sniff = sniffEncoding(head, head.length >= blob.size);
    switch (sniff.kind) {
      case 'empty':
        throw emptyFile(file);
      case 'binary':
        throw new ImportError(
          file,
          'binary-file',
          `this is not a text table (${sniff.reason}); expected CSV (UTF-8 or GBK) or XLSX`,
          { reason: sniff.reason },
        );
      case 'utf-16':
        throw utf16Refused(file, 'save the table as "CSV UTF-8" or XLSX');
      case 'text':
        return new BlobTextReader(blob, file, sniff.encoding, opts);
    }
  }

  async *chunks(): AsyncGenerator<TextChunk> {
    const size = this.blob.size;
    const limit = Math.min(size, this.opts.limitBytes ?? size);
    const step = Math.max(4, this.opts.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    let pos = this.encoding === 'utf-8-bom' ? 3 : 0;
    let carry: Uint8Array = new Uint8Array(0);
    // Inside a line too long to hold: its bytes are dropped up to its line end.
    let skipping = false;
    let mark = '';
    while (pos < limit) {
      throwIfAborted(this.opts.signal, this.file);
      const end = Math.min(limit, pos + step);
      const bytes = await readBytes(this.blob, pos, end, this.file);
      pos = end;
      let buf = carry.length ? concat(carry, bytes) : bytes;
      if (skipping) {
        const e = firstLineEnd(buf);
        if (e < 0) {
          carry = new Uint8Array(0);
          continue;
        }
        skipping = false;
        mark = LONG_LINE_MARK;
        buf = buf.subarray(e);
      }
      const atEnd = pos >= size;
      const cut = atEnd ? buf.length - 1 : lastLineEnd(buf);
      if (cut < 0) {
        if (buf.length > MAX_LINE_BYTES) {
          skipping = true;
          carry = new Uint8Array(0);
        } else carry = buf;
        continue;
      }
      carry = buf.slice(cut + 1);
      yield {
        text: mark + this.decoder.decode(buf.subarray(0, cut + 1)),
        byteEnd: pos - carry.length,
      };
      mark = '';
    }
    // A head read stops mid-file: its last, partial line is not data.
    if (limit < size) return;
    if (skipping) yield { text: LONG_LINE_MARK, byteEnd: size };
    else if (carry.length) yield { text: mark + this.decoder.decode(carry), byteEnd: size };
  }
}

function firstLineEnd(b: Uint8Array): number {
  const lf = b.indexOf(LF);
  const cr = b.indexOf(CR);
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}

/** A whole file decoded in memory, or why it is not text. */
export type DecodedBytes =
  | {
      kind: 'text';
      text: string;
      /**
       * WHATWG name of the encoding read: 'utf-8', 'gb18030' (GBK text: the decoder is
       * GB18030's, its superset), or that of an encoding the file declares.
       */
      encoding: string;
      mixed: MixedEncodingStats;
    }
  | Exclude<SniffResult, { kind: 'text' }>;

/**
 * Decode a file held in memory with the same rule as {@link BlobTextReader}: BOM → UTF-8,
 * valid UTF-8 → UTF-8 (with per-line GBK fallback), else GBK; NULs and control bytes mean
 * binary; UTF-16 is refused. `declared` (an XML encoding declaration) is used when it is an
 * ASCII-compatible encoding the bytes are valid in; otherwise the bytes decide.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): DecodedBytes {
  const sniff = sniffEncoding(bytes.subarray(0, SNIFF_BYTES), bytes.length <= SNIFF_BYTES);
  // A declaration may rescue text that is neither UTF-8 nor GBK (Latin-1 KML), not NULs.
  const undecided = sniff.kind === 'binary' && sniff.reason === NEITHER_UTF8_NOR_GBK;
  if (declared && ((sniff.kind === 'text' && sniff.encoding !== 'utf-8-bom') || undecided)) {
    const d = declaredDecoder(declared);
    if (d) {
      try {
        const mixed = { count: 0, firstLine: 0 };
        return { kind: 'text', text: d.decode(bytes), encoding: d.encoding, mixed };
      } catch {
        // The declaration is wrong: the bytes decide.
      }
    }
  }
  if (sniff.kind !== 'text') return sniff;
  const body = sniff.encoding === 'utf-8-bom' ? bytes.subarray(3) : bytes;
  const decoder = new LineDecoder(sniff.encoding);
  const text = decoder.decode(body);
  const encoding = sniff.encoding === 'gbk' ? 'gb18030' : 'utf-8';
  return { kind: 'text', text, encoding, mixed: decoder.mixed };
}

/** What an importer says about a file that is not text (codes empty-file, unknown-format, unsupported-encoding). */
export interface NotTextMessages {
  empty: string;
  /** For binary data: name the formats that were expected. */
  binary: string;
  /** What to save UTF-16 text as instead. */
  utf16Advice: string;
}

/** {@link decodeBytes}, throwing ImportError when the file is empty, binary or UTF-16. */
export function decodeTextFile(
  bytes: Uint8Array,
  file: string,
  messages: NotTextMessages,
  declared: string | null = null,
): Extract<DecodedBytes, { kind: 'text' }> {
  const d = decodeBytes(bytes, declared);
  switch (d.kind) {
    case 'text':
      return d;
    case 'empty':
      throw new ImportError(file, 'empty-file', messages.empty);
    case 'binary':
      throw new ImportError(file, 'unknown-format', messages.binary);
    case 'utf-16':
      throw utf16Refused(file, messages.utf16Advice);
  }
}

function declaredDecoder(label: string): TextDecoder | null {
  try {
    const d = new TextDecoder(label.trim().toLowerCase(), { fatal: true });
    // A declaration read from an ASCII prefix cannot be UTF-16: such a file would be binary.
    return d.encoding.startsWith('utf-16') ? null : d;
  } catch {
    return null;
  }
}

/** Short text without room to sniff (a zip entry name): UTF-8 when valid, else GBK. */
export function decodeUtf8OrGbk(bytes: Uint8Array): string {
  return isValidUtf8(bytes, 0, bytes.length, false)
    ? new TextDecoder('utf-8').decode(bytes)
    : new TextDecoder('gbk').decode(bytes);
}

function emptyFile(file: string): ImportError {
  return new ImportError(file, 'empty-file', 'the file is empty');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function countByte(b: Uint8Array, byte: number): number {
  let n = 0;
  for (let i = b.indexOf(byte); i >= 0; i = b.indexOf(byte, i + 1)) n++;
  return n;
}

/** Decode the head of a Blob (whole lines, at most `maxBytes`) for previews. */
export async function readHeadText(
  blob: Blob,
  file: string,
  maxBytes: number,
  opts: BlobTextOptions = {},
): Promise<{ text: string; encoding: TextEncodingId; complete: boolean }> {
  const reader = await BlobTextReader.open(blob, file, { ...opts, limitBytes: maxBytes });
  const parts: string[] = [];
  for await (const c of reader.chunks()) parts.push(c.text);
  return { text: parts.join(''), encoding: reader.encoding, complete: blob.size <= maxBytes };
}
