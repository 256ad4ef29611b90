import type { RasterCrs, RasterValues } from '../core/raster/types';
import { crsFromWkt, degreesError } from './raster-crs';
import { RasterFileError, throwIfAborted } from './raster-errors';
import {
  gridSource,
  readRowChunks,
  resolutionAtCentre,
  wgs84Extent,
  yearFromName,
  type GridSource,
} from './raster-grid';

/*
 * ESRI ASCII grids (.asc): a header of ncols, nrows, xllcorner|xllcenter,
 * yllcorner|yllcenter, cellsize (or dx, dy), NODATA_value, then nrows × ncols numbers,
 * north row first. A national 1 km grid is ~80 MB of text, so the file is scanned once
 * for where each row starts (counting values, not lines: some writers wrap rows), and a
 * window parses only its own rows.
 */

interface AscHeader {
  ncols: number;
  nrows: number;
  west: number;
  north: number;
  dx: number;
  dy: number;
  nodata: number | null;
  /** Byte offset of the first value. */
  dataStart: number;
}

const HEAD_BYTES = 4096;

function parseHeader(file: string, head: Uint8Array): AscHeader {
  const text = new TextDecoder('latin1').decode(head);
  const fields = new Map<string, number>();
  let at = 0;
  for (let line = 1; at < text.length; line++) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl + 1;
    const raw = text.slice(at, end).trim();
    if (raw !== '') {
      const parts = raw.split(/\s+/);
      if (!/^[A-Za-z_]+$/.test(parts[0])) break; // the first row of values
      const value = Number(parts[1]);
      if (parts.length !== 2 || !Number.isFinite(value)) {
        throw new RasterFileError(
          file,
          `header line ${line} "${raw.slice(0, 60)}" is not "name value"`,
        );
      }
      fields.set(parts[0].toLowerCase(), value);
    }
    at = end;
  }
  const need = (k: string): number => {
    const v = fields.get(k);
    if (v === undefined) throw new RasterFileError(file, `the ESRI ASCII grid header has no ${k}`);
    return v;
  };
  const ncols = need('ncols');
  const nrows = need('nrows');
  if (!(Number.isInteger(ncols) && ncols > 0 && Number.isInteger(nrows) && nrows > 0)) {
    throw new RasterFileError(
      file,
      `ncols ${ncols} and nrows ${nrows} must be whole numbers above 0`,
    );
  }
  const cell = fields.get('cellsize');
  const dx = cell ?? need('dx');
  const dy = cell ?? need('dy');
  if (!(dx > 0 && dy > 0))
    throw new RasterFileError(file, `the cell size ${dx} × ${dy} must be above 0`);
  const xc = fields.get('xllcenter');
  const yc = fields.get('yllcenter');
  const west = xc !== undefined ? xc - dx / 2 : need('xllcorner');
  const south = yc !== undefined ? yc - dy / 2 : need('yllcorner');
  return {
    ncols,
    nrows,
    west,
    north: south + nrows * dy,
    dx,
    dy,
    nodata: fields.get('nodata_value') ?? null,
    dataStart: at,
  };
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** A decimal number in bytes [a, b): exact fast path, Number() for the rest; NaN if not one. */
function parseNumber(bytes: Uint8Array, a: number, b: number): number {
  let i = a;
  let neg = false;
  if (bytes[i] === 45 || bytes[i] === 43) neg = bytes[i++] === 45;
  let mant = 0;
  let digits = 0;
  let frac = 0;
  let any = false;
  while (i < b && bytes[i] >= 48 && bytes[i] <= 57) {
    mant = mant * 10 + (bytes[i++] - 48);
    digits++;
    any = true;
  }
  if (i < b && bytes[i] === 46) {
    i++;
    while (i < b && bytes[i] >= 48 && bytes[i] <= 57) {
      mant = mant * 10 + (bytes[i++] - 48);
      digits++;
      frac++;
      any = true;
    }
  }
  let exp = 0;
  if (any && i < b && (bytes[i] === 101 || bytes[i] === 69)) {
    i++;
    let eneg = false;
    if (bytes[i] === 45 || bytes[i] === 43) eneg = bytes[i++] === 45;
    let e = 0;
    let edigits = 0;
    while (i < b && bytes[i] >= 48 && bytes[i] <= 57) {
      e = e * 10 + (bytes[i++] - 48);
      edigits++;
    }
    if (edigits === 0) return NaN;
    exp = eneg ? -e : e;
  }
  if (!any || i !== b) return slowNumber(bytes, a, b);
  const net = exp - frac;
  if (digits > 15 || net > 22 || net < -22) return slowNumber(bytes, a, b);
  const v = net >= 0 ? mant * POW10[net] : mant / POW10[-net];
  return neg ? -v : v;
}

function slowNumber(bytes: Uint8Array, a: number, b: number): number {
  const s = String.fromCharCode(...bytes.subarray(a, Math.min(b, a + 64)));
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(nan|inf(inity)?)$/i.test(s)
    ? Number(s)
    : NaN;
}

/** Bytes scanned per read while finding the rows. */
const SCAN_BYTES = 8 << 20;

/** Byte offset where each row starts (nrows + 1 entries; the last is the end). */
async function scanRows(file: string, blob: Blob, h: AscHeader): Promise<Float64Array> {
  const starts = new Float64Array(h.nrows + 1);
  const total = h.nrows * h.ncols;
  let count = 0;
  let inToken = false;
  let lastEnd = h.dataStart;
  for (let pos = h.dataStart; pos < blob.size && count <= total; pos += SCAN_BYTES) {
    const bytes = new Uint8Array(await blob.slice(pos, pos + SCAN_BYTES).arrayBuffer());
    for (let i = 0; i < bytes.length; i++) {
      const sep = bytes[i] <= 32;
      if (!sep && !inToken) {
        if (count % h.ncols === 0 && count < total) starts[count / h.ncols] = pos + i;
        count++;
        if (count > total) break;
      }
      if (sep && inToken) lastEnd = pos + i;
      inToken = !sep;
    }
  }
  if (inToken) lastEnd = blob.size;
  if (count < total) {
    const row = Math.floor(count / h.ncols);
    throw new RasterFileError(
      file,
      `is truncated: ${count.toLocaleString('en-US')} of the ${total.toLocaleString('en-US')} values the header declares (${h.nrows} rows × ${h.ncols}); it ends in row ${row + 1}`,
    );
  }
  if (count > total) {
    throw new RasterFileError(
      file,
      `holds more values than the header's ${h.nrows} rows × ${h.ncols} columns (a wrong ncols or nrows?)`,
    );
  }
  starts[h.nrows] = lastEnd;
  return starts;
}

export interface AscOptions {
  values: RasterValues;
  /** The text of the grid's .prj, if it has one (else WGS-84 degrees are assumed). */
  prj?: string;
}

export async function openAsciiGrid(
  file: string,
  blob: Blob,
  opts: AscOptions,
): Promise<GridSource> {
  const h = parseHeader(file, new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer()));
  let crs: RasterCrs = 'EPSG:4326';
  if (opts.prj !== undefined) {
    const verdict = crsFromWkt(opts.prj);
    if ('error' in verdict) throw new RasterFileError(file, `its .prj ${verdict.error}`);
    crs = verdict.crs;
  }
  const georef = {
    crs,
    west: h.west,
    north: h.north,
    dx: h.dx,
    dy: h.dy,
    width: h.ncols,
    height: h.nrows,
  };
  const notDegrees = degreesError(georef);
  if (notDegrees)
    throw new RasterFileError(
      file,
      notDegrees.replace('the CRS is read as', 'no .prj is given, so the CRS is taken as'),
    );
  // Every value takes at least two bytes (a digit and a separator, bar the last).
  if (blob.size - h.dataStart < 2 * h.ncols * h.nrows - 1) {
    throw new RasterFileError(
      file,
      `is truncated: ${(blob.size - h.dataStart).toLocaleString('en-US')} bytes of values cannot hold the ${h.nrows} × ${h.ncols} the header declares`,
    );
  }
  let rows: Promise<Float64Array> | null = null;
  const rowStarts = () => {
    rows ??= scanRows(file, blob, h).catch((e: unknown) => {
      rows = null;
      throw e;
    });
    return rows;
  };
  const avgRow = (blob.size - h.dataStart) / h.nrows;
  const chunkRows = Math.max(1, Math.floor((4 << 20) / avgRow));

  return gridSource(
    {
      files: [file],
      format: 'ESRI ASCII grid',
      georef,
      values: opts.values,
      sampleType: 'text',
      nodata: h.nodata,
      bboxWgs84: wgs84Extent(georef),
      resolutionM: resolutionAtCentre(georef),
      year: yearFromName(file),
    },
    async (b, options) => {
      const starts = await rowStarts();
      throwIfAborted(options?.signal);
      const out = new Float32Array(b.cols * b.rows);
      await readRowChunks(b, chunkRows, options, async (r0, n) => {
        const base = starts[r0];
        const bytes = new Uint8Array(await blob.slice(base, starts[r0 + n]).arrayBuffer());
        for (let r = 0; r < n; r++) {
          let i = starts[r0 + r] - base;
          const end = starts[r0 + r + 1] - base;
          let col = 0;
          let o = (r0 + r - b.r0) * b.cols;
          while (i < end && col < b.c0 + b.cols) {
            while (i < end && bytes[i] <= 32) i++;
            const a = i;
            while (i < end && bytes[i] > 32) i++;
            if (col >= b.c0) {
              const v = parseNumber(bytes, a, i);
              if (
                Number.isNaN(v) &&
                !/^[-+]?nan$/i.test(String.fromCharCode(...bytes.subarray(a, Math.min(i, a + 8))))
              ) {
                const token = new TextDecoder('latin1').decode(
                  bytes.subarray(a, Math.min(i, a + 24)),
                );
                throw new RasterFileError(
                  file,
                  `row ${r0 + r + 1}, column ${col + 1}: "${token}" is not a number`,
                );
              }
              out[o++] = v === h.nodata ? NaN : v;
            }
            col++;
          }
        }
      });
      return out;
    },
  );
}
