import type { FileNote } from './boundary-source';

/*
 * shpjs (and its DBF reader, parsedbf) trust the headers: a .dbf that declares 4 billion
 * records loops 4 billion times past its end (reads past the end return empty text instead
 * of failing), and a polygon record of a million rings makes shpjs pair every hole with
 * every outer ring. Both are checked here, on copies, before shpjs runs.
 */

/** More parts than any real boundary: the most fragmented island counties have a few thousand. */
export const MAX_SHP_PARTS = 20_000;

const POLYGON_TYPES = new Set([5, 15, 25]);

/**
 * The .dbf with its record count cut to the records the file holds; a note when it
 * declared more (a truncated file). Null when the header itself is unusable.
 */
export function clampDbf(
  dbf: Uint8Array,
  layer: string,
): { dbf: Uint8Array; note: FileNote | null } | null {
  if (dbf.length < 32) return null;
  const v = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const records = v.getUint32(4, true);
  const headerLen = v.getUint16(8, true);
  const recLen = v.getUint16(10, true);
  if (headerLen < 33 || headerLen > dbf.length || (records > 0 && recLen === 0)) return null;
  const held = recLen === 0 ? 0 : Math.floor((dbf.length - headerLen) / recLen);
  if (records <= held) return { dbf, note: null };
  const copy = dbf.slice();
  new DataView(copy.buffer).setUint32(4, held, true);
  return {
    dbf: copy,
    note: {
      code: 'dbf-truncated',
      message: `${layer}.dbf declares ${records.toLocaleString('en-US')} records but holds ${held.toLocaleString('en-US')} (damaged or truncated); features past them have no attributes`,
      params: { layer, declared: records, held },
    },
  };
}

/**
 * Polygon records with more than MAX_SHP_PARTS parts, by record index (0-based), and a copy
 * of the .shp in which they are null shapes, so shpjs skips them.
 */
export function cutHugeRecords(shp: Uint8Array): {
  shp: Uint8Array;
  problems: Map<number, FileNote>;
} {
  const problems = new Map<number, FileNote>();
  if (shp.length < 100) return { shp, problems };
  let copy: Uint8Array | null = null;
  const v = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  let offset = 100;
  for (let i = 0; offset + 12 <= shp.length; i++) {
    const len = v.getInt32(offset + 4) * 2;
    if (len < 0 || offset + 8 + len > shp.length) break;
    const type = len >= 4 ? v.getInt32(offset + 8, true) : 0;
    if (POLYGON_TYPES.has(type) && len >= 44) {
      const parts = v.getInt32(offset + 8 + 36, true);
      if (parts > MAX_SHP_PARTS) {
        copy ??= shp.slice();
        new DataView(copy.buffer).setInt32(offset + 8, 0, true);
        problems.set(i, {
          code: 'too-many-parts',
          message: `the polygon has ${parts.toLocaleString('en-US')} parts, more than the ${MAX_SHP_PARTS.toLocaleString('en-US')} of any real boundary`,
          params: { limit: MAX_SHP_PARTS },
        });
      }
    }
    offset += 8 + len;
  }
  return { shp: copy ?? shp, problems };
}
