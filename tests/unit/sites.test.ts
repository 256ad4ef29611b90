import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wgs84 } from '../../src/core/crs';
import { groupCellsIntoSites, haversineMetres } from '../../src/core/sites';
import type { Cell, Tech } from '../../src/core/station';

function cell(id: string, lon: number, lat: number, over: Partial<Cell> = {}): Cell {
  return {
    id,
    siteId: '',
    name: null,
    operator: '中国移动',
    position: wgs84(lon, lat),
    tech: 'NR',
    band: 'n78',
    redcap: false,
    azimuthDeg: null,
    beamwidthDeg: 65,
    heightM: null,
    powerDbm: null,
    env: 'auto',
    radiusM: null,
    status: 'existing',
    sourceRow: 0,
    ...over,
  };
}

/** Metres north of a latitude, as degrees (for building test geometry). */
const north = (m: number) => m / 111_195;
/** Metres east at a latitude, as degrees. */
const east = (m: number, lat: number) => m / (111_195 * Math.cos((lat * Math.PI) / 180));

/** Partition as sorted lists of cell ids, independent of site order. */
function partition(sites: { cells: Cell[] }[]): string[][] {
  return sites.map((s) => s.cells.map((c) => c.id).sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe('groupCellsIntoSites', () => {
  it('haversine is metres, not degrees', () => {
    expect(haversineMetres(wgs84(121, 31), wgs84(121, 31 + north(10)))).toBeCloseTo(10, 1);
    expect(haversineMetres(wgs84(121, 50), wgs84(121 + east(10, 50), 50))).toBeCloseTo(10, 1);
  });

  it('same site id → one site regardless of distance; aggregates', () => {
    const sites = groupCellsIntoSites([
      cell('a', 121, 31, { siteId: 'S', tech: 'LTE' }),
      cell('b', 121.001, 31, { siteId: 'S', tech: 'NR', redcap: true }),
      cell('c', 121.5, 31.5, { siteId: 'T', tech: 'NR', redcap: false, status: 'planned' }),
      cell('d', 121.5, 31.5, { siteId: 'T', tech: 'LTE', status: 'planned' }),
    ]);
    expect(sites.map((s) => s.id)).toEqual(['S', 'T']);
    expect(sites[0]).toMatchObject({
      is5g: true,
      isRedcap: true,
      hasLte: true,
      status: 'existing',
    });
    expect(sites[1]).toMatchObject({
      is5g: true,
      isRedcap: false,
      hasLte: true,
      status: 'planned',
    });
    expect(sites[0].position[0]).toBeCloseTo(121.0005, 9);
  });

  it('RedCap on a non-NR cell does not make the site RedCap-capable', () => {
    const [s] = groupCellsIntoSites([
      cell('a', 121, 31, { siteId: 'S', tech: 'LTE', redcap: true }),
    ]);
    expect(s).toMatchObject({ is5g: false, isRedcap: false, hasLte: true });
  });

  it('cells without site id: within 10 m and same operator → one site; measured in metres', () => {
    // At 50°N a degree of longitude is 64% of one of latitude: 9 m east is ~1.3e-4°,
    // 11 m north ~9.9e-5° — a degree threshold would get one of these wrong.
    const lat = 50;
    const sites = groupCellsIntoSites([
      cell('a', 100, lat),
      cell('b', 100 + east(9, lat), lat),
      cell('c', 100, lat + north(11)),
      cell('d', 100, lat, { operator: '中国联通' }),
      cell('e', 100 + east(9, lat), lat, { operator: null }),
      cell('f', 100 + east(9, lat), lat + north(0.5), { operator: null }),
    ]);
    expect(partition(sites)).toEqual([['a', 'b'], ['c'], ['d'], ['e', 'f']]);
    expect(sites[0].id).toBe('@a');
    expect(sites[0].cells.map((c) => c.siteId)).toEqual(['', '']); // input is not modified
  });

  it('chains of cells each within 10 m form one site (connected components)', () => {
    const sites = groupCellsIntoSites([
      cell('a', 121, 31),
      cell('b', 121, 31 + north(8)),
      cell('c', 121, 31 + north(16)),
    ]);
    expect(partition(sites)).toEqual([['a', 'b', 'c']]);
  });

  it('cells with a site id never join position groups', () => {
    const sites = groupCellsIntoSites([cell('a', 121, 31, { siteId: 'S' }), cell('b', 121, 31)]);
    expect(sites.map((s) => s.id)).toEqual(['S', '@b']);
  });

  it('a generated id never collides with a given site id', () => {
    const sites = groupCellsIntoSites([cell('x', 121, 31, { siteId: '@y' }), cell('y', 122, 31)]);
    expect(sites.map((s) => s.id)).toEqual(['@y', '@y#2']);
  });

  it('sites in order of first appearance, cells in input order', () => {
    const sites = groupCellsIntoSites([
      cell('z', 121, 31, { siteId: 'B' }),
      cell('y', 122, 31, { siteId: 'A' }),
      cell('x', 121, 31, { siteId: 'B' }),
    ]);
    expect(sites.map((s) => [s.id, s.cells.map((c) => c.id)])).toEqual([
      ['B', ['z', 'x']],
      ['A', ['y']],
    ]);
  });

  it('property: the grouping does not depend on input order', () => {
    const techs: Tech[] = ['NR', 'LTE', 'GSM', 'UMTS'];
    const arbCells = fc
      .array(
        fc.record({
          dx: fc.integer({ min: 0, max: 60 }),
          dy: fc.integer({ min: 0, max: 60 }),
          site: fc.oneof(fc.constant(''), fc.constantFrom('S1', 'S2', 'S3')),
          op: fc.constantFrom('中国移动', '中国联通', null),
          tech: fc.constantFrom(...techs),
          redcap: fc.boolean(),
        }),
        { maxLength: 40 },
      )
      .map((rows) =>
        rows.map((r, i) =>
          cell(`c${i}`, 110 + east(r.dx, 30), 30 + north(r.dy), {
            siteId: r.site,
            operator: r.op,
            tech: r.tech,
            redcap: r.redcap,
          }),
        ),
      );
    fc.assert(
      fc.property(arbCells, fc.integer(), (cells, seed) => {
        const shuffled = [...cells];
        let s = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1664525 + 1013904223) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = groupCellsIntoSites(cells);
        const b = groupCellsIntoSites(shuffled);
        expect(partition(b)).toEqual(partition(a));
        const summary = (xs: typeof a) =>
          xs.map((x) => [x.id, x.is5g, x.isRedcap, x.hasLte, x.status].join('|')).sort();
        expect(summary(b)).toEqual(summary(a));
      }),
      { numRuns: 200 },
    );
  });

  it('groups 1,000,000 cells without site ids', () => {
    const cells: Cell[] = new Array(1_000_000);
    let s = 42;
    for (let i = 0; i < cells.length; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      const site = Math.floor(i / 3);
      // Three sectors per site a few metres apart; sites on a 0.01° grid.
      cells[i] = cell(
        `c${i}`,
        100 + (site % 1000) * 0.01 + east(i % 3, 30),
        25 + Math.floor(site / 1000) * 0.01 + north((s % 3) - 1),
      );
    }
    const sites = groupCellsIntoSites(cells);
    expect(sites).toHaveLength(333_334);
    expect(sites[0].cells.map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
  });
});
