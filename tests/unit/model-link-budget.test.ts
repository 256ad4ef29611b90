import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAND_PRESETS } from '../../src/core/model/bands';
import {
  linkParams,
  powerPerReDbm,
  resolveEnv,
  rsrpDbm,
  sectorAttenuationDb,
  shadowingMarginDb,
  solveCoverageDistance,
  wrapOffset,
} from '../../src/core/model/link-budget';
import { inverseNormalCdf } from '../../src/core/model/normal';
import { meanIndoorDistanceM, o2iLowLossDb, o2iLowLossWallDb } from '../../src/core/model/o2i';
import { modelParams } from '../../src/core/model/params';
import { rmaBreakpointM } from '../../src/core/model/pathloss-38901';
import type { Scenario } from '../../src/core/model/pathloss-38901';
import { NR_BANDS } from '../../src/core/station';

describe('inverse normal CDF (Acklam)', () => {
  it.each([
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.01, -2.3263478740408408],
    [0.1, -1.2815515655446004],
    [1e-6, -4.753424308822899],
  ])('Φ⁻¹(%s) = %s', (p, z) => {
    expect(inverseNormalCdf(p)).toBeCloseTo(z, 7);
  });

  it('is odd around 0.5 and increasing (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 0.5, noNaN: true }), (p) => {
        return Math.abs(inverseNormalCdf(p) + inverseNormalCdf(1 - p)) < 1e-6;
      }),
    );
    let prev = -Infinity;
    for (let p = 0.001; p < 1; p += 0.001) {
      const z = inverseNormalCdf(p);
      expect(z).toBeGreaterThan(prev);
      prev = z;
    }
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => inverseNormalCdf(0)).toThrow(RangeError);
    expect(() => inverseNormalCdf(1)).toThrow(RangeError);
    expect(() => inverseNormalCdf(Number.NaN)).toThrow(RangeError);
  });
});

describe('O2I low-loss model (TR 38.901 Table 7.4.3-2)', () => {
  it('at 3.5 GHz, UMa, mean indoor distance 25/3 m', () => {
    // L_glass = 2 + 0.2·3.5 = 2.7 dB, L_concrete = 5 + 4·3.5 = 19 dB
    // PL_tw = 5 − 10·log10(0.3·10^−0.27 + 0.7·10^−1.9) = 5 − 10·log10(0.161110 + 0.008812)
    //       = 5 − 10·log10(0.169922) = 5 + 7.697503 = 12.697503
    // PL_in = 0.5·25/3 = 4.166667 → 16.864170
    expect(o2iLowLossWallDb(3.5)).toBeCloseTo(12.697503, 5);
    expect(meanIndoorDistanceM('uma')).toBeCloseTo(25 / 3, 12);
    expect(o2iLowLossDb(3.5, 'uma')).toBeCloseTo(16.86417, 5);
    // RMa: d_in = min of two U(0, 10) → mean 10/3, PL_in = 1.666667
    expect(o2iLowLossDb(3.5, 'rma')).toBeCloseTo(12.697503 + 5 / 3, 5);
    expect(o2iLowLossDb(3.5, 'uma', 0)).toBeCloseTo(12.697503, 5);
  });

  it('grows with frequency', () => {
    expect(o2iLowLossWallDb(0.773)).toBeLessThan(o2iLowLossWallDb(2.14));
    expect(o2iLowLossWallDb(2.14)).toBeLessThan(o2iLowLossWallDb(4.9));
  });
});

describe('link budget', () => {
  const p = modelParams();

  it('P_RE = P_total − 10·log10(12·N_PRB)', () => {
    // 53 − 10·log10(12·273) = 53 − 10·log10(3276) = 53 − 35.153439 = 17.846561
    expect(powerPerReDbm(53, 273)).toBeCloseTo(17.846561, 5);
  });

  it('sector pattern A(φ) = −min(12(φ/φ3dB)², A_m)', () => {
    expect(sectorAttenuationDb(0, 65, 30)).toBeCloseTo(0, 12);
    expect(sectorAttenuationDb(32.5, 65, 30)).toBeCloseTo(-3, 12);
    expect(sectorAttenuationDb(-32.5, 65, 30)).toBeCloseTo(-3, 12);
    expect(sectorAttenuationDb(180, 65, 30)).toBe(-30);
    expect(sectorAttenuationDb(350, 65, 30)).toBeCloseTo(sectorAttenuationDb(10, 65, 30), 12);
    expect(wrapOffset(190)).toBe(-170);
    expect(wrapOffset(-190)).toBe(170);
  });

  it('auto environment: UMa inside a 街道/county-town zone, RMa elsewhere', () => {
    expect(resolveEnv('auto', true)).toBe('uma');
    expect(resolveEnv('auto', false)).toBe('rma');
    expect(resolveEnv('umi', false)).toBe('umi');
    expect(resolveEnv('rma', true)).toBe('rma');
  });

  it('RSRP of n78 UMa at d3D = 500 m, boresight, by hand', () => {
    // P_RE = 17.846561 dBm; G_bs = 24 dBi; A(0) = 0; G_ue = 0
    // PL (UMa NLOS, 3.5 GHz, d3D = 500 m) = 129.897109 dB (see model-pathloss.test.ts)
    // L_margin = Φ⁻¹(0.9)·6 = 1.281552·6 = 7.689309 dB
    // RSRP = 17.846561 + 24 − 129.897109 − 7.689309 = −95.739857 dBm
    const link = linkParams({ scenario: 'uma', band: BAND_PRESETS.n78 }, 'nr', p);
    expect(link.geometry.hBsM).toBe(30);
    const d2 = Math.sqrt(500 ** 2 - 28.5 ** 2);
    expect(rsrpDbm(link, d2)).toBeCloseTo(-95.739857, 5);
    // 32.5° off boresight (half the 65° beamwidth): 3 dB less.
    expect(rsrpDbm(link, d2, 32.5)).toBeCloseTo(-98.739857, 5);
    expect(link.thresholdDbm).toBe(-105);
    expect(linkParams({ scenario: 'uma', band: BAND_PRESETS.n78 }, 'redcap', p).thresholdDbm).toBe(
      -99,
    );
    expect(linkParams({ scenario: 'uma', band: BAND_PRESETS.n28 }, 'redcap', p).thresholdDbm).toBe(
      -102,
    );
  });

  it('station height and power override the preset', () => {
    const link = linkParams(
      { scenario: 'uma', band: BAND_PRESETS.n78, heightM: 45, powerDbm: 50 },
      'nr',
      p,
    );
    expect(link.geometry.hBsM).toBe(45);
    expect(link.pReDbm).toBeCloseTo(50 - 35.153439, 5);
  });

  it('indoor: adds the O2I loss and combines σ_SF and σ_O2I in quadrature', () => {
    const indoor = linkParams(
      { scenario: 'uma', band: BAND_PRESETS.n78 },
      'nr',
      modelParams({ indoor: true }),
    );
    expect(indoor.indoorLossDb).toBeCloseTo(16.86417, 5);
    // σ = √(6² + 4.4²) = √55.36 = 7.440430
    expect(indoor.sigmaDb).toBeCloseTo(7.44043, 5);
    const outdoor = linkParams({ scenario: 'uma', band: BAND_PRESETS.n78 }, 'nr', p);
    expect(rsrpDbm(outdoor, 500) - rsrpDbm(indoor, 500)).toBeCloseTo(
      16.86417 + 1.2815516 * (7.44043 - 6),
      4,
    );
  });

  it('RMa LOS margin switches σ from 4 to 6 dB at d_BP', () => {
    const link = linkParams(
      { scenario: 'rma', band: BAND_PRESETS.n28 },
      'nr',
      modelParams({ losCondition: 'los' }),
    );
    const bp = rmaBreakpointM(0.773, 40, 1.5);
    expect(shadowingMarginDb(link, bp)).toBeCloseTo(1.2815516 * 4, 6);
    expect(shadowingMarginDb(link, bp + 1)).toBeCloseTo(1.2815516 * 6, 6);
  });
});

describe('solveCoverageDistance', () => {
  const p = modelParams();
  const scenarios: Scenario[] = ['rma', 'uma', 'umi'];

  it.each(NR_BANDS.flatMap((b) => scenarios.map((s) => [b, s] as const)))(
    '%s %s: RSRP(d*) = threshold within 0.01 dB, RedCap radius < NR radius',
    (band, scenario) => {
      for (const layer of ['nr', 'redcap'] as const) {
        const link = linkParams({ scenario, band: BAND_PRESETS[band] }, layer, p);
        const d = solveCoverageDistance(link);
        expect(d).toBeGreaterThan(10);
        expect(d).toBeLessThan(p.maxRadiusM);
        expect(Math.abs(rsrpDbm(link, d) - link.thresholdDbm)).toBeLessThan(0.01);
        expect(rsrpDbm(link, d + 1)).toBeLessThan(link.thresholdDbm);
      }
      const nr = solveCoverageDistance(linkParams({ scenario, band: BAND_PRESETS[band] }, 'nr', p));
      const rc = solveCoverageDistance(
        linkParams({ scenario, band: BAND_PRESETS[band] }, 'redcap', p),
      );
      expect(rc).toBeLessThan(nr);
    },
  );

  it('shrinks off boresight and is symmetric', () => {
    const link = linkParams({ scenario: 'uma', band: BAND_PRESETS.n41 }, 'nr', p);
    const d0 = solveCoverageDistance(link, 0);
    const d30 = solveCoverageDistance(link, 30);
    expect(d30).toBeLessThan(d0);
    expect(solveCoverageDistance(link, -30)).toBe(d30);
    expect(Math.abs(rsrpDbm(link, d30, 30) - link.thresholdDbm)).toBeLessThan(0.01);
  });

  it('returns 0 when even 10 m is not covered and the cap when the cap is covered', () => {
    const weak = linkParams({ scenario: 'uma', band: BAND_PRESETS.n78, powerDbm: -20 }, 'nr', p);
    expect(solveCoverageDistance(weak)).toBe(0);
    const strong = linkParams(
      { scenario: 'rma', band: BAND_PRESETS.n28, powerDbm: 90 },
      'nr',
      modelParams({ maxRadiusM: 5000 }),
    );
    expect(solveCoverageDistance(strong)).toBe(5000);
  });

  it('rejects an unbounded search and survives NaN parameters', () => {
    const link = linkParams({ scenario: 'uma', band: BAND_PRESETS.n78 }, 'nr', p);
    expect(() => solveCoverageDistance({ ...link, maxRadiusM: Infinity })).toThrow(RangeError);
    expect(solveCoverageDistance({ ...link, pReDbm: Number.NaN })).toBe(0);
  });

  it('more power never shrinks the radius (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NR_BANDS),
        fc.constantFrom(...scenarios),
        fc.double({ min: 30, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (band, scenario, power, extra) => {
          const a = solveCoverageDistance(
            linkParams({ scenario, band: BAND_PRESETS[band], powerDbm: power }, 'nr', p),
          );
          const b = solveCoverageDistance(
            linkParams({ scenario, band: BAND_PRESETS[band], powerDbm: power + extra }, 'nr', p),
          );
          return b >= a - 1e-2;
        },
      ),
      { numRuns: 50 },
    );
  });
});
