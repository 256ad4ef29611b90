import { readHeadText } from '../io/decode-text';
import { HEADER_SCAN_ROWS, resolveColumns } from '../io/station-columns';
import { detectDialect, parseCsvText } from '../io/stations-csv';
import { isZip } from '../io/zip-read';
import type { DatasetKind } from './protocol';

const BOUNDARY_EXT = /\.(geojson|json|topojson|kml|kmz|zip|shp)$/i;
const STATION_EXT = /\.(xlsx|xls)$/i;
const RASTER_EXT = /\.(tiff?|asc|prj)$/i;
const DEM_EXT = /\.(hgt|hgt\.zip)$/i;
/** A GeoTIFF named like an elevation model is a DEM; any other is a population raster. */
const DEM_NAME = /dem|srtm|elev|dtm|dsm|aster|terrain|height|高程|地形/i;
// A population table names a population column; station tables never do.
const POPULATION_HEADER = /人口|population|^pop|常住|户籍/i;

/**
 * The dataset kind a dropped file most likely is, for the dialog's default (the user can
 * change it): by extension first, then by content — JSON/XML is a boundary file, a zip that is
 * not named .xlsx is a zipped Shapefile, a table with coordinate columns is stations, a table
 * with a population column is population. Never throws: an unreadable file is left to the
 * importer, which names the problem.
 */
export async function guessKind(blob: Blob, fileName: string): Promise<DatasetKind> {
  if (DEM_EXT.test(fileName)) return 'dem';
  if (RASTER_EXT.test(fileName)) {
    return /\.tiff?$/i.test(fileName) && DEM_NAME.test(fileName) ? 'dem' : 'population-raster';
  }
  if (BOUNDARY_EXT.test(fileName)) return 'boundaries';
  if (STATION_EXT.test(fileName)) return 'stations';
  try {
    const magic = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
    if (isZip(magic)) return 'boundaries';
    const { text } = await readHeadText(blob, fileName, 16 * 1024);
    const first = text.replace(/^\uFEFF/, '').trimStart()[0];
    if (first === '{' || first === '<') return 'boundaries';
    const { records } = await parseCsvText(text, detectDialect(text).dialect, fileName);
    const head = records.slice(0, HEADER_SCAN_ROWS);
    try {
      resolveColumns(head, fileName);
      return 'stations';
    } catch {
      // No coordinate columns: a population table if a header says so.
    }
    if (head.some((r) => r.some((h) => POPULATION_HEADER.test(h.trim())))) return 'population';
  } catch {
    // Unreadable as text: the station importer gives the clearest message.
  }
  return 'stations';
}
