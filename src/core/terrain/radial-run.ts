import { rayCoefficients, sampleRay, type ElevationSource, type LocalMap } from './elevation';
import type { RadialPath } from './radial';
import { effectiveHeightBound } from './reach';
import { LossTable, pathOutcome, type PathConfig } from './terrain-link';

/**
 * The radials of one site, in two passes (site-coverage.ts): first every radial's heights
 * and, per configuration, the last sample some cell could be covered at; then the radial
 * analysis only as far as a cell may need it.
 */
export interface RadialRun {
  dem: ElevationSource;
  map: LocalMap;
  /** Ground at the site (m). */
  g0: number;
  nRad: number;
  nSlot: number;
  /** Slot of each radial (nRad + 1 entries, the last = nSlot). */
  radials: Int32Array;
  /** Samples after the site at most, and the row length of the per-radial arrays (ns + 1). */
  ns: number;
  stride: number;
  stepM: number;
  cfgList: PathConfig[];
  table: LossTable[];
  /** Tallest effective height each configuration can reach at this site (m). */
  hMax: number[];
  /** Per configuration and wedge [k·nRad + q]: best sector allowance (dB), reach (m). */
  best: Float64Array;
  interval: Float64Array;
  losModel: boolean;
  /** Heights relative to the site, radial q at [q·stride …]. */
  zBuf: Float64Array;
  /** Scratch of one radial's raw heights. */
  zRay: Float64Array;
  /** Per configuration and radial [k·nRad + q]: its last sample some cell could be covered at (−1: none). */
  own: Int32Array;
  /** Per configuration: loss (dB) of each radial's samples, ∞ beyond what was analysed. */
  loss: Float32Array[];
  path: RadialPath;
  hRxM: number;
  aeM: number;
  nuFloor: number;
}

const ray = new Float64Array(4);

/**
 * Pass 1: every radial's heights (voids hold the last known height; returns how many), and
 * per configuration its own last sample that could be covered. A receiver's effective
 * height is bounded by the heights between it and the site (effectiveHeightBound over the
 * running extremes), so beyond `own` even the best sector of the two wedges beside the
 * radial, with that height and no terrain loss, is out of budget.
 */
export function sampleRadials(r: RadialRun): number {
  const { nRad, stride, stepM, ns, cfgList, table, hMax, best, interval, zBuf, zRay } = r;
  const nCfg = cfgList.length;
  let voids = 0;
  for (let j = 0; j < nRad; j++) {
    const prev = j === 0 ? nRad - 1 : j - 1;
    let need = 0;
    for (let k = 0; k < nCfg; k++) {
      const reach = Math.max(interval[k * nRad + prev], interval[k * nRad + j]);
      need = Math.max(need, reach > 0 ? Math.min(ns, Math.ceil(reach / stepM) + 1) : 0);
    }
    const b = (2 * Math.PI * r.radials[j]) / r.nSlot;
    rayCoefficients(r.map, Math.sin(b), Math.cos(b), ray);
    voids += sampleRay(r.dem, r.map, ray, stepM, need + 1, zRay);
    const off = j * stride;
    zBuf[off] = 0;
    for (let i = 1; i <= need; i++) {
      const zi = zRay[i];
      zBuf[off + i] = zi === zi ? zi - r.g0 : zBuf[off + i - 1];
    }
    for (let k = 0; k < nCfg; k++) {
      const hMast = cfgList[k].hMastM;
      const tab = table[k];
      const allowed = Math.max(best[k * nRad + prev], best[k * nRad + j]) + LossTable.SLACK_DB;
      const reach = Math.max(interval[k * nRad + prev], interval[k * nRad + j]);
      const last = reach > 0 ? Math.min(need, Math.ceil(reach / stepM) + 1) : 0;
      let lo = 0;
      let hi = 0;
      let floor = tab.floor(hMast, r.losModel);
      // −1: not even the site itself is within budget.
      let own = last > 0 && floor[0] <= allowed ? 0 : -1;
      for (let i = 1; i <= last; i++) {
        const zi = zBuf[off + i];
        if (zi < lo || zi > hi) {
          if (zi < lo) lo = zi;
          else hi = zi;
          const h = effectiveHeightBound(hMast, lo, hi);
          floor = tab.floor(h < hMax[k] ? h : hMax[k], r.losModel);
        }
        if (floor[i] <= allowed) own = i;
      }
      r.own[k * nRad + j] = own;
    }
  }
  return voids;
}

const outcome = { los: false, hEffM: 0, diffractionDb: 0 };

/**
 * Pass 2: the radial analysis where some cell may need it — to one sample beyond the
 * farthest own sample of the radial and its neighbours (cells interpolate both sides).
 * `neutral`: the terrain changed nothing at any sample analysed.
 */
export function analyseRadials(r: RadialRun): { neutral: boolean; points: number } {
  const { nRad, stride, ns, cfgList, table, losModel, zBuf, own, loss, path } = r;
  const nCfg = cfgList.length;
  const setup = {
    stepM: r.stepM,
    hTxM: 0,
    hRxM: r.hRxM,
    aeM: r.aeM,
    wavelengthM: 0,
    nuFloor: r.nuFloor,
  };
  let neutral = true;
  let points = 0;
  for (let j = 0; j < nRad; j++) {
    const prev = j === 0 ? nRad - 1 : j - 1;
    const next = j + 1 === nRad ? 0 : j + 1;
    const off = j * stride;
    for (let k = 0; k < nCfg; k++) {
      const cfg = cfgList[k];
      const out = loss[k];
      const tab = table[k];
      const o3 = Math.max(own[k * nRad + prev], own[k * nRad + j], own[k * nRad + next]);
      const last = o3 >= 0 ? Math.min(ns, o3 + 1) : 0;
      // At the site itself (38.901 holds PL at its 10 m value).
      out[off] = tab.at(0, cfg.hMastM, losModel);
      setup.hTxM = cfg.hMastM;
      setup.wavelengthM = cfg.wavelengthM;
      path.reset(setup);
      points += last;
      for (let i = 1; i <= last; i++) {
        path.push(zBuf[off + i]);
        const o = pathOutcome(path, cfg, losModel, tab.nuLevel[i], outcome);
        const ld = o.diffractionDb;
        out[off + i] = tab.at(i, o.hEffM, o.los) + ld;
        if (neutral && (o.hEffM !== cfg.hMastM || ld !== 0 || o.los !== losModel)) neutral = false;
      }
      out.fill(Infinity, off + last + 1, off + stride);
    }
  }
  return { neutral, points };
}

/**
 * Cells of wedge q beyond both its radials' own samples are out of budget on both sides of
 * every interpolation, so they cannot be covered: the wedge's reach shrinks to that.
 */
export function limitToOwn(r: RadialRun): void {
  const { nRad, stepM, cfgList, own, interval } = r;
  for (let k = 0; k < cfgList.length; k++) {
    for (let j = 0; j < nRad; j++) {
      const next = j + 1 === nRad ? 0 : j + 1;
      const o2 = Math.max(own[k * nRad + j], own[k * nRad + next]);
      const cells = o2 >= 0 ? (o2 + 1) * stepM * (1 - 1e-12) : 0;
      if (cells < interval[k * nRad + j]) interval[k * nRad + j] = cells;
    }
  }
}
