/**
 * A GBK encoder for benchmark inputs. Node can decode GBK (TextDecoder) but not encode it,
 * and the benchmarks must not need a package for it, so the table is built by decoding
 * every double-byte code once and inverting the result.
 */
let table: Map<number, number> | null = null;

function gbkTable(): Map<number, number> {
  if (table) return table;
  const decoder = new TextDecoder('gbk');
  const t = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      if (ch.length !== 1 || ch === '\ufffd') continue;
      const code = ch.charCodeAt(0);
      if (!t.has(code)) t.set(code, (lead << 8) | trail);
    }
  }
  table = t;
  return t;
}

/** Encode text as GBK; throws on a character GBK cannot represent. */
export function encodeGbk(text: string): Uint8Array<ArrayBuffer> {
  const t = gbkTable();
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    const b = t.get(c);
    if (b === undefined) throw new Error(`GBK cannot encode U+${c.toString(16).toUpperCase()}`);
    out[n++] = b >> 8;
    out[n++] = b & 0xff;
  }
  return out.subarray(0, n);
}
