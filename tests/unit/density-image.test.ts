import { describe, expect, it } from 'vitest';
import { DENSITY_STOPS, densityColor } from '../../src/core/analysis/density-image';

describe('density colour scale', () => {
  it('hits each stop exactly and is transparent below the first', () => {
    for (const s of DENSITY_STOPS) expect(densityColor(s.density)).toEqual(s.rgb);
    expect(densityColor(0.05)).toBeNull();
    expect(densityColor(0)).toBeNull();
    expect(densityColor(Number.NaN)).toBeNull();
    expect(densityColor(1e6)).toEqual(DENSITY_STOPS[DENSITY_STOPS.length - 1].rgb);
  });

  it('is logarithmic: the geometric mean of two stops is their colours halfway', () => {
    const [a, b] = [DENSITY_STOPS[2], DENSITY_STOPS[3]];
    const mid = densityColor(Math.sqrt(a.density * b.density));
    expect(mid).toEqual(a.rgb.map((v, i) => Math.round(v + 0.5 * (b.rgb[i] - v))));
  });
});
