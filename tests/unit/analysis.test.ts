import { describe, expect, it } from 'vitest';
import { area as turfArea } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Area } from '../../src/core/area';
import { wgs84 } from '../../src/core/crs';
import { analyzeAreas } from '../../src/core/analysis/analyze';
import { analysisParams } from '../../src/core/analysis/params';
import { importStations } from '../../src/io/import-stations';

// A square of `halfKm` around (lon, lat), built in metres (never degrees of equal size).
function squareArea(code: string, lon: number, lat: number, halfKm: number, pop: number): Area {
  const dLat = (halfKm * 1000) / 111_320;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const geometry: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [lon - dLon, lat - dLat],
        [lon + dLon, lat - dLat],
        [lon + dLon, lat + dLat],
        [lon - dLon, lat + dLat],
        [lon - dLon, lat - dLat],
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
    seat: wgs84(lon, lat),
    population: { total: pop, urban: pop / 2, rural: pop / 2, source: 'test' },
  };
}

async function sites(csv: string) {
  const r = await importStations(new Blob([csv]), 'test.csv');
  expect(r.rejected).toEqual([]);
  return r.sites;
}

const HEADER = 'id,site_id,operator,lon,lat,tech,band,redcap,radius_m,azimuth,beamwidth';

describe('analyzeAreas', () => {
  const county = squareArea('500101', 106.5, 29.5, 10, 100_000);

  it('one 2 km disc: covered area within 0.5% of πr², and per-10k arithmetic', async () => {
    const s = await sites(`${HEADER}\nA,A,中国移动,106.5,29.5,NR,n41,true,2000,,`);
    const r = analyzeAreas([county], s, analysisParams());
    const a = r.areas[0];
    const exact = Math.PI * 2 * 2;
    expect(Math.abs(a.coverage.nr.areaKm2 - exact) / exact).toBeLessThan(0.005);
    expect(a.sites5g).toBe(1);
    expect(a.sitesRedcap).toBe(1);
    expect(a.sitesPer10k).toBeCloseTo(0.1, 12);
    expect(a.sitesNeeded).toBe(379);
    expect(a.coverage.redcap.areaPct).toBeCloseTo(a.coverage.nr.areaPct, 10);
  });

  it('two overlapping discs cover the lens-formula union', async () => {
    const dLon = 2 / (111.32 * Math.cos((29.5 * Math.PI) / 180)); // 2 km east
    const s = await sites(
      `${HEADER}\nA,A,中国移动,106.5,29.5,NR,n41,false,2000,,\nB,B,中国移动,${106.5 + dLon},29.5,NR,n41,false,2000,,`,
    );
    const r = analyzeAreas([county], s, analysisParams());
    const covered = r.areas[0].coverage.nr.areaKm2;
    const R = 2;
    const d = 2;
    const lens = 2 * R * R * Math.acos(d / (2 * R)) - (d / 2) * Math.sqrt(4 * R * R - d * d);
    const union = 2 * Math.PI * R * R - lens;
    expect(Math.abs(covered - union) / union).toBeLessThan(0.005);
    expect(r.areas[0].coverage.redcap.areaPct).toBe(0);
  });

  it('a wedge covers r²θ/2', async () => {
    const s = await sites(`${HEADER}\nA,A,中国移动,106.5,29.5,NR,n41,false,3000,90,120`);
    const r = analyzeAreas([county], s, analysisParams());
    const covered = r.areas[0].coverage.nr.areaKm2;
    // The override wedge is exact: 120°, not the 121 one-degree bins it once was.
    const exact = (9 * ((120 * Math.PI) / 180)) / 2;
    expect(Math.abs(covered - exact) / exact).toBeLessThan(0.003);
  });

  it('a station on the border of two areas covers both, counted in one', async () => {
    const east = squareArea(
      '500102',
      106.5 + 20 / (111.32 * Math.cos((29.5 * Math.PI) / 180)),
      29.5,
      10,
      50_000,
    );
    const borderLon = 106.5 + 10 / (111.32 * Math.cos((29.5 * Math.PI) / 180));
    const s = await sites(`${HEADER}\nA,A,中国移动,${borderLon - 1e-6},29.5,NR,n41,false,2000,,`);
    const r = analyzeAreas([county, east], s, analysisParams());
    const [w, e] = r.areas;
    expect(w.sites5g + e.sites5g).toBe(1);
    expect(w.coverage.nr.areaPct).toBeGreaterThan(0);
    expect(e.coverage.nr.areaPct).toBeGreaterThan(0);
    expect(Math.abs(w.coverage.nr.areaPct - e.coverage.nr.areaPct)).toBeLessThan(0.2);
  });

  it('county town: continuous when a 5 km RedCap disc covers the 3 km zone, not without RedCap', async () => {
    const yes = analyzeAreas(
      [county],
      await sites(`${HEADER}\nA,A,中国移动,106.5,29.5,NR,n41,true,5000,,`),
      analysisParams(),
    ).areas[0].townZone;
    expect(yes?.continuous).toBe(true);
    expect(yes?.redcapAreaPct).toBe(100);
    expect(yes?.areaKm2).toBeCloseTo(Math.PI * 9, 0);
    const no = analyzeAreas(
      [county],
      await sites(`${HEADER}\nA,A,中国移动,106.5,29.5,NR,n41,false,5000,,`),
      analysisParams(),
    ).areas[0].townZone;
    expect(no?.continuous).toBe(false);
    expect(no?.redcapAreaPct).toBe(0);
    expect(no?.largestGapKm2).toBeGreaterThan(0.25);
  });

  it('population coverage follows the two-zone census model', async () => {
    // The 3 km disc at the seat holds all urban people: covering exactly it covers half the people.
    const s = await sites(`${HEADER}\nA,A,中国移动,106.5,29.5,NR,n41,false,3000,,`);
    const a = analyzeAreas([county], s, analysisParams()).areas[0];
    expect(a.coverage.nr.popPct).toBeGreaterThan(49);
    expect(a.coverage.nr.popPct).toBeLessThan(52);
    expect(a.gaps.popUncovered).toBeGreaterThan(48_000);
  });
});
