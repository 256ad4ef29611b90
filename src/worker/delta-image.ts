import type { CoverageRaster, RasterColor, pixelCells } from '../core/analysis/coverage-image';
import type { DeltaRaster } from '../core/scenario/compare';

/** Colours of the comparison layer: cells a scenario newly covers, and cells it loses. */
export const DELTA_RGB: Record<'gained' | 'lost', RasterColor> = {
  gained: [47, 158, 68],
  lost: [224, 49, 49],
};

/**
 * One layer of a comparison as a picture, on the same Mercator-aligned pixels as the
 * coverage images (pixelCells does the resampling; this only chooses the colour of a
 * pixel from its cell's delta: +1 gained, −1 lost, 0 or outside every area transparent).
 */
export function deltaRaster(
  delta: DeltaRaster,
  layer: 'nr' | 'redcap',
  pixels: ReturnType<typeof pixelCells>,
  label: ArrayLike<number>,
): CoverageRaster {
  const { width, height, cell, bounds } = pixels;
  const d = delta[layer];
  const rgba = new Uint8ClampedArray(4 * width * height);
  for (let p = 0; p < cell.length; p++) {
    const i = cell[p];
    if (i < 0 || d[i] === 0 || label[i] === 0) continue;
    const c = d[i] > 0 ? DELTA_RGB.gained : DELTA_RGB.lost;
    rgba[4 * p] = c[0];
    rgba[4 * p + 1] = c[1];
    rgba[4 * p + 2] = c[2];
    rgba[4 * p + 3] = 255;
  }
  return { width, height, rgba, bounds };
}
