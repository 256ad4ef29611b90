import type { ModelParams } from '../model/params';
import { wrapOffset } from '../model/link-budget';
import type { MaskSector } from './mask';
import type { LossTable, PathConfig } from './terrain-link';

/**
 * How far a site's coverage can reach, so that profiles stop where nothing more can be
 * covered: a loss can be no lower than the 38.901 loss with the tallest effective height
 * the terrain allows and no terrain loss (LossTable.reachM), and no sector gives more than
 * its best gain over a bearing interval.
 */

/**
 * Per configuration k and interval j between radials j and j + 1, at [k·nRad + j]: `best`,
 * the largest sector gain over the interval as an allowed loss (the boresight's when it
 * lies inside, else the better end: A(φ) falls off with |φ| either way), and `reach`, the
 * farthest a path could stay within it with the tallest effective height.
 */
export function intervalBounds(
  nRad: number,
  conv: number,
  cfgList: PathConfig[],
  sectors: MaskSector[],
  table: LossTable[],
  hMax: number[],
  losModel: boolean,
  p: ModelParams,
): { best: Float64Array; reach: Float64Array } {
  const nCfg = cfgList.length;
  const best = new Float64Array(nCfg * nRad).fill(-Infinity);
  const reach = new Float64Array(nCfg * nRad);
  const width = 360 / nRad;
  for (const sc of sectors) {
    const row = sc.config * nRad;
    if (sc.azimuth !== sc.azimuth) {
      for (let j = 0; j < nRad; j++) if (sc.base > best[row + j]) best[row + j] = sc.base;
      continue;
    }
    // Offset of interval j's start from the boresight, kept in [−180, 180) as j advances.
    let phi0 = wrapOffset(-conv - sc.azimuth);
    for (let j = 0; j < nRad; j++, phi0 += width) {
      if (phi0 >= 180) phi0 -= 360;
      let a = 0;
      const phi1 = phi0 + width;
      if (!(phi0 <= 0 && phi1 >= 0)) {
        const end = phi1 >= 180 ? 360 - phi1 : Math.abs(phi1);
        const near = Math.min(Math.abs(phi0), end);
        const x = near / sc.beamwidth;
        a = -Math.min(12 * x * x, p.backLobeDb);
      }
      if (sc.base + a > best[row + j]) best[row + j] = sc.base + a;
    }
  }
  for (let k = 0; k < nCfg; k++) {
    // Neighbouring intervals often share their allowance (a back lobe, an omni cell).
    let lastAllowed = NaN;
    let lastReach = 0;
    for (let j = 0; j < nRad; j++) {
      const allowed = best[k * nRad + j];
      if (allowed !== lastAllowed) {
        lastAllowed = allowed;
        lastReach = table[k].reachM(hMax[k], losModel, allowed, p.maxRadiusM);
      }
      reach[k * nRad + j] = lastReach;
    }
  }
  return { best, reach };
}

/**
 * Upper bound of the effective BS height h_te = h_mast − min(h_st, 0) (m) over every path
 * whose ground heights, relative to the site's, lie in [zMin, zMax]: the least-squares
 * surface at the site is ∫₀ᵈ (4d − 6x)·z(x) dx / d², at least (4/3)·zMin − (1/3)·zMax.
 */
export function effectiveHeightBound(hMast: number, zMin: number, zMax: number): number {
  return hMast + (4 / 3) * Math.max(0, -zMin) + (1 / 3) * Math.max(0, zMax);
}

/**
 * The radials of a site among `nSlot` equally spaced candidate bearings: greedily, the next
 * radial is the farthest slot that keeps the wedge since the last one at most `cellSize`
 * wide at the farthest reach inside it (of any configuration or fixed disc) — the one-cell
 * rule at the footprint's own edge, so the crossovers of a sector pattern and the dead back
 * of a single sector take fewer radials. Returns the radials' slots (with nSlot appended,
 * closing the circle) and the per-configuration bounds of the wedges between them, at
 * [k·nRad + q] for wedge q from radial q to q + 1 (the maxima over its slot intervals).
 */
export function chooseRadials(
  nSlot: number,
  nCfg: number,
  slotBest: Float64Array,
  slotReach: Float64Array,
  fixedR: number,
  cellSize: number,
): { radials: Int32Array; best: Float64Array; reach: Float64Array } {
  const dTheta = (2 * Math.PI) / nSlot;
  const far = new Float64Array(nSlot).fill(fixedR);
  for (let k = 0; k < nCfg; k++)
    for (let s = 0; s < nSlot; s++)
      if (slotReach[k * nSlot + s] > far[s]) far[s] = slotReach[k * nSlot + s];
  const picks = [0];
  let a = 0;
  for (;;) {
    let b = a + 1;
    let widest = far[a];
    while (b < nSlot) {
      const w = far[b] > widest ? far[b] : widest;
      if ((b + 1 - a) * dTheta * w > cellSize) break;
      widest = w;
      b++;
    }
    if (b >= nSlot) break;
    picks.push(b);
    a = b;
  }
  picks.push(nSlot);
  const radials = Int32Array.from(picks);
  const nRad = radials.length - 1;
  const best = new Float64Array(nCfg * nRad).fill(-Infinity);
  const reach = new Float64Array(nCfg * nRad);
  for (let k = 0; k < nCfg; k++) {
    for (let q = 0; q < nRad; q++) {
      for (let s = radials[q]; s < radials[q + 1]; s++) {
        const at = k * nRad + q;
        if (slotBest[k * nSlot + s] > best[at]) best[at] = slotBest[k * nSlot + s];
        if (slotReach[k * nSlot + s] > reach[at]) reach[at] = slotReach[k * nSlot + s];
      }
    }
  }
  return { radials, best, reach };
}
