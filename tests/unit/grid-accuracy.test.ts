import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { addSites, createCoverage } from '../../src/core/grid/stamp';
import { createRng } from '../../src/core/random';
import { disc, proj, siteAt, squareGrid } from './grid-helpers';

/**
 * DESIGN.md "Targets": covered area within 0.5% of the exact geometric answer at county
 * scale with 100 m cells. "Exact" is the union of each disc's inscribed 360-gon (0.005%
 * short of πr²), clipped to the area and measured in the grid's equal-area plane. The
 * polygons are handed to Turf as WGS-84 (polyclip-ts is robust at degree magnitudes)
 * and projected back for the shoelace area. bench/baseline.bench.ts does the same on a
 * real county with 1,000 discs.
 */

const HALF = 10_000;

function ngon(x: number, y: number, r: number, steps: number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < steps; k++) {
    const a = (2 * Math.PI * k) / steps;
    ring.push(proj.inverse(x + r * Math.cos(a), y + r * Math.sin(a)));
  }
  ring.push(ring[0]);
  return ring;
}

/** Area in km² in the projection's plane: outer rings minus holes. */
function planarKm2(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let sum = 0;
  for (const poly of polys)
    poly.forEach((ring, k) => {
      let a = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = proj.forward(ring[i][0], ring[i][1]);
        const [x2, y2] = proj.forward(ring[i + 1][0], ring[i + 1][1]);
        a += x1 * y2 - x2 * y1;
      }
      sum += (k === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  return sum / 1e6;
}

describe('grid accuracy against exact geometry', () => {
  it('200 discs in a 20 km square: covered area within 0.5% of the exact union', () => {
    const rng = createRng(3);
    const discs = Array.from({ length: 200 }, () => ({
      x: rng.uniform(-HALF - 1000, HALF + 1000),
      y: rng.uniform(-HALF - 1000, HALF + 1000),
      r: rng.uniform(500, 1500),
    }));

    const cov = createCoverage(squareGrid(HALF, 100), 1);
    addSites(
      cov,
      discs.map((d, i) => siteAt(`s${i}`, d.x, d.y, [disc(d.r)])),
    );
    const gridKm2 = (cov.totals.nrCells[1] * 100 * 100) / 1e6;

    const union = turf.union(
      turf.featureCollection(discs.map((d) => turf.polygon([ngon(d.x, d.y, d.r, 360)]))),
    );
    // The square is drawn with a vertex every 500 m so its edges stay straight in the plane.
    const square: Position[] = [];
    for (let k = 0; k < 40; k++) square.push(proj.inverse(-HALF + k * 500, -HALF));
    for (let k = 0; k < 40; k++) square.push(proj.inverse(HALF, -HALF + k * 500));
    for (let k = 0; k < 40; k++) square.push(proj.inverse(HALF - k * 500, HALF));
    for (let k = 0; k < 40; k++) square.push(proj.inverse(-HALF, HALF - k * 500));
    square.push(square[0]);
    expect(union).not.toBeNull();
    const clipped = turf.intersect(
      turf.featureCollection<Polygon | MultiPolygon>([union!, turf.polygon([square])]),
    );
    expect(clipped).not.toBeNull();
    const exactKm2 = planarKm2(clipped!.geometry);

    // A meaningful case: partly covered, many overlaps and edges cut by the square.
    expect(exactKm2).toBeGreaterThan(0.3 * 400);
    expect(exactKm2).toBeLessThan(0.9 * 400);
    expect(Math.abs(gridKm2 / exactKm2 - 1)).toBeLessThan(0.005);
  }, 60_000);
});
