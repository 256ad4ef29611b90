import { area as turfArea } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { cellAreaKm2 } from '../../src/core/grid/grid';
import { cellBoxLngLat, simplifyRing, traceCells } from '../../src/core/grid/outline';
import { stampSite } from '../../src/core/grid/stamp';
import { stationToSite } from '../../src/core/scenario/apply';
import { createEvaluator } from '../../src/core/scenario/evaluator';
import { siteOutlines, spansOutline } from '../../src/core/scenario/footprints';
import { at, baselineSites, COUNTIES, PARAMS } from './scenario-fixture';

const cellsOf = (spans: Int32Array) => {
  let n = 0;
  for (let k = 0; k < spans.length; k += 3) n += spans[k + 2] - spans[k + 1] + 1;
  return n;
};

describe('site footprint outlines', () => {
  it('outline the cells the engine stamps: same area, within the site’s box', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const [lon, lat] = at(5, 2);
    const site = stationToSite({ id: 'N', lon, lat, band: 'n28', redcap: true, azimuth: 30 });
    const o = siteOutlines(ev, site);
    const st = stampSite(ev.region.grid, ev.footprintsOf(site)!);
    const km2 = cellAreaKm2(ev.region.grid);
    // Thinned to under a cell, the outline's area stays within 2% of the cells'.
    for (const [poly, spans] of [
      [o.nr, st.nr],
      [o.redcap, st.redcap],
    ] as const) {
      expect(poly).not.toBeNull();
      const cells = cellsOf(spans);
      expect(cells).toBeGreaterThan(20);
      expect(Math.abs(turfArea(poly!) / 1e6 / (cells * km2) - 1)).toBeLessThan(0.02);
    }
    // The RedCap footprint (6 dB penalty) is the smaller one.
    expect(turfArea(o.redcap!)).toBeLessThan(turfArea(o.nr!));
    const [w, s, e, n] = cellBoxLngLat(ev.region.grid, o.box);
    for (const p of o.nr!.coordinates.flat(2)) {
      expect(p[0]).toBeGreaterThanOrEqual(w - 1e-6);
      expect(p[0]).toBeLessThanOrEqual(e + 1e-6);
      expect(p[1]).toBeGreaterThanOrEqual(s - 1e-6);
      expect(p[1]).toBeLessThanOrEqual(n + 1e-6);
    }
    // An LTE-only site covers nothing on either layer.
    const lte = siteOutlines(ev, stationToSite({ id: 'L', lon, lat, tech: 'LTE', radius_m: 900 }));
    expect([lte.nr, lte.redcap]).toEqual([null, null]);
  });

  it('traces cell sets exactly without thinning, and thins staircases to fewer vertices', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const g = ev.region.grid;
    // An L of 3 + 2 cells.
    const set = new Set(['10,10', '11,10', '12,10', '10,11', '10,12']);
    const poly = traceCells(g, [9, 9, 13, 13], (c, r) => set.has(`${c},${r}`))!;
    expect(poly.coordinates).toHaveLength(1);
    expect(poly.coordinates[0][0]).toHaveLength(7);
    expect(turfArea(poly) / 1e6 / (5 * cellAreaKm2(g))).toBeCloseTo(1, 2);
    expect(traceCells(g, [0, 0, 3, 3], () => false)).toBeNull();
    // A staircase diagonal of 20 steps: thinning at a cell keeps its corners only.
    const stairs: number[] = [0, 0, 20, 0, 20, 20];
    for (let k = 19; k >= 0; k--) stairs.push(k, k + 1, k, k);
    stairs.splice(-2);
    const thin = simplifyRing(stairs, 1.1);
    expect(thin.length / 2).toBe(3);
    expect(stairs.length / 2).toBe(42);
    expect(simplifyRing([0, 0, 1, 0, 1, 1, 0, 1], 5)).toEqual([0, 0, 1, 0, 1, 1, 0, 1]);
    expect(simplifyRing([0, 0, 2, 0, 2, 1, 2, 2, 0, 2, 0, 1], 5)).toHaveLength(12);
    expect(spansOutline(g, new Int32Array(0))).toBeNull();
  });
});
