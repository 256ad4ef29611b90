// Dasymetric allocation: each area's census total spread by a raster or settlements, kept
// exactly; fallbacks where the surface is missing; townships' own totals honoured.
import { describe, expect, it } from 'vitest';
import type { Area } from '../../src/core/area';
import { analyzeAreas, buildAreaGrid } from '../../src/core/analysis/analyze';
import { analysisParams } from '../../src/core/analysis/params';
import type { PopulationInput } from '../../src/core/analysis/population';
import { analyzeByCounty } from '../../src/core/analysis/by-county';
import { siteTableFromSites } from '../../src/core/analysis/site-table';
import { createTotals } from '../../src/core/grid/metrics';
import { rasterSurface } from '../../src/core/population/raster-surface';
import {
  area,
  box,
  geographicRaster,
  mollweideRaster,
  settlement,
} from './support/population-fixtures';

const A = area('630001', box(97.0, 33.0, 97.1, 33.1), 12_345);
const B = area('630002', box(97.1, 33.0, 97.2, 33.1), 6_789, { urban: 4_000, rural: 2_789 });
const RASTER_BOX: [number, number, number, number] = [96.95, 32.95, 97.25, 33.15];
const params = analysisParams({ cellSizeM: 500 });

function areaTotals(areas: readonly Area[], population: PopulationInput, townships: Area[] = []) {
  const built = buildAreaGrid(areas, params, townships, population);
  const t = createTotals(built.grid, areas.length);
  return { ...built, totals: areas.map((_, i) => t.population[i + 1]) };
}

describe('allocatePopulation', () => {
  it("spreads each area's census total by the raster: exact totals, weights ∝ the raster", () => {
    // A density rising to the east: 10 → 300 people/km².
    const raster = geographicRaster(
      RASTER_BOX,
      0.01,
      (lon, _lat, km2) => (10 + (lon - 96.95) * 1000) * km2,
    );
    const r = areaTotals([A, B], { raster });
    expect(r.totals[0]).toBe(12_345);
    expect(r.totals[1]).toBe(6_789);
    expect(r.population.surface).toBe('raster');
    expect(r.population.areas.map((a) => a.model)).toEqual(['raster', 'raster']);
    // Whole cells: weight = total × surface / the area's surface mass, to the fixed-point unit.
    const s = rasterSurface(r.grid, raster).values;
    const { grid } = r;
    const unit = 2 ** -grid.weightBits;
    const edge = new Set(grid.edge ? grid.edge.cell : []);
    const scale = r.population.areas.map((a) => a.scale!);
    let checked = 0;
    for (let i = 0; i < grid.label.length; i++) {
      const l = grid.label[i];
      if (l === 0 || edge.has(i)) continue;
      const total = l === 1 ? 12_345 : 6_789;
      // scale = total ÷ mass, so the weight is s × scale.
      expect(Math.abs(grid.weight[i] - s[i] * scale[l - 1])).toBeLessThanOrEqual(unit);
      expect(total).toBeGreaterThan(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    // The eastern area is denser per km² of raster: its scale is the census ÷ raster mass.
    expect(scale[0]).toBeGreaterThan(scale[1]);
  });

  it('gives the same result for count and density rasters of the same people', () => {
    const dens = (lon: number) => 10 + (lon - 96.95) * 1000;
    const a = areaTotals([A, B], {
      raster: geographicRaster(RASTER_BOX, 0.01, (lon, _l, km2) => dens(lon) * km2),
    });
    const b = areaTotals([A, B], {
      raster: geographicRaster(RASTER_BOX, 0.01, (lon) => dens(lon), 'density'),
    });
    expect(b.totals).toEqual(a.totals);
    const unit = 2 ** -a.grid.weightBits;
    for (let i = 0; i < a.grid.weight.length; i++)
      expect(Math.abs(a.grid.weight[i] - b.grid.weight[i])).toBeLessThanOrEqual(2 * unit);
  });

  it('gives the same per-area result from a Mollweide and a geographic raster of the same people', () => {
    const dens = (lon: number, lat: number) =>
      50 + 400 * Math.exp(-((lon - 97.12) ** 2 + (lat - 33.04) ** 2) / 0.001);
    const geo = areaTotals([A, B], {
      raster: geographicRaster(RASTER_BOX, 0.0025, (lon, lat, km2) => dens(lon, lat) * km2),
    });
    const moll = areaTotals([A, B], {
      raster: mollweideRaster(RASTER_BOX, 250, (lon, lat, km2) => dens(lon, lat) * km2),
    });
    expect(moll.totals).toEqual(geo.totals);
    geo.population.areas.forEach((g, i) =>
      expect(moll.population.areas[i].scale! / g.scale!).toBeCloseTo(1, 2),
    );
    // The people near the peak: the same share in both.
    const near = (r: typeof geo) => {
      const [px, py] = r.grid.projection.forward(97.12, 33.04);
      let t = 0;
      for (let i = 0; i < r.grid.weight.length; i++) {
        const x = r.grid.x0 + ((i % r.grid.cols) + 0.5) * r.grid.cellSize;
        const y = r.grid.y0 + (Math.floor(i / r.grid.cols) + 0.5) * r.grid.cellSize;
        if (Math.hypot(x - px, y - py) < 3000) t += r.grid.weight[i];
      }
      return t;
    };
    expect(near(moll) / near(geo)).toBeCloseTo(1, 2);
  });

  it('falls back per area where the raster misses, with a note, and keeps the totals', () => {
    // The raster covers A only (its east edge is A's).
    const raster = geographicRaster(
      [96.95, 32.95, 97.1, 33.15],
      0.01,
      (_lo, _la, km2) => 100 * km2,
    );
    const r = areaTotals([A, B], { raster });
    expect(r.totals).toEqual([12_345, 6_789]);
    expect(r.population.areas.map((a) => a.model)).toEqual(['raster', 'uniform']);
    expect(r.population.areas[1].rasterCoverage).toBeLessThan(0.95);
    expect(r.notes.some((n) => /covers less than 95%/.test(n))).toBe(true);
  });

  it('falls back to the settlements, then to the census model, where the raster holds nobody', () => {
    const raster = geographicRaster(RASTER_BOX, 0.01, (lon, _la, km2) =>
      lon < 97.1 ? 100 * km2 : 0,
    );
    const seat = settlement('seat', 97.15, 33.05, 3000, 'township-seat');
    const r = areaTotals([A, B], { raster, settlements: [seat] });
    expect(r.totals).toEqual([12_345, 6_789]);
    expect(r.population.areas.map((a) => a.model)).toEqual(['raster', 'settlements']);
    const none = areaTotals([A, B], { raster });
    expect(none.population.areas.map((a) => a.model)).toEqual(['raster', 'uniform']);
    expect(none.totals).toEqual([12_345, 6_789]);
  });

  it('puts the people of settlement-spread areas near their settlements', () => {
    const pts = [settlement('a', 97.03, 33.03, 900), settlement('b', 97.07, 33.08, 100)];
    const r = areaTotals([A], { settlements: pts });
    expect(r.totals[0]).toBe(12_345);
    expect(r.population.areas[0].model).toBe('settlements');
    expect(r.population.areas[0].scale).toBeCloseTo(12_345 / 1000, 6);
    // 90% of the people within a few kernel lengths of point a, 10% near b.
    const near = (lon: number, lat: number, m: number) => {
      const [px, py] = r.grid.projection.forward(lon, lat);
      let t = 0;
      for (let i = 0; i < r.grid.weight.length; i++) {
        const x = r.grid.x0 + ((i % r.grid.cols) + 0.5) * r.grid.cellSize;
        const y = r.grid.y0 + (Math.floor(i / r.grid.cols) + 0.5) * r.grid.cellSize;
        if (Math.hypot(x - px, y - py) <= m) t += r.grid.weight[i];
      }
      return t;
    };
    expect(near(97.03, 33.03, 1500)).toBeCloseTo(0.9 * 12_345, 0);
    expect(near(97.07, 33.08, 1000)).toBeCloseTo(0.1 * 12_345, 0);
  });

  it("honours townships' own populations under a raster", () => {
    const county = area('630003', box(97.0, 33.0, 97.2, 33.1), 4_000);
    const west = area('630003001', box(97.0, 33.0, 97.1, 33.1), 1_000, null, 'township');
    const east = area('630003002', box(97.1, 33.0, 97.2, 33.1), 3_000, null, 'township');
    // Most raster people in the west township: the townships' totals still decide.
    const raster = geographicRaster(
      RASTER_BOX,
      0.01,
      (lon, _la, km2) => (lon < 97.1 ? 500 : 5) * km2,
    );
    const r = areaTotals([county], { raster }, [west, east]);
    expect(r.totals[0]).toBe(4_000);
    let w = 0;
    for (let i = 0; i < r.grid.weight.length; i++) {
      if (r.grid.label[i] === 0) continue;
      const x = r.grid.x0 + ((i % r.grid.cols) + 0.5) * r.grid.cellSize;
      const y = r.grid.y0 + (Math.floor(i / r.grid.cols) + 0.5) * r.grid.cellSize;
      if (r.grid.projection.inverse(x, y)[0] < 97.1) w += r.grid.weight[i];
    }
    expect(w).toBeCloseTo(1_000, 0);
    expect(r.population.areas[0].model).toBe('raster');
  });

  it('without a surface reports the census models, and the by-county path the same models', () => {
    const r = areaTotals([A, B], {});
    expect(r.population.areas.map((a) => a.model)).toEqual(['uniform', 'uniform']);
    const raster = geographicRaster(RASTER_BOX, 0.01, (lon, _la, km2) => (lon - 96.9) * 100 * km2);
    const one = analyzeAreas([A, B], [], params, { population: { raster } });
    const table = siteTableFromSites([], params, [A, B]);
    const by = analyzeByCounty([A, B], table, params, undefined, { rasterFor: () => raster });
    expect(by.population.areas.map((a) => a.model)).toEqual(['raster', 'raster']);
    by.population.areas.forEach((a, i) =>
      expect(a.scale! / one.population.areas[i].scale!).toBeCloseTo(1, 1),
    );
    expect(by.areas.map((a) => a.gridPopulation)).toEqual([12_345, 6_789]);
  });
});
