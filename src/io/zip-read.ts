import { decodeUtf8OrGbk, errorText } from './decode-text';
import { ImportError } from './issues';

/*
 * A small zip reader (central directory + stored/deflated entries) instead of shpjs's
 * built-in unzip: SailPlan needs the raw .dbf bytes to detect GBK before decoding, the
 * entry names to pick a layer, and a clear message for truncated archives. Inflating uses
 * the platform's DecompressionStream ('deflate-raw': Node ≥ 20, all current browsers).
 *
 * Zip bombs are refused from the central directory, before anything is inflated, and an
 * entry never inflates past the size it declares (a lying header stops there).
 */

export interface ZipEntry {
  name: string;
  /** Uncompressed size declared in the central directory. */
  size: number;
  compressedSize: number;
  read(): Promise<Uint8Array>;
}

export interface ZipLimits {
  /** Sum of all entries' declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Entries declaring more than this must not compress better than `maxRatio`:1. */
  ratioFloorBytes: number;
  maxRatio: number;
}

const MiB = 1024 * 1024;

/**
 * 1 GiB holds the largest real inputs with room to spare: a full Excel sheet (1,048,576
 * rows) of the station table is ~0.5 GB of XML (measured: 490 bytes a row), a national
 * township Shapefile a few hundred MB. Real data compresses 2–20:1 (XLSX sheets ~8:1,
 * .shp coordinates ~2:1, space-padded .dbf text up to ~50:1); deflate's ceiling is ~1032:1,
 * reached only by runs of one byte — what bombs are made of. Small entries may compress
 * as they like: they cannot exhaust memory.
 */
export const ZIP_LIMITS: Readonly<ZipLimits> = {
  maxTotalBytes: 1024 * MiB,
  ratioFloorBytes: 32 * MiB,
  maxRatio: 100,
};

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  // Without the UTF-8 flag names are in the archiver's code page; on Chinese Windows that is
  // GBK. Valid UTF-8 is tried first because many tools write UTF-8 without the flag.
  return utf8Flag ? new TextDecoder('utf-8').decode(bytes) : decodeUtf8OrGbk(bytes);
}

/** Inflate into exactly `expected` bytes; null when the data inflates to more or less. */
async function inflateRaw(data: Uint8Array, expected: number): Promise<Uint8Array | null> {
  const reader = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const out = new Uint8Array(expected);
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.length > expected) {
      await reader.cancel().catch(() => {});
      return null;
    }
    out.set(value, size);
    size += value.length;
  }
  return size === expected ? out : null;
}

const mb = (n: number): number => Math.round((n / MiB) * 10) / 10;

/** Refuse an archive by its declared sizes alone (nothing is inflated). */
function checkSizes(entries: readonly ZipEntry[], file: string, limits: Readonly<ZipLimits>): void {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > limits.maxTotalBytes) {
      throw new ImportError(
        file,
        'zip-too-large',
        `the archive declares ${mb(total).toLocaleString('en-US')} MB uncompressed (up to "${e.name}"), over the ${mb(limits.maxTotalBytes)} MB limit; refused before inflating anything`,
        { entry: e.name, size: mb(total), limit: mb(limits.maxTotalBytes) },
      );
    }
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (e.size > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw new ImportError(
        file,
        'zip-bomb',
        `"${e.name}" declares ${mb(e.size).toLocaleString('en-US')} MB from ${mb(e.compressedSize)} MB, a compression ratio of ${Math.round(ratio)}:1 that no real data reaches (limit ${limits.maxRatio}:1): a zip bomb? Refused before inflating`,
        { entry: e.name, ratio: Math.round(ratio), limit: limits.maxRatio },
      );
    }
  }
}

/**
 * The first bytes of a zip archive (XLSX, KMZ and zipped Shapefiles are zips): a local
 * file header (PK\3\4) or, for an empty archive, the end record (PK\5\6).
 */
export function isZip(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))
  );
}

/**
 * List a zip archive's entries; each is inflated only when read. Throws ImportError when
 * the archive is damaged or its declared sizes exceed `limits`.
 */
export function listZip(
  bytes: Uint8Array,
  file: string,
  limits: Readonly<ZipLimits> = ZIP_LIMITS,
): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (why: string): ImportError =>
    new ImportError(file, 'invalid-zip', `not a readable zip archive: ${why}`, { reason: why });
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw bad('the end-of-archive record is missing (the file is truncated or not a zip)');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw bad('ZIP64 archives are not supported');
  if (cdOffset + cdSize > eocd)
    throw bad('the central directory lies outside the file (truncated?)');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CEN)
      throw bad('damaged central directory');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = decodeName(bytes.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    entries.push({
      name,
      size,
      compressedSize: compSize,
      read: async () => {
        if (flags & 1) throw bad(`"${name}" is encrypted`);
        if (local + 30 > bytes.length || view.getUint32(local, true) !== LOC)
          throw bad(`damaged entry "${name}"`);
        const start =
          local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        if (start + compSize > bytes.length)
          throw bad(`entry "${name}" is cut short (truncated file)`);
        const data = bytes.subarray(start, start + compSize);
        if (method === 0) {
          if (size !== compSize) throw bad(`stored entry "${name}" has two different sizes`);
          return data;
        }
        if (method !== 8)
          throw bad(
            `entry "${name}" uses compression method ${method}; only stored and deflate are supported`,
          );
        let out: Uint8Array | null;
        try {
          out = await inflateRaw(data, size);
        } catch (e) {
          throw bad(`entry "${name}" cannot be inflated: ${errorText(e)}`);
        }
        if (out === null) {
          throw new ImportError(
            file,
            'zip-entry-mismatch',
            `"${name}" does not inflate to the ${size.toLocaleString('en-US')} bytes it declares; inflating stopped there (the archive is damaged or tampered with)`,
            { entry: name },
          );
        }
        return out;
      },
    });
  }
  checkSizes(entries, file, limits);
  return entries;
}
