import { isValidGbk, isValidUtf8 } from './decode-text';

/**
 * The text encoding of a Shapefile's DBF. Chinese shapefiles are mostly GBK (code page 936)
 * and often ship without a .cpg. shpjs/parsedbf decode with whatever label they are given
 * (default UTF-8), and map "ANSI 936" to "windows-936", which TextDecoder rejects, silently
 * falling back to UTF-8. So the label is worked out here and passed as the `cpg`.
 */
export interface DbfEncoding {
  /** A TextDecoder label: 'utf-8', 'gbk', 'big5', 'windows-1252', … */
  encoding: string;
  source: 'cpg' | 'ldid' | 'content' | 'default';
}

function accepted(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Map a .cpg's content ("UTF-8", "936", "ANSI 936", "GBK", "CP936", "GB2312") to a label. */
export function cpgToLabel(cpg: string): string | null {
  const k = cpg
    .trim()
    .toUpperCase()
    .replace(/^ANSI\s*/, '')
    .replace(/^(CP|WINDOWS-?)(?=\d)/, '');
  if (k === '') return null;
  if (/^(UTF-?8|65001)$/.test(k)) return 'utf-8';
  if (/^(936|GBK|GB2312|GB_2312(-80)?|EUC-CN|CHINESE|X-GBK)$/.test(k)) return 'gbk';
  if (/^(GB18030|54936)$/.test(k)) return 'gb18030';
  if (/^(950|BIG5)$/.test(k)) return 'big5';
  if (/^\d+$/.test(k)) return accepted(`windows-${k}`) ? `windows-${k}` : null;
  return accepted(k.toLowerCase()) ? k.toLowerCase() : null;
}

// Language driver ids (DBF header byte 29) that mean code page 936, per ESRI's table.
const LDID_GBK = new Set([0x4d, 0x7a]);
const LDID_BIG5 = new Set([0x4f, 0x78]);

/** Bytes of all character fields (and field names), the only places text can hide. */
function characterBytes(dbf: Uint8Array): Uint8Array {
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  if (dbf.length < 32) return new Uint8Array(0);
  const records = view.getUint32(4, true);
  const headerLen = view.getUint16(8, true);
  const recLen = view.getUint16(10, true);
  const fields: { offset: number; len: number }[] = [];
  const names: Uint8Array[] = [];
  let offset = 1; // deletion flag
  for (let p = 32; p + 32 <= Math.min(headerLen, dbf.length) && dbf[p] !== 0x0d; p += 32) {
    const type = String.fromCharCode(dbf[p + 11]);
    const len = dbf[p + 16];
    names.push(dbf.subarray(p, p + 11));
    if (type === 'C' || type === 'M' || type === 'V') fields.push({ offset, len });
    offset += len;
  }
  const parts: Uint8Array[] = [...names];
  const end = Math.min(dbf.length, headerLen + records * recLen);
  // recLen 0 would never advance: such a header holds no records.
  for (let r = headerLen; recLen > 0 && r + recLen <= end; r += recLen) {
    for (const f of fields) parts.push(dbf.subarray(r + f.offset, r + f.offset + f.len));
  }
  const total = parts.reduce((s, a) => s + a.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const a of parts) {
    // NUL padding in field names is not text.
    for (const b of a) if (b !== 0) out[o++] = b;
  }
  return out.subarray(0, o);
}

/**
 * Decide the DBF's encoding: a usable .cpg wins; then the header's language driver id;
 * then the bytes themselves — valid UTF-8 is UTF-8 (GBK text is practically never valid
 * UTF-8: GBK trail bytes are ≥ 0x40 and its Chinese lead/trail pairs are both ≥ 0xA1),
 * else valid GBK is GBK; else UTF-8 with replacement characters.
 */
export function detectDbfEncoding(dbf: Uint8Array, cpg: string | null): DbfEncoding {
  if (cpg !== null) {
    const label = cpgToLabel(cpg);
    if (label !== null) return { encoding: label, source: 'cpg' };
  }
  const ldid = dbf.length > 29 ? dbf[29] : 0;
  if (LDID_GBK.has(ldid)) return { encoding: 'gbk', source: 'ldid' };
  if (LDID_BIG5.has(ldid)) return { encoding: 'big5', source: 'ldid' };
  const text = characterBytes(dbf);
  if (isValidUtf8(text, 0, text.length, false)) return { encoding: 'utf-8', source: 'content' };
  if (isValidGbk(text)) return { encoding: 'gbk', source: 'content' };
  return { encoding: 'utf-8', source: 'default' };
}
