import { isPresetBand } from '../core/model/bands';
import {
  modelParams,
  REDCAP_PENALTY_PRESETS,
  type RedcapPenaltyPreset,
} from '../core/model/params';
import type { Scenario } from '../core/model/pathloss-38901';
import { NR_BANDS, type NrBand } from '../core/station';
import { RasterFileError } from '../io/raster-open';
import { NoElevationError, pathProfile, type PathProfile } from '../core/terrain/profile';
import { UsageError, parseCommandArgs, type OptionSpecs, type ParsedArgs } from './args';
import { InputFileError } from './read-file';
import { loadDemWindow, type DemLoader } from './raster-files';
import { EXIT_OK, EXIT_UNREADABLE, type CommandIo } from './validate';

export const PROFILE_SCHEMA = 'sailplan.profile/1';

const OPTIONS: OptionSpecs = {
  dem: { type: 'string' },
  from: { type: 'string' },
  height: { type: 'string' },
  to: { type: 'string' },
  band: { type: 'string' },
  power: { type: 'string' },
  azimuth: { type: 'string' },
  beamwidth: { type: 'string' },
  env: { type: 'string' },
  'los-condition': { type: 'string' },
  'redcap-preset': { type: 'string' },
  step: { type: 'string' },
  samples: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const PROFILE_USAGE = `Usage: sailplan profile --dem PATH --from LON,LAT --height M --to LON,LAT [options]

The terrain profile from a transmitter to a point, with the coverage model's numbers at
the point: line of sight over the curved earth (k = 4/3), first-Fresnel-zone clearance,
the dominant obstacles, ITU-R P.526 Bullington diffraction over the smooth-earth
reference, 3GPP TR 38.901 path loss and RSRP against the NR and RedCap thresholds.
Prints JSON (${PROFILE_SCHEMA}).

Options:
  --dem PATH            elevation in WGS-84 degrees: a GeoTIFF, an SRTM .hgt tile (1″ or 3″,
                        bare or .hgt.zip; its name gives its origin), an ESRI ASCII grid, or
                        a folder of such tiles (read as one mosaic)
  --from LON,LAT        transmitter, WGS-84 degrees
  --height M            antenna height above ground (m)
  --to LON,LAT          the point, WGS-84 degrees (the UE 1.5 m above ground)
  --band B              ${NR_BANDS.join(', ')} (default n78): power, gain, frequency
  --power DBM           total cell power (default: the band's)
  --azimuth DEG         sector boresight from true north (default: omnidirectional)
  --beamwidth DEG       sector 3 dB beamwidth (default 65)
  --env E               rma, uma or umi (default rma)
  --los-condition C     nlos (default) or los: whether terrain may select the LOS formula
  --redcap-preset P     ${REDCAP_PENALTY_PRESETS.join(' or ')} (default rx-diversity)
  --step M              largest profile sample spacing in metres (default 100)
  --samples             include every profile sample (distance, ground, LOS line, F1)
  -h, --help            this help
`;

export interface ProfileDeps {
  /** Reads the DEM around the path; the raster reader of src/io plugs in here. */
  loadDem: DemLoader;
}

export async function profileCommand(
  argv: readonly string[],
  io: CommandIo,
  deps: ProfileDeps = { loadDem: loadDemWindow },
): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS);
  if (args.flag('help')) {
    io.stdout.write(PROFILE_USAGE);
    return EXIT_OK;
  }
  const dem = required(args, 'dem');
  const from = lonLat(args, 'from');
  const to = lonLat(args, 'to');
  const height = numberIn(args, 'height', 0.1, 1000);
  if (height === undefined) throw new UsageError('--height M is required');
  const bandText = args.string('band') ?? 'n78';
  if (!isPresetBand(bandText)) {
    throw new UsageError(`--band "${bandText}" has no preset: use ${NR_BANDS.join(', ')}`);
  }
  const band: NrBand = bandText;
  const env = oneOf(args, 'env', ['rma', 'uma', 'umi'] as const) ?? 'rma';
  const losCondition = oneOf(args, 'los-condition', ['nlos', 'los'] as const) ?? 'nlos';
  const preset: RedcapPenaltyPreset =
    oneOf(args, 'redcap-preset', REDCAP_PENALTY_PRESETS) ?? 'rx-diversity';
  const azimuth = numberIn(args, 'azimuth', -360, 360);
  const beamwidth = numberIn(args, 'beamwidth', 1, 360);
  const power = numberIn(args, 'power', 0, 90);
  const step = numberIn(args, 'step', 1, 10_000);
  const params = modelParams({ losCondition, redcapPenaltyPreset: preset });

  const margin = 0.01;
  const bbox = [
    Math.min(from[0], to[0]) - margin,
    Math.min(from[1], to[1]) - margin,
    Math.max(from[0], to[0]) + margin,
    Math.max(from[1], to[1]) + margin,
  ] as const;
  let loaded;
  try {
    loaded = await deps.loadDem(dem, io.cwd, bbox);
  } catch (e) {
    if (e instanceof RasterFileError) return fail(io, e.message);
    if (e instanceof InputFileError) return fail(io, `${e.file}: ${e.message}`);
    throw e;
  }
  let p: PathProfile;
  try {
    p = pathProfile(
      {
        lon: from[0],
        lat: from[1],
        heightM: height,
        band,
        scenario: env as Scenario,
        powerDbm: power ?? null,
        azimuthDeg: azimuth ?? null,
        beamwidthDeg: beamwidth ?? params.defaultBeamwidthDeg,
      },
      to,
      loaded.window,
      params,
      step === undefined ? {} : { stepM: step },
    );
  } catch (e) {
    if (e instanceof NoElevationError) return fail(io, `${dem}: ${e.message} (${from.join(', ')})`);
    if (e instanceof RangeError) throw new UsageError(`--from and --to: ${e.message}`);
    throw e;
  }
  io.stdout.write(
    `${JSON.stringify(profileJson(p, { band, env, height, from, to }, loaded.description, args.flag('samples')), null, 2)}\n`,
  );
  return EXIT_OK;
}

const r = (x: number, k = 2): number => {
  const f = 10 ** k;
  return Math.round(x * f) / f;
};

/** The JSON of a profile: snake_case, rounded to what the model can tell apart. */
export function profileJson(
  p: PathProfile,
  tx: { band: NrBand; env: string; height: number; from: readonly number[]; to: readonly number[] },
  dem: unknown,
  withSamples: boolean,
): Record<string, unknown> {
  const finite = (x: number, k = 3) => (Number.isFinite(x) ? r(x, k) : null);
  return {
    schema: PROFILE_SCHEMA,
    distance_m: r(p.distanceM, 1),
    bearing_deg: r(p.bearingDeg, 2),
    los: p.los,
    line_of_sight: p.lineOfSight,
    fresnel_clearance: finite(p.fresnelClearance),
    fresnel_clear_60: p.fresnelClearance >= 0.6,
    diffraction_db: r(p.diffractionDb),
    path_loss_db: r(p.pathLossDb),
    rsrp_dbm: r(p.rsrpDbm),
    nr_threshold_dbm: p.nr.thresholdDbm,
    redcap_threshold_dbm: p.redcap.thresholdDbm,
    nr_margin_db: r(p.nr.marginDb),
    redcap_margin_db: r(p.redcap.marginDb),
    nr_covered: p.nr.covered,
    redcap_covered: p.redcap.covered,
    effective_height_m: r(p.effectiveHeightM),
    shadowing_margin_db: r(p.shadowingMarginDb),
    bullington_db: r(p.bullingtonDb),
    bullington_smooth_db: r(p.bullingtonSmoothDb),
    nu: finite(p.nu),
    nu_smooth: finite(p.nuSmooth),
    edge_m: p.edgeM === null ? null : r(p.edgeM, 1),
    obstacles: p.obstacles.map((o) => ({
      distance_m: r(o.distanceM, 1),
      lon: r(o.lon, 6),
      lat: r(o.lat, 6),
      ground_m: r(o.groundM, 1),
      above_los_m: r(o.aboveLosM),
      nu: r(o.nu, 3),
      knife_edge_db: r(o.knifeEdgeDb),
    })),
    tx: {
      lon: tx.from[0],
      lat: tx.from[1],
      height_m: tx.height,
      ground_m: r(p.txGroundM, 1),
      band: tx.band,
      env: tx.env,
    },
    rx: { lon: tx.to[0], lat: tx.to[1], ground_m: r(p.rxGroundM, 1) },
    step_m: r(p.stepM, 2),
    dem,
    notes: p.notes,
    ...(withSamples
      ? {
          samples: p.samples.map((s) => ({
            distance_m: r(s.distanceM, 1),
            ground_m: r(s.groundM),
            bulge_m: r(s.bulgeM, 3),
            los_m: r(s.losM),
            fresnel_m: r(s.fresnelM),
            clearance_m: r(s.clearanceM),
          })),
        }
      : {}),
  };
}

function fail(io: CommandIo, message: string): number {
  io.stderr.write(`sailplan profile: ${message}\n`);
  return EXIT_UNREADABLE;
}

function required(args: ParsedArgs, name: string): string {
  const v = args.string(name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

function lonLat(args: ParsedArgs, name: string): [number, number] {
  const v = required(args, name);
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(v);
  const lon = m ? Number(m[1]) : NaN;
  const lat = m ? Number(m[2]) : NaN;
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
    throw new UsageError(`--${name} "${v}" is not LON,LAT in degrees (e.g. 97.01,33.0)`);
  }
  return [lon, lat];
}

function numberIn(args: ParsedArgs, name: string, lo: number, hi: number): number | undefined {
  const v = args.string(name);
  if (v === undefined) return undefined;
  const x = Number(v.trim());
  if (!(v.trim() !== '' && x >= lo && x <= hi)) {
    throw new UsageError(`--${name} "${v}" must be a number from ${lo} to ${hi}`);
  }
  return x;
}

function oneOf<T extends string>(
  args: ParsedArgs,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const v = args.string(name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} "${v}" must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}
