import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  distance3d,
  pathLoss38901,
  pathLossDb,
  rmaBreakpointM,
  rmaLos,
  rmaNlos,
  umBreakpointM,
  umaLos,
  umaNlos,
  umiLos,
  umiNlos,
  validity,
} from '../../src/core/model/pathloss-38901';
import type { LosCondition, PathLossGeometry, Scenario } from '../../src/core/model/pathloss-38901';

/** The 2D distance that gives a chosen 3D distance (so hand values can use round d3D). */
const d2For = (d3D: number, hBs: number, hUt: number) => Math.sqrt(d3D ** 2 - (hBs - hUt) ** 2);

const geom = (over: Partial<PathLossGeometry>): PathLossGeometry => ({
  scenario: 'uma',
  condition: 'nlos',
  fcGHz: 3.5,
  hBsM: 25,
  hUtM: 1.5,
  buildingHeightM: 5,
  streetWidthM: 20,
  ...over,
});

describe('38.901 Table 7.4.1-1 against hand-computed values', () => {
  it('UMa NLOS, fc = 3.5 GHz, d3D = 500 m, h_BS = 25 m, h_UT = 1.5 m', () => {
    // PL' = 13.54 + 39.08·log10(500) + 20·log10(3.5) − 0.6·(1.5 − 1.5)
    //     = 13.54 + 39.08·2.698970 + 20·0.544068 − 0
    //     = 13.54 + 105.475748 + 10.881361 = 129.897109
    // LOS: d'BP = 4·24·0.5·3.5e9/3e8 = 560 m > d2D, PL1 = 28 + 22·2.698970 + 10.881361 = 98.258701
    // NLOS = max(98.258701, 129.897109) = 129.897109
    const d2 = d2For(500, 25, 1.5);
    expect(umaNlos(3.5, d2, 25, 1.5)).toBeCloseTo(129.897109, 5);
    expect(umaLos(3.5, d2, 25, 1.5)).toBeCloseTo(98.258701, 5);
  });

  it('UMa LOS beyond the breakpoint, fc = 3.5 GHz, d3D = 1000 m', () => {
    // d'BP = 4·(25 − 1)·(1.5 − 1)·3.5e9/3e8 = 560 m
    // PL2 = 28 + 40·log10(1000) + 20·log10(3.5) − 9·log10(560² + 23.5²)
    //     = 28 + 120 + 10.881361 − 9·log10(314152.25)
    //     = 158.881361 − 9·5.497140 = 158.881361 − 49.474262 = 109.407099
    expect(umBreakpointM(3.5, 25, 1.5)).toBeCloseTo(560, 9);
    expect(umaLos(3.5, d2For(1000, 25, 1.5), 25, 1.5)).toBeCloseTo(109.407099, 5);
  });

  it('RMa LOS below the breakpoint, fc = 0.7 GHz, d3D = 500 m, h_BS = 35 m, h = 5 m', () => {
    // d_BP = 2π·35·1.5·0.7e9/3e8 = 769.690 m > d2D → PL1
    // h^1.72 = 5^1.72 = 15.930463; min(0.03·15.930463, 10) = 0.477914; min(0.044·15.930463, 14.77) = 0.700940
    // PL1 = 20·log10(40π·500·0.7/3) + 0.477914·log10(500) − 0.700940 + 0.002·log10(5)·500
    //     = 20·log10(14660.766) + 0.477914·2.698970 − 0.700940 + 0.698970
    //     = 83.323133 + 1.289875 − 0.700940 + 0.698970 = 84.611038
    expect(rmaBreakpointM(0.7, 35, 1.5)).toBeCloseTo(769.6902, 3);
    expect(rmaLos(0.7, d2For(500, 35, 1.5), 35, 1.5, 5)).toBeCloseTo(84.611038, 5);
  });

  it('RMa LOS beyond the breakpoint, fc = 0.7 GHz, d3D = 2000 m', () => {
    // PL2 = PL1(d_BP) + 40·log10(2000/769.690) = 88.824503 + 16.588562 = 105.413065
    expect(rmaLos(0.7, d2For(2000, 35, 1.5), 35, 1.5, 5)).toBeCloseTo(105.413065, 5);
  });

  it('RMa NLOS, fc = 0.7 GHz, d3D = 2000 m, h_BS = 35 m, W = 20 m, h = 5 m', () => {
    // PL' = 161.04 − 7.1·log10(20) + 7.5·log10(5) − (24.37 − 3.7·(5/35)²)·log10(35)
    //       + (43.42 − 3.1·log10(35))·(log10(2000) − 3) + 20·log10(0.7) − (3.2·(log10(11.75·1.5))² − 4.97)
    //     = 161.04 − 9.237313 + 5.242275 − 24.294490·1.544068 + 38.633389·0.301030 − 3.098039 − (3.2·1.246129² − 4.97)
    //     = 161.04 − 9.237313 + 5.242275 − 37.512345 + 11.629809 − 3.098039 + 0.000919 = 128.065306
    // NLOS = max(LOS 105.413065, 128.065306) = 128.065306
    expect(rmaNlos(0.7, d2For(2000, 35, 1.5), 35, 1.5, 5, 20)).toBeCloseTo(128.065306, 5);
  });

  it('UMi-Street Canyon NLOS, fc = 3.5 GHz, d3D = 200 m, h_BS = 10 m', () => {
    // PL' = 35.3·log10(200) + 22.4 + 21.3·log10(3.5) − 0.3·(1.5 − 1.5)
    //     = 35.3·2.301030 + 22.4 + 21.3·0.544068 = 81.226359 + 22.4 + 11.588649 = 115.215008
    // LOS: d'BP = 4·9·0.5·3.5e9/3e8 = 210 m > d2D, PL1 = 32.4 + 21·2.301030 + 10.881361 = 91.602991
    const d2 = d2For(200, 10, 1.5);
    expect(umiNlos(3.5, d2, 10, 1.5)).toBeCloseTo(115.215008, 5);
    expect(umiLos(3.5, d2, 10, 1.5)).toBeCloseTo(91.602991, 5);
  });

  it('UMi-Street Canyon LOS beyond the breakpoint, fc = 3.5 GHz, d3D = 1000 m', () => {
    // PL2 = 32.4 + 40·3 + 10.881361 − 9.5·log10(210² + 8.5²) = 163.281361 − 9.5·4.645150 = 119.152440
    expect(umiLos(3.5, d2For(1000, 10, 1.5), 10, 1.5)).toBeCloseTo(119.15244, 5);
  });

  it('the UE-height terms: UMa −0.6·(h_UT − 1.5), UMi −0.3·(h_UT − 1.5) at equal d3D', () => {
    // Same d3D, h_UT 1.5 → 4.5 m: UMa NLOS' drops 1.8 dB, UMi NLOS' 0.9 dB (both far above LOS).
    const uma15 = umaNlos(3.5, d2For(800, 25, 1.5), 25, 1.5);
    const uma45 = umaNlos(3.5, d2For(800, 25, 4.5), 25, 4.5);
    expect(uma15 - uma45).toBeCloseTo(1.8, 9);
    const umi15 = umiNlos(3.5, d2For(800, 10, 1.5), 10, 1.5);
    const umi45 = umiNlos(3.5, d2For(800, 10, 4.5), 10, 4.5);
    expect(umi15 - umi45).toBeCloseTo(0.9, 9);
  });
});

describe('breakpoints, LOS ≤ NLOS, monotonicity', () => {
  it('UMa and UMi LOS are continuous at d′BP (PL1 = PL2 there exactly)', () => {
    for (const [f, hBs] of [
      [3.5, 25],
      [0.773, 40],
      [2.565, 30],
    ] as const) {
      const bp = umBreakpointM(f, hBs, 1.5);
      expect(Math.abs(umaLos(f, bp * (1 + 1e-9), hBs, 1.5) - umaLos(f, bp, hBs, 1.5))).toBeLessThan(
        1e-6,
      );
    }
    const bp = umBreakpointM(3.5, 10, 1.5);
    expect(Math.abs(umiLos(3.5, bp * (1 + 1e-9), 10, 1.5) - umiLos(3.5, bp, 10, 1.5))).toBeLessThan(
      1e-6,
    );
  });

  it('RMa LOS steps up by < 0.01 dB at d_BP (PL1(d_BP) read literally)', () => {
    for (const [f, hBs] of [
      [0.773, 35],
      [0.773, 50],
      [3.5, 35],
      [2.14, 10],
    ] as const) {
      const bp = rmaBreakpointM(f, hBs, 1.5);
      const before = rmaLos(f, bp, hBs, 1.5);
      const after = rmaLos(f, bp * (1 + 1e-9), hBs, 1.5);
      expect(after - before).toBeGreaterThanOrEqual(-1e-9);
      expect(after - before).toBeLessThan(0.01);
    }
  });

  const scenarios: Scenario[] = ['rma', 'uma', 'umi'];
  const conditions: LosCondition[] = ['los', 'nlos'];
  const arbGeom = fc.record({
    scenario: fc.constantFrom(...scenarios),
    fcGHz: fc.double({ min: 0.5, max: 6, noNaN: true }),
    hBsM: fc.double({ min: 10, max: 60, noNaN: true }),
    hUtM: fc.double({ min: 1.5, max: 5, noNaN: true }),
  });

  it('LOS ≤ NLOS everywhere (property)', () => {
    fc.assert(
      fc.property(arbGeom, fc.double({ min: 0, max: 20_000, noNaN: true }), (g, d) => {
        const base = geom(g);
        const los = pathLossDb({ ...base, condition: 'los' }, d);
        const nlos = pathLossDb({ ...base, condition: 'nlos' }, d);
        return los <= nlos;
      }),
    );
  });

  it('PL is non-decreasing in distance, through breakpoints and beyond validity (property)', () => {
    fc.assert(
      fc.property(
        arbGeom,
        fc.constantFrom(...conditions),
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        (g, condition, a, b) => {
          const x = geom({ ...g, condition });
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return pathLossDb(x, lo) <= pathLossDb(x, hi) + 1e-9;
        },
      ),
    );
  });

  it('is flat (clamped to 10 m) below 10 m and grows beyond 5 km (extrapolated)', () => {
    const g = geom({});
    expect(pathLossDb(g, 0)).toBe(pathLossDb(g, 10));
    expect(pathLossDb(g, 3)).toBe(pathLossDb(g, 10));
    expect(pathLossDb(g, 8000)).toBeGreaterThan(pathLossDb(g, 5000) + 5);
  });

  it('distance3d', () => {
    expect(distance3d(40, 31.5, 1.5)).toBe(50);
  });
});

describe('validity ranges', () => {
  it('a typical UMa link at the nominal height is valid with no notes', () => {
    expect(validity(geom({}), 500)).toEqual({ valid: true, notes: [] });
  });

  it('UMa at another BS height is valid with a note', () => {
    const v = validity(geom({ hBsM: 30 }), 500);
    expect(v.valid).toBe(true);
    expect(v.notes.join()).toMatch(/h_BS = 30 m .*nominal 25 m/);
  });

  it('flags distances, frequencies and heights out of range', () => {
    expect(validity(geom({}), 5).valid).toBe(false);
    const far = pathLoss38901(geom({}), 6000);
    expect(far.valid).toBe(false);
    expect(far.notes.join()).toMatch(/beyond 5000 m \(extrapolated\)/);
    expect(far.plDb).toBe(pathLossDb(geom({}), 6000));
    expect(validity(geom({ scenario: 'rma', hBsM: 35, fcGHz: 40 }), 1000).valid).toBe(false);
    expect(validity(geom({ scenario: 'rma', hBsM: 35, hUtM: 12 }), 1000).valid).toBe(false);
    expect(validity(geom({ scenario: 'rma', hBsM: 200 }), 1000).valid).toBe(false);
    expect(validity(geom({ scenario: 'rma', hBsM: 35, streetWidthM: 60 }), 1000).valid).toBe(false);
    expect(validity(geom({ scenario: 'uma', hUtM: 1 }), 1000).valid).toBe(false);
  });

  it('RMa LOS is valid to 10 km, RMa NLOS to 5 km', () => {
    const los = geom({ scenario: 'rma', condition: 'los', hBsM: 35, fcGHz: 0.773 });
    expect(validity(los, 8000).valid).toBe(true);
    expect(validity({ ...los, condition: 'nlos' }, 8000).valid).toBe(false);
  });
});
