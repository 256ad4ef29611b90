import type { Feature, FeatureCollection, Point } from 'geojson';
import type { RasterDescription } from '../core/analysis/population';
import type { RasterSource, RasterValues } from '../core/raster/types';
import type { Settlement } from '../core/settlement';
import { importSettlements } from '../io/import-settlements';
import type { ImportOptions } from '../io/issues';
import { mosaicRasters } from '../io/raster-mosaic';
import { RasterFileError, openRaster } from '../io/raster-open';
import type { CrsId } from '../core/crs';
import type { SettlementProps } from './protocol';

/*
 * The population surfaces the app imports (issue 12): settlement points and population
 * rasters. A raster dataset keeps the opened file(s), never the pixels: the analysis reads
 * the window over the areas it analyses, as `sailplan analyze --population-raster` does.
 */

/** One file of a raster import (the first, then the further tiles and .prj texts). */
export interface RasterFile {
  file: Blob;
  fileName: string;
}

const PRJ = /\.prj$/i;

/**
 * Opens the tiles (headers only) as one raster, each ASCII grid with its sibling .prj when
 * that was picked too; a file that is not a raster, tiles that do not fit together or a
 * CRS the allocation cannot use throw a RasterFileError naming the file.
 */
export async function openPopulationRaster(
  files: readonly RasterFile[],
  values: RasterValues | undefined,
  opts: ImportOptions,
): Promise<{ source: RasterSource; description: RasterDescription }> {
  const prj = new Map<string, Blob>();
  for (const f of files) if (PRJ.test(f.fileName)) prj.set(stem(f.fileName), f.file);
  const rasters = files.filter((f) => !PRJ.test(f.fileName));
  if (rasters.length === 0) {
    throw new RasterFileError(files[0]?.fileName ?? '', 'holds no raster, only .prj files');
  }
  const sources: RasterSource[] = [];
  for (const [i, f] of rasters.entries()) {
    if (opts.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    const prjBlob = /\.asc$/i.test(f.fileName) ? prj.get(stem(f.fileName)) : undefined;
    sources.push(
      await openRaster(
        { name: f.fileName, blob: f.file },
        {
          ...(values ? { values } : {}),
          ...(prjBlob ? { prj: await prjBlob.text() } : {}),
        },
      ),
    );
    opts.onProgress?.({ fraction: (i + 1) / rasters.length, rows: i + 1 });
  }
  const source = sources.length === 1 ? sources[0] : mosaicRasters(sources);
  const info = source.info;
  if (info.georef.crs !== 'EPSG:4326' && info.georef.crs !== 'ESRI:54009') {
    throw new RasterFileError(info.files.join(', '), 'is in a CRS the population model cannot use');
  }
  if (info.values === 'elevation') {
    throw new RasterFileError(info.files.join(', '), 'holds elevations, not population');
  }
  return {
    source,
    description: {
      files: info.files,
      format: info.format,
      crs: info.georef.crs,
      resolutionM: info.resolutionM,
      year: info.year,
      values: values ?? (info.values === 'density' ? 'density' : 'count'),
    },
  };
}

function stem(name: string): string {
  return name.replace(/\.[^.]*$/, '').toLowerCase();
}

/** Reads a settlement point file (CSV/XLSX/GeoJSON/KML…) with the io importer. */
export function readSettlements(
  blob: Blob,
  fileName: string,
  crs: CrsId | undefined,
  opts: ImportOptions,
) {
  return importSettlements(blob, fileName, { ...opts, ...(crs ? { crs } : {}) });
}

/** Settlements as map points, the largest first (labels are placed in that order). */
export function settlementFeatures(
  list: readonly Settlement[],
): FeatureCollection<Point, SettlementProps> | null {
  if (list.length === 0) return null;
  const features = list
    .map((s): Feature<Point, SettlementProps> => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [s.position[0], s.position[1]] },
      properties: {
        name: s.name,
        population: s.population ?? -1,
        kind: s.kind,
        synthetic: s.synthetic,
      },
    }))
    .sort((a, b) => b.properties.population - a.properties.population);
  return { type: 'FeatureCollection', features };
}
