import type { Area } from '../core/area';
import { bboxOf } from '../core/analysis/analyze';
import type { AnalysisParams } from '../core/analysis/params';
import { demBoxFor, type ElevationSource } from '../core/terrain/elevation';
import type { TerrainInput } from '../core/terrain/site-cells';
import { RasterFileError } from '../io/raster-open';
import type { ReportDem } from '../io/report';
import type { OptionSpecs, ParsedArgs } from './args';
import { openRasterInputs } from './raster-files';
import { InputFileError } from './read-file';
import { cleanText } from './text';
import type { CommandIo } from './validate';

/** `--dem FILE|FOLDER`, repeatable: the DEM tiles under the region (analyze, plan, report, export). */
export const DEM_OPTIONS: OptionSpecs = { dem: { type: 'string', multiple: true } };

export const DEM_USAGE = `  --dem FILE|FOLDER      elevation (SRTM .hgt bare or zipped, GeoTIFF in WGS-84 degrees;
                         a folder: every tile in it; repeatable, the tiles make one
                         mosaic): each sector's coverage then follows the terrain
                         (radial profiles, ITU-R P.1812 delta-Bullington diffraction);
                         sites with no elevation under them keep the flat-earth model
                         and are listed in the report's inputs.sites_without_dem`;

/** A DEM read for an analysis: the core's input and what the report records of it. */
export interface DemRun {
  terrain: TerrainInput;
  dem: ReportDem;
}

/** No elevation anywhere: every site falls back to flat earth (the DEM misses the region). */
const NO_ELEVATION: ElevationSource = { heightAt: () => NaN };

/**
 * Reads the window of the `--dem` rasters that the sites of `areas` can reach (the
 * region's box grown by the model's largest radius). Null without `--dem`; 'failed'
 * when a DEM cannot be read (the message, naming the file, is on stderr).
 */
export async function readDemOption(
  args: ParsedArgs,
  io: CommandIo,
  command: string,
  areas: readonly Area[],
  params: AnalysisParams,
): Promise<DemRun | null | 'failed'> {
  const paths = args.list('dem');
  if (paths.length === 0) return null;
  const fail = (reason: string): 'failed' => {
    io.stderr.write(`sailplan ${command}: cannot use --dem: ${cleanText(reason, 600)}\n`);
    return 'failed';
  };
  try {
    const source = await openRasterInputs(paths, io.cwd, 'elevation');
    const info = source.info;
    if (info.georef.crs !== 'EPSG:4326')
      return fail(
        `${info.files.join(', ')}: a DEM must be in EPSG:4326 (WGS-84 degrees), not ${info.georef.crs}`,
      );
    const dem: ReportDem = {
      files: info.files,
      format: info.format,
      resolution_m: info.resolutionM,
      extent: info.bboxWgs84,
    };
    const w = await source.readWindow(demBoxFor(bboxOf(areas), params.model.maxRadiusM));
    if (!w) return { terrain: { dem: NO_ELEVATION }, dem };
    return {
      terrain: {
        dem: { georef: { ...w.georef, crs: 'EPSG:4326' }, values: 'elevation', data: w.data },
      },
      dem,
    };
  } catch (e) {
    if (e instanceof RasterFileError) return fail(e.message);
    if (e instanceof InputFileError) return fail(`${e.file}: ${e.message}`);
    throw e;
  }
}
