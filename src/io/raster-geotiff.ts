import GeoTIFF, { type GeoTIFFImage } from 'geotiff';
import type { RasterGeoref, RasterValues } from '../core/raster/types';
import { crsFromGeoKeys, degreesError } from './raster-crs';
import { RasterFileError, isAbortError, throwIfAborted } from './raster-errors';
import {
  gridSource,
  readRowChunks,
  resolutionAtCentre,
  wgs84Extent,
  yearFromName,
  type GridSource,
} from './raster-grid';

/*
 * GeoTIFF (WorldPop, GHS-POP, SRTM/ASTER/Copernicus DEM exports) through geotiff.js, by
 * window: only the strips or tiles a window touches are fetched from the Blob (its slice()
 * reads byte ranges, lazily, from a File or fs.openAsBlob).
 */

/**
 * geotiff.js's own Blob source needs FileReader (absent in Node); this one uses
 * Blob.slice().arrayBuffer(), which both have.
 */
class BlobSource {
  constructor(private readonly blob: Blob) {}
  get fileSize(): number {
    return this.blob.size;
  }
  async fetch(slices: { offset: number; length: number }[]): Promise<ArrayBuffer[]> {
    return Promise.all(
      slices.map((s) => this.blob.slice(s.offset, s.offset + s.length).arrayBuffer()),
    );
  }
  async close(): Promise<void> {}
}

const SAMPLE_TYPES: Record<string, string> = {
  '1:8': 'UInt8',
  '1:16': 'UInt16',
  '2:16': 'Int16',
  '2:32': 'Int32',
  '3:32': 'Float32',
  '3:64': 'Float64',
};

/** Compressions geotiff.js decodes losslessly (JPEG and WebP would alter the values). */
const COMPRESSIONS: Record<number, string> = {
  1: 'none',
  5: 'LZW',
  8: 'Deflate',
  32946: 'Deflate',
  32773: 'PackBits',
  34887: 'LERC',
  50000: 'ZSTD',
};

/** Pixels per readRasters call: about 4 MB of Float32, so a big window reports progress. */
const CHUNK_PIXELS = 1 << 20;

function georefOf(image: GeoTIFFImage, file: string, crs: RasterGeoref['crs']): RasterGeoref {
  const fd = image.getFileDirectory();
  const tie = fd.getValue('ModelTiepoint') as ArrayLike<number> | undefined;
  const scale = fd.getValue('ModelPixelScale') as ArrayLike<number> | undefined;
  const matrix = fd.getValue('ModelTransformation') as ArrayLike<number> | undefined;
  let west: number;
  let north: number;
  let dx: number;
  let dy: number;
  if (tie && scale && tie.length >= 6) {
    if (tie.length > 6) {
      throw new RasterFileError(
        file,
        `has ${tie.length / 6} tie points (a warped grid); only an affine georeference is supported`,
      );
    }
    dx = scale[0];
    dy = scale[1];
    west = tie[3] - tie[0] * dx;
    north = tie[4] + tie[1] * dy;
  } else if (matrix && matrix.length >= 8) {
    if (matrix[1] !== 0 || matrix[4] !== 0) {
      throw new RasterFileError(
        file,
        'has a rotated or skewed geotransform; only north-up grids are supported',
      );
    }
    dx = matrix[0];
    dy = -matrix[5];
    west = matrix[3];
    north = matrix[7];
  } else {
    throw new RasterFileError(
      file,
      'has no georeference (no ModelTiepoint/ModelPixelScale or ModelTransformation)',
    );
  }
  if (!(dx > 0 && dy > 0 && Number.isFinite(west) && Number.isFinite(north))) {
    throw new RasterFileError(
      file,
      `is not a north-up grid (pixel size ${dx} × ${-dy}); flip it to north-up first`,
    );
  }
  // Pixel-is-point: the tie point is the first pixel's centre, the grid starts half a pixel out.
  if (image.getGeoKeys()?.GTRasterTypeGeoKey === 2) {
    west -= dx / 2;
    north += dy / 2;
  }
  return { crs, west, north, dx, dy, width: image.getWidth(), height: image.getHeight() };
}

/** The year in GDAL metadata (an item named like "year"), else null. */
async function yearFromMetadata(image: GeoTIFFImage): Promise<number | null> {
  try {
    const md = await image.getGDALMetadata();
    for (const [k, v] of Object.entries(md ?? {})) {
      const m = /year/i.test(k) ? /^\s*((?:19|20)\d{2})\b/.exec(String(v)) : null;
      if (m) return Number(m[1]);
    }
  } catch {
    // Unreadable metadata XML only loses the year.
  }
  return null;
}

async function openTiff(blob: Blob, file: string): Promise<GeoTIFFImage> {
  try {
    const tiff = await GeoTIFF.fromSource(new BlobSource(blob) as never);
    // geotiff.js 3.0.5 reads deferred tag arrays (strip offsets…) as little-endian even in a
    // big-endian file; eager parsing reads them with the file's byte order, at open.
    const parser = (tiff as unknown as { parser?: { eager: boolean } }).parser;
    if (parser) parser.eager = true;
    return await tiff.getImage(0);
  } catch (e) {
    if (e instanceof RasterFileError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new RasterFileError(file, `is not a readable TIFF (${why}; truncated or damaged?)`);
  }
}

/** Strips or tiles past the end of the file: refused at open, not mid-read. */
async function checkBlocks(image: GeoTIFFImage, blob: Blob, file: string): Promise<void> {
  const fd = image.getFileDirectory();
  const tiled = fd.hasTag('TileOffsets');
  const offsets = (await fd.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as
    ArrayLike<number | bigint> | undefined;
  const counts = (await fd.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as
    ArrayLike<number | bigint> | undefined;
  if (!offsets || !counts || offsets.length !== counts.length) {
    throw new RasterFileError(file, `has no ${tiled ? 'tile' : 'strip'} table (damaged TIFF)`);
  }
  for (let i = 0; i < offsets.length; i++) {
    const end = Number(offsets[i]) + Number(counts[i]);
    if (end > blob.size) {
      throw new RasterFileError(
        file,
        `is truncated: ${tiled ? 'tile' : 'strip'} ${i + 1} of ${offsets.length} ends at byte ${end.toLocaleString('en-US')}, the file has ${blob.size.toLocaleString('en-US')}`,
      );
    }
  }
}

export async function openGeoTiff(
  file: string,
  blob: Blob,
  values: RasterValues,
): Promise<GridSource> {
  const image = await openTiff(blob, file);
  const fd = image.getFileDirectory();
  const format = image.getSampleFormat(0) ?? 1;
  const bits = image.getBitsPerSample(0);
  const sampleType = SAMPLE_TYPES[`${format}:${bits}`];
  if (!sampleType) {
    const kind =
      { 1: 'unsigned integer', 2: 'signed integer', 3: 'floating-point' }[format] ??
      `format ${format}`;
    throw new RasterFileError(
      file,
      `has ${bits}-bit ${kind} samples; supported: Float32, Float64, Int32, Int16, UInt16, UInt8`,
    );
  }
  const compression = Number(fd.getValue('Compression') ?? 1);
  if (!COMPRESSIONS[compression]) {
    throw new RasterFileError(
      file,
      `uses TIFF compression ${compression}${compression === 7 ? ' (JPEG, lossy)' : ''}; supported: ${[...new Set(Object.values(COMPRESSIONS))].join(', ')}`,
    );
  }
  const verdict = crsFromGeoKeys(image.getGeoKeys());
  if ('error' in verdict) throw new RasterFileError(file, verdict.error);
  const georef = georefOf(image, file, verdict.crs);
  const notDegrees = degreesError(georef);
  if (notDegrees) throw new RasterFileError(file, notDegrees);
  await checkBlocks(image, blob, file);

  const nodata = image.getGDALNoData();
  // Float32 samples compare against the nodata value rounded as the file stored it.
  const nodataSample =
    nodata === null ? null : sampleType === 'Float32' ? Math.fround(nodata) : nodata;
  const blockRows = image.getTileHeight();
  const year = (await yearFromMetadata(image)) ?? yearFromName(file);

  return gridSource(
    {
      files: [file],
      format: 'GeoTIFF',
      georef,
      values,
      sampleType,
      nodata,
      bboxWgs84: wgs84Extent(georef),
      resolutionM: resolutionAtCentre(georef),
      year,
    },
    async (b, options) => {
      const out = new Float32Array(b.cols * b.rows);
      const chunkRows = blockRows * Math.max(1, Math.floor(CHUNK_PIXELS / b.cols / blockRows));
      await readRowChunks(b, chunkRows, options, async (r0, rows) => {
        let raster;
        try {
          raster = await image.readRasters({
            window: [b.c0, r0, b.c0 + b.cols, r0 + rows],
            samples: [0],
            ...(options?.signal ? { signal: options.signal } : {}),
          });
        } catch (e) {
          throwIfAborted(options?.signal);
          if (isAbortError(e)) throw e;
          const why = e instanceof Error ? e.message : String(e);
          throw new RasterFileError(file, `rows ${r0 + 1}–${r0 + rows} cannot be decoded (${why})`);
        }
        const band = raster[0] as ArrayLike<number>;
        const base = (r0 - b.r0) * b.cols;
        for (let i = 0; i < band.length; i++) {
          const v = band[i];
          out[base + i] = v === nodataSample ? NaN : v;
        }
      });
      return out;
    },
  );
}
