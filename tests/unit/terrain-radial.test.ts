import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelParams } from '../../src/core/model/params';
import {
  bullington,
  NU_J_ZERO,
  NU_LOS,
  smoothEarthHeights,
  wavelengthM,
} from '../../src/core/terrain/diffraction';
import {
  HeightTable,
  LossTable,
  pathConfig,
  pathOutcome,
} from '../../src/core/terrain/terrain-link';
import { RadialPath } from '../../src/core/terrain/radial';

const AE = (4 / 3) * 6_371_000;

/** Relative error, for values that may be large (ν of deep shadows) or near zero. */
const near = (a: number, b: number, tol = 1e-9) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** Every receiver of a radial analysed incrementally equals the path analysed on its own. */
function checkAgainstBatch(z: number[], step: number, hTx: number, hRx: number, fcGHz: number) {
  const lambda = wavelengthM(fcGHz);
  const path = new RadialPath(z.length);
  path.reset({
    stepM: step,
    hTxM: hTx,
    hRxM: hRx,
    aeM: AE,
    wavelengthM: lambda,
    nuFloor: -Infinity,
  });
  for (let n = 1; n < z.length; n++) {
    path.push(z[n]);
    path.smooth();
    const d = Array.from({ length: n + 1 }, (_, i) => i * step);
    const g = z.slice(0, n + 1);
    const hrs = z[n] + hRx;
    const se = smoothEarthHeights(d, g, hTx, hrs);
    expect(near(path.hEffTx, se.hte)).toBe(true);
    expect(near(path.hEffTxSmooth, hTx - se.hstd)).toBe(true);
    expect(near(path.hEffRx, hrs - se.hsrd)).toBe(true);
    if (n < 2) continue;
    const a = bullington(d, g, hTx, hrs, AE, lambda);
    expect(path.losActual).toBe(a.los);
    expect(near(path.nuActual, a.nu)).toBe(true);
    expect(near(path.lossActual, a.lossDb)).toBe(true);
    if (path.level) continue;
    // The smooth reference: zero heights, transmitter at h_ts − h_std, the UE at hRx above it.
    const s = bullington(d, new Float64Array(n + 1), hTx - se.hstd, hRx, AE, lambda);
    expect(near(path.nuSmooth, s.nu)).toBe(true);
    expect(near(path.lossSmooth, s.lossDb)).toBe(true);
  }
}

const profile = fc.record({
  n: fc.integer({ min: 3, max: 90 }),
  step: fc.double({ min: 20, max: 200, noNaN: true }),
  hTx: fc.double({ min: 5, max: 80, noNaN: true }),
  fc: fc.constantFrom(0.773, 2.565, 3.5),
  amp: fc.double({ min: 0, max: 300, noNaN: true }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  spikes: fc.boolean(),
});

function heights(p: { n: number; amp: number; seed: number; spikes: boolean }): number[] {
  let s = p.seed;
  const rnd = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const z = [0];
  let h = 0;
  let slope = 0;
  for (let i = 1; i <= p.n; i++) {
    slope = 0.9 * slope + (rnd() - 0.5) * 0.2 * p.amp;
    h += slope;
    z.push(h + (p.spikes && rnd() < 0.1 ? rnd() * p.amp : 0));
  }
  return z;
}

describe('RadialPath: the delta-Bullington of every receiver along a radial', () => {
  it('equals P.1812 evaluated path by path: heights, line of sight, ν and both losses', () => {
    fc.assert(
      fc.property(profile, (p) => {
        checkAgainstBatch(heights(p), p.step, p.hTx, 1.5, p.fc);
      }),
      { numRuns: 120, seed: 20241207 },
    );
  });

  it('valleys and ridges: exact on line-of-sight paths over deep V valleys too', () => {
    // The hull skips the valley; points under its edges near the vertex maximum are checked.
    const z = [0, -5, -20, -45, -70, -80, -70, -40, -10, 5, 12, -3, -30, -60, -62, -40, -5];
    for (const hTx of [5, 20, 60]) checkAgainstBatch(z, 100, hTx, 1.5, 0.773);
  });

  it('a level profile is its own smooth earth: equal losses, the mast as effective height', () => {
    const path = new RadialPath(200);
    path.reset({
      stepM: 100,
      hTxM: 30,
      hRxM: 1.5,
      aeM: AE,
      wavelengthM: wavelengthM(0.773),
      nuFloor: -Infinity,
    });
    for (let i = 1; i <= 200; i++) {
      path.push(0);
      path.smooth();
      expect(path.level).toBe(true);
      expect(path.hEffTx).toBe(30);
      expect(path.hEffTxSmooth).toBe(30);
      expect(path.lossSmooth).toBe(path.lossActual);
      expect(path.nuSmooth).toBe(path.nuActual);
    }
    // At 20 km over a smooth earth at 773 MHz the UE's own ground is in the Fresnel zone.
    expect(path.lossActual).toBeGreaterThan(0);
  });

  it('pathOutcome decides as if the smooth reference were always computed', () => {
    fc.assert(
      fc.property(profile, fc.boolean(), (p, losModel) => {
        const z = heights(p);
        const params = modelParams();
        const band = p.fc === 0.773 ? 'n28' : p.fc === 2.565 ? 'n41' : 'n78';
        const cfg = pathConfig(band, params.bands[band], 'rma', p.hTx, params);
        const table = new LossTable(cfg, new HeightTable(cfg, p.step, z.length), 1.5, AE);
        const setup = {
          stepM: p.step,
          hTxM: p.hTx,
          hRxM: 1.5,
          aeM: AE,
          wavelengthM: cfg.wavelengthM,
        };
        const lazy = new RadialPath(z.length);
        const full = new RadialPath(z.length);
        lazy.reset({ ...setup, nuFloor: losModel ? NU_LOS : NU_J_ZERO });
        full.reset({ ...setup, nuFloor: -Infinity });
        const o = { los: false, hEffM: 0, diffractionDb: 0 };
        for (let n = 1; n < z.length; n++) {
          lazy.push(z[n]);
          full.push(z[n]);
          full.smooth();
          // The bound the lazy rule stands on.
          expect(full.nuSmooth).toBeLessThanOrEqual(table.nuLevel[n] + 1e-9);
          pathOutcome(lazy, cfg, losModel, table.nuLevel[n], o);
          const los =
            losModel && (full.level || full.nuActual <= NU_LOS || full.nuActual <= full.nuSmooth);
          const ld = full.level ? 0 : Math.max(0, full.lossActual - full.lossSmooth);
          expect(o.los).toBe(los);
          expect(o.diffractionDb).toBeCloseTo(ld, 9);
          expect(o.hEffM).toBe(Math.min(full.hEffTx, cfg.hEffMaxM));
        }
      }),
      { numRuns: 80, seed: 7 },
    );
  });
});

interface Profile {
  name: string;
  d_km: number[];
  h_m: number[];
  clutter_m: number[];
  cases: {
    f_ghz: number;
    htg_m: number;
    hrg_m: number;
    ae_km: number;
    hstd_m: number;
    hsrd_m: number;
    hte_m: number;
    lbulla_db: number;
  }[];
}

describe('RadialPath on the equally spaced, clutter-free ITU-R P.1812 validation profiles', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('../fixtures/p1812-validation/profiles.json', import.meta.url), 'utf8'),
  ) as { profiles: Profile[] };
  for (const name of ['rburg_rural_noclutter', 'rburg_rural_noclutter_los_subpath_diffraction']) {
    const p = fixture.profiles.find((x) => x.name === name)!;
    const c = p.cases[0];
    it(`${name}: the last receiver reproduces the reference L_bulla and heights`, () => {
      expect(p.clutter_m.every((r) => r === 0)).toBe(true);
      const step = (p.d_km[1] - p.d_km[0]) * 1000;
      const h0 = p.h_m[0];
      const path = new RadialPath(p.h_m.length);
      path.reset({
        stepM: step,
        hTxM: c.htg_m,
        hRxM: c.hrg_m,
        aeM: c.ae_km * 1000,
        wavelengthM: 0.2998 / c.f_ghz,
        nuFloor: -Infinity,
      });
      for (let i = 1; i < p.h_m.length; i++) path.push(p.h_m[i] - h0);
      path.smooth();
      expect(path.lossActual).toBeCloseTo(c.lbulla_db, 5);
      // Heights relative to the site's ground, effective heights as they are.
      expect(path.hEffTx).toBeCloseTo(c.hte_m, 4);
      expect(h0 + c.htg_m - path.hEffTxSmooth).toBeCloseTo(c.hstd_m, 4);
      const hrs = p.h_m[p.h_m.length - 1] + c.hrg_m;
      expect(hrs - path.hEffRx).toBeCloseTo(c.hsrd_m, 4);
    });
  }
});
