import { describe, expect, it } from 'vitest';
import { area as turfArea } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Area } from '../../src/core/area';
import { wgs84 } from '../../src/core/crs';
import { analyzeAreas } from '../../src/core/analysis/analyze';
import { analysisParams } from '../../src/core/analysis/params';
import { createEvaluator } from '../../src/core/scenario/evaluator';
import type { Site } from '../../src/core/station';
import {
  LAT,
  LON,
  M_LAT,
  M_LON,
  constantDem,
  demWindow,
  site,
  threeSectors,
} from './terrain-fixtures';

/** A county square of `halfKm` centred `cxKm` east of (LON, LAT), seat at its centre. */
function county(code: string, cxKm: number, halfKm: number, pop: number): Area {
  const lon = LON + (cxKm * 1000) / M_LON;
  const dLat = (halfKm * 1000) / M_LAT;
  const dLon = (halfKm * 1000) / M_LON;
  const geometry: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [lon - dLon, LAT - dLat],
        [lon + dLon, LAT - dLat],
        [lon + dLon, LAT + dLat],
        [lon - dLon, LAT + dLat],
        [lon - dLon, LAT - dLat],
      ],
    ],
  };
  return {
    code,
    name: code,
    level: 'county',
    parent: null,
    kind: null,
    geometry,
    areaKm2: turfArea(geometry) / 1e6,
    seat: wgs84(lon, LAT),
    population: { total: pop, urban: pop * 0.6, rural: pop * 0.4, source: 'test' },
  };
}

const COUNTIES = [county('632701', -5, 5, 40_000), county('632702', 5, 5, 20_000)];
const PARAMS = analysisParams({ cellSizeM: 200, townCellSizeM: 100, townZoneRadiusM: 1500 });
const at = (eastKm: number, northKm: number, id: string, more = {}): Site =>
  site(threeSectors(0, more), LON + (eastKm * 1000) / M_LON, LAT + (northKm * 1000) / M_LAT, id);

/** Model sites (no radius_m): n78 and n28 three-sector masts, one without RedCap. */
const SITES: Site[] = [
  at(-5, 0, 'W1'),
  at(-7, 3, 'W2', { band: 'n28' }),
  at(-2, -3, 'W3', { redcap: false }),
  at(5, 0, 'E1'),
  at(8, -2, 'E2', { band: 'n41', height: 40 }),
];

const exact = (x: unknown) => JSON.stringify(x);

describe('analyzeAreas with terrain', () => {
  it('a constant DEM reproduces the flat-earth results exactly', () => {
    const flat = analyzeAreas(COUNTIES, SITES, PARAMS);
    for (const h of [0, 4100]) {
      const t = analyzeAreas(COUNTIES, SITES, PARAMS, { terrain: { dem: constantDem(h) } });
      expect(exact(t.areas)).toBe(exact(flat.areas));
      expect(exact(t.totals)).toBe(exact(flat.totals));
      expect(t.notes).toEqual(flat.notes);
      expect(t.terrain).toMatchObject({ terrainSites: 0, flatSites: 5, sitesWithoutDem: [] });
    }
    expect(flat.terrain).toBeUndefined();
  });

  it('a ridge shadows the county behind it', () => {
    // West sites only; a north–south ridge 1 km east of the border (x = 0), 600 m above
    // a 4,000 m plateau: the east county, reached over the ridge, loses coverage.
    const west = [
      at(-1.5, 0, 'W0', { band: 'n28', height: 40 }),
      at(-1.5, -3, 'W3', { band: 'n28', height: 40 }),
    ];
    const ridge = demWindow((e) => 4000 + 400 * Math.exp(-(((e + 600) / 300) ** 2)));
    const flat = analyzeAreas(COUNTIES, west, PARAMS);
    const t = analyzeAreas(COUNTIES, west, PARAMS, { terrain: { dem: ridge } });
    expect(t.terrain!.terrainSites).toBe(2);
    expect(t.terrain!.sitesWithoutDem).toEqual([]);
    const east = (r: typeof t) => r.areas[1].coverage;
    expect(east(flat).nr.areaPct).toBeGreaterThan(3);
    expect(east(t).nr.areaPct).toBeLessThan(east(flat).nr.areaPct / 2);
    expect(east(t).redcap.areaPct).toBeLessThan(east(flat).redcap.areaPct / 2);
  });

  it('a site with no DEM under it keeps its flat footprints and is listed', () => {
    // A DEM of ±0.05° (≈ 4.7 km east–west) around (LON, LAT): only W3 (−2 km) stands on it.
    const small = demWindow(() => 3800, 3, 0.05);
    const t = analyzeAreas(COUNTIES, SITES, PARAMS, { terrain: { dem: small } });
    expect(t.terrain!.sitesWithoutDem).toEqual(['W1', 'W2', 'E1', 'E2']);
    const flat = analyzeAreas(COUNTIES, SITES, PARAMS);
    expect(exact(t.areas)).toBe(exact(flat.areas));
  });
});

describe('the scenario evaluator with terrain', () => {
  const ridge = demWindow(
    (e, n) => 4000 + 500 * Math.exp(-(((e - 1500) / 700) ** 2) - (n / 9000) ** 2),
  );
  // The evaluator computes gap units on demand (its gapUnits()), not with every result.
  const stripGapKm2 = (r: { areas: { gaps: object }[] }) =>
    r.areas.map((a) => {
      const {
        gapUnits: _u,
        gapUnitsRemainder: _r,
        unpopulatedKm2: _k,
        ...rest
      } = a as typeof a & Record<string, unknown>;
      return { ...rest, gaps: { ...a.gaps, totalKm2: 0 } };
    });

  it('baseline and an edited site give what a fresh terrain analysis gives', () => {
    const terrain = { dem: ridge };
    const ev = createEvaluator(COUNTIES, SITES, PARAMS, { terrain });
    const ref = analyzeAreas(COUNTIES, SITES, PARAMS, { terrain });
    expect(exact(stripGapKm2(ev.results()))).toBe(exact(stripGapKm2(ref)));

    // Move E1 onto the ridge's crest: it re-runs its terrain mask on every grid.
    const moved = at(1.5, 0, 'E1');
    ev.setSite('E1', moved);
    const after = SITES.map((s) => (s.id === 'E1' ? moved : s));
    const ref2 = analyzeAreas(COUNTIES, after, PARAMS, { terrain });
    expect(exact(stripGapKm2(ev.results()))).toBe(exact(stripGapKm2(ref2)));
    expect(ev.results().totals.coverage.nr.areaPct).not.toBe(ref.totals.coverage.nr.areaPct);

    // And back: every number as before.
    ev.setSite('E1', SITES[3]);
    expect(exact(stripGapKm2(ev.results()))).toBe(exact(stripGapKm2(ref)));
    expect(ev.terrainSummary()!.sitesWithoutDem).toEqual([]);
  });

  it('without terrain it has no terrain summary', () => {
    expect(createEvaluator(COUNTIES, SITES, PARAMS).terrainSummary()).toBeNull();
  });
});
