import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RasterSource, RasterValues } from '../core/raster/types';
import type { ElevationWindow } from '../core/terrain/elevation';
import { RasterFileError, openRaster } from '../io/raster-open';
import { mosaicRasters } from '../io/raster-mosaic';
import { openInputFile } from './read-file';

/**
 * Raster inputs of the CLI: each path a raster file or a folder of tiles (every .tif,
 * .tiff, .hgt, .hgt.zip and .asc inside, in name order), opened as Blobs through
 * fs.openAsBlob so the readers fetch only the byte ranges a window needs. Several files
 * make one mosaic.
 */

const RASTER_NAME = /\.(tiff?|hgt|hgt\.zip|asc)$/i;

async function expand(p: string, cwd: string): Promise<string[]> {
  const abs = path.resolve(cwd, p);
  const s = await stat(abs).catch(() => null);
  if (!s?.isDirectory()) return [p];
  const names = (await readdir(abs)).filter((n) => RASTER_NAME.test(n)).sort();
  if (names.length === 0) {
    throw new RasterFileError(
      p,
      'is a folder without raster files (.tif, .tiff, .hgt, .hgt.zip, .asc)',
    );
  }
  return names.map((n) => path.join(p, n));
}

/** An ASCII grid's sibling .prj text (grid.asc → grid.prj), if there is one. */
async function siblingPrj(file: string, cwd: string): Promise<string | undefined> {
  if (!/\.asc$/i.test(file)) return undefined;
  const base = path.resolve(cwd, file.replace(/\.asc$/i, ''));
  for (const ext of ['.prj', '.PRJ']) {
    const text = await readFile(base + ext, 'utf8').catch(() => undefined);
    if (text !== undefined) return text;
  }
  return undefined;
}

export async function openRasterInputs(
  paths: readonly string[],
  cwd: string,
  values?: RasterValues,
): Promise<RasterSource> {
  const files = (await Promise.all(paths.map((p) => expand(p, cwd)))).flat();
  const sources: RasterSource[] = [];
  for (const f of files) {
    const input = await openInputFile(f, cwd);
    const prj = await siblingPrj(f, cwd);
    sources.push(
      await openRaster(
        { name: f, blob: input.blob },
        { ...(values ? { values } : {}), ...(prj !== undefined ? { prj } : {}) },
      ),
    );
  }
  return mosaicRasters(sources);
}

/** A DEM window for `sailplan profile`, and what the output says of the DEM. */
export interface DemLoad {
  window: ElevationWindow;
  description: {
    file: string;
    format: string;
    resolutionArcSec: number;
    window: [number, number, number, number];
  };
}

/** Reads the part of a DEM (file or folder of tiles) covering a WGS-84 box. */
export type DemLoader = (
  file: string,
  cwd: string,
  bbox: readonly [number, number, number, number],
) => Promise<DemLoad>;

export const loadDemWindow: DemLoader = async (file, cwd, bbox) => {
  const source = await openRasterInputs([file], cwd, 'elevation');
  const g = source.info.georef;
  if (g.crs !== 'EPSG:4326') {
    throw new RasterFileError(file, `a DEM must be in EPSG:4326 (WGS-84 degrees), not ${g.crs}`);
  }
  const w = await source.readWindow(bbox);
  if (!w) {
    const [a, b, c, d] = source.info.bboxWgs84.map((x) => Math.round(x * 1e4) / 1e4);
    throw new RasterFileError(file, `the DEM (${a}…${c}°E, ${b}…${d}°N) does not cover the path`);
  }
  const wg = w.georef;
  return {
    window: { georef: { ...wg, crs: 'EPSG:4326' }, values: 'elevation', data: w.data },
    description: {
      file,
      format: source.info.format,
      resolutionArcSec: 3600 * g.dx,
      window: [wg.west, wg.north - wg.height * wg.dy, wg.west + wg.width * wg.dx, wg.north],
    },
  };
};
