// The fast paths of a national run against the plain ones they stand for, bit for bit:
// the one-pass outline fill against the polygon ring through the scanline, the
// single-ring scanline against the general one, the footprint-union cache against
// lists edited in place.
import { describe, expect, it } from 'vitest';
import { gridSpecForBox } from '../../src/core/grid/grid';
import { fillRing, fillRings } from '../../src/core/grid/scanline';
import { outlineFills, stampSite, type SiteFootprints } from '../../src/core/grid/stamp';
import type { CellFootprint } from '../../src/core/model/footprint';
import { createRng, type Rng } from '../../src/core/random';
import { metres } from '../../src/core/units';
import { disc, proj, siteAt, wedge } from './grid-helpers';

/** A model-like sector pattern: A(φ) = −min(12(φ/65°)², 30) dB as radius, exponent 3.5. */
function pattern(radius: number): Float32Array {
  const radii = new Float32Array(360);
  for (let i = 0; i < 360; i++) {
    const phi = i <= 180 ? i : 360 - i;
    radii[i] = radius * 10 ** (-Math.min(12 * (phi / 65) ** 2, 30) / 35);
  }
  return radii;
}

function sectors(rng: Rng, radius: number, count: number): CellFootprint[] {
  const radii = pattern(radius);
  const az = rng.chance(0.5) ? rng.int(0, 119) : rng.uniform(0, 120);
  return Array.from({ length: count }, (_, k) => ({
    kind: 'sector' as const,
    azimuthDeg: az + (k * 360) / count,
    beamwidthDeg: 65,
    radii,
  }));
}

const spans = (f: (sink: (r: number, c0: number, c1: number) => void) => void): number[] => {
  const out: number[] = [];
  f((r, c0, c1) => out.push(r, c0, c1));
  return out;
};

describe('outline fill', () => {
  it('the one-pass fill gives the spans of the polygon ring, to the bit', () => {
    const rng = createRng(11);
    let direct = 0;
    for (const cell of [25, 50, 100, 250]) {
      const spec = gridSpecForBox(proj, [-6000, -5000, 6000, 5000], metres(cell));
      for (let k = 0; k < 400; k++) {
        const radius = rng.uniform(100, 7000);
        const fps: CellFootprint[] =
          k % 5 === 0
            ? [wedge(rng.uniform(0, 360), rng.int(0, 120), radius), disc(radius / 3)]
            : sectors(rng, radius, rng.int(1, 4));
        // Sites inside the grid, on its edges and outside it; any convergence.
        const x = rng.uniform(-9000, 9000);
        const y = rng.uniform(-8000, 8000);
        const fills = outlineFills(spec, x, y, rng.uniform(-2, 2), fps)!;
        expect(fills).not.toBeNull();
        if (fills.direct) {
          direct++;
          expect(Array.from(fills.direct)).toEqual(Array.from(fills.ring));
        }
      }
    }
    // It declines rows of more than 16 crossings (ragged outlines at fine cells).
    expect(direct).toBeGreaterThan(1000);
  });

  it('rows exactly on cell centre lines and sites on cell corners', () => {
    const spec = gridSpecForBox(proj, [-3000, -3000, 3000, 3000], metres(100));
    const fps = [wedge(0, 45, 1000), wedge(90, 45, 750), wedge(180, 45, 1000), wedge(270, 45, 500)];
    for (const x of [0, 50, -50, 25])
      for (const y of [0, 50, -50, 1e-9])
        for (const conv of [0, 45, 90, 1e-12]) {
          const fills = outlineFills(spec, x, y, conv, fps)!;
          if (fills.direct) expect(Array.from(fills.direct)).toEqual(Array.from(fills.ring));
        }
  });
});

describe('single-ring scanline', () => {
  it('fillRing gives the spans of fillRings for one ring', () => {
    const rng = createRng(12);
    const spec = gridSpecForBox(proj, [-2000, -2000, 2000, 2000], metres(100));
    for (let k = 0; k < 300; k++) {
      // Random polygons (self-intersecting too), some reaching past the grid.
      const n = rng.int(3, 60);
      const ring = new Float64Array(2 * n + 6);
      const cx = rng.uniform(-2500, 2500);
      const cy = rng.uniform(-2500, 2500);
      for (let i = 0; i < n; i++) {
        const a = k % 2 ? (2 * Math.PI * i) / n : rng.uniform(0, 2 * Math.PI);
        const r = rng.uniform(0, 1500);
        ring[2 * i] = k % 7 ? cx + r * Math.sin(a) : Math.round((cx + r * Math.sin(a)) / 50) * 50;
        ring[2 * i + 1] =
          k % 7 ? cy + r * Math.cos(a) : Math.round((cy + r * Math.cos(a)) / 50) * 50;
      }
      const one = spans((sink) => fillRing(spec, ring, n, sink));
      const all = spans((sink) => fillRings(spec, [ring.subarray(0, 2 * n)], sink));
      expect(one).toEqual(all);
    }
  });
});

describe('footprint unions', () => {
  it('a footprint list edited in place stamps as a fresh list does', () => {
    const spec = gridSpecForBox(proj, [-4000, -4000, 4000, 4000], metres(100));
    const radii = pattern(2000);
    const nr: CellFootprint[] = [0, 120, 240].map((d) => ({
      kind: 'sector',
      azimuthDeg: d + 10,
      beamwidthDeg: 65,
      radii,
    }));
    const site: SiteFootprints = siteAt('a', 120, -80, nr, [disc(700)]);
    const fresh = () => stampSite(spec, { ...site, nr: [...site.nr], redcap: [...site.redcap] });
    expect(stampSite(spec, site)).toEqual(fresh());
    // A cell turned, a pattern swapped, a cell added, a disc grown: the cached union of
    // the list no longer applies.
    nr[1] = { ...(nr[1] as CellFootprint & { kind: 'sector' }), azimuthDeg: 200 };
    expect(stampSite(spec, site)).toEqual(fresh());
    (nr[2] as { radii: Float32Array }).radii = pattern(3000);
    expect(stampSite(spec, site)).toEqual(fresh());
    nr.push(disc(900));
    expect(stampSite(spec, site)).toEqual(fresh());
    (site.redcap[0] as { radiusM: number }).radiusM = 1100;
    expect(stampSite(spec, site)).toEqual(fresh());
    // The same list at another cell size.
    const fine = gridSpecForBox(proj, [-4000, -4000, 4000, 4000], metres(50));
    expect(stampSite(fine, site)).toEqual(
      stampSite(fine, { ...site, nr: [...site.nr], redcap: [...site.redcap] }),
    );
  });
});
