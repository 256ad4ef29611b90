import path from 'node:path';
import type { ElevationWindow } from '../core/terrain/elevation';
import { openInputFile } from './read-file';

/**
 * The CLI's reader of an SRTM `.hgt` tile, by window (only the rows a request needs are
 * read): 1201² (3″) or 3601² (1″) big-endian Int16 samples, the tile's south-west corner
 * in its name (N33E097.hgt), voids −32768. Samples sit on whole arc-seconds, so a sample
 * is the centre of a pixel and the pixel grid starts half a pixel west and north of the
 * tile's corner. The raster reader of src/io (GeoTIFF, zipped tiles, mosaics) takes the
 * same `DemLoader` place.
 */

export interface DemLoad {
  window: ElevationWindow;
  /** For the output: file, format, resolution and the window read. */
  description: {
    file: string;
    format: string;
    resolutionArcSec: number;
    window: [number, number, number, number];
  };
}

/** Reads the part of a DEM file covering a WGS-84 [west, south, east, north] box. */
export type DemLoader = (
  file: string,
  cwd: string,
  bbox: readonly [number, number, number, number],
) => Promise<DemLoad>;

/** A DEM that cannot be read; the message names the file and the reason. */
export class DemFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'DemFileError';
  }
}

const SIDES: Record<number, number> = { [1201 * 1201 * 2]: 1201, [3601 * 3601 * 2]: 3601 };

export const loadHgtWindow: DemLoader = async (file, cwd, bbox) => {
  const m = /([NS])(\d{2})([EW])(\d{3})/i.exec(path.basename(file));
  if (!m || !/\.hgt$/i.test(file)) {
    throw new DemFileError(file, 'not an SRTM .hgt tile (a name such as N33E097.hgt)');
  }
  const lat0 = (m[1].toUpperCase() === 'S' ? -1 : 1) * Number(m[2]);
  const lon0 = (m[3].toUpperCase() === 'W' ? -1 : 1) * Number(m[4]);
  const input = await openInputFile(file, cwd);
  const n = SIDES[input.size];
  if (!n) {
    throw new DemFileError(
      file,
      `${input.size} bytes is neither a 3″ (1201 × 1201) nor a 1″ (3601 × 3601) .hgt tile`,
    );
  }
  const dx = 1 / (n - 1);
  const west = lon0 - dx / 2;
  const north = lat0 + 1 + dx / 2;
  const c0 = Math.max(0, Math.floor((bbox[0] - west) / dx) - 1);
  const c1 = Math.min(n - 1, Math.ceil((bbox[2] - west) / dx) + 1);
  const r0 = Math.max(0, Math.floor((north - bbox[3]) / dx) - 1);
  const r1 = Math.min(n - 1, Math.ceil((north - bbox[1]) / dx) + 1);
  if (c0 > c1 || r0 > r1) {
    throw new DemFileError(
      file,
      `the tile (${lon0}…${lon0 + 1}°E, ${lat0}…${lat0 + 1}°N) does not cover the path`,
    );
  }
  const bytes = await input.blob.slice(r0 * n * 2, (r1 + 1) * n * 2).arrayBuffer();
  const view = new DataView(bytes);
  const width = c1 - c0 + 1;
  const height = r1 - r0 + 1;
  const data = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const v = view.getInt16((r * n + c0 + c) * 2, false);
      data[r * width + c] = v === -32768 ? NaN : v;
    }
  }
  return {
    window: {
      georef: {
        crs: 'EPSG:4326',
        west: west + c0 * dx,
        north: north - r0 * dx,
        dx,
        dy: dx,
        width,
        height,
      },
      values: 'elevation',
      data,
    },
    description: {
      file,
      format: 'SRTM .hgt',
      resolutionArcSec: 3600 * dx,
      window: [west + c0 * dx, north - (r1 + 1) * dx, west + (c1 + 1) * dx, north - r0 * dx],
    },
  };
};
