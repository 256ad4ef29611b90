import type { RasterSource, RasterValues } from '../core/raster/types';
import { openAsciiGrid } from './raster-asc';
import { RasterFileError } from './raster-errors';
import { openGeoTiff } from './raster-geotiff';
import { openHgt, openHgtZip } from './raster-hgt';
import { isZip } from './zip-read';

/*
 * The one raster reader of SailPlan: population surfaces (WorldPop, GHS-POP) and DEMs
 * (SRTM, Copernicus, ASTER exports) as GeoTIFF, ESRI ASCII grid or SRTM .hgt (bare or
 * zipped), told apart by their first bytes and then their name. The same code runs in
 * the browser (a File) and the CLI (fs.openAsBlob): only Blob.slice() is used, so a
 * window reads only the bytes it needs.
 */

export { RasterFileError } from './raster-errors';

export interface OpenRasterOptions {
  /**
   * What the pixels mean. Default: 'elevation' for .hgt tiles, 'count' (people per
   * pixel) for GeoTIFF and ASCII grids.
   */
  values?: RasterValues;
  /** The text of an ASCII grid's sibling .prj (else the grid is taken as WGS-84 degrees). */
  prj?: string;
}

export const RASTER_FORMATS =
  'a GeoTIFF (.tif), an ESRI ASCII grid (.asc) or an SRTM .hgt tile (bare or zipped)';

function isTiff(h: Uint8Array): boolean {
  return (
    h.length >= 4 &&
    ((h[0] === 0x49 && h[1] === 0x49 && (h[2] === 42 || h[2] === 43) && h[3] === 0) ||
      (h[0] === 0x4d && h[1] === 0x4d && h[2] === 0 && (h[3] === 42 || h[3] === 43)))
  );
}

export async function openRaster(
  file: { name: string; blob: Blob },
  opts: OpenRasterOptions = {},
): Promise<RasterSource> {
  const { name, blob } = file;
  if (blob.size === 0) throw new RasterFileError(name, 'is empty');
  const head = new Uint8Array(await blob.slice(0, 64).arrayBuffer());
  const lower = name.toLowerCase();
  if (isTiff(head)) return openGeoTiff(name, blob, opts.values ?? 'count');
  if (isZip(head)) return openHgtZip(name, blob, opts.values ?? 'elevation');
  if (lower.endsWith('.hgt')) return openHgt(name, blob, opts.values ?? 'elevation');
  const text = new TextDecoder('latin1').decode(head).trimStart().toLowerCase();
  if (lower.endsWith('.asc') || /^(ncols|nrows)\s/.test(text)) {
    return openAsciiGrid(name, blob, {
      values: opts.values ?? 'count',
      ...(opts.prj !== undefined ? { prj: opts.prj } : {}),
    });
  }
  if (/\.tiff?$/.test(lower)) {
    throw new RasterFileError(name, 'is not a TIFF file (it does not start with II*\\0 or MM\\0*)');
  }
  if (lower.endsWith('.zip')) {
    throw new RasterFileError(name, 'is not a zip archive (it does not start with PK)');
  }
  throw new RasterFileError(name, `is not a raster: expected ${RASTER_FORMATS}`);
}
