import type { Grid } from '../grid/grid';
import type { CoverageRaster, pixelCells } from './coverage-image';

/**
 * Population density as a picture for the map (issue 12 "Map layers"): the people each
 * grid cell holds after the dasymetric allocation, per km², on a log colour scale. It is
 * drawn from the grid the analysis used, so it shows the surface actually used (raster,
 * settlements or the census model), not the file as imported.
 */

/** Colour stops: people/km² and RGB, low to high (one decade apart; log scale between). */
export const DENSITY_STOPS: readonly { density: number; rgb: readonly [number, number, number] }[] =
  [
    { density: 0.1, rgb: [255, 255, 204] },
    { density: 1, rgb: [254, 217, 118] },
    { density: 10, rgb: [253, 141, 60] },
    { density: 100, rgb: [227, 26, 28] },
    { density: 1000, rgb: [128, 0, 38] },
    { density: 10000, rgb: [63, 0, 125] },
  ];

/** The RGB of a density on the log scale; null below the first stop (left transparent). */
export function densityColor(d: number): readonly [number, number, number] | null {
  const first = DENSITY_STOPS[0];
  if (!(d >= first.density)) return null;
  const t = Math.log10(d / first.density);
  const k = Math.min(DENSITY_STOPS.length - 1, Math.floor(t));
  if (k >= DENSITY_STOPS.length - 1) return DENSITY_STOPS[DENSITY_STOPS.length - 1].rgb;
  const f = t - k;
  const a = DENSITY_STOPS[k].rgb;
  const b = DENSITY_STOPS[k + 1].rgb;
  return [
    Math.round(a[0] + f * (b[0] - a[0])),
    Math.round(a[1] + f * (b[1] - a[1])),
    Math.round(a[2] + f * (b[2] - a[2])),
  ];
}

/** People/km² of every cell inside the areas, painted on the Mercator-aligned pixels. */
export function densityRaster(grid: Grid, pixels: ReturnType<typeof pixelCells>): CoverageRaster {
  const { width, height, cell, bounds } = pixels;
  const cellKm2 = (grid.cellSize * grid.cellSize) / 1e6;
  const rgba = new Uint8ClampedArray(4 * width * height);
  for (let p = 0; p < cell.length; p++) {
    const i = cell[p];
    if (i < 0 || grid.label[i] === 0) continue;
    const c = densityColor(grid.weight[i] / cellKm2);
    if (!c) continue;
    rgba[4 * p] = c[0];
    rgba[4 * p + 1] = c[1];
    rgba[4 * p + 2] = c[2];
    rgba[4 * p + 3] = 255;
  }
  return { width, height, rgba, bounds };
}
