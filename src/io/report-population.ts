/**
 * `params.grid.population_model` of the report: how each area's census total was placed on
 * the grid — the surface asked for, the raster file(s) and settlements it came from, and
 * per area the model actually used with its scale factor (census total ÷ the surface's
 * people inside the area; 1 when a raster agrees with the census, > 1 when it holds fewer).
 */
import type { PopulationModel, PopulationModelKind } from '../core/analysis/population';

export interface ReportPopulationModel {
  surface: PopulationModelKind;
  description: string;
  rasters: {
    file: string;
    format: string;
    crs: string;
    resolution_m: number;
    year: number | null;
    values: string;
    method: string;
  }[];
  settlements: { count: number; used: number; outside: number; synthetic: boolean } | null;
  per_area: { code: string; model: PopulationModelKind; scale: number | null }[];
}

const DESCRIPTIONS: Record<PopulationModelKind, string> = {
  raster:
    "each area's census total spread over its cells in proportion to the population raster (dasymetric; townships' own totals kept where given); areas the raster covers less than 95% of, or where it holds nobody: settlements, else the census model",
  settlements:
    "each area's census total spread over its cells in proportion to its settlements, each spread by exp(-d/λ), λ = 100 m·√(people/100), cut at 3λ (townships' own totals kept where given); areas without settlements: the census model",
  townships:
    'township population spread evenly over each township, in counties whose townships all have one; elsewhere the two-zone census model: urban population over the county-town zone, rural over the rest',
  'two-zone':
    'two-zone census model: urban population over the county-town zone, rural over the rest',
  uniform: "each area's population spread evenly over its cells",
};

const r6n = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

/** The report's population model from the runs' (the first is the top level's). */
export function reportPopulationModel(
  models: readonly PopulationModel[],
  townshipPopulation: boolean,
): ReportPopulationModel {
  const top = models[0];
  // Without a surface: the census family, as the analysis uses it (the areas without the
  // urban/rural split are spread evenly: per_area says which).
  const surface: PopulationModelKind =
    top && (top.surface === 'raster' || top.surface === 'settlements')
      ? top.surface
      : townshipPopulation
        ? 'townships'
        : 'two-zone';
  const raster = models.find((m) => m.raster)?.raster ?? null;
  const settlements = models.find((m) => m.settlements)?.settlements ?? null;
  return {
    surface,
    description: DESCRIPTIONS[surface],
    rasters: raster
      ? (raster.files.length ? raster.files : ['']).map((file) => ({
          file,
          format: raster.format,
          crs: raster.crs,
          resolution_m: Math.round(raster.resolutionM * 10) / 10,
          year: raster.year,
          values: raster.values,
          method: raster.method,
        }))
      : [],
    settlements,
    per_area: models.flatMap((m) =>
      m.areas.map((a) => ({ code: a.code, model: a.model, scale: r6n(a.scale) })),
    ),
  };
}
