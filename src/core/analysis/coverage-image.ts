import type { Grid } from '../grid/grid';

/**
 * Coverage as a picture for web maps: the equal-area grid resampled onto pixels aligned
 * with Web Mercator, which is what a map's image source stretches linearly between its
 * corners. (Stretching the grid itself would misplace it by up to a few hundred metres at
 * the corners of a prefecture-sized region: the grid's rows are not parallels.)
 */

export interface CoverageRaster {
  width: number;
  height: number;
  /** Row 0 is the north edge; RGBA, transparent where uncovered or outside every area. */
  rgba: Uint8ClampedArray;
  /** WGS-84 bounds of the pixels' outer edges: [west, south, east, north]. */
  bounds: [number, number, number, number];
}

/** RGB of the covered cells per layer (opacity is the map layer's business). */
export type RasterColor = readonly [number, number, number];

const mercY = (latDeg: number): number =>
  Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));
const latOfMercY = (y: number): number => (Math.atan(Math.sinh(y)) * 180) / Math.PI;

/** WGS-84 bounds of the grid: its outline sampled along every edge. */
export function gridBounds(grid: Grid): [number, number, number, number] {
  const { x0, y0, cellSize: s, cols, rows, projection } = grid;
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (x: number, y: number) => {
    const [lon, lat] = projection.inverse(x, y);
    if (lon < b[0]) b[0] = lon;
    if (lat < b[1]) b[1] = lat;
    if (lon > b[2]) b[2] = lon;
    if (lat > b[3]) b[3] = lat;
  };
  const n = 32;
  for (let i = 0; i <= n; i++) {
    const fx = x0 + (cols * s * i) / n;
    const fy = y0 + (rows * s * i) / n;
    add(fx, y0);
    add(fx, y0 + rows * s);
    add(x0, fy);
    add(x0 + cols * s, fy);
  }
  return b;
}

/**
 * Which grid cell (index, or −1) lies under each pixel of a Mercator-aligned image of the
 * grid, about one pixel per cell, at most `maxSide` pixels on the longer side. Computed
 * once and shared by the layers.
 */
export function pixelCells(
  grid: Grid,
  maxSide = 4096,
): { width: number; height: number; cell: Int32Array; bounds: [number, number, number, number] } {
  const bounds = gridBounds(grid);
  const [w, s, e, n] = bounds;
  const latC = (s + n) / 2;
  const widthM = ((e - w) * Math.PI * 6_371_008 * Math.cos((latC * Math.PI) / 180)) / 180;
  const my0 = mercY(s);
  const my1 = mercY(n);
  const mx = ((e - w) * Math.PI) / 180;
  // One pixel ≈ one cell at the centre latitude; Mercator keeps the aspect.
  let width = Math.max(1, Math.ceil(widthM / grid.cellSize));
  let height = Math.max(1, Math.ceil((width * (my1 - my0)) / mx));
  const scale = Math.min(1, maxSide / Math.max(width, height));
  width = Math.max(1, Math.round(width * scale));
  height = Math.max(1, Math.round(height * scale));
  const cell = new Int32Array(width * height).fill(-1);
  const { x0, y0, cellSize: cs, cols, rows, projection } = grid;
  // Pixel columns share a longitude and rows a latitude: their terms are computed once.
  const lons = new Float64Array(width);
  for (let px = 0; px < width; px++) lons[px] = w + ((px + 0.5) * (e - w)) / width;
  const terms = projection.lonTerms(lons);
  const xy = new Float64Array(2 * width);
  for (let py = 0; py < height; py++) {
    const lat = latOfMercY(my1 - ((py + 0.5) * (my1 - my0)) / height);
    projection.forwardRow(lat, terms, xy);
    for (let px = 0; px < width; px++) {
      const c = Math.floor((xy[2 * px] - x0) / cs);
      const r = Math.floor((xy[2 * px + 1] - y0) / cs);
      if (c >= 0 && r >= 0 && c < cols && r < rows) cell[py * width + px] = r * cols + c;
    }
  }
  return { width, height, cell, bounds };
}

/** The layer's covered cells inside the areas, painted `color` on the pixel map. */
export function coverageRaster(
  grid: Grid,
  layer: 'nr' | 'redcap',
  pixels: ReturnType<typeof pixelCells>,
  color: RasterColor,
): CoverageRaster {
  const { width, height, cell, bounds } = pixels;
  const counts = grid[layer];
  const rgba = new Uint8ClampedArray(4 * width * height);
  for (let p = 0; p < cell.length; p++) {
    const i = cell[p];
    if (i < 0 || counts[i] === 0 || grid.label[i] === 0) continue;
    rgba[4 * p] = color[0];
    rgba[4 * p + 1] = color[1];
    rgba[4 * p + 2] = color[2];
    rgba[4 * p + 3] = 255;
  }
  return { width, height, rgba, bounds };
}
