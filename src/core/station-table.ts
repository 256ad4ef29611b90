import { wgs84 } from './crs';
import { ENVS, TECHS, type Cell, type Env, type Tech } from './station';
import { StringPool } from './string-pool';
import { metres } from './units';

/**
 * Cells (station rows) as struct-of-arrays: the national station file has ~4 million
 * rows, and a `Cell` object per row costs ~0.9 KB of heap; here a row is ~85 bytes of
 * typed arrays plus its strings once in a pool. Nullable numbers are NaN when null.
 * Arrays grow by doubling; `cell(i)` gives a row back as a `Cell` when one is needed.
 */

const FLAG_REDCAP = 1;
const FLAG_PLANNED = 2;

export class StationTable {
  count = 0;
  private cap: number;
  /** 1-based data row in the source file. */
  row: Int32Array;
  /** Indices into `ids`, `siteIds`, `names` (−1: no name), `labels` (operator, band; −1: none). */
  id: Int32Array;
  siteId: Int32Array;
  name: Int32Array;
  operator: Int32Array;
  band: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  azimuth: Float64Array;
  beamwidth: Float64Array;
  height: Float64Array;
  power: Float64Array;
  radius: Float64Array;
  /** Index in TECHS. */
  tech: Uint8Array;
  /** Index in ENVS. */
  env: Uint8Array;
  /** Bit 1 RedCap, bit 2 planned. */
  flags: Uint8Array;
  ids = new StringPool();
  siteIds = new StringPool();
  names = new StringPool();
  /** Operators and band labels: few distinct values. */
  labels = new StringPool();
  private firstRow = new Int32List();
  private lastId = -1;
  private lastIdText = '';

  constructor(capacity = 1024) {
    this.cap = Math.max(16, capacity);
    const n = this.cap;
    this.row = new Int32Array(n);
    this.id = new Int32Array(n);
    this.siteId = new Int32Array(n);
    this.name = new Int32Array(n);
    this.operator = new Int32Array(n);
    this.band = new Int32Array(n);
    this.lon = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.azimuth = new Float64Array(n);
    this.beamwidth = new Float64Array(n);
    this.height = new Float64Array(n);
    this.power = new Float64Array(n);
    this.radius = new Float64Array(n);
    this.tech = new Uint8Array(n);
    this.env = new Uint8Array(n);
    this.flags = new Uint8Array(n);
  }

  /**
   * Registers a cell id for row `row`: the row that already uses it, or −1 when it is new
   * (then the id is kept for the next `append`).
   */
  claimId(id: string, row: number): number {
    const before = this.ids.size;
    const i = this.ids.intern(id);
    if (i < before) return this.firstRow.get(i);
    this.firstRow.set(i, row);
    this.lastId = i;
    this.lastIdText = id;
    return -1;
  }

  append(c: Cell): void {
    if (this.count === this.cap) this.grow();
    const i = this.count++;
    this.row[i] = c.sourceRow;
    this.id[i] = c.id === this.lastIdText && this.lastId >= 0 ? this.lastId : this.ids.intern(c.id);
    this.siteId[i] = this.siteIds.intern(c.siteId);
    this.name[i] = c.name === null ? -1 : this.names.intern(c.name);
    this.operator[i] = c.operator === null ? -1 : this.labels.intern(c.operator);
    this.band[i] = c.band === null ? -1 : this.labels.intern(c.band);
    this.lon[i] = c.position[0];
    this.lat[i] = c.position[1];
    this.azimuth[i] = c.azimuthDeg ?? NaN;
    this.beamwidth[i] = c.beamwidthDeg;
    this.height[i] = c.heightM ?? NaN;
    this.power[i] = c.powerDbm ?? NaN;
    this.radius[i] = c.radiusM ?? NaN;
    this.tech[i] = TECHS.indexOf(c.tech);
    this.env[i] = ENVS.indexOf(c.env);
    this.flags[i] = (c.redcap ? FLAG_REDCAP : 0) | (c.status === 'planned' ? FLAG_PLANNED : 0);
  }

  techOf(i: number): Tech {
    return TECHS[this.tech[i]];
  }
  envOf(i: number): Env {
    return ENVS[this.env[i]];
  }
  isRedcap(i: number): boolean {
    return (this.flags[i] & FLAG_REDCAP) !== 0;
  }
  isPlanned(i: number): boolean {
    return (this.flags[i] & FLAG_PLANNED) !== 0;
  }

  /** Row i as a Cell (a new object, or `into` overwritten). */
  cell(i: number, into?: Cell): Cell {
    const num = (a: Float64Array): number | null => (Number.isNaN(a[i]) ? null : a[i]);
    const h = num(this.height);
    const r = num(this.radius);
    const c: Cell = into ?? ({} as Cell);
    c.id = this.ids.get(this.id[i]);
    c.siteId = this.siteIds.get(this.siteId[i]);
    c.name = this.name[i] < 0 ? null : this.names.get(this.name[i]);
    c.operator = this.operator[i] < 0 ? null : this.labels.get(this.operator[i]);
    c.position = wgs84(this.lon[i], this.lat[i]);
    c.tech = TECHS[this.tech[i]];
    c.band = this.band[i] < 0 ? null : this.labels.get(this.band[i]);
    c.redcap = this.isRedcap(i);
    c.azimuthDeg = num(this.azimuth);
    c.beamwidthDeg = this.beamwidth[i];
    c.heightM = h === null ? null : metres(h);
    c.powerDbm = num(this.power);
    c.env = ENVS[this.env[i]];
    c.radiusM = r === null ? null : metres(r);
    c.status = this.isPlanned(i) ? 'planned' : 'existing';
    c.sourceRow = this.row[i];
    return c;
  }

  /**
   * Appends the rows of `other` (a later part of the same file) with their rows shifted by
   * `rowOffset`. False, and nothing changed, when a cell id of `other` is already here: the
   * caller then reads the file in one piece, where that row is a duplicate-id rejection.
   */
  appendTable(other: StationTable, rowOffset: number): boolean {
    for (let k = 0; k < other.ids.size; k++) if (this.ids.find(other.ids.get(k)) >= 0) return false;
    const map = (from: StringPool, to: StringPool): Int32Array => {
      const m = new Int32Array(from.size);
      for (let k = 0; k < from.size; k++) m[k] = to.intern(from.get(k));
      return m;
    };
    const ids = map(other.ids, this.ids);
    const sites = map(other.siteIds, this.siteIds);
    const names = map(other.names, this.names);
    const labels = map(other.labels, this.labels);
    while (this.cap < this.count + other.count) this.grow();
    const at = this.count;
    const n = other.count;
    for (let i = 0; i < n; i++) {
      const j = at + i;
      this.row[j] = other.row[i] + rowOffset;
      this.id[j] = ids[other.id[i]];
      this.siteId[j] = sites[other.siteId[i]];
      this.name[j] = other.name[i] < 0 ? -1 : names[other.name[i]];
      this.operator[j] = other.operator[i] < 0 ? -1 : labels[other.operator[i]];
      this.band[j] = other.band[i] < 0 ? -1 : labels[other.band[i]];
    }
    const part = <T extends Float64Array | Uint8Array>(to: T, from: T) =>
      to.set(from.subarray(0, n) as never, at);
    part(this.lon, other.lon);
    part(this.lat, other.lat);
    part(this.azimuth, other.azimuth);
    part(this.beamwidth, other.beamwidth);
    part(this.height, other.height);
    part(this.power, other.power);
    part(this.radius, other.radius);
    part(this.tech, other.tech);
    part(this.env, other.env);
    part(this.flags, other.flags);
    this.count += n;
    return true;
  }

  /** The buffers to transfer when posting the table to another thread (not copied). */
  transferables(): ArrayBuffer[] {
    const out: ArrayBuffer[] = [];
    for (const v of Object.values(this) as unknown[]) {
      if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
      else if (v instanceof StringPool) out.push(...v.transferables());
    }
    return out;
  }

  /** A table posted from another thread (a structured clone has lost its classes). */
  static revive(data: unknown): StationTable {
    const t = Object.setPrototypeOf(data, StationTable.prototype) as StationTable;
    for (const pool of [t.ids, t.siteIds, t.names, t.labels])
      Object.setPrototypeOf(pool, StringPool.prototype);
    Object.setPrototypeOf(t.firstRow, Int32List.prototype);
    return t;
  }

  /**
   * Drops the rows' arrays and strings (`count` stays, for reports): a national run needs
   * them only until the analysis site table is built.
   */
  release(): void {
    const fresh = new StationTable(16);
    const count = this.count;
    Object.assign(this, fresh);
    this.count = count;
    this.cap = 0;
  }

  /** Bytes held by the arrays and pools. */
  get bytes(): number {
    return (
      this.cap * (6 * 4 + 7 * 8 + 3) +
      this.ids.bytes +
      this.siteIds.bytes +
      this.names.bytes +
      this.labels.bytes
    );
  }

  private grow(): void {
    const n = this.cap * 2;
    const f64 = (a: Float64Array) => copy(new Float64Array(n), a);
    const i32 = (a: Int32Array) => copy(new Int32Array(n), a);
    const u8 = (a: Uint8Array) => copy(new Uint8Array(n), a);
    this.row = i32(this.row);
    this.id = i32(this.id);
    this.siteId = i32(this.siteId);
    this.name = i32(this.name);
    this.operator = i32(this.operator);
    this.band = i32(this.band);
    this.lon = f64(this.lon);
    this.lat = f64(this.lat);
    this.azimuth = f64(this.azimuth);
    this.beamwidth = f64(this.beamwidth);
    this.height = f64(this.height);
    this.power = f64(this.power);
    this.radius = f64(this.radius);
    this.tech = u8(this.tech);
    this.env = u8(this.env);
    this.flags = u8(this.flags);
    this.cap = n;
  }
}

function copy<T extends Float64Array | Int32Array | Uint8Array>(to: T, from: T): T {
  to.set(from as never);
  return to;
}

/** A growing Int32 list addressed by index (the first row of each interned id). */
class Int32List {
  private a = new Int32Array(1024);
  get(i: number): number {
    return this.a[i];
  }
  set(i: number, v: number): void {
    if (i >= this.a.length) {
      let n = this.a.length * 2;
      while (n <= i) n *= 2;
      const next = new Int32Array(n);
      next.set(this.a);
      this.a = next;
    }
    this.a[i] = v;
  }
}
