import { markedTitle, rulesLine, syntheticWarning, type ExportMeta } from './export-meta';

/**
 * Text inside a PNG (iTXt chunks, UTF-8): a coverage image carries the rules it was made
 * with, like every other export, and GIS tools and image viewers show it as metadata.
 * Pure byte work, so the CLI (pngjs) and the app (canvas) can both add it after encoding.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One uncompressed iTXt chunk; the keyword is 1–79 Latin-1 characters (PNG spec 11.3.4.5). */
export function itxtChunk(keyword: string, text: string): Uint8Array<ArrayBuffer> {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error(`bad PNG text keyword "${keyword}"`);
  const enc = new TextEncoder();
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0
  const data = new Uint8Array([...enc.encode(keyword), 0, 0, 0, 0, 0, ...enc.encode(text)]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(enc.encode('iTXt'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The PNG with iTXt chunks inserted before its IEND chunk. */
export function withPngText(
  png: Uint8Array,
  entries: Record<string, string>,
): Uint8Array<ArrayBuffer> {
  if (SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG');
  // IEND is the last 12 bytes of a well-formed PNG.
  const iend = png.length - 12;
  const chunks = Object.entries(entries).map(([k, v]) => itxtChunk(k, v));
  const extra = chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(png.length + extra);
  out.set(png.subarray(0, iend), 0);
  let at = iend;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(iend), at);
  return out;
}

/** The iTXt entries of a PNG (for tests and for reading an export back). */
export function readPngText(png: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const dec = new TextDecoder();
  for (let at = 8; at + 12 <= png.length;) {
    const len = view.getUint32(at);
    const type = dec.decode(png.subarray(at + 4, at + 8));
    if (type === 'iTXt') {
      const data = png.subarray(at + 8, at + 8 + len);
      const z = data.indexOf(0);
      const keyword = dec.decode(data.subarray(0, z));
      // Skip flag, method, then the language tag and translated keyword (each \0-ended).
      let p = z + 3;
      p = data.indexOf(0, p) + 1;
      p = data.indexOf(0, p) + 1;
      out[keyword] = dec.decode(data.subarray(p));
    }
    at += 12 + len;
  }
  return out;
}

/**
 * The text of a coverage PNG, for the CLI's and the app's alike: PNG's own keywords
 * (Title, Description, Creation Time, Software; Warning when synthetic sites went in),
 * plus `CRS` and `Synthetic` ("true"/"false") for tools that read them.
 */
export function coveragePngText(meta: ExportMeta): Record<string, string> {
  const warning = syntheticWarning(meta);
  return {
    Title: markedTitle(`SailPlan — ${meta.title}`, meta),
    Description: rulesLine(meta.rules, meta.lang),
    'Creation Time': meta.generated,
    Software: 'SailPlan',
    CRS: 'EPSG:3857 (world file .pgw, .prj)',
    Synthetic: String(meta.synthetic),
    ...(warning ? { Warning: warning } : {}),
  };
}
