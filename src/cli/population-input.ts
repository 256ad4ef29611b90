/**
 * The population surface options of analyze, plan, report and export: `--population-raster
 * FILE` (repeatable: tiles make one mosaic; a folder means its raster files),
 * `--population-values count|density`, and the settlements of `--settlements` (or the
 * demo's). They become the core's PopulationInput (analysis/population.ts): the raster's
 * window over the areas analysed, the settlement points.
 */
import type { Area } from '../core/area';
import { bboxOf } from '../core/analysis/analyze';
import type { PopulationInput, RasterDescription } from '../core/analysis/population';
import type { RasterSource, RasterValues } from '../core/raster/types';
import type { Settlement } from '../core/settlement';
import { RasterFileError } from '../io/raster-open';
import type { ReportInput } from '../io/report';
import { UsageError, type OptionSpecs, type ParsedArgs } from './args';
import { InputFileError } from './read-file';
import { openRasterInputs } from './raster-files';
import { cleanText } from './text';
import type { CommandIo } from './validate';

export const POPULATION_OPTIONS: OptionSpecs = {
  'population-raster': { type: 'string', multiple: true },
  'population-values': { type: 'string' },
};

export const POPULATION_USAGE = `Population surface (where inside each area its census total lives):
  --population-raster FILE  a population raster: GeoTIFF (WorldPop, GHS-POP in
                         Mollweide) or ESRI ASCII grid; repeat for tiles, or give a
                         folder of them. Each area's total is spread over its cells
                         by the raster (areas it covers < 95% of: settlements, else
                         the census model)
  --population-values count|density
                         pixel values are people per pixel (default) or people/km²
  --settlements FILE     settlement points (see "sailplan validate"); without a raster
                         each area's total is spread around them (distance decay);
                         --demo uses the demo's synthetic settlements with its
                         synthetic stations`;

/** The population surface a command was given. */
export interface PopulationSources {
  raster: RasterSource | null;
  rasterInfo: RasterDescription | null;
  settlements: Settlement[];
  /** The raster's entry in the report's inputs. */
  reportInputs: ReportInput[];
}

function valuesOption(args: ParsedArgs): RasterValues | undefined {
  const v = args.string('population-values');
  if (v === undefined) return undefined;
  if (v !== 'count' && v !== 'density')
    throw new UsageError(
      `--population-values must be count or density (got "${cleanText(v, 20)}")`,
    );
  if (args.strings('population-raster').length === 0)
    throw new UsageError('--population-values is given but --population-raster is not');
  return v;
}

/**
 * Opens `--population-raster` (headers only: windows are read per analysis) and collects
 * the settlements; 'failed' after writing "file: reason" to stderr (exit 1).
 */
export async function openPopulationSources(
  args: ParsedArgs,
  io: CommandIo,
  command: string,
  settlements: Settlement[],
): Promise<PopulationSources | 'failed'> {
  const values = valuesOption(args);
  const files = args.strings('population-raster');
  if (files.length === 0) return { raster: null, rasterInfo: null, settlements, reportInputs: [] };
  let raster: RasterSource;
  try {
    raster = await openRasterInputs(files, io.cwd, values);
  } catch (e) {
    if (e instanceof RasterFileError || e instanceof InputFileError) {
      const text = e instanceof InputFileError ? `${e.file}: ${e.message}` : e.message;
      io.stderr.write(
        `sailplan ${command}: cannot read population raster ${cleanText(text, 600)}\n`,
      );
      return 'failed';
    }
    throw e;
  }
  const info = raster.info;
  if (info.georef.crs !== 'EPSG:4326' && info.georef.crs !== 'ESRI:54009') {
    io.stderr.write(`sailplan ${command}: population raster in an unsupported CRS\n`);
    return 'failed';
  }
  const rasterInfo: RasterDescription = {
    files: info.files,
    format: info.format,
    crs: info.georef.crs,
    resolutionM: info.resolutionM,
    year: info.year,
    values: values ?? (info.values === 'density' ? 'density' : 'count'),
  };
  return {
    raster,
    rasterInfo,
    settlements,
    reportInputs: [
      {
        role: 'population-raster',
        file: info.files.join(', '),
        format: info.format,
        crs: info.georef.crs,
        rows: info.georef.height,
        loaded: info.georef.width * info.georef.height,
        rejected_count: 0,
        rejected: [],
        warnings: [],
      },
    ],
  };
}

/** The core's input for an analysis of `areas`: the raster's window over them, the settlements. */
export async function populationFor(
  src: PopulationSources,
  areas: readonly Area[],
): Promise<PopulationInput | undefined> {
  if (!src.raster && src.settlements.length === 0) return undefined;
  const window = src.raster && areas.length > 0 ? await src.raster.readWindow(bboxOf(areas)) : null;
  if (window && window.values !== src.rasterInfo?.values && src.rasterInfo)
    window.values = src.rasterInfo.values;
  return { raster: window, rasterInfo: src.rasterInfo, settlements: src.settlements };
}
