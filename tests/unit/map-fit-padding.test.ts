import { describe, expect, it } from 'vitest';
import { fitPadding, fitPaddingCandidates } from '../../src/map/fit-padding';
import { niceLength, scaleBar } from '../../src/map/print-scale';
import { pathMetres, polygonMeasure } from '../../src/map/measure';
import { labelPoint } from '../../src/map/label-points';

describe('fitPadding', () => {
  it('a tall panel on the left pushes the left edge past it; a toolbar at the top pushes the top', () => {
    const p = fitPadding(1000, 800, [
      { left: 10, top: 10, right: 290, bottom: 700 },
      { left: 600, top: 10, right: 950, bottom: 44 },
    ]);
    expect(p).toEqual({ top: 60, right: 40, bottom: 40, left: 306 });
  });

  it('never leaves less than 35% of the map to fit into', () => {
    const p = fitPadding(500, 400, [{ left: 0, top: 0, right: 400, bottom: 400 }]);
    expect(500 - p.left - p.right).toBeGreaterThanOrEqual(500 * 0.35 - 1);
    expect(p.left).toBeGreaterThan(p.right);
  });

  it('also offers the layout with every panel pushing the top or bottom', () => {
    const [beside, below] = fitPaddingCandidates(1000, 800, [
      { left: 10, top: 10, right: 290, bottom: 400 },
    ]);
    expect(beside).toEqual({ top: 40, right: 40, bottom: 40, left: 306 });
    expect(below).toEqual({ top: 416, right: 40, bottom: 40, left: 40 });
  });

  it('drops a candidate that only fits by sliding under a panel', () => {
    // Below this tall panel there is too little room: only the side-by-side fit is clear.
    const c = fitPaddingCandidates(760, 731, [{ left: 10, top: 10, right: 290, bottom: 546 }]);
    expect(c).toEqual([{ top: 40, right: 40, bottom: 40, left: 306 }]);
  });

  it('ignores overlays outside the map or empty', () => {
    expect(fitPadding(800, 600, [{ left: 900, top: 0, right: 1000, bottom: 600 }])).toEqual({
      top: 40,
      right: 40,
      bottom: 40,
      left: 40,
    });
  });
});

describe('print scale bar', () => {
  it('picks 1, 2 or 5 × 10ⁿ', () => {
    expect([niceLength(7300), niceLength(1999), niceLength(100), niceLength(0)]).toEqual([
      5000, 1000, 100, 0,
    ]);
  });
  it('spans at most a quarter of the image, at the true ground length', () => {
    // Zoom 8 at the equator: 40,075,016.686 / (512 · 256) ≈ 305.75 m per pixel.
    const b = scaleBar(0, 8, 1000);
    expect(b.metres).toBe(50_000);
    expect(b.share).toBeCloseTo(50_000 / (305.748 * 1000), 4);
    expect(b.share).toBeLessThanOrEqual(0.25);
  });
});

describe('measuring', () => {
  it('one degree of latitude along a meridian is 111.2 km on the mean sphere', () => {
    expect(
      pathMetres([
        [96, 33],
        [96, 34],
      ]) / 1000,
    ).toBeCloseTo(111.19, 1);
    expect(pathMetres([[96, 33]])).toBe(0);
  });
  it('a 0.1° square at the equator: area and perimeter', () => {
    const m = polygonMeasure([
      [0, 0],
      [0.1, 0],
      [0.1, 0.1],
      [0, 0.1],
    ]);
    // (0.1° × 111.195 km)² ≈ 123.6 km²
    expect(m?.km2).toBeCloseTo(123.6, 0);
    expect((m?.perimeterM ?? 0) / 1000).toBeCloseTo(44.48, 1);
    expect(
      polygonMeasure([
        [0, 0],
        [1, 1],
      ]),
    ).toBeNull();
  });
});

describe('label points', () => {
  it('a U-shaped gap gets its label inside, not at its centroid (which is outside)', () => {
    const u = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const p = labelPoint(u);
    expect(p).not.toBeNull();
    const [x, y] = p!;
    const insideU = (x < 1 || x > 2 || y < 1) && x > 0 && x < 3 && y > 0 && y < 3;
    expect(insideU).toBe(true);
  });
  it('a multipolygon is labelled once, on its largest part', () => {
    const sq = (x0: number, s: number) => [
      [
        [x0, 0],
        [x0 + s, 0],
        [x0 + s, s],
        [x0, s],
        [x0, 0],
      ],
    ];
    const p = labelPoint({ type: 'MultiPolygon', coordinates: [sq(0, 1), sq(10, 4)] });
    expect(p![0]).toBeGreaterThan(10);
  });
});
