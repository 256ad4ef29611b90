import { getDecoder, type GeoTIFFImage } from 'geotiff';
import type { RasterReadOptions } from '../core/raster/types';
import type { PixelBlock } from './raster-grid';

/*
 * Copying decoded strips and tiles into a window. geotiff.js's readRasters reads every
 * pixel through a DataView call (measured 0.74–1.06 s for 20 M Float32 pixels); here a
 * block whose byte order is the machine's is viewed as a typed array and copied row by
 * row. Decoding (and the predictor) stay geotiff.js's, one block at a time.
 */

const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type Reader = (view: DataView, at: number, le: boolean) => number;
const READERS: Record<
  string,
  [number, Reader, new (b: ArrayBuffer, o: number, n: number) => ArrayLike<number>]
> = {
  UInt8: [1, (v, a) => v.getUint8(a), Uint8Array],
  UInt16: [2, (v, a, le) => v.getUint16(a, le), Uint16Array],
  Int16: [2, (v, a, le) => v.getInt16(a, le), Int16Array],
  Int32: [4, (v, a, le) => v.getInt32(a, le), Int32Array],
  Float32: [4, (v, a, le) => v.getFloat32(a, le), Float32Array],
  Float64: [8, (v, a, le) => v.getFloat64(a, le), Float64Array],
};

export interface BlockCopier {
  /** Reads rows r0…r0+rows−1 of block b into `out` (b's layout), nodata → NaN. */
  (
    b: PixelBlock,
    r0: number,
    rows: number,
    out: Float32Array,
    options?: RasterReadOptions,
  ): Promise<void>;
}

/**
 * The block copier of an image whose compression takes geotiff.js's default decoder
 * parameters and whose sample type is one of READERS (the reader checks both at open).
 */
export async function blockCopier(
  image: GeoTIFFImage,
  sampleType: string,
  nodataSample: number | null,
): Promise<BlockCopier> {
  const fd = image.getFileDirectory();
  const compression = Number(fd.getValue('Compression') ?? 1);
  const reader = READERS[sampleType];
  if (!reader) throw new RangeError(`no block reader for ${sampleType} samples`);
  const tileW = image.getTileWidth();
  const tileH = image.getTileHeight();
  const planar = Number(fd.getValue('PlanarConfiguration') ?? 1);
  const bits = fd.getValue('BitsPerSample') as ArrayLike<number>;
  const decoder = await getDecoder(compression, {
    tileWidth: tileW,
    tileHeight: tileH,
    planarConfiguration: planar,
    bitsPerSample: Array.from(bits),
    predictor: Number((await fd.loadValue('Predictor')) ?? 1),
  });
  const [size, read, Typed] = reader;
  // Interleaved samples: the pixel stride spans all of them; band 0 comes first.
  const stride = planar === 1 ? image.getBytesPerPixel() : size;
  const le = image.littleEndian;
  const typed = stride === size && (size === 1 || le === LITTLE);
  const width = image.getWidth();

  return async (b, r0, rows, out, options) => {
    const y0 = Math.floor(r0 / tileH);
    const y1 = Math.floor((r0 + rows - 1) / tileH);
    const x0 = Math.floor(b.c0 / tileW);
    const x1 = Math.floor((b.c0 + b.cols - 1) / tileW);
    const jobs: Promise<void>[] = [];
    for (let y = y0; y <= y1; y++) {
      const top = Math.max(r0, y * tileH);
      const bottom = Math.min(r0 + rows, (y + 1) * tileH);
      for (let x = x0; x <= x1; x++) {
        jobs.push(
          image.getTileOrStrip(x, y, 0, decoder, options?.signal).then(({ data }) => {
            const buf = data as ArrayBuffer;
            const firstCol = x * tileW;
            const from = Math.max(b.c0, firstCol);
            const to = Math.min(b.c0 + b.cols, firstCol + tileW, width);
            const view = typed ? new Typed(buf, 0, Math.floor(buf.byteLength / size)) : null;
            const dv = view ? null : new DataView(buf);
            for (let r = top; r < bottom; r++) {
              const src = (r - y * tileH) * tileW + (from - firstCol);
              const dst = (r - b.r0) * b.cols + (from - b.c0);
              for (let k = 0; k < to - from; k++) {
                const v = view ? view[src + k] : read(dv!, (src + k) * stride, le);
                out[dst + k] = v === nodataSample ? NaN : v;
              }
            }
          }),
        );
      }
    }
    await Promise.all(jobs);
  };
}
