import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { wgs84 } from '../../src/core/crs';
import { createRng, deriveSeed, hashString, mulberry32 } from '../../src/core/random';
import {
  DEFAULT_SYNTHETIC_PARAMS,
  generateSyntheticStations,
  type SyntheticCounty,
  type SyntheticRegion,
} from '../../src/core/synthetic-stations';

/** A 0.2° square (~19 × 22 km) with the seat in the middle. */
function square(code: string, lon: number, lat: number, population = 60_000): SyntheticCounty {
  const d = 0.1;
  const geometry: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  };
  return {
    code,
    name: `测试${code}`,
    geometry,
    seat: wgs84(lon, lat),
    population,
    urbanPopulation: population / 2,
    townshipCount: 4,
  };
}

const region: SyntheticRegion = { counties: [square('100001', 100, 30)] };
const params = DEFAULT_SYNTHETIC_PARAMS;

describe('random', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });

  it('derives distinct, stable sub-seeds', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(deriveSeed(1, '632701')).not.toBe(deriveSeed(1, '632722'));
    expect(deriveSeed(1, '632701')).not.toBe(deriveSeed(2, '632701'));
  });

  it('weighted picks follow their weights', () => {
    const rng = createRng(7);
    let hits = 0;
    for (let i = 0; i < 20_000; i++)
      if (
        rng.weighted([
          ['a', 1],
          ['b', 3],
        ] as const) === 'b'
      )
        hits++;
    expect(hits / 20_000).toBeGreaterThan(0.72);
    expect(hits / 20_000).toBeLessThan(0.78);
    expect(() => rng.pick([])).toThrow();
  });
});

describe('generateSyntheticStations', () => {
  it('is deterministic: same seed, same output', () => {
    const a = generateSyntheticStations(region, params, 1234);
    const b = generateSyntheticStations(region, params, 1234);
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('differs with a different seed', () => {
    const a = generateSyntheticStations(region, params, 1234);
    const b = generateSyntheticStations(region, params, 1235);
    expect(b.cells.map((c) => c.position)).not.toEqual(a.cells.map((c) => c.position));
  });

  it('keeps one county independent of the others', () => {
    const alone = generateSyntheticStations(region, params, 99);
    const withOther = generateSyntheticStations(
      { counties: [square('100002', 101, 31), ...region.counties] },
      params,
      99,
    );
    const strip = (cells: typeof alone.cells) =>
      cells.filter((c) => c.siteId.includes('100001')).map(({ sourceRow: _row, ...c }) => c);
    expect(strip(withOther.cells)).toEqual(strip(alone.cells));
  });

  it('places every site inside its county, with unique ids and consistent sites', () => {
    const { cells, counts } = generateSyntheticStations(region, params, 5);
    const geometry = region.counties[0].geometry;
    expect(cells.length).toBeGreaterThan(0);
    expect(new Set(cells.map((c) => c.id)).size).toBe(cells.length);
    const sites = new Map<string, typeof cells>();
    for (const c of cells) {
      expect(turf.booleanPointInPolygon([c.position[0], c.position[1]], geometry)).toBe(true);
      // Positions are rounded to 6 decimals.
      expect(Math.round(c.position[0] * 1e6) / 1e6).toBe(c.position[0]);
      expect(c.name?.startsWith('合成')).toBe(true);
      sites.set(c.siteId, [...(sites.get(c.siteId) ?? []), c]);
    }
    for (const group of sites.values()) {
      const [first] = group;
      for (const c of group) {
        expect(c.position).toEqual(first.position);
        expect([c.tech, c.band, c.operator, c.redcap]).toEqual([
          first.tech,
          first.band,
          first.operator,
          first.redcap,
        ]);
      }
    }
    const [count] = counts;
    expect(count.sites).toBe(sites.size);
    expect(count.cells).toBe(cells.length);
    const nrSites = [...sites.values()].filter((g) => g[0].tech === 'NR');
    expect(count.sites5g).toBe(nrSites.length);
    expect(count.sitesRedcap).toBe(nrSites.filter((g) => g[0].redcap).length);
    expect(count.sitesLteOnly).toBe(sites.size - nrSites.length);
  });

  it('produces the intended mix: per-10k in range, some RedCap, some LTE-only, 3-sector towns', () => {
    const { cells, counts } = generateSyntheticStations(region, params, 11);
    const [count] = counts;
    // n5 = round(population / 10k × ratio), ratio drawn from params.nrPer10k.
    const slack = (10_000 / count.population) * 0.5;
    expect(count.per10k).toBeGreaterThanOrEqual(params.nrPer10k[0] - slack);
    expect(count.per10k).toBeLessThanOrEqual(params.nrPer10k[1] + slack);
    expect(count.sitesRedcap).toBeGreaterThan(0);
    expect(count.sitesRedcap).toBeLessThan(count.sites5g);
    expect(count.sitesLteOnly).toBeGreaterThan(0);
    expect(cells.every((c) => (c.tech === 'NR') === /^n(28|41|78)$/.test(c.band ?? ''))).toBe(true);
    expect(cells.every((c) => c.tech === 'NR' || !c.redcap)).toBe(true);
    const townSites = new Map<string, number>();
    for (const c of cells.filter((x) => x.siteId.includes('-T'))) {
      townSites.set(c.siteId, (townSites.get(c.siteId) ?? 0) + 1);
      expect(c.env).toBe('uma');
      expect(c.azimuthDeg).not.toBeNull();
    }
    expect(townSites.size).toBeGreaterThan(0);
    expect([...townSites.values()].every((n) => n === 3)).toBe(true);
  });

  it('copes with a county too small for hubs and roads', () => {
    const tiny = square('100003', 100, 30, 5_000);
    const d = 0.01; // ~1 km square
    tiny.geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [100 - d, 30 - d],
          [100 + d, 30 - d],
          [100 + d, 30 + d],
          [100 - d, 30 + d],
          [100 - d, 30 - d],
        ],
      ],
    };
    const { cells } = generateSyntheticStations({ counties: [tiny] }, params, 3);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      expect(turf.booleanPointInPolygon([c.position[0], c.position[1]], tiny.geometry)).toBe(true);
    }
  });
});
