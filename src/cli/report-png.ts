import { PNG } from 'pngjs';
import type { RegionState } from '../core/analysis/analyze';
import { pixelCells } from '../core/analysis/coverage-image';
import { coverageMapImage, type RasterImage, type Rgba } from '../io/export-raster';
import { MAP_COLOURS } from '../io/report-html';

/** PNG bytes of an RGBA image (pngjs: Node only, hence here and not in src/io). */
export function encodePng(img: Pick<RasterImage, 'width' | 'height' | 'rgba'>): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.rgba.buffer, img.rgba.byteOffset, img.rgba.byteLength);
  return PNG.sync.write(png);
}

const rgba = (hex: string, alpha = 255): Rgba => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
  alpha,
];

/**
 * The report's map: areas coloured by coverage class with their borders, on white,
 * about one pixel per grid cell up to `maxSide` pixels.
 */
export function reportMapImage(state: RegionState, maxSide = 1600): RasterImage {
  return coverageMapImage(
    state.grid,
    pixelCells(state.grid, maxSide),
    [
      rgba(MAP_COLOURS.outside),
      rgba(MAP_COLOURS.gap),
      rgba(MAP_COLOURS.nr),
      rgba(MAP_COLOURS.redcap),
    ],
    rgba(MAP_COLOURS.border),
  );
}

/** The map as a data: URL for the self-contained HTML. */
export function reportMapDataUrl(state: RegionState, maxSide = 1600): string {
  return `data:image/png;base64,${encodePng(reportMapImage(state, maxSide)).toString('base64')}`;
}
