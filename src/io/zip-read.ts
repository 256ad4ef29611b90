import { decodeUtf8OrGbk, errorText } from './decode-text';
import { ImportError } from './issues';

/*
 * A small zip reader (central directory + stored/deflated entries) instead of shpjs's
 * built-in unzip: SailPlan needs the raw .dbf bytes to detect GBK before decoding, the
 * entry names to pick a layer, and a clear message for truncated archives. Inflating uses
 * the platform's DecompressionStream ('deflate-raw': Node ≥ 20, all current browsers).
 */

export interface ZipEntry {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  // Without the UTF-8 flag names are in the archiver's code page; on Chinese Windows that is
  // GBK. Valid UTF-8 is tried first because many tools write UTF-8 without the flag.
  return utf8Flag ? new TextDecoder('utf-8').decode(bytes) : decodeUtf8OrGbk(bytes);
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
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

/** List a zip archive's entries; each is inflated only when read. */
export function listZip(bytes: Uint8Array, file: string): ZipEntry[] {
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
      read: async () => {
        if (flags & 1) throw bad(`"${name}" is encrypted`);
        if (local + 30 > bytes.length || view.getUint32(local, true) !== LOC)
          throw bad(`damaged entry "${name}"`);
        const start =
          local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        if (start + compSize > bytes.length)
          throw bad(`entry "${name}" is cut short (truncated file)`);
        const data = bytes.subarray(start, start + compSize);
        if (method === 0) return data;
        if (method !== 8)
          throw bad(
            `entry "${name}" uses compression method ${method}; only stored and deflate are supported`,
          );
        try {
          return await inflateRaw(data);
        } catch (e) {
          throw bad(`entry "${name}" cannot be inflated: ${errorText(e)}`);
        }
      },
    });
  }
  return entries;
}
