import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { area as turfArea, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Area } from '../../src/core/area';
import { wgs84 } from '../../src/core/crs';
import { analyzeAreas, type AreaResult } from '../../src/core/analysis/analyze';
import { analysisParams } from '../../src/core/analysis/params';
import { countyPopulationFromTownships, rollUpCounties } from '../../src/core/analysis/rollup';
import { importBoundaries } from '../../src/io/import-boundaries';
import { importStations } from '../../src/io/import-stations';
import { importPopulation } from '../../src/io/population-csv';
import { joinPopulation } from '../../src/io/population-join';

const SHARED = path.resolve(process.cwd(), '../shared/data');
const HEADER = 'id,site_id,operator,lon,lat,tech,band,redcap,radius_m,azimuth,beamwidth';
const LON = 106.5;
const LAT = 29.5;

/** Counter-clockwise square ring of `halfKm` around (lon, lat), built in metres. */
function ring(lon: number, lat: number, halfKm: number): Position[] {
  const dLat = (halfKm * 1000) / 111_320;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return [
    [lon - dLon, lat - dLat],
    [lon + dLon, lat - dLat],
    [lon + dLon, lat + dLat],
    [lon - dLon, lat + dLat],
    [lon - dLon, lat - dLat],
  ];
}

function area(
  code: string,
  name: string,
  geometry: Polygon,
  extra: Partial<Area> = {},
  pop: number | null = null,
): Area {
  const township = code.length === 9;
  return {
    code,
    name,
    level: township ? 'township' : 'county',
    parent: township ? code.slice(0, 6) : null,
    kind: township ? (name.endsWith('街道') ? 'subdistrict' : 'township') : null,
    geometry,
    areaKm2: turfArea(geometry) / 1e6,
    seat: null,
    population: pop === null ? null : { total: pop, urban: null, rural: null, source: 'test' },
    ...extra,
  };
}

// A 20 km county; its 4 km 街道 around the seat and a 乡 that is the rest (a square with a hole).
const countyGeom: Polygon = { type: 'Polygon', coordinates: [ring(LON, LAT, 10)] };
const streetGeom: Polygon = { type: 'Polygon', coordinates: [ring(LON, LAT, 2)] };
const villageGeom: Polygon = {
  type: 'Polygon',
  coordinates: [ring(LON, LAT, 10), [...ring(LON, LAT, 2)].reverse()],
};
const county = area('500101', '测试县', countyGeom, { seat: wgs84(LON, LAT) });
const street = area('500101001', '城关街道', streetGeom, {}, 60_000);
const village = area('500101200', '某乡', villageGeom, {}, 20_000);

async function sites(csv: string) {
  const r = await importStations(new Blob([csv]), 'test.csv');
  expect(r.rejected).toEqual([]);
  return r.sites;
}

describe('county-town zone and population from townships', () => {
  const counties = countyPopulationFromTownships([county], [street, village]);
  const opts = { townships: [street, village] };

  it('a county without population gets the sum of its townships', () => {
    expect(counties[0].population?.total).toBe(80_000);
    expect(county.population).toBeNull();
    // Not when a township lacks one.
    const partial = countyPopulationFromTownships(
      [county],
      [street, { ...village, population: null }],
    );
    expect(partial[0].population).toBeNull();
  });

  it('the town zone is the 街道 township, and its continuity flips with a RedCap site over it', async () => {
    const without = analyzeAreas(
      counties,
      await sites(`${HEADER}\nA,A,中国移动,${LON},${LAT},NR,n41,false,3500,,`),
      analysisParams(),
      opts,
    ).areas[0];
    const tz = without.townZone!;
    // 16 km² (the 街道), not the 28.3 km² seat disc; rasterised at 50 m cells the error
    // is at most the perimeter (16 km) × half a cell.
    expect(Math.abs(tz.areaKm2 - street.areaKm2)).toBeLessThan(16 * 0.025);
    expect(tz.continuous).toBe(false);
    expect(tz.redcapAreaPct).toBe(0);

    // The same NR site plus a RedCap one over the 街道.
    const withRedcap = analyzeAreas(
      counties,
      await sites(
        `${HEADER}\nA,A,中国移动,${LON},${LAT},NR,n41,false,3500,,\nB,B,中国电信,${LON + 0.001},${LAT},NR,n78,true,3500,,`,
      ),
      analysisParams(),
      opts,
    ).areas[0].townZone!;
    // A 3.5 km disc covers the 4 km square (half-diagonal 2.83 km).
    expect(withRedcap.continuous).toBe(true);
    expect(withRedcap.redcapAreaPct).toBe(100);
    expect(withRedcap.areaKm2).toBe(tz.areaKm2);
  });

  it('the seat township is in the zone even when it is not a 街道', () => {
    const town = { ...street, name: '城关镇', kind: 'town' as const };
    const r = analyzeAreas(counties, [], analysisParams(), { townships: [town, village] });
    expect(Math.abs(r.areas[0].townZone!.areaKm2 - street.areaKm2)).toBeLessThan(0.4);
    // No 街道 and no seat: no zone at all.
    const noSeat = analyzeAreas([{ ...counties[0], seat: null }], [], analysisParams(), {
      townships: [town, village],
    });
    expect(noSeat.areas[0].townZone).toBeNull();
    expect(noSeat.notes.join()).toContain('no 街道 and no known seat');
  });

  it('township populations are spread over their own cells', async () => {
    const r = analyzeAreas(
      counties,
      await sites(`${HEADER}\nA,A,中国移动,${LON},${LAT},NR,n41,false,3500,,`),
      analysisParams(),
      opts,
    ).areas[0];
    expect(r.gridPopulation).toBeCloseTo(80_000, 6);
    // All 60,000 of the 街道 plus the 乡's share of the covered ring around it.
    const villageKm2 = r.gridKm2! - 16;
    const expected = 60_000 + (20_000 * (r.coverage.nr.areaKm2 - 16)) / villageKm2;
    expect(Math.abs(r.coverage.nr.population! - expected)).toBeLessThan(300);
    expect(r.coverage.nr.popPct).toBeGreaterThan(75);
  });

  it('a county without townships next door keeps the two-zone census model', async () => {
    const dLon = 20 / (111.32 * Math.cos((LAT * Math.PI) / 180));
    const east = area(
      '500102',
      '东县',
      { type: 'Polygon', coordinates: [ring(LON + dLon, LAT, 10)] },
      { seat: wgs84(LON + dLon, LAT) },
    );
    east.population = { total: 100_000, urban: 50_000, rural: 50_000, source: 'test' };
    const s = await sites(`${HEADER}\nA,A,中国移动,${LON + dLon},${LAT},NR,n41,false,3000,,`);
    const alone = analyzeAreas([east], s, analysisParams()).areas[0];
    const both = analyzeAreas([...counties, east], s, analysisParams(), opts).areas[1];
    expect(both.coverage.nr.popPct).toBeCloseTo(alone.coverage.nr.popPct, 3);
    expect(both.townZone).toEqual(alone.townZone);
  });
});

function result(
  code: string,
  sites5g: number,
  population: number | null,
  over: Partial<AreaResult> = {},
): AreaResult {
  const layer = { areaKm2: 0, areaPct: 0, popPct: 0, population: 0 };
  return {
    code,
    name: code,
    level: 'county',
    parent: null,
    population,
    areaKm2: 100,
    sites5g,
    sitesRedcap: 0,
    sitesPer10k: null,
    targetPer10k: 38,
    sitesNeeded:
      population === null ? null : Math.max(0, Math.ceil((38 * population) / 1e4) - sites5g),
    coverage: { nr: layer, redcap: layer },
    gaps: { count: 1, totalKm2: 10, largestKm2: 10, popUncovered: 100 },
    townZone: null,
    gridKm2: 100,
    gridPopulation: population ?? 0,
    ...over,
  };
}

describe('rollUpCounties', () => {
  const counties = [
    // 380 needed − 10 = 370 short.
    result('450802', 10, 100_000, {
      coverage: {
        nr: { areaKm2: 50, areaPct: 50, popPct: 60, population: 60_000 },
        redcap: { areaKm2: 0, areaPct: 0, popPct: 0, population: 0 },
      },
      gaps: { count: 2, totalKm2: 50, largestKm2: 40, popUncovered: 40_000 },
    }),
    // 500 sites for 100,000 people: a surplus of 120, which does not fill 450802's gap.
    result('450803', 500, 100_000, {
      gridKm2: 300,
      coverage: {
        nr: { areaKm2: 30, areaPct: 10, popPct: 20, population: 20_000 },
        redcap: { areaKm2: 0, areaPct: 0, popPct: 0, population: 0 },
      },
    }),
    // Another prefecture: 190 − 5 = 185 short.
    result('450102', 5, 50_000),
  ];
  const r = rollUpCounties(counties, 38, new Map([['450800', '贵港市']]));

  it('lists each province before its prefectures, named from the map or by code', () => {
    expect(r.map((x) => [x.code, x.level, x.name, x.parent, x.counties])).toEqual([
      ['450000', 'province', '450000', null, 3],
      ['450100', 'prefecture', '450100', '450000', 1],
      ['450800', 'prefecture', '贵港市', '450000', 2],
    ]);
  });

  it('adds sites and people; per-10k of the sums; sites needed = sum of the shortfalls', () => {
    const gg = r[2];
    expect(gg.sites5g).toBe(510);
    expect(gg.population).toBe(200_000);
    expect(gg.sitesPer10k).toBeCloseTo((10_000 * 510) / 200_000, 12); // 25.5
    expect(gg.sitesNeeded).toBe(370 + 0); // not 760 − 510 = 250
    const gx = r[0];
    expect(gx.sitesPer10k).toBeCloseTo((10_000 * 515) / 250_000, 12);
    expect(gx.sitesNeeded).toBe(370 + 0 + 185);
    expect(gx.townZone).toBeNull();
  });

  it('weighs coverage by grid area and population; gaps summed, largest = max', () => {
    const gg = r[2];
    expect(gg.coverage.nr.areaPct).toBeCloseTo((100 * (50 + 30)) / (100 + 300), 12); // 20
    expect(gg.coverage.nr.popPct).toBeCloseTo((100 * (60_000 + 20_000)) / 200_000, 12); // 40
    expect(gg.gaps).toEqual({ count: 3, totalKm2: 60, largestKm2: 40, popUncovered: 40_100 });
    expect(gg.areaKm2).toBe(200);
  });

  it('a county of unknown population is left out of the population figures and stated', () => {
    // 450804: 3 sites, population unknown, its whole 100 km² covered by NR.
    const unknown = result('450804', 3, null, {
      coverage: {
        nr: { areaKm2: 100, areaPct: 100, popPct: 0, population: 0 },
        redcap: { areaKm2: 0, areaPct: 0, popPct: 0, population: 0 },
      },
    });
    const up = rollUpCounties([...counties, unknown], 38);
    const gg = up[2];
    expect(gg.code).toBe('450800');
    expect(gg.counties).toBe(3);
    expect(gg.sites5g).toBe(513); // every site is counted …
    expect(gg.population).toBe(200_000); // … but only the two known counties' people
    expect(gg.sitesPer10k).toBeCloseTo(25.5, 12); // 10,000 × 510 / 200,000, not 25.65
    expect(gg.sitesNeeded).toBe(370); // 370 + 0; 450804's shortfall is unknown
    // Area % over all three counties: (50 + 30 + 100) / (100 + 300 + 100) km².
    expect(gg.coverage.nr.areaPct).toBeCloseTo(36, 12);
    // Population % over the two known: (60,000 + 20,000) / 200,000.
    expect(gg.coverage.nr.popPct).toBeCloseTo(40, 12);
    expect(gg.populationUnknown).toEqual({ counties: 1, codes: ['450804'], sites5g: 3 });
    const gx = up[0];
    expect(gx.population).toBe(250_000);
    expect(gx.sitesPer10k).toBeCloseTo((10_000 * 515) / 250_000, 12); // 20.6
    expect(gx.sitesNeeded).toBe(370 + 185);
    expect(gx.populationUnknown).toEqual({ counties: 1, codes: ['450804'], sites5g: 3 });
    expect(up[1].populationUnknown).toEqual({ counties: 0, codes: [], sites5g: 0 });
  });

  it('population, per-10k and sites needed are unknown only when no county has a population', () => {
    const [p, f] = rollUpCounties([result('450804', 3, null), result('450881', 1, null)], 38);
    for (const x of [p, f]) {
      expect(x.population).toBeNull();
      expect(x.sitesPer10k).toBeNull();
      expect(x.sitesNeeded).toBeNull();
      expect(x.coverage.nr.popPct).toBe(0);
      expect(x.populationUnknown).toEqual({
        counties: 2,
        codes: ['450804', '450881'],
        sites5g: 4,
      });
    }
  });
});

describe.skipIf(!existsSync(SHARED))(
  'Guigang townships under the cn-counties-2021 counties',
  () => {
    it('townships roll up to their counties; 丹竹镇 is still reported', async () => {
      const bytes = async (f: string) => new Blob([await readFile(path.join(SHARED, f))]);
      const all = JSON.parse(await readFile(path.join(SHARED, 'cn-counties-2021.geojson'), 'utf8'));
      const gg = {
        ...all,
        features: all.features.filter((f: Feature) =>
          String(f.properties?.code).startsWith('4508'),
        ),
      };
      const countyImport = await importBoundaries(
        new Blob([JSON.stringify(gg)]),
        'gg-counties.geojson',
      );
      const townImport = await importBoundaries(
        await bytes('guigang-townships.geojson'),
        'guigang-townships.geojson',
      );
      expect(
        townImport.warnings.filter((w) => w.message.includes('丹竹镇')).length,
      ).toBeGreaterThan(0);
      const census = await importPopulation(
        await bytes('cn-county-census-2020.csv'),
        'cn-county-census-2020.csv',
      );
      expect(census.aggregates.find((a) => a.code === '450800')?.name).toBe('贵港市');
      expect(census.aggregates.find((a) => a.code === '450000')?.name).toBe('广西壮族自治区');
      const counties = joinPopulation(countyImport.areas, census.rows, 'census').areas;
      const towns = townImport.areas;
      expect(counties).toHaveLength(5);
      expect(towns).toHaveLength(58);
      const codes = new Set(counties.map((c) => c.code));
      for (const t of towns) {
        expect(t.code).toHaveLength(9);
        expect(codes.has(t.parent!)).toBe(true);
      }

      // One synthetic site inside every township (but the defective 丹竹镇) that is also
      // inside a county.
      const rows: string[] = [];
      for (const t of towns) {
        if (t.name === '丹竹镇') continue;
        const p = pointOnFeature(t.geometry as Polygon | MultiPolygon).geometry.coordinates;
        if (!counties.some((c) => booleanPointInPolygon(p, c.geometry))) continue;
        rows.push(`T${rows.length},T${rows.length},中国移动,${p[0]},${p[1]},NR,n41,true,1500,,`);
      }
      expect(rows.length).toBeGreaterThan(40);
      const s = await sites(`${HEADER}\n${rows.join('\n')}`);
      const params = analysisParams();
      const byCounty = analyzeAreas(counties, s, params, { townships: towns });
      const byTown = analyzeAreas(towns, s, params);
      const sum = (xs: AreaResult[]) => xs.reduce((n, a) => n + a.sites5g, 0);
      expect(sum(byCounty.areas)).toBe(rows.length);
      expect(sum(byTown.areas)).toBe(rows.length);
      for (const c of byCounty.areas) {
        const mine = byTown.areas.filter((t) => t.parent === c.code);
        expect(mine.length).toBeGreaterThan(0);
      }
      // 港北区 has 贵城街道, 港南区 江南办事处; the others have no 街道 and no seat here.
      const zone = (code: string) => byCounty.areas.find((a) => a.code === code)!.townZone;
      const gcj = towns.find((t) => t.name === '贵城街道')!;
      expect(Math.abs(zone('450802')!.areaKm2 - gcj.areaKm2) / gcj.areaKm2).toBeLessThan(0.02);
      expect(zone('450803')).not.toBeNull();
      expect(zone('450881')).toBeNull();

      const up = rollUpCounties(
        byCounty.areas,
        38,
        new Map(census.aggregates.map((a) => [a.code, a.name])),
      );
      expect(up.map((x) => `${x.code} ${x.name}`)).toEqual([
        '450000 广西壮族自治区',
        '450800 贵港市',
      ]);
      expect(up[1].population).toBe(4_316_262);
      expect(up[1].sites5g).toBe(rows.length);
    }, 60_000);
  },
);
