/**
 * A minimal GeoTIFF encoder for tests and benchmarks: one band, strips or tiles,
 * uncompressed or Deflate, either byte order, GeoKeys, GDAL_NODATA. geotiff.js's own
 * writer makes a single strip only, which cannot show that a window reads part of a file.
 */
import { zlibSync } from 'fflate';

export type TiffSampleType =
  'Float32' | 'Float64' | 'Int32' | 'Int16' | 'UInt16' | 'UInt8' | 'Float16';

export interface TiffGeoKeys {
  /** GTModelTypeGeoKey: 1 projected, 2 geographic. */
  model?: number;
  /** GTRasterTypeGeoKey: 1 pixel-is-area, 2 pixel-is-point. */
  raster?: number;
  geographic?: number;
  projected?: number;
  datum?: number;
  /** GTCitationGeoKey. */
  citation?: string;
}

export interface TiffSpec {
  width: number;
  height: number;
  /** Row-major samples, north row first. */
  data: ArrayLike<number>;
  sampleType: TiffSampleType;
  /** Strips of this many rows (default 1), unless `tile` is given. */
  rowsPerStrip?: number;
  tile?: [number, number];
  littleEndian?: boolean;
  /** Compression tag: 1 none (default), 8 Deflate; other values are written as given. */
  compression?: number;
  /** [west, north, dx, dy] as tie point (0, 0) + pixel scale. */
  origin?: [number, number, number, number];
  /** A full ModelTransformation instead of tie point + scale. */
  transformation?: number[];
  geoKeys?: TiffGeoKeys | null;
  nodata?: string;
}

const BYTES: Record<TiffSampleType, number> = {
  Float32: 4,
  Float64: 8,
  Int32: 4,
  Int16: 2,
  UInt16: 2,
  UInt8: 1,
  Float16: 2,
};
const FORMAT: Record<TiffSampleType, number> = {
  Float32: 3,
  Float64: 3,
  Int32: 2,
  Int16: 2,
  UInt16: 1,
  UInt8: 1,
  Float16: 3,
};

type Tag = { tag: number; type: 2 | 3 | 4 | 12; values: number[] | string };

function geoKeyDirectory(k: TiffGeoKeys): { dir: number[]; ascii: string } {
  const keys: [number, number, number, number][] = [];
  let ascii = '';
  if (k.model !== undefined) keys.push([1024, 0, 1, k.model]);
  if (k.raster !== undefined) keys.push([1025, 0, 1, k.raster]);
  if (k.citation !== undefined) {
    keys.push([1026, 34737, k.citation.length + 1, ascii.length]);
    ascii += `${k.citation}|`;
  }
  if (k.geographic !== undefined) keys.push([2048, 0, 1, k.geographic]);
  if (k.datum !== undefined) keys.push([2050, 0, 1, k.datum]);
  if (k.projected !== undefined) keys.push([3072, 0, 1, k.projected]);
  keys.sort((a, b) => a[0] - b[0]);
  return { dir: [1, 1, 0, keys.length, ...keys.flat()], ascii };
}

function writeSample(view: DataView, at: number, t: TiffSampleType, v: number, le: boolean): void {
  switch (t) {
    case 'Float32':
      view.setFloat32(at, v, le);
      break;
    case 'Float64':
      view.setFloat64(at, v, le);
      break;
    case 'Int32':
      view.setInt32(at, v, le);
      break;
    case 'Int16':
      view.setInt16(at, v, le);
      break;
    case 'UInt16':
    case 'Float16':
      view.setUint16(at, v, le);
      break;
    case 'UInt8':
      view.setUint8(at, v);
      break;
  }
}

/** Encodes a block of the raster (rows r0…, columns c0…, padded with 0 outside). */
function block(s: TiffSpec, c0: number, r0: number, w: number, h: number): Uint8Array {
  const n = BYTES[s.sampleType];
  const le = s.littleEndian ?? true;
  const out = new Uint8Array(w * h * n);
  const view = new DataView(out.buffer);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const rr = r0 + r;
      const cc = c0 + c;
      const v = rr < s.height && cc < s.width ? s.data[rr * s.width + cc] : 0;
      writeSample(view, (r * w + c) * n, s.sampleType, v, le);
    }
  }
  return (s.compression ?? 1) === 8 ? zlibSync(out) : out;
}

export function encodeTiff(s: TiffSpec): Uint8Array {
  const le = s.littleEndian ?? true;
  const blocks: Uint8Array[] = [];
  const tags: Tag[] = [];
  if (s.tile) {
    const [tw, th] = s.tile;
    for (let r = 0; r < s.height; r += th) {
      for (let c = 0; c < s.width; c += tw) blocks.push(block(s, c, r, tw, th));
    }
    tags.push({ tag: 322, type: 4, values: [tw] }, { tag: 323, type: 4, values: [th] });
  } else {
    const rps = s.rowsPerStrip ?? 1;
    for (let r = 0; r < s.height; r += rps) {
      blocks.push(block(s, 0, r, s.width, Math.min(rps, s.height - r)));
    }
    tags.push({ tag: 278, type: 4, values: [rps] });
  }
  // Layout: header, blocks, then the IFD and its out-of-line values.
  const offsets: number[] = [];
  let at = 8;
  for (const b of blocks) {
    offsets.push(at);
    at += b.length + (b.length % 2);
  }
  const counts = blocks.map((b) => b.length);
  tags.push(
    { tag: 256, type: 4, values: [s.width] },
    { tag: 257, type: 4, values: [s.height] },
    { tag: 258, type: 3, values: [8 * BYTES[s.sampleType]] },
    { tag: 259, type: 3, values: [s.compression ?? 1] },
    { tag: 262, type: 3, values: [1] },
    { tag: 277, type: 3, values: [1] },
    { tag: 284, type: 3, values: [1] },
    { tag: 339, type: 3, values: [FORMAT[s.sampleType]] },
    { tag: s.tile ? 324 : 273, type: 4, values: offsets },
    { tag: s.tile ? 325 : 279, type: 4, values: counts },
  );
  if (s.origin) {
    const [west, north, dx, dy] = s.origin;
    tags.push({ tag: 33550, type: 12, values: [dx, dy, 0] });
    tags.push({ tag: 33922, type: 12, values: [0, 0, 0, west, north, 0] });
  }
  if (s.transformation) tags.push({ tag: 34264, type: 12, values: s.transformation });
  if (s.geoKeys) {
    const { dir, ascii } = geoKeyDirectory(s.geoKeys);
    tags.push({ tag: 34735, type: 3, values: dir });
    if (ascii) tags.push({ tag: 34737, type: 2, values: ascii });
  }
  if (s.nodata !== undefined) tags.push({ tag: 42113, type: 2, values: s.nodata });
  tags.sort((a, b) => a.tag - b.tag);

  const size = (t: Tag) =>
    t.type === 2
      ? (t.values as string).length + 1
      : (t.values as number[]).length * { 3: 2, 4: 4, 12: 8 }[t.type];
  const ifdAt = at;
  let extraAt = ifdAt + 2 + tags.length * 12 + 4;
  const total = extraAt + tags.reduce((n, t) => (size(t) > 4 ? n + size(t) + (size(t) % 2) : n), 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out[0] = out[1] = le ? 0x49 : 0x4d;
  view.setUint16(2, 42, le);
  view.setUint32(4, ifdAt, le);
  blocks.forEach((b, i) => out.set(b, offsets[i]));
  view.setUint16(ifdAt, tags.length, le);
  tags.forEach((t, i) => {
    const e = ifdAt + 2 + i * 12;
    const n = size(t);
    const count = t.type === 2 ? n : (t.values as number[]).length;
    view.setUint16(e, t.tag, le);
    view.setUint16(e + 2, t.type, le);
    view.setUint32(e + 4, count, le);
    let p = e + 8;
    if (n > 4) {
      view.setUint32(e + 8, extraAt, le);
      p = extraAt;
      extraAt += n + (n % 2);
    }
    if (t.type === 2) {
      const str = t.values as string;
      for (let k = 0; k < str.length; k++) out[p + k] = str.charCodeAt(k);
    } else {
      (t.values as number[]).forEach((v, k) => {
        if (t.type === 3) view.setUint16(p + k * 2, v, le);
        else if (t.type === 4) view.setUint32(p + k * 4, v, le);
        else view.setFloat64(p + k * 8, v, le);
      });
    }
  });
  view.setUint32(ifdAt + 2 + tags.length * 12, 0, le);
  return out;
}

/** GeoKeys of a WGS-84 geographic raster. */
export const GEO_4326: TiffGeoKeys = { model: 2, raster: 1, geographic: 4326 };
/** GeoKeys of a World Mollweide raster as ESRI:54009. */
export const GEO_54009: TiffGeoKeys = { model: 1, raster: 1, projected: 54009 };
/** GeoKeys as GDAL writes GHS-POP: a user-defined projection named in the citation. */
export const GEO_GHSL: TiffGeoKeys = {
  model: 1,
  raster: 1,
  projected: 32767,
  citation: 'World_Mollweide',
};
