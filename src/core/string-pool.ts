/**
 * Interned strings in flat typed arrays, for tables of millions of rows: a JS string
 * costs ~30 bytes of header plus a Map entry, and 4 million cell ids held that way take
 * hundreds of MiB of heap. Here each distinct string is stored once as UTF-16 code units
 * in one growing Uint16Array and named by a small integer; an open-addressing hash table
 * (Int32Array) finds it again. Arrays grow by doubling.
 */
export class StringPool {
  private chars = new Uint16Array(1 << 12);
  private used = 0;
  /** Start of string i in `chars`; its end is start[i + 1]. */
  private start = new Int32Array(1 << 10);
  private hashes = new Int32Array(1 << 10);
  /** Open-addressing table of string index + 1 (0 = empty); size a power of two. */
  private slots = new Int32Array(1 << 11);
  size = 0;

  constructor() {
    this.start[0] = 0;
  }

  /** The index of `s`, adding it when new. */
  intern(s: string): number {
    const h = hashOf(s);
    const mask = this.slots.length - 1;
    let p = h & mask;
    for (;;) {
      const e = this.slots[p];
      if (e === 0) break;
      if (this.hashes[e - 1] === h && this.equals(e - 1, s)) return e - 1;
      p = (p + 1) & mask;
    }
    const i = this.append(s, h);
    this.slots[p] = i + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return i;
  }

  /** The index of `s`, or −1 when it is not in the pool. */
  find(s: string): number {
    const h = hashOf(s);
    const mask = this.slots.length - 1;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const e = this.slots[p];
      if (e === 0) return -1;
      if (this.hashes[e - 1] === h && this.equals(e - 1, s)) return e - 1;
    }
  }

  /** String i. */
  get(i: number): string {
    const a = this.start[i];
    const b = this.start[i + 1];
    // fromCharCode over a subarray in slices: spreading a long string at once can overflow the stack.
    if (b - a <= 4096) return String.fromCharCode.apply(null, this.chars.subarray(a, b) as never);
    let out = '';
    for (let k = a; k < b; k += 4096)
      out += String.fromCharCode.apply(
        null,
        this.chars.subarray(k, Math.min(b, k + 4096)) as never,
      );
    return out;
  }

  /** Its buffers, to transfer the pool to another thread. */
  transferables(): ArrayBuffer[] {
    return [this.chars, this.start, this.hashes, this.slots].map((a) => a.buffer as ArrayBuffer);
  }

  /** Bytes held by the arrays (for memory reports). */
  get bytes(): number {
    return (
      this.chars.byteLength + this.start.byteLength + this.hashes.byteLength + this.slots.byteLength
    );
  }

  private equals(i: number, s: string): boolean {
    const a = this.start[i];
    if (this.start[i + 1] - a !== s.length) return false;
    const c = this.chars;
    for (let k = 0; k < s.length; k++) if (c[a + k] !== s.charCodeAt(k)) return false;
    return true;
  }

  private append(s: string, h: number): number {
    const i = this.size;
    if (this.used + s.length > this.chars.length) {
      let n = this.chars.length * 2;
      while (n < this.used + s.length) n *= 2;
      const next = new Uint16Array(n);
      next.set(this.chars.subarray(0, this.used));
      this.chars = next;
    }
    for (let k = 0; k < s.length; k++) this.chars[this.used + k] = s.charCodeAt(k);
    this.used += s.length;
    if (i + 2 > this.start.length) {
      this.start = grow(this.start, this.start.length * 2);
      this.hashes = grow(this.hashes, this.start.length);
    }
    this.hashes[i] = h;
    this.start[i + 1] = this.used;
    this.size = i + 1;
    return i;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      let p = this.hashes[i] & mask;
      while (slots[p] !== 0) p = (p + 1) & mask;
      slots[p] = i + 1;
    }
    this.slots = slots;
  }
}

function grow(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(n);
  next.set(a);
  return next;
}

/** FNV-1a over UTF-16 code units, with a final avalanche so low bits spread. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & 0x7fffffff;
}
