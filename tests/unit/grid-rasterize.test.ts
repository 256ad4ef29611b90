import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  createGrid,
  gridSpecForBox,
  gridSpecForLngLatBox,
  tileSpecs,
} from '../../src/core/grid/grid';
import { bboxOfGeometries } from '../../src/core/analysis/town-zone';
import { createTotals } from '../../src/core/grid/metrics';
import {
  maskDisc,
  projectRings,
  rasterizeAreas,
  rasterizeMask,
} from '../../src/core/grid/rasterize';
import {
  quantizeWeights,
  setTwoZonePopulation,
  setUniformPopulation,
} from '../../src/core/grid/weights';
import { metres } from '../../src/core/units';
import { countCells, proj } from './grid-helpers';

const square = (x0: number, y0: number, x1: number, y1: number): number[][] =>
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => proj.inverse(x, y));

describe('rasterising areas', () => {
  it('fills a polygon with a hole (even-odd) to the exact cell count', () => {
    const spec = gridSpecForBox(proj, [-6000, -6000, 6000, 6000], metres(100));
    const g = createGrid(spec, 1);
    // Corners sit between cell centres, so edge effects vanish up to projection round-off.
    const outer = square(-5000, -5000, 5000, 5000);
    const hole = square(-2000, -2000, 2000, 2000).reverse();
    rasterizeAreas(spec, [{ type: 'Polygon', coordinates: [outer, hole] }], g.label);
    expect(countCells(g.label)).toBe(100 * 100 - 40 * 40);
  });

  it('Yushu counties at 250 m: cell areas match the polygons within 0.5%, borders claimed once', () => {
    const fc = JSON.parse(readFileSync('geo/yushu-counties.geojson', 'utf8')) as FeatureCollection<
      Polygon | MultiPolygon
    >;
    const spec = gridSpecForLngLatBox(
      bboxOfGeometries(fc.features.map((f) => f.geometry)),
      metres(250),
    );
    const g = createGrid(spec, fc.features.length);
    const geoms = fc.features.map((f) => f.geometry);
    rasterizeAreas(spec, geoms, g.label);
    const t = createTotals(g, geoms.length);
    let overlaps = 0;
    const seen = new Uint8Array(g.label.length);
    geoms.forEach((geom, i) => {
      let a = 0;
      const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
      for (const poly of polys) {
        for (const [k, xy] of projectRings(spec.projection, {
          type: 'Polygon',
          coordinates: poly,
        }).entries()) {
          let s = 0;
          const n = xy.length >> 1;
          for (let u = 0, v = n - 1; u < n; v = u++)
            s += xy[2 * v] * xy[2 * u + 1] - xy[2 * u] * xy[2 * v + 1];
          a += k === 0 ? Math.abs(s / 2) : -Math.abs(s / 2);
        }
      }
      const cellsKm2 = (t.cells[i + 1] * 250 * 250) / 1e6;
      expect(Math.abs(cellsKm2 / (a / 1e6) - 1)).toBeLessThan(0.005);
      const m = rasterizeMask(spec, [geom]);
      for (let j = 0; j < m.length; j++) {
        if (m[j] && seen[j]) overlaps++;
        seen[j] |= m[j];
      }
    });
    // Shared borders: a cell centre exactly on a shared edge goes to one side only.
    expect(overlaps).toBeLessThan(0.0005 * countCells(g.label));
  });

  it('tiles line up with the whole grid', () => {
    const spec = gridSpecForBox(proj, [-1234, -987, 4321, 3456], metres(100));
    const tiles = tileSpecs(spec, 16);
    let cells = 0;
    for (const t of tiles) {
      cells += t.cols * t.rows;
      expect(Number.isInteger((t.x0 - spec.x0) / 100)).toBe(true);
    }
    expect(cells).toBe(spec.cols * spec.rows);
  });
});

describe('population weights', () => {
  const spec = gridSpecForBox(proj, [-5000, -5000, 5000, 5000], metres(100));

  it('uniform: every area sums to its population, weights are fixed-point', () => {
    const g = createGrid(spec, 2);
    for (let r = 0; r < g.rows; r++) {
      g.label.fill(1, r * g.cols, r * g.cols + 30);
      g.label.fill(2, r * g.cols + 30, r * g.cols + 100);
    }
    setUniformPopulation(g, [123_456.7, 3]);
    const t = createTotals(g, 2);
    expect(t.population[1]).toBeCloseTo(123_456.7, 2);
    expect(t.population[2]).toBe(3);
    const unit = 2 ** g.weightBits;
    for (const w of g.weight) expect(Number.isInteger(w * unit)).toBe(true);
  });

  it('two-zone: urban population inside the county-town zone, rural outside', () => {
    const g = createGrid(spec, 1);
    g.label.fill(1);
    const zone = new Uint8Array(g.label.length);
    const [lon, lat] = proj.inverse(0, 0);
    maskDisc(spec, zone, lon, lat, 3000);
    setTwoZonePopulation(g, [50_000], [20_000], zone);
    let urban = 0;
    let rural = 0;
    g.weight.forEach((w, i) => (zone[i] ? (urban += w) : (rural += w)));
    expect(urban).toBeCloseTo(50_000, 6);
    expect(rural).toBeCloseTo(20_000, 6);
    // An area without zone cells gets its whole population spread evenly.
    setTwoZonePopulation(g, [50_000], [20_000], new Uint8Array(g.label.length));
    expect(countCells(g.weight, (w) => w > 0)).toBe(g.label.length);
  });

  it('quantizes caller weights so sums are order-independent', () => {
    const g = createGrid(spec, 1);
    g.weight.forEach((_, i) => (g.weight[i] = (i % 97) * 0.1 + 1e-5));
    g.weight[5] = -3;
    quantizeWeights(g);
    expect(g.weight[5]).toBe(0);
    let fwd = 0;
    let back = 0;
    for (let i = 0; i < g.weight.length; i++) fwd += g.weight[i];
    for (let i = g.weight.length - 1; i >= 0; i--) back += g.weight[i];
    expect(fwd).toBe(back);
  });
});
