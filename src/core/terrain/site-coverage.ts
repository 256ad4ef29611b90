import type { GridSpec } from '../grid/grid';
import { stampSite, type StampedSite } from '../grid/stamp';
import { effectiveEarthRadiusM, redcapPenaltyDb } from '../model/params';
import type { ModelParams } from '../model/params';
import { NU_J_ZERO, NU_LOS } from './diffraction';
import { heightAtSite, localMap, windowRange, type ElevationSource } from './elevation';
import { rasterize, type MaskFixed, type MaskSector } from './mask';
import { chooseRadials, effectiveHeightBound, intervalBounds } from './reach';
import { RadialPath } from './radial';
import { analyseRadials, limitToOwn, sampleRadials, type RadialRun } from './radial-run';
import type { RadioCell, RadioSite } from './radio-site';
import { HeightTable, LossTable, pathConfig, sectorBaseDb, type PathConfig } from './terrain-link';

/**
 * Terrain-aware coverage of one site on a grid: which cells its NR cells cover on the NR
 * and RedCap layers, as disjoint spans (row, c0, c1) sorted by row then c0 — the
 * `StampedSite` that stamp.ts makes of flat-earth footprints, so terrain footprints are
 * stamped, edited and removed the same way.
 *
 * Method (DESIGN.md "Coverage model", issue 13):
 * 1. Radials from the site in grid bearings 2πj/N, N such that neighbouring radials are at
 *    most one cell apart at the reach R; samples every Δ = one cell (or `sampleStepM`).
 *    One set of radials serves every sector and both layers: the loss depends on the site
 *    and the point only (per distinct band, scenario and mast height); the sector pattern,
 *    power and RedCap penalty are added per sector and layer.
 * 2. Along each radial, the delta-Bullington analysis of every sample as receiver
 *    (radial.ts): the effective BS height h_te above the least-squares smooth earth
 *    (38.901's h_BS), terrain diffraction over the smooth-earth reference L_d =
 *    max(0, L_bull(actual) − L_bull(smooth)), and the LOS test (terrain-link.ts
 *    `pathOutcome`). The loss of a sample is 38.901 PL(d, h_te, formula) + z·σ(formula) + L_d.
 * 3. LOS/NLOS: the 38.901 LOS formula is used only where the model allows LOS
 *    (`losCondition: 'los'`) and the terrain keeps 60 % of the first Fresnel zone clear —
 *    relative to the smooth earth, so that terrain never removes line of sight a smooth
 *    earth would have: ν(actual) ≤ max(−0.6·√2, ν(smooth)). With the default 'nlos' every
 *    path uses the NLOS formula (clutter) and terrain adds its diffraction.
 * 4. Reach: no loss is below the 38.901 loss with the tallest effective height the terrain
 *    allows (bounded from the heights between the receiver and the site) and no terrain
 *    loss, and no sector gives more than its best gain over a bearing interval — so each
 *    radial is analysed only as far as some cell may need it (reach.ts), never beyond
 *    `maxRadiusM`.
 * 5. Every cell centre within the reach is decided once (mask.ts).
 * Where the terrain changes nothing on any radial (h_eff = mast, L_d = 0, the model's own
 * formula at every sample — a constant DEM, say), the site's coverage is by definition
 * the flat-earth one and its flat footprints are stamped instead, so a flat DEM gives the
 * flat results to the cell. A site with no DEM under it falls back to flat earth too.
 *
 * Sites are independent: a pool of workers shares one DEM window (a SharedArrayBuffer)
 * and takes sites one at a time (bench/terrain-thread.ts).
 */

/** Candidate bearings per radial needed at the full reach. */
const SLOTS_PER_RADIAL = 4;

export interface TerrainOptions {
  /** Profile sample spacing (m), at most the cell size (the default). */
  sampleStepM?: number;
  /**
   * Rasterise the cell mask even where the terrain changes nothing (instead of stamping
   * the flat footprints): for checks of the mask against the flat model cell by cell.
   */
  alwaysMask?: boolean;
  /** Radials per the required count (≥ 1; default 1): for convergence checks. */
  radialFactor?: number;
}

export type TerrainMode =
  /** Covered-cell mask from terrain profiles. */
  | 'terrain'
  /** The terrain changes nothing here: the flat-earth footprints are stamped. */
  | 'flat'
  /** No elevation under the site: flat-earth fallback. */
  | 'no-dem';

export interface TerrainSiteCoverage extends StampedSite {
  id: string;
  mode: TerrainMode;
  /** Radials and samples per radial (0 when no profile was run). */
  radials: number;
  samples: number;
  stepM: number;
  /** Reach bound R (m): nothing farther can be covered. */
  reachM: number;
  /** Profile samples without elevation (held at the last known height). */
  voidSamples: number;
  /** Receiver points analysed (sum over radials and configurations). */
  profilePoints: number;
}

/** The covered cells of sites over a DEM; caches what sites share (configs, reaches). */
export interface TerrainCoverage {
  site(spec: GridSpec, site: RadioSite): TerrainSiteCoverage;
}

export function createTerrainCoverage(
  params: ModelParams,
  dem: ElevationSource,
  options: TerrainOptions = {},
): TerrainCoverage {
  const configs = new Map<string, PathConfig>();
  const tables = new Map<string, LossTable>();
  const ae = effectiveEarthRadiusM(params);
  const losModel = params.losCondition === 'los';
  const nuFloor = losModel ? NU_LOS : NU_J_ZERO;
  let path = new RadialPath(64);
  // Scratch reused from site to site: per-sample losses and per-radial sample counts.
  let lossBuf = new Float32Array(0);
  let zBuf = new Float64Array(0);
  let zRay = new Float64Array(0);
  let ownBuf = new Int32Array(0);

  const configOf = (c: RadioCell): PathConfig => {
    const preset = params.bands[c.band];
    const h = c.heightM ?? preset.heightM;
    const key = `${c.band}|${c.scenario}|${h}`;
    let cfg = configs.get(key);
    if (!cfg) {
      cfg = pathConfig(c.band, preset, c.scenario, h, params);
      configs.set(key, cfg);
    }
    return cfg;
  };
  const heightTables = new Map<string, HeightTable>();
  const tableOf = (cfg: PathConfig, stepM: number): LossTable => {
    const key = `${cfg.key}|${stepM}`;
    let t = tables.get(key);
    if (!t) {
      const hKey = `${cfg.band}|${cfg.scenario}|${stepM}`;
      let h = heightTables.get(hKey);
      if (!h) {
        h = new HeightTable(cfg, stepM, Math.ceil(params.maxRadiusM / stepM) + 1);
        heightTables.set(hKey, h);
      }
      t = new LossTable(cfg, h, params.ueHeightM, ae);
      tables.set(key, t);
    }
    return t;
  };

  return {
    site(spec, site) {
      const flatResult = (mode: TerrainMode, stepM = 0, reachM = 0): TerrainSiteCoverage => {
        const s = stampSite(spec, { id: site.id, lon: site.lon, lat: site.lat, ...site.flat });
        return {
          ...s,
          id: site.id,
          mode,
          radials: 0,
          samples: 0,
          stepM,
          reachM,
          voidSamples: 0,
          profilePoints: 0,
        };
      };
      const [sx, sy] = spec.projection.forward(site.lon, site.lat);
      const map = localMap(spec.projection, sx, sy);
      const g0 = heightAtSite(dem, map);
      if (g0 !== g0) return flatResult('no-dem');

      // Sectors grouped by path configuration; fixed-radius cells apart.
      const cfgList: PathConfig[] = [];
      const allowed: number[] = [];
      const sectors: MaskSector[] = [];
      const fixed: MaskFixed[] = [];
      for (const c of site.cells) {
        const sector = c.azimuthDeg !== null && c.beamwidthDeg < 360;
        if (c.radiusM !== null) {
          fixed.push({
            radius: c.radiusM,
            azimuth: sector ? (c.azimuthDeg as number) : NaN,
            half: c.beamwidthDeg / 2 + 1e-9,
            redcap: c.redcap,
          });
          continue;
        }
        const cfg = configOf(c);
        let k = cfgList.indexOf(cfg);
        if (k < 0) {
          k = cfgList.length;
          cfgList.push(cfg);
          allowed.push(-Infinity);
        }
        const preset = params.bands[c.band];
        const base = sectorBaseDb(cfg, preset, c.powerDbm, params);
        allowed[k] = Math.max(allowed[k], base);
        sectors.push({
          config: k,
          base,
          penalty: c.redcap ? redcapPenaltyDb(params, preset) : NaN,
          azimuth: sector ? (c.azimuthDeg as number) : NaN,
          beamwidth: c.beamwidthDeg,
        });
      }
      if (cfgList.length === 0) return flatResult('flat');

      const stepM = Math.min(options.sampleStepM ?? spec.cellSize, spec.cellSize);
      const nCfg = cfgList.length;
      const table = cfgList.map((cfg) => tableOf(cfg, stepM));
      // The tallest effective height each configuration can reach here: 38.901's top, or,
      // over a window, what the terrain within that reach can give.
      const hMax = cfgList.map((cfg, k) => {
        const widest = table[k].reachM(cfg.hEffMaxM, losModel, allowed[k], params.maxRadiusM);
        const range = windowRange(dem, site.lon, site.lat, widest);
        if (!range) return cfg.hEffMaxM;
        return Math.min(
          cfg.hEffMaxM,
          effectiveHeightBound(cfg.hMastM, range[0] - g0, range[1] - g0),
        );
      });
      const reach = cfgList.map((cfg, k) =>
        table[k].reachM(hMax[k], losModel, allowed[k], params.maxRadiusM),
      );
      let R = 0;
      for (const r of reach) R = Math.max(R, r);
      for (const f of fixed) R = Math.max(R, f.radius);
      if (R === 0) return flatResult('flat', stepM);

      const ns = Math.ceil(R / stepM) + 1;
      const stride = ns + 1;
      const conv = convergenceDeg(spec, site.lon, site.lat, sx, sy);
      // Candidate bearings ("slots") one cell apart at R; per configuration and slot
      // interval, the best sector gain over it (it bounds the loss any cell in it may have)
      // and the reach that allows. Radials are then the slots needed to keep neighbours at
      // most one cell apart at the reach of the wedge between them.
      // Slots a quarter of the spacing at R apart, so a wedge of shorter reach gets a spacing
      // near its own one-cell width.
      const factor = options.radialFactor ?? 1;
      const nSlot =
        SLOTS_PER_RADIAL * Math.ceil(Math.max(16, (2 * Math.PI * R) / spec.cellSize) * factor);
      const slots = intervalBounds(nSlot, conv, cfgList, sectors, table, hMax, losModel, params);
      let fixedR = 0;
      for (const f of fixed) fixedR = Math.max(fixedR, f.radius);
      const {
        radials,
        best,
        reach: interval,
      } = chooseRadials(nSlot, nCfg, slots.best, slots.reach, fixedR, spec.cellSize);
      const nRad = radials.length - 1;
      if (path.capacity < ns) path = new RadialPath(ns);
      if (zRay.length < stride) zRay = new Float64Array(stride);
      if (zBuf.length < nRad * stride) zBuf = new Float64Array(nRad * stride);
      if (ownBuf.length < nCfg * nRad) ownBuf = new Int32Array(nCfg * nRad);
      const size = nRad * stride;
      if (lossBuf.length < size * nCfg) lossBuf = new Float32Array(size * nCfg);
      const loss = cfgList.map((_, k) => lossBuf.subarray(k * size, (k + 1) * size));

      const run: RadialRun = {
        dem,
        map,
        g0,
        nRad,
        nSlot,
        radials,
        ns,
        stride,
        stepM,
        cfgList,
        table,
        hMax,
        best,
        interval,
        losModel,
        zBuf,
        zRay,
        own: ownBuf,
        loss,
        path,
        hRxM: params.ueHeightM,
        aeM: ae,
        nuFloor,
      };
      const voids = sampleRadials(run);
      const { neutral, points } = analyseRadials(run);
      limitToOwn(run);
      if (neutral && !options.alwaysMask) return flatResult('flat', stepM, R);

      const spans = rasterize(spec, sx, sy, conv, {
        R,
        nRad,
        nSlot,
        radials,
        stride,
        stepM,
        loss,
        interval,
        sectors,
        fixed,
        backLobe: params.backLobeDb,
      });
      return {
        ...spans,
        id: site.id,
        mode: 'terrain',
        radials: nRad,
        samples: ns,
        stepM,
        reachM: R,
        voidSamples: voids,
        profilePoints: points,
      };
    },
  };
}

/** Grid bearing of true north at the site (deg), as stamp.ts takes it. */
function convergenceDeg(spec: GridSpec, lon: number, lat: number, x: number, y: number): number {
  const [xn, yn] = spec.projection.forward(lon, lat + 0.01);
  return (Math.atan2(xn - x, yn - y) * 180) / Math.PI;
}
