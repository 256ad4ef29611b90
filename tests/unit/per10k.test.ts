import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sitesNeeded, sitesPer10k } from '../../src/core/per10k';

describe('stations per 10,000 people', () => {
  it('computes 10,000 × sites / population', () => {
    expect(sitesPer10k(38, 10_000)).toBe(38);
    expect(sitesPer10k(3_215_000, 1_411_750_000)).toBeCloseTo(22.77, 2);
    expect(sitesPer10k(5, 0)).toBeNull();
    expect(sitesPer10k(5, null)).toBeNull();
  });

  it('sites needed = max(0, ⌈target × population / 10,000⌉ − sites)', () => {
    expect(sitesNeeded(0, 141_308)).toBe(537); // ⌈38 × 14.1308⌉ = ⌈536.97⌉
    expect(sitesNeeded(100, 141_308)).toBe(437);
    expect(sitesNeeded(600, 141_308)).toBe(0);
    expect(sitesNeeded(0, 10_000)).toBe(38); // exact product, no FP overshoot to 39
    expect(sitesNeeded(0, 10_000, 22.5)).toBe(23);
    expect(sitesNeeded(3, null)).toBeNull();
  });

  it('meeting the target exactly needs no more sites, one site fewer needs one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), (pop) => {
        const required = sitesNeeded(0, pop) ?? 0;
        expect(sitesNeeded(required, pop)).toBe(0);
        expect(sitesNeeded(required - 1, pop)).toBe(1);
        expect((sitesPer10k(required, pop) ?? 0) + 1e-9).toBeGreaterThanOrEqual(38);
      }),
    );
  });
});
