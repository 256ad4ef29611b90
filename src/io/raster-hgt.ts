import type { RasterValues } from '../core/raster/types';
import { RasterFileError } from './raster-errors';
import {
  gridSource,
  readRowChunks,
  resolutionAtCentre,
  wgs84Extent,
  type GridSource,
} from './raster-grid';
import { ImportError } from './issues';
import { listZip } from './zip-read';

/*
 * SRTM .hgt tiles: 1201² (3″) or 3601² (1″) big-endian Int16 samples, north row first,
 * the tile's south-west corner in its name (N33E097.hgt), voids −32768. Samples sit on
 * whole arc-seconds, so a sample is the centre of a pixel: the pixel grid starts half a
 * pixel west and north of the tile's corner. Zipped tiles (N33E097.SRTMGL1.hgt.zip) are
 * inflated once, on the first read.
 */

const SIDES = new Map([
  [1201 * 1201 * 2, 1201],
  [3601 * 3601 * 2, 3601],
]);

const SIZES = `${(1201 * 1201 * 2).toLocaleString('en-US')} bytes (3″, 1201 × 1201) or ${(3601 * 3601 * 2).toLocaleString('en-US')} bytes (1″, 3601 × 3601)`;

/** The tile's south-west corner from a name such as N33E097.hgt; null without one. */
export function hgtOrigin(name: string): [number, number] | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = /(?:^|[^A-Z])([NS])(\d{2})([EW])(\d{3})/i.exec(base);
  if (!m) return null;
  const lat = (m[1].toUpperCase() === 'S' ? -1 : 1) * Number(m[2]);
  const lon = (m[3].toUpperCase() === 'W' ? -1 : 1) * Number(m[4]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? [lon, lat] : null;
}

/** Rows decoded per chunk: progress and cancelling between chunks. */
const CHUNK_ROWS = 256;

function hgtSource(
  file: string,
  origin: [number, number],
  n: number,
  values: RasterValues,
  bytes: (start: number, end: number) => Promise<ArrayBuffer>,
): GridSource {
  const dx = 1 / (n - 1);
  const georef = {
    crs: 'EPSG:4326' as const,
    west: origin[0] - dx / 2,
    north: origin[1] + 1 + dx / 2,
    dx,
    dy: dx,
    width: n,
    height: n,
  };
  return gridSource(
    {
      files: [file],
      format: 'SRTM .hgt',
      georef,
      values,
      sampleType: 'Int16',
      nodata: -32768,
      bboxWgs84: wgs84Extent(georef),
      resolutionM: resolutionAtCentre(georef),
      year: null,
    },
    async (b, options) => {
      const out = new Float32Array(b.cols * b.rows);
      await readRowChunks(b, CHUNK_ROWS, options, async (r0, rows) => {
        const view = new DataView(await bytes(r0 * n * 2, (r0 + rows) * n * 2));
        const base = (r0 - b.r0) * b.cols;
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < b.cols; c++) {
            const v = view.getInt16((r * n + b.c0 + c) * 2, false);
            out[base + r * b.cols + c] = v === -32768 ? NaN : v;
          }
        }
      });
      return out;
    },
  );
}

function originOf(file: string, name: string): [number, number] {
  const origin = hgtOrigin(name);
  if (!origin) {
    throw new RasterFileError(
      file,
      `"${name}" does not say where the tile lies: an SRTM .hgt tile is named for its south-west corner, such as N33E097.hgt`,
    );
  }
  return origin;
}

export function openHgt(file: string, blob: Blob, values: RasterValues): GridSource {
  const origin = originOf(file, file);
  const n = SIDES.get(blob.size);
  if (!n) {
    throw new RasterFileError(
      file,
      `${blob.size.toLocaleString('en-US')} bytes is not an SRTM .hgt tile: one has ${SIZES}`,
    );
  }
  return hgtSource(file, origin, n, values, (a, b) => blob.slice(a, b).arrayBuffer());
}

/** The zip reader's errors (ImportError) as raster file errors, same reason. */
function fromImportError(file: string, e: unknown): unknown {
  return e instanceof ImportError
    ? new RasterFileError(file, e.message.slice(e.file.length + 2))
    : e;
}

/** A zip holding one .hgt tile (as NASA's SRTMGL1/SRTMGL3 downloads come). */
export async function openHgtZip(
  file: string,
  blob: Blob,
  values: RasterValues,
): Promise<GridSource> {
  const zipBytes = new Uint8Array(await blob.slice(0, blob.size).arrayBuffer());
  let entries;
  try {
    entries = listZip(zipBytes, file);
  } catch (e) {
    throw fromImportError(file, e);
  }
  const tiles = entries.filter((e) => /\.hgt$/i.test(e.name));
  if (tiles.length !== 1) {
    throw new RasterFileError(
      file,
      tiles.length === 0
        ? `the archive holds no .hgt tile (${entries.length} entries: ${
            entries
              .slice(0, 5)
              .map((e) => e.name)
              .join(', ') || 'none'
          })`
        : `the archive holds ${tiles.length} .hgt tiles; one per zip is read (unzip them into a folder to read them as a mosaic)`,
    );
  }
  const entry = tiles[0];
  const origin = hgtOrigin(entry.name) ? originOf(file, entry.name) : originOf(file, file);
  // Refuse by the declared size before inflating: a tile has one of two sizes, and the
  // inflater stops at the declared size, so no entry can inflate to more than 26 MB.
  const n = SIDES.get(entry.size);
  if (!n) {
    throw new RasterFileError(
      file,
      `"${entry.name}" declares ${entry.size.toLocaleString('en-US')} bytes; an SRTM .hgt tile has ${SIZES}. Refused before inflating`,
    );
  }
  let inflated: Promise<Uint8Array> | null = null;
  const data = () => {
    inflated ??= entry.read().catch((e: unknown) => {
      inflated = null;
      throw fromImportError(file, e);
    });
    return inflated;
  };
  return hgtSource(file, origin, n, values, async (a, b) => {
    const d = await data();
    return d.buffer.slice(d.byteOffset + a, d.byteOffset + b) as ArrayBuffer;
  });
}
