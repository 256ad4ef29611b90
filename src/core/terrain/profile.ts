import { createLaea } from '../grid/laea';
import { presetNPrb } from '../model/bands';
import { powerPerReDbm, sectorAttenuationDb } from '../model/link-budget';
import { effectiveEarthRadiusM, redcapPenaltyDb, type ModelParams } from '../model/params';
import { pathLossDb, validity, type Scenario } from '../model/pathloss-38901';
import type { NrBand } from '../station';
import { fresnelRadiusM, knifeEdgeLossDb, NU_LOS } from './diffraction';
import {
  heightAtSite,
  localMap,
  rayCoefficients,
  sampleRay,
  type ElevationSource,
} from './elevation';
import { RadialPath } from './radial';
import { pathConfig, pathLossWithMarginDb, pathOutcome } from './terrain-link';

/**
 * The path profile between a transmitter and a point: the terrain, the line of sight and
 * first Fresnel zone over the curved earth, the dominant obstacles, and the coverage
 * model's numbers at the point — computed by the same radial engine and the same rule
 * (terrain-link.ts `pathOutcome`) as the coverage, so the tool and the map agree. (The map
 * reads 38.901 from a table of whole metres of effective height, within 0.002 dB, and
 * interpolates between radials and samples; the tool evaluates the point itself.)
 *
 * Chart convention (P.526/P.1812): the terrain is raised by the earth bulge
 * x·(d − x)/(2a_e) and the line of sight is straight between the antenna tops.
 */

export interface ProfileTransmitter {
  lon: number;
  lat: number;
  /** Antenna above ground (m); null: the band preset's. */
  heightM: number | null;
  band: NrBand;
  scenario: Scenario;
  /** Total power (dBm); null: the band preset's. */
  powerDbm?: number | null;
  /** Sector boresight (deg from true north) and beamwidth; null azimuth: omni. */
  azimuthDeg?: number | null;
  beamwidthDeg?: number;
}

export interface ProfileSample {
  distanceM: number;
  lon: number;
  lat: number;
  /** Ground (m amsl); a void holds the last known height. */
  groundM: number;
  /** Earth bulge x·(d − x)/(2a_e) (m). */
  bulgeM: number;
  /** The straight line between the antenna tops (m amsl, bulge frame). */
  losM: number;
  /** First Fresnel zone radius (m). */
  fresnelM: number;
  /** losM − (groundM + bulgeM): negative where the terrain blocks the line. */
  clearanceM: number;
}

export interface ProfileObstacle {
  distanceM: number;
  lon: number;
  lat: number;
  groundM: number;
  /** Height of the point above the line of sight (m; negative: below). */
  aboveLosM: number;
  /** Its knife-edge ν and J(ν) (dB) on its own. */
  nu: number;
  knifeEdgeDb: number;
}

export interface LayerVerdict {
  thresholdDbm: number;
  /** RSRP − threshold (dB). */
  marginDb: number;
  covered: boolean;
}

export interface PathProfile {
  distanceM: number;
  /** Bearing from the transmitter to the point (deg from true north). */
  bearingDeg: number;
  stepM: number;
  samples: ProfileSample[];
  txGroundM: number;
  rxGroundM: number;
  /** Geometric line of sight over the curved actual profile. */
  lineOfSight: boolean;
  /** Smallest clearance / F1 over the path (≥ 0.6: 60 % of the first Fresnel zone clear). */
  fresnelClearance: number;
  /** ν of the equivalent edge of the actual profile and of its smooth-earth reference. */
  nu: number;
  nuSmooth: number;
  bullingtonDb: number;
  bullingtonSmoothDb: number;
  /** Distance of the Bullington edge from the transmitter (m), null without one. */
  edgeM: number | null;
  /** Terrain diffraction added to 38.901 (dB). */
  diffractionDb: number;
  /** The 38.901 formula used. */
  los: boolean;
  /** BS height 38.901 is evaluated with: effective height above the smooth earth (m). */
  effectiveHeightM: number;
  /** 38.901 path loss at the effective height + terrain diffraction (dB). */
  pathLossDb: number;
  /** Shadowing margin z·σ of the formula used (dB). */
  shadowingMarginDb: number;
  /** Indoor and further fixed losses (dB). */
  fixedLossDb: number;
  rsrpDbm: number;
  nr: LayerVerdict;
  redcap: LayerVerdict;
  /** Points within the 60 % Fresnel clearance (or above the line), largest ν first, ≤ 5. */
  obstacles: ProfileObstacle[];
  /** Validity notes (38.901 ranges, missing elevation). */
  notes: string[];
}

/** Obstacles listed at most. */
const MAX_OBSTACLES = 5;

export interface ProfileOptions {
  /** Largest sample spacing (m); default 100 m, the county grid's cell (as the coverage samples). */
  stepM?: number;
}

/** Thrown for a transmitter without elevation under it (the message says so). */
export class NoElevationError extends Error {
  constructor(what: string) {
    super(`no elevation data at the ${what}`);
    this.name = 'NoElevationError';
  }
}

export function pathProfile(
  tx: ProfileTransmitter,
  to: readonly [number, number],
  dem: ElevationSource,
  params: ModelParams,
  options: ProfileOptions = {},
): PathProfile {
  const preset = params.bands[tx.band];
  const hMast = tx.heightM ?? preset.heightM;
  const cfg = pathConfig(tx.band, preset, tx.scenario, hMast, params);
  const ae = effectiveEarthRadiusM(params);
  const proj = createLaea(tx.lon, tx.lat);
  const [px, py] = proj.forward(to[0], to[1]);
  const dist = Math.hypot(px, py);
  if (!(dist > 0)) throw new RangeError('the two points coincide');
  const bearingRad = Math.atan2(px, py);
  const n = Math.max(1, Math.ceil(dist / (options.stepM ?? 100)));
  const step = dist / n;

  const map = localMap(proj, 0, 0);
  const g0 = heightAtSite(dem, map);
  if (g0 !== g0) throw new NoElevationError('transmitter');
  const ray = new Float64Array(4);
  rayCoefficients(map, px / dist, py / dist, ray);
  const z = new Float64Array(n + 1);
  const voids = sampleRay(dem, map, ray, step, n + 1, z);
  z[0] = 0;
  for (let i = 1; i <= n; i++) z[i] = z[i] === z[i] ? z[i] - g0 : z[i - 1];

  const path = new RadialPath(n);
  path.reset({
    stepM: step,
    hTxM: hMast,
    hRxM: params.ueHeightM,
    aeM: ae,
    wavelengthM: cfg.wavelengthM,
    nuFloor: -Infinity,
  });
  for (let i = 1; i <= n; i++) path.push(z[i]);
  path.smooth();
  const losModel = params.losCondition === 'los';
  const o = pathOutcome(path, cfg, losModel, Infinity, { los: false, hEffM: 0, diffractionDb: 0 });
  const cond = o.los ? 'los' : 'nlos';
  const withMargin = pathLossWithMarginDb(cfg, dist, o.hEffM, cond);
  const g = { ...cfg.geometry, hBsM: o.hEffM, condition: cond } as const;
  const pl = pathLossDb(g, dist);
  const margin = withMargin - pl;

  // Physical picture in the bulge frame.
  const lam = cfg.wavelengthM;
  const hts = g0 + hMast;
  const hrs = g0 + z[n] + params.ueHeightM;
  const samples: ProfileSample[] = [];
  let minRatio = Infinity;
  for (let i = 0; i <= n; i++) {
    const x = i * step;
    const bulge = (x * (dist - x)) / (2 * ae);
    const los = hts + ((hrs - hts) * x) / dist;
    const ground = g0 + z[i];
    const f1 = i === 0 || i === n ? 0 : fresnelRadiusM(x, dist - x, lam);
    const clearance = los - (ground + bulge);
    if (i > 0 && i < n) minRatio = Math.min(minRatio, clearance / f1);
    samples.push({
      distanceM: x,
      lon: map.lon0 + x * (ray[0] + x * ray[1]),
      lat: map.lat0 + x * (ray[2] + x * ray[3]),
      groundM: ground,
      bulgeM: bulge,
      losM: los,
      fresnelM: f1,
      clearanceM: clearance,
    });
  }

  // Dominant obstacles: the hull's vertices that intrude into 60 % of the first Fresnel
  // zone, one per ridge (vertices at most two samples apart are one ridge: its largest ν).
  const obstacles: ProfileObstacle[] = [];
  let lastIndex = -Infinity;
  for (const i of path.hullVertices()) {
    const s = samples[i];
    const above = -s.clearanceM;
    const nu = (Math.SQRT2 * above) / s.fresnelM;
    if (!(nu > NU_LOS)) continue;
    const o: ProfileObstacle = {
      distanceM: s.distanceM,
      lon: s.lon,
      lat: s.lat,
      groundM: s.groundM,
      aboveLosM: above,
      nu,
      knifeEdgeDb: knifeEdgeLossDb(nu),
    };
    const prev = obstacles[obstacles.length - 1];
    if (prev && i - lastIndex <= 2) {
      if (nu > prev.nu) obstacles[obstacles.length - 1] = o;
    } else obstacles.push(o);
    lastIndex = i;
  }
  obstacles.sort((a, b) => b.nu - a.nu);
  obstacles.length = Math.min(obstacles.length, MAX_OBSTACLES);

  const pRe = powerPerReDbm(tx.powerDbm ?? preset.powerDbm, presetNPrb(preset).nPrb);
  const offset = ((bearingRad * 180) / Math.PI - (tx.azimuthDeg ?? 0)) % 360;
  const sectorDb =
    tx.azimuthDeg === null || tx.azimuthDeg === undefined
      ? 0
      : sectorAttenuationDb(
          offset,
          tx.beamwidthDeg ?? params.defaultBeamwidthDeg,
          params.backLobeDb,
        );
  const total = withMargin + o.diffractionDb + cfg.fixedLossDb;
  const rsrp = pRe + preset.antennaGainDbi + sectorDb + params.ueGainDbi - total;
  const verdict = (threshold: number): LayerVerdict => ({
    thresholdDbm: threshold,
    marginDb: rsrp - threshold,
    covered: rsrp >= threshold,
  });
  const notes = [...validity(g, dist).notes];
  if (voids > 0)
    notes.push(
      `${voids} of ${n + 1} profile samples have no elevation (held at the last known height)`,
    );
  const bearing = ((bearingRad * 180) / Math.PI + 360) % 360;
  return {
    distanceM: dist,
    bearingDeg: bearing,
    stepM: step,
    samples,
    txGroundM: g0,
    rxGroundM: g0 + z[n],
    lineOfSight: path.losActual,
    fresnelClearance: n > 1 ? minRatio : Infinity,
    nu: path.nuActual,
    nuSmooth: path.nuSmooth,
    bullingtonDb: path.lossActual,
    bullingtonSmoothDb: path.lossSmooth,
    edgeM: path.edgeM === path.edgeM ? path.edgeM : null,
    diffractionDb: o.diffractionDb,
    los: o.los,
    effectiveHeightM: o.hEffM,
    pathLossDb: pl + o.diffractionDb,
    shadowingMarginDb: margin,
    fixedLossDb: cfg.fixedLossDb,
    rsrpDbm: rsrp,
    nr: verdict(params.nrThresholdDbm),
    redcap: verdict(params.nrThresholdDbm + redcapPenaltyDb(params, preset)),
    obstacles,
    notes,
  };
}
