import type { Grid } from '../core/grid/grid';
import type { pixelCells } from '../core/analysis/coverage-image';

/**
 * Coverage rasters for GIS tools. The pixels are the ones the app's map shows
 * (core/analysis/coverage-image.ts: the equal-area grid resampled onto pixels aligned
 * with Web Mercator), so the georeference is Web Mercator, EPSG:3857: columns equally
 * spaced in longitude and rows equally spaced in Mercator y, which a world file
 * describes exactly (in WGS-84 degrees it could not: rows are not equally spaced in
 * latitude). The .prj written beside names the projection for QGIS, ArcGIS and GDAL.
 *
 * Pure: the caller encodes the PNG (pngjs in the CLI, a canvas in the app).
 */

export type Rgba = readonly [number, number, number, number];
export type PixelCells = ReturnType<typeof pixelCells>;

export interface RasterImage {
  width: number;
  height: number;
  /** Row-major from the north-west pixel, 4 bytes a pixel. */
  rgba: Uint8ClampedArray;
  /** WGS-84 bounds of the pixels' outer edges: [west, south, east, north]. */
  bounds: [number, number, number, number];
}

/** Classes of a coverage map pixel, indices into a palette. */
export const PIXEL_OUTSIDE = 0;
export const PIXEL_GAP = 1;
export const PIXEL_NR = 2;
export const PIXEL_REDCAP = 3;

/**
 * One picture of the analysis: outside every area, NR gap, NR only, NR and RedCap, with
 * the borders between areas drawn where neighbouring pixels fall in different areas (so
 * they line up with the cells the numbers were counted on).
 */
export function coverageMapImage(
  grid: Grid,
  pixels: PixelCells,
  palette: readonly [Rgba, Rgba, Rgba, Rgba],
  border: Rgba | null,
): RasterImage {
  const { width, height, cell, bounds } = pixels;
  const rgba = new Uint8ClampedArray(4 * width * height);
  const region = new Int32Array(width * height);
  for (let p = 0; p < cell.length; p++) {
    const i = cell[p];
    const l = i < 0 ? 0 : grid.label[i];
    region[p] = l;
    const k =
      l === 0
        ? PIXEL_OUTSIDE
        : grid.redcap[i] > 0
          ? PIXEL_REDCAP
          : grid.nr[i] > 0
            ? PIXEL_NR
            : PIXEL_GAP;
    rgba.set(palette[k], 4 * p);
  }
  if (border) {
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        const p = r * width + c;
        const right = c + 1 < width ? region[p + 1] : region[p];
        const below = r + 1 < height ? region[p + width] : region[p];
        if (right !== region[p] || below !== region[p]) rgba.set(border, 4 * p);
      }
    }
  }
  return { width, height, rgba, bounds };
}

const R = 6_378_137;
const mercX = (lon: number): number => (R * lon * Math.PI) / 180;
const mercY = (lat: number): number => R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const lonOf = (x: number): number => (x / R) * (180 / Math.PI);
const latOf = (y: number): number => (Math.atan(Math.sinh(y / R)) * 180) / Math.PI;

/**
 * ESRI world file (.pgw beside a PNG) in EPSG:3857 metres: x pixel size, two rotations,
 * −y pixel size, then the CENTRE of the top-left pixel (the GDAL/ArcGIS convention).
 */
export function worldFile(img: Pick<RasterImage, 'width' | 'height' | 'bounds'>): string {
  const [w, s, e, n] = img.bounds;
  const dx = (mercX(e) - mercX(w)) / img.width;
  const dy = (mercY(n) - mercY(s)) / img.height;
  return `${[dx, 0, 0, -dy, mercX(w) + dx / 2, mercY(n) - dy / 2].map((v) => v.toPrecision(17)).join('\n')}\n`;
}

/** The six numbers of a world file; throws on a malformed one. */
export function parseWorldFile(text: string): [number, number, number, number, number, number] {
  const v = text
    .trim()
    .split(/\s+/)
    .map((x) => Number(x));
  if (v.length !== 6 || v.some((x) => !Number.isFinite(x)))
    throw new Error('a world file has six numbers, one a line');
  return v as [number, number, number, number, number, number];
}

/** WGS-84 [lon, lat] of the centre of pixel (col, row) by an EPSG:3857 world file. */
export function worldFileLngLat(wf: readonly number[], col: number, row: number): [number, number] {
  const [a, d, b, e, c, f] = wf;
  return [lonOf(a * col + b * row + c), latOf(d * col + e * row + f)];
}

/** ESRI .prj of WGS 84 / Pseudo-Mercator (EPSG:3857), as QGIS writes it. */
export const WEB_MERCATOR_PRJ =
  'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
