/**
 * Rasters as core reads them: population surfaces and DEMs arrive from the readers in
 * src/io (GeoTIFF, ESRI ASCII grid, SRTM .hgt, mosaics of tiles) as north-up windows
 * in one of the CRSs below. Core never opens a file: it is handed windows.
 */

/** CRSs a raster window can be in: geographic WGS-84 degrees, or Mollweide metres (GHSL). */
export type RasterCrs = 'EPSG:4326' | 'ESRI:54009';

/** What a pixel's value means. */
export type RasterValues =
  /** People living in the pixel (WorldPop "ppp", GHS-POP). */
  | 'count'
  /** People per km² at the pixel. */
  | 'density'
  /** Ground height (m above sea level). */
  | 'elevation';

/**
 * A north-up pixel grid: pixel (c, r) covers x ∈ [west + c·dx, west + (c+1)·dx),
 * y ∈ (north − (r+1)·dy, north − r·dy] (pixel-is-area). Units are those of the CRS:
 * degrees for EPSG:4326, metres for ESRI:54009.
 */
export interface RasterGeoref {
  crs: RasterCrs;
  west: number;
  north: number;
  dx: number;
  dy: number;
  width: number;
  height: number;
}

/** A window of a raster: row-major from the north row; NaN = nodata. */
export interface RasterWindow {
  georef: RasterGeoref;
  values: RasterValues;
  data: Float32Array;
}

/** What a reader knows of a raster before reading any pixel. */
export interface RasterInfo {
  /** File name(s) as given; a mosaic lists every tile. */
  files: string[];
  /** 'GeoTIFF', 'ESRI ASCII grid', 'SRTM .hgt', or 'mosaic' of those. */
  format: string;
  georef: RasterGeoref;
  values: RasterValues;
  /** Native sample type ('Float32', 'Int16', …). */
  sampleType: string;
  /** The nodata value declared by the file, if any. */
  nodata: number | null;
  /** Extent in WGS-84 [west, south, east, north]. */
  bboxWgs84: [number, number, number, number];
  /** Ground resolution at the raster's centre (m). */
  resolutionM: number;
  /** Year when the file says it (a tag or the name, e.g. WorldPop chn_ppp_2020). */
  year: number | null;
}

/** Reading a window: progress in [0, 1], cancel through an AbortSignal. */
export interface RasterReadOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** An opened raster (or mosaic): windows are read on demand, never the whole file. */
export interface RasterSource {
  info: RasterInfo;
  /**
   * The pixels covering a WGS-84 box [west, south, east, north] (with a pixel of margin),
   * in the raster's own CRS; null when the box misses the raster.
   */
  readWindow(
    bboxWgs84: readonly [number, number, number, number],
    options?: RasterReadOptions,
  ): Promise<RasterWindow | null>;
}
