import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bullington,
  deltaBullington,
  fresnelRadiusM,
  knifeEdgeLossDb,
  knifeEdgeNu,
  NU_J_ZERO,
  NU_LOS,
  smoothEarthHeights,
  wavelengthM,
} from '../../src/core/terrain/diffraction';

/**
 * Exact knife-edge loss from the Fresnel integrals (P.526 eq. (27)):
 * J(ν) = −20·log10(√((1 − C(ν) − S(ν))² + (C(ν) − S(ν))²) / 2), C and S by Simpson's rule.
 */
function exactJ(nu: number): number {
  const n = 20_000;
  const h = nu / n;
  let c = 0;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const t = i * h;
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    c += w * Math.cos((Math.PI * t * t) / 2);
    s += w * Math.sin((Math.PI * t * t) / 2);
  }
  c *= h / 3;
  s *= h / 3;
  return -20 * Math.log10(Math.hypot(1 - c - s, c - s) / 2);
}

describe('J(ν), ITU-R P.526 eq. (31)', () => {
  it('has the values of the formula', () => {
    // 6.9 + 20·log10(√((ν − 0.1)² + 1) + ν − 0.1)
    expect(knifeEdgeLossDb(0)).toBeCloseTo(6.9 + 20 * Math.log10(Math.sqrt(1.01) - 0.1), 12);
    expect(knifeEdgeLossDb(0)).toBeCloseTo(6.03, 2);
    expect(knifeEdgeLossDb(1)).toBeCloseTo(13.93, 2);
    expect(knifeEdgeLossDb(2.4)).toBeCloseTo(20.54, 2);
    expect(knifeEdgeLossDb(-0.5)).toBeCloseTo(1.96, 2);
  });

  it('is 0 at and below ν = −0.78, where the formula is not used', () => {
    expect(knifeEdgeLossDb(NU_J_ZERO)).toBe(0);
    expect(knifeEdgeLossDb(-3)).toBe(0);
    expect(knifeEdgeLossDb(-Infinity)).toBe(0);
    // Just above, the formula is already ≈ 0: no step at the boundary.
    expect(knifeEdgeLossDb(-0.7799)).toBeLessThan(0.01);
    expect(knifeEdgeLossDb(-0.7799)).toBeGreaterThan(0);
  });

  it('approximates the exact Fresnel-integral loss within 0.6 dB for ν from −0.7 to 5', () => {
    expect(exactJ(0)).toBeCloseTo(6.02, 2);
    expect(exactJ(1)).toBeCloseTo(13.86, 1);
    for (let nu = -0.7; nu <= 5; nu += 0.1) {
      expect(Math.abs(knifeEdgeLossDb(nu) - exactJ(nu))).toBeLessThan(0.6);
    }
  });

  it('60 % of the first Fresnel zone clear is ν = −0.6·√2', () => {
    const lambda = wavelengthM(3.5);
    const f1 = fresnelRadiusM(3000, 2000, lambda);
    expect(knifeEdgeNu(-0.6 * f1, 3000, 2000, lambda)).toBeCloseTo(NU_LOS, 12);
    expect(NU_LOS).toBeCloseTo(-0.8485, 4);
    // F1 at mid-path of 5 km at 3.5 GHz: √(λ·2500·2500/5000) ≈ 10.35 m.
    expect(fresnelRadiusM(2500, 2500, lambda)).toBeCloseTo(Math.sqrt((lambda * 2500) / 2), 9);
  });
});

describe('Bullington (P.526 §4.5.1, P.1812 §4.3.1)', () => {
  const lambda = wavelengthM(2.565);
  const flatEarth = 1e15; // no curvature: the geometry of a single knife edge
  const d = [0, 1000, 2000, 3000, 4000, 5000];

  it('one knife edge above the line: ν and J of that edge, plus the edge-count correction', () => {
    const g = [0, 0, 0, 45, 0, 0];
    const b = bullington(d, g, 30, 20, flatEarth, lambda);
    // The direct line at 3 km is at 30 − 10·3/5 = 24 m: the edge is 21 m above it.
    const nu = knifeEdgeNu(21, 3000, 2000, lambda);
    expect(b.los).toBe(false);
    expect(b.nu).toBeCloseTo(nu, 9);
    expect(b.edgeM).toBeCloseTo(3000, 6);
    const j = knifeEdgeLossDb(nu);
    expect(b.lossDb).toBeCloseTo(j + (1 - Math.exp(-j / 6)) * (10 + 0.02 * 5), 7);
  });

  it('one edge below the line: a line-of-sight path with that edge’s ν', () => {
    const g = [0, 0, 18, 0, 0, 0];
    const b = bullington(d, g, 30, 20, flatEarth, lambda);
    expect(b.los).toBe(true);
    expect(b.nu).toBeCloseTo(knifeEdgeNu(18 - 26, 2000, 3000, lambda), 9);
    expect(b.lossDb).toBeCloseTo(0, 12);
  });

  it('the earth bulge raises a smooth earth into the path', () => {
    const ae = 8_494_666;
    const g = new Array(d.length).fill(0);
    const low = bullington(d, g, 5, 1.5, ae, lambda);
    const none = bullington(d, g, 5, 1.5, flatEarth, lambda);
    expect(low.nu).toBeGreaterThan(none.nu);
  });
});

interface Case {
  f_ghz: number;
  htg_m: number;
  hrg_m: number;
  ae_km: number;
  hst_m: number;
  hsr_m: number;
  hstd_m: number;
  hsrd_m: number;
  hte_m: number;
  hre_m: number;
  lbulla_db: number;
  lbulls_db: number;
}
interface Profile {
  name: string;
  d_km: number[];
  h_m: number[];
  clutter_m: number[];
  cases: Case[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/p1812-validation/profiles.json', import.meta.url), 'utf8'),
) as { profiles: Profile[] };

describe('ITU-R P.1812 validation profiles (SG 3 reference implementation)', () => {
  for (const p of fixture.profiles) {
    for (const c of p.cases) {
      it(`${p.name} at ${c.f_ghz} GHz: smooth-earth heights and both Bullington losses`, () => {
        const d = p.d_km.map((x) => x * 1000);
        const h = p.h_m;
        const n = h.length;
        const hts = h[0] + c.htg_m;
        const hrs = h[n - 1] + c.hrg_m;
        const se = smoothEarthHeights(d, h, hts, hrs);
        expect(se.hst).toBeCloseTo(c.hst_m, 4);
        expect(se.hsr).toBeCloseTo(c.hsr_m, 4);
        expect(se.hstd).toBeCloseTo(c.hstd_m, 4);
        expect(se.hsrd).toBeCloseTo(c.hsrd_m, 4);
        expect(se.hte).toBeCloseTo(c.hte_m, 4);
        expect(se.hre).toBeCloseTo(c.hre_m, 4);
        // The actual profile carries representative clutter, except at the terminals.
        const g = h.map((x, i) => (i === 0 || i === n - 1 ? x : x + p.clutter_m[i]));
        const lambda = 0.2998 / c.f_ghz;
        const ae = c.ae_km * 1000;
        expect(bullington(d, g, hts, hrs, ae, lambda).lossDb).toBeCloseTo(c.lbulla_db, 6);
        const zero = new Float64Array(n);
        const smooth = bullington(d, zero, hts - se.hstd, hrs - se.hsrd, ae, lambda);
        expect(smooth.lossDb).toBeCloseTo(c.lbulls_db, 6);
        // deltaBullington with P.1812's own reference is the same pair.
        const db = deltaBullington(d, h, hts, hrs, ae, lambda);
        expect(db.smooth.lossDb).toBeCloseTo(smooth.lossDb, 9);
      });
    }
  }
});
