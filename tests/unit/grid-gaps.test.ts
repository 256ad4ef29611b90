import { area as turfArea } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findGaps,
  gapPolygon,
  listGaps,
  summarizeGaps,
  updateGapsInBox,
  type GapIndex,
} from '../../src/core/grid/gaps';
import type { Grid } from '../../src/core/grid/grid';
import { addSite, createCoverage, removeSite, updateSite } from '../../src/core/grid/stamp';
import { disc, siteAt, squareGrid, wedge } from './grid-helpers';

/** A grid from an ASCII picture, top row first: '#' covered, '.' gap, ' ' outside; digits = area. */
function pictureGrid(rows: string[], areas?: string[]): Grid {
  const g = squareGrid((rows[0].length * 100) / 2, 100, 9);
  expect(g.cols).toBe(rows[0].length);
  for (let r = 0; r < g.rows; r++) {
    const line = rows[g.rows - 1 - r];
    for (let c = 0; c < g.cols; c++) {
      const i = r * g.cols + c;
      g.label[i] = line[c] === ' ' ? 0 : areas ? Number(areas[g.rows - 1 - r][c]) : 1;
      g.nr[i] = line[c] === '#' ? 1 : 0;
      g.weight[i] = 2;
    }
  }
  return g;
}

const shape = (idx: GapIndex, grid: Grid) =>
  listGaps(grid, idx)
    .map((g) => `${g.area}:${g.cells}:${g.population}:${g.cellBox.join(',')}`)
    .sort();

describe('gaps', () => {
  const pic = [
    '##########',
    '#...######',
    '#...##.###',
    '#...###.##',
    '######## #',
    '#####....#',
    '#####.##.#',
    '#####.#..#',
    '#####....#',
    '##########',
  ];

  it('finds 8-connected components with cells, population, bbox and centroid', () => {
    const g = pictureGrid(pic);
    const idx = findGaps(g, 'nr');
    const gaps = listGaps(g, idx);
    expect(gaps.map((x) => x.cells)).toEqual([13, 9, 2]);
    const [ring, block, diag] = gaps;
    expect(block.cellBox).toEqual([1, 6, 3, 8]);
    expect(block.population).toBe(18);
    expect(block.areaKm2).toBeCloseTo(0.09, 12);
    // The block's centroid is its middle cell's centre.
    const mid = g.projection.inverse(g.x0 + 2.5 * 100, g.y0 + 7.5 * 100);
    expect(block.centroid[0]).toBeCloseTo(mid[0], 9);
    expect(block.centroid[1]).toBeCloseTo(mid[1], 9);
    expect(diag.cellBox).toEqual([6, 6, 7, 7]);
    expect(ring.cellBox).toEqual([5, 1, 8, 4]);
    expect(block.bbox[0]).toBeLessThan(block.centroid[0]);
    expect(block.bbox[3]).toBeGreaterThan(block.centroid[1]);
    const sum = summarizeGaps(g, idx, 1)[0];
    expect(sum.count).toBe(3);
    expect(sum.totalKm2).toBeCloseTo(0.24, 12);
    expect(sum.largestKm2).toBeCloseTo(0.13, 12);
    expect(sum.popUncovered).toBe(48);
  });

  it('does not cross area borders', () => {
    const g = pictureGrid(
      ['######', '#...##', '#...##', '######', '######', '######'],
      ['111222', '111222', '111222', '111222', '111222', '111222'],
    );
    const gaps = listGaps(g, findGaps(g, 'nr'));
    expect(gaps.map((x) => [x.area + 1, x.cells])).toEqual([
      [1, 4],
      [2, 2],
    ]);
  });

  it('outlines a gap as a WGS-84 MultiPolygon with holes and corner-touching parts', () => {
    const g = pictureGrid(pic);
    const idx = findGaps(g, 'nr');
    const [ring, block, diag] = listGaps(g, idx);
    const poly = gapPolygon(g, idx, ring.id)!;
    expect(poly.coordinates.length).toBe(1);
    expect(poly.coordinates[0].length).toBe(2); // outer + hole
    expect(poly.coordinates[0][0].length).toBe(5); // a closed rectangle
    expect(poly.coordinates[0][1].length).toBe(7); // the L-shaped covered hole
    expect(Math.abs(turfArea(poly) / (ring.areaKm2 * 1e6) - 1)).toBeLessThan(0.002);
    const b = gapPolygon(g, idx, block.id)!;
    expect(b.coordinates[0][0].length).toBe(5);
    expect(Math.abs(turfArea(b) / 90_000 - 1)).toBeLessThan(0.002);
    // Outer rings counter-clockwise (RFC 7946): positive shoelace in lon/lat.
    const ringArea = (r: number[][]) =>
      r.slice(1).reduce((s, p, i) => s + r[i][0] * p[1] - p[0] * r[i][1], 0);
    expect(ringArea(b.coordinates[0][0])).toBeGreaterThan(0);
    expect(ringArea(poly.coordinates[0][1])).toBeLessThan(0);
    const d = gapPolygon(g, idx, diag.id)!;
    expect(d.coordinates.length).toBe(2);
    expect(gapPolygon(g, idx, 9999)).toBeNull();
  });

  it('updateGapsInBox after edits matches a full recount', () => {
    const siteArb = fc.record({
      x: fc.integer({ min: -2400, max: 2400 }),
      y: fc.integer({ min: -2400, max: 2400 }),
      r: fc.integer({ min: 100, max: 2500 }),
      az: fc.integer({ min: 0, max: 359 }),
      sector: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(siteArb, { minLength: 1, maxLength: 15 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (raw, ops) => {
          const g = squareGrid(2500, 100, 2);
          for (let r = 0; r < g.rows; r++) g.label.fill(2, r * g.cols + 20, (r + 1) * g.cols);
          g.weight.fill(1);
          const cov = createCoverage(g, 2);
          const idx = findGaps(g, 'nr');
          const mk = (i: number, s: (typeof raw)[number]) =>
            siteAt(`s${i}`, s.x, s.y, [s.sector ? wedge(s.az, 40, s.r) : disc(s.r)]);
          raw.forEach((s, i) => updateGapsInBox(g, idx, addSite(cov, mk(i, s))));
          for (const op of ops) {
            const i = op % raw.length;
            const id = `s${i}`;
            if (cov.sites.has(id)) {
              if (op % 2) updateGapsInBox(g, idx, removeSite(cov, id)!);
              else updateGapsInBox(g, idx, updateSite(cov, mk(i, { ...raw[i], x: -raw[i].x })));
            } else updateGapsInBox(g, idx, addSite(cov, mk(i, raw[i])));
          }
          expect(shape(idx, g)).toEqual(shape(findGaps(g, 'nr'), g));
        },
      ),
      { numRuns: 150 },
    );
  });
});
