import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GAP_UNIT_PARAMS,
  findGapUnits,
  gapUnitPolygon,
  unitAt,
  unitCells,
} from '../../src/core/analysis/gap-units';
import { findGaps, summarizeGaps } from '../../src/core/grid/gaps';
import { createGrid, gridSpecForBox, type Grid } from '../../src/core/grid/grid';
import { createTotals, recountCoverage } from '../../src/core/grid/metrics';
import { labelAreas } from '../../src/core/grid/rasterize';
import { wgs84 } from '../../src/core/crs';
import type { Settlement } from '../../src/core/settlement';
import { metres } from '../../src/core/units';
import { proj, squareGrid } from './grid-helpers';

/** 100 × 100 cells of 100 m, one area, all uncovered and empty. */
const blank = (): Grid => squareGrid(5000, 100);

/** Sets `w` people in each cell of the block [c0, c1] × [r0, r1]. */
function block(g: Grid, c0: number, r0: number, c1: number, r1: number, w: number): void {
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) g.weight[r * g.cols + c] = w;
}

const centreLonLat = (g: Grid, c: number, r: number): [number, number] =>
  proj.inverse(g.x0 + (c + 0.5) * g.cellSize, g.y0 + (r + 0.5) * g.cellSize);

const settlement = (
  name: string,
  lonLat: [number, number],
  kind: Settlement['kind'],
  population: number | null = null,
): Settlement => ({
  id: name,
  name,
  position: wgs84(lonLat[0], lonLat[1]),
  population,
  households: null,
  kind,
  code: null,
  synthetic: false,
  sourceRow: 1,
});

describe('gap units', () => {
  it('finds a populated cluster with its rank, area, people, centroid and nearest site', () => {
    const g = blank();
    block(g, 20, 30, 29, 39, 5); // 1 km², 500 people
    block(g, 70, 70, 72, 72, 10); // 0.09 km², 90 people: ≥ 20 households, kept
    const site = centreLonLat(g, 24, 60);
    const idx = findGapUnits(g, 'nr', DEFAULT_GAP_UNIT_PARAMS, {
      areaCount: 1,
      sites: [{ id: 'S1', lon: site[0], lat: site[1] }],
    });
    const [a] = idx.areas;
    expect(a.units.map((u) => u.rank)).toEqual([1, 2]);
    const [u, v] = a.units;
    expect(u.people).toBe(500);
    expect(u.areaKm2).toBeCloseTo(1, 12);
    expect(u.cells).toBe(100);
    // The people-weighted centre (24.5, 34.5) snaps to the first of its four nearest cells.
    const [lon, lat] = centreLonLat(g, 24, 34);
    expect(u.lon).toBeCloseTo(lon, 9);
    expect(u.lat).toBeCloseTo(lat, 9);
    expect(u.nearestSiteId).toBe('S1');
    expect(u.nearestSiteM).toBeCloseTo(2600, 3);
    expect(u.cellBox).toEqual([20, 30, 29, 39]);
    expect(v.people).toBe(90);
    expect(v.flags).toEqual({ households20: true, townshipSeat: false, villageFar: false });
    expect(u.flags.households20).toBe(true);
    // Empty cells: everything else.
    expect(a.unpopulatedKm2).toBeCloseTo((10000 - 109) * 0.01, 9);
    expect(a.remainder).toEqual({ units: 0, areaKm2: 0, people: 0 });
    expect(a.uncoveredPeople).toBe(590);
    // The outline is the block's square.
    const poly = gapUnitPolygon(g, idx, u)!;
    expect(poly.coordinates).toHaveLength(1);
    expect(unitAt(idx, 25, 35)).toBe(u.id);
    expect(unitAt(idx, 0, 0)).toBe(-1);
    expect(unitCells(idx, g.cols * g.rows)[35 * g.cols + 25]).toBe(u.id);
  });

  it('an empty uncovered region yields no unit, only unpopulated km²', () => {
    const g = blank();
    const [a] = findGapUnits(g, 'nr').areas;
    expect(a.units).toEqual([]);
    expect(a.unpopulatedKm2).toBeCloseTo(100, 9);
    expect(a.remainder.people).toBe(0);
  });

  it('covered cells and cells below the density are not units', () => {
    const g = blank();
    block(g, 0, 0, 99, 99, 2 ** -8); // 0.39 people/km² < 1
    block(g, 40, 40, 59, 59, 3);
    g.nr.fill(1, 40 * g.cols, 60 * g.cols); // rows 40–59 covered
    const [a] = findGapUnits(g, 'nr').areas;
    expect(a.units).toEqual([]);
    expect(a.remainder.people).toBe(8000 / 256);
    expect(a.remainder.areaKm2).toBeCloseTo(80, 9);
  });

  it('joins clusters 800 m apart but not 1,500 m apart', () => {
    const near = blank();
    block(near, 10, 10, 14, 14, 4);
    block(near, 23, 10, 27, 14, 4); // 8 empty columns between: 800 m
    const n = findGapUnits(near, 'nr').areas[0].units;
    expect(n).toHaveLength(1);
    expect(n[0].people).toBe(200);
    expect(n[0].cells).toBe(50);
    const far = blank();
    block(far, 10, 10, 14, 14, 4);
    block(far, 30, 10, 34, 14, 4); // 15 empty columns: 1,500 m
    const f = findGapUnits(far, 'nr').areas[0].units;
    expect(f.map((u) => u.people)).toEqual([100, 100]);
    // Diagonally the distance is Euclidean: 707 m joins, 1,131 m does not (a square would).
    const diag = blank();
    block(diag, 10, 10, 14, 14, 4);
    block(diag, 20, 20, 24, 24, 4); // 5 empty cells in x and y: 707 m
    expect(findGapUnits(diag, 'nr').areas[0].units).toHaveLength(1);
    const diagFar = blank();
    block(diagFar, 10, 10, 14, 14, 4);
    block(diagFar, 23, 23, 27, 27, 4); // 8 empty cells in x and y: 1,131 m
    expect(findGapUnits(diagFar, 'nr').areas[0].units).toHaveLength(2);
    const mergeOff = findGapUnits(near, 'nr', { ...DEFAULT_GAP_UNIT_PARAMS, mergeM: 0 });
    expect(mergeOff.areas[0].units).toHaveLength(2);
  });

  it('a township border splits a unit and names its township', () => {
    const g = blank();
    block(g, 10, 10, 29, 19, 2);
    const town = new Uint16Array(g.cols * g.rows);
    for (let r = 0; r < g.rows; r++)
      for (let c = 0; c < g.cols; c++) town[r * g.cols + c] = c < 20 ? 1 : 2;
    const [a] = findGapUnits(g, 'nr', DEFAULT_GAP_UNIT_PARAMS, {
      areaCount: 1,
      townships: {
        label: town,
        list: [
          { code: '632701001', name: '结古街道' },
          { code: '632701200', name: '仲达乡' },
        ],
      },
    }).areas;
    expect(a.units).toHaveLength(2);
    expect(a.units.map((u) => u.township?.name).sort()).toEqual(['仲达乡', '结古街道']);
    expect(a.units.map((u) => u.people)).toEqual([200, 200]);
  });

  it('slivers go to the remainder unless a settlement flags them', () => {
    const g = blank();
    block(g, 10, 10, 11, 11, 2); // 0.04 km², 8 people: a sliver
    block(g, 50, 50, 51, 51, 2); // same, but a township seat inside
    block(g, 80, 80, 81, 81, 2); // same, an administrative village far from any site
    const [a] = findGapUnits(g, 'nr', DEFAULT_GAP_UNIT_PARAMS, {
      areaCount: 1,
      sites: [{ id: 'S', lon: centreLonLat(g, 50, 40)[0], lat: centreLonLat(g, 50, 40)[1] }],
      settlements: [
        settlement('巴塘乡', centreLonLat(g, 50, 50), 'township-seat'),
        settlement('远村', centreLonLat(g, 81, 81), 'admin-village', 8),
        settlement('近村', centreLonLat(g, 10, 10), 'natural-village', 8),
      ],
    }).areas;
    expect(a.units.map((u) => u.settlements)).toEqual([['巴塘乡'], ['远村']]);
    expect(a.units[0].flags.townshipSeat).toBe(true);
    expect(a.units[1].flags.villageFar).toBe(true);
    expect(a.units[0].flags.villageFar).toBe(false);
    expect(a.remainder).toEqual({ units: 1, areaKm2: 0.04, people: 8 });
    // A settlement point of 20+ households flags its unit too.
    const big = findGapUnits(g, 'nr', DEFAULT_GAP_UNIT_PARAMS, {
      areaCount: 1,
      settlements: [settlement('大村', centreLonLat(g, 11, 11), 'natural-village', 70)],
    }).areas[0];
    expect(big.units.map((u) => u.settlements[0])).toContain('大村');
    expect(big.units.find((u) => u.settlements[0] === '大村')!.flags.households20).toBe(true);
  });

  it('property: units + remainder = the uncovered people of summarizeGaps, border cells included', () => {
    const ring = (pts: [number, number][]): Polygon => ({
      type: 'Polygon',
      coordinates: [[...pts, pts[0]].map(([x, y]) => proj.inverse(x, y))],
    });
    const west = ring([
      [-3000, -3000],
      [333, -3000],
      [-250, 3000],
      [-3000, 3000],
    ]);
    const east = ring([
      [333, -3000],
      [3000, -3000],
      [3000, 3000],
      [-250, 3000],
    ]);
    const spec = gridSpecForBox(proj, [-3000, -3000, 3000, 3000], metres(100));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 64, maxLength: 64 }),
        fc.array(fc.tuple(fc.nat(59), fc.nat(59), fc.integer({ min: 1, max: 12 })), {
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 2000 }),
        (pattern, covers, mergeM) => {
          const g = createGrid(spec, 2);
          labelAreas(g, [west, east]);
          // Blocky people: 8 × 8 blocks of cells share a value (0 = empty), border shares integer.
          for (let r = 0; r < g.rows; r++)
            for (let c = 0; c < g.cols; c++)
              g.weight[r * g.cols + c] = pattern[(((r >> 3) & 7) << 3) | ((c >> 3) & 7)] % 9;
          const e = g.edge!;
          for (let k = 0; k < e.cell.length; k++) {
            let w = 0;
            for (let j = e.start[k]; j < e.start[k + 1]; j++) {
              e.weight[j] = (e.cell[k] + j) % 4;
              w += e.weight[j];
            }
            g.weight[e.cell[k]] = w;
          }
          for (const [c, r, h] of covers)
            for (let rr = r; rr < Math.min(g.rows, r + h); rr++)
              g.nr.fill(1, rr * g.cols + c, rr * g.cols + Math.min(g.cols, c + h));
          const t = createTotals(g, 2);
          recountCoverage(g, t);
          const want = summarizeGaps(g, findGaps(g, 'nr'), 2, t);
          const got = findGapUnits(
            g,
            'nr',
            { ...DEFAULT_GAP_UNIT_PARAMS, mergeM },
            { areaCount: 2 },
          );
          got.areas.forEach((a, i) => {
            const sum = a.units.reduce((s, u) => s + u.people, a.remainder.people);
            expect(sum).toBe(want[i].popUncovered);
            expect(a.uncoveredPeople).toBe(want[i].popUncovered);
            for (const u of a.units) expect(u.area).toBe(i);
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
