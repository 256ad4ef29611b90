import { describe, expect, it } from 'vitest';
import { createLaea } from '../../src/core/grid/laea';
import { linkParams, sectorAttenuationDb } from '../../src/core/model/link-budget';
import { describeParams, modelParams, validateModelParams } from '../../src/core/model/params';
import {
  demBoxFor,
  localMap,
  rayCoefficients,
  sampleWindow,
  windowElevation,
  windowRange,
  type ElevationWindow,
} from '../../src/core/terrain/elevation';
import { effectiveHeightBound, intervalBounds } from '../../src/core/terrain/reach';
import { HeightTable, LossTable, pathConfig } from '../../src/core/terrain/terrain-link';

const win = (data: number[], width: number): ElevationWindow => ({
  georef: {
    crs: 'EPSG:4326',
    west: 100,
    north: 31,
    dx: 0.5,
    dy: 0.5,
    width,
    height: data.length / width,
  },
  values: 'elevation',
  data: Float32Array.from(data),
});

describe('elevation windows', () => {
  it('bilinear between pixel centres; edge pixels to half a pixel out; NaN beyond', () => {
    const w = win([0, 10, 20, 30], 2);
    expect(sampleWindow(w, 0, 0)).toBe(0);
    expect(sampleWindow(w, 1, 1)).toBe(30);
    expect(sampleWindow(w, 0.5, 0)).toBe(5);
    expect(sampleWindow(w, 0.5, 0.5)).toBe(15);
    expect(sampleWindow(w, -0.5, 0)).toBe(0);
    expect(sampleWindow(w, 1.5, 1)).toBe(30);
    expect(sampleWindow(w, -0.51, 0)).toBeNaN();
    // Pixel (0, 0) covers lon 100–100.5, lat 30.5–31; its value sits at its centre.
    expect(windowElevation(w).heightAt(100.25, 30.75)).toBe(0);
    expect(windowElevation(w).heightAt(100.75, 30.25)).toBe(30);
  });

  it('a constant window is constant to the bit, wherever it is sampled', () => {
    const w = win(new Array(9).fill(4321.123), 3);
    for (let u = -0.5; u <= 2.5; u += 0.0731) {
      for (let v = -0.5; v <= 2.5; v += 0.0917) {
        expect(sampleWindow(w, u, v)).toBe(Math.fround(4321.123));
      }
    }
  });

  it('voids are left out and the rest reweighted; all void is NaN', () => {
    const w = win([0, NaN, 20, 30], 2);
    expect(sampleWindow(w, 0.5, 0)).toBe(0);
    expect(sampleWindow(w, 0.5, 0.5)).toBeCloseTo((0 + 20 + 30) / 3, 9);
    expect(sampleWindow(win([NaN, NaN, NaN, NaN], 2), 0.5, 0.5)).toBeNaN();
    const flat = win([7, NaN, 7, 7], 2);
    expect(sampleWindow(flat, 0.3, 0.6)).toBe(7);
  });

  it('range of the pixels around a point, for the effective-height bound', () => {
    const w = win([1, 2, 3, 4, 5, 6, 7, 8, 9], 3);
    expect(windowRange(w, 100.75, 30.25, 1000)).toEqual([1, 9]);
    expect(windowRange({ heightAt: () => 0 }, 100, 30, 1000)).toBeNull();
  });

  it('the quadratic local map is within half a metre of the projection at 15 km', () => {
    const proj = createLaea(96, 33);
    const [x, y] = proj.forward(97.2, 34.1);
    const m = localMap(proj, x, y);
    const ray = new Float64Array(4);
    for (let b = 0; b < 360; b += 15) {
      const se = Math.sin((b * Math.PI) / 180);
      const ce = Math.cos((b * Math.PI) / 180);
      rayCoefficients(m, se, ce, ray);
      const d = 15_000;
      const lon = m.lon0 + d * (ray[0] + d * ray[1]);
      const lat = m.lat0 + d * (ray[2] + d * ray[3]);
      const [ex, ey] = proj.forward(lon, lat);
      expect(Math.hypot(ex - (x + d * se), ey - (y + d * ce))).toBeLessThan(0.5);
    }
  });

  it('the window to read for sites in a box reaches their farthest coverage', () => {
    const [w, s, e, n] = demBoxFor([96, 32, 97, 33], 15_000);
    expect(32 - s).toBeCloseTo(15_100 / 110_574, 9);
    expect(n - 33).toBeCloseTo(15_100 / 110_574, 9);
    // East–west metres per degree shrink poleward: the margin is taken at the far edge.
    expect(96 - w).toBeGreaterThan(15_100 / (111_320 * Math.cos((33 * Math.PI) / 180)));
    expect(e - 97).toBeCloseTo(96 - w, 12);
  });

  it('the effective-height bound: flat ground adds nothing, relief adds (4/3)·dip + (1/3)·rise', () => {
    expect(effectiveHeightBound(30, 0, 0)).toBe(30);
    expect(effectiveHeightBound(30, -90, 30)).toBeCloseTo(30 + 120 + 10, 12);
  });
});

describe('RedCap penalty presets', () => {
  it('raw receive-diversity penalty by default, ≈ 1 dB with coverage recovery', () => {
    const raw = modelParams();
    const rec = modelParams({ redcapPenaltyPreset: 'coverage-recovery' });
    for (const band of ['n28', 'n41', 'n78'] as const) {
      const cell = { scenario: 'rma' as const, band: raw.bands[band] };
      const nr = linkParams(cell, 'nr', raw).thresholdDbm;
      expect(linkParams(cell, 'redcap', raw).thresholdDbm - nr).toBe(
        raw.bands[band].duplex === 'TDD' ? 6 : 3,
      );
      expect(linkParams(cell, 'redcap', rec).thresholdDbm - nr).toBe(1);
      expect(linkParams(cell, 'nr', rec).thresholdDbm).toBe(nr);
    }
  });

  it('is a described, validated parameter with its source', () => {
    const rows = new Map(describeParams().map((r) => [r.key, r]));
    expect(rows.get('redcapPenaltyPreset')?.value).toBe('rx-diversity');
    expect(rows.get('redcapRecoveredPenaltyDb')).toMatchObject({ value: 1, unit: 'dB' });
    expect(rows.get('redcapRecoveredPenaltyDb')?.source).toMatch(
      /Moloudi et al\., .*IEEE Access 9 \(2021\)/,
    );
    expect(rows.get('redcapRecoveredPenaltyDb')?.source).toMatch(/TR 38\.875/);
    expect(rows.get('earthRadiusFactor')?.value).toBeCloseTo(4 / 3, 12);
    const bad = modelParams({ redcapPenaltyPreset: 'other' as never, earthRadiusFactor: 0 });
    const errors = validateModelParams(bad).join('\n');
    expect(errors).toMatch(/redcapPenaltyPreset must be one of rx-diversity, coverage-recovery/);
    expect(errors).toMatch(/earthRadiusFactor must be a finite positive number/);
  });
});

describe('reach bounds', () => {
  it('a wedge’s allowance is the best sector gain anywhere inside it', () => {
    const p = modelParams();
    const cfg = pathConfig('n41', p.bands.n41, 'rma', 30, p);
    const table = new LossTable(cfg, new HeightTable(cfg, 100, 151), 1.5, (4 / 3) * 6_371_000);
    const sectors = [
      { config: 0, base: 140, penalty: 6, azimuth: 17, beamwidth: 65 },
      { config: 0, base: 138, penalty: 6, azimuth: 137, beamwidth: 65 },
      { config: 0, base: 141, penalty: 6, azimuth: 359.5, beamwidth: 30 },
    ];
    const n = 97;
    const conv = 1.3;
    const { best, reach } = intervalBounds(n, conv, [cfg], sectors, [table], [150], false, p);
    for (let j = 0; j < n; j++) {
      let m = -Infinity;
      for (let s = 0; s <= 200; s++) {
        const bearing = ((j + s / 200) * 360) / n - conv;
        for (const sc of sectors) {
          const a = sectorAttenuationDb(bearing - sc.azimuth, sc.beamwidth, p.backLobeDb);
          m = Math.max(m, sc.base + a);
        }
      }
      expect(best[j]).toBeGreaterThanOrEqual(m - 1e-9);
      expect(best[j] - m).toBeLessThan(1e-3);
      expect(reach[j]).toBe(table.reachM(150, false, best[j], p.maxRadiusM));
    }
  });
});
