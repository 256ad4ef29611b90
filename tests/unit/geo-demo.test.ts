// Checks the committed demo region in geo/ (built by `npm run geo:build`): that the files
// parse, agree with each other, and still match what the synthetic generator produces.
import fs from 'node:fs';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { TownshipRecord } from '../../src/core/area';
import { wgs84 } from '../../src/core/crs';
import {
  generateSyntheticStations,
  type SyntheticStationParams,
  type SyntheticCountyCounts,
} from '../../src/core/synthetic-stations';

const geo = (name: string): string =>
  fs.readFileSync(new URL(`../../geo/${name}`, import.meta.url), 'utf8');
const stripBom = (s: string): string => s.replace(/^\ufeff/, '');

type CountyProps = {
  code: string;
  name: string;
  name_en: string;
  level: string;
  parent: string;
  seat: [number, number];
  seat_township: string | null;
  area_km2: number;
  pop_total: number;
  pop_urban: number;
  pop_rural: number;
};
type County = Feature<Polygon | MultiPolygon, CountyProps>;

const EXPECTED: Record<string, { name: string; townships: number; areaKm2: number }> = {
  // Areas: geodesic area of this build's polygons; the independent WGS-84 and GCJ-02
  // references agree within 0.3%, so ±2% catches a broken decode or conversion.
  '632701': { name: '玉树市', townships: 12, areaKm2: 15_397 },
  '632722': { name: '杂多县', townships: 8, areaKm2: 35_588 },
  '632723': { name: '称多县', townships: 7, areaKm2: 14_642 },
  '632724': { name: '治多县', townships: 6, areaKm2: 80_692 },
  '632725': { name: '囊谦县', townships: 10, areaKm2: 12_088 },
  '632726': { name: '曲麻莱县', townships: 6, areaKm2: 46_582 },
};
const PREFECTURE = { total: 425199, urban: 215245, rural: 209954 };
const STATION_HEADER =
  'id,site_id,name,operator,lon,lat,tech,band,redcap,azimuth,beamwidth,height_m,power_dbm,env,radius_m,status';

const counties = JSON.parse(geo('yushu-counties.geojson')) as FeatureCollection<
  Polygon | MultiPolygon,
  CountyProps
>;
const byCode = new Map<string, County>(counties.features.map((f) => [f.properties.code, f]));
const townships = JSON.parse(geo('yushu-townships.json')) as TownshipRecord[];
const region = JSON.parse(geo('yushu-region.json')) as {
  code: string;
  name: string;
  bbox: number[];
  counties: string[];
  population: { total: number; urban: number; rural: number };
};

function polygons(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

function readStations(): Record<string, string>[] {
  const text = stripBom(geo('yushu-stations.csv'));
  // The generator never writes quotes or embedded commas, so a plain split is exact.
  expect(text.includes('"')).toBe(false);
  const [header, ...lines] = text.trimEnd().split('\n');
  expect(header).toBe(STATION_HEADER);
  const cols = header.split(',');
  return lines.map((l) => {
    const v = l.split(',');
    expect(v.length).toBe(cols.length);
    return Object.fromEntries(cols.map((c, i) => [c, v[i]]));
  });
}

describe('geo/ counties', () => {
  it('has the six county-level units of Yushu with the right codes and names', () => {
    expect(counties.type).toBe('FeatureCollection');
    expect('crs' in counties).toBe(false);
    expect(counties.features.map((f) => f.properties.code).sort()).toEqual(Object.keys(EXPECTED));
    for (const f of counties.features) {
      const p = f.properties;
      expect(p.name).toBe(EXPECTED[p.code].name);
      expect(p.level).toBe('county');
      expect(p.parent).toBe('632700');
      expect(p.name_en).toMatch(/^[A-Z][a-z]+$/);
      expect(p.pop_urban + p.pop_rural).toBe(p.pop_total);
    }
  });

  it('has valid, closed, simple polygons rounded to 6 decimals', () => {
    for (const f of counties.features) {
      for (const poly of polygons(f.geometry)) {
        for (const ring of poly) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[ring.length - 1]).toEqual(ring[0]);
          const unrounded = ring.filter(
            ([x, y]) => Math.round(x * 1e6) / 1e6 !== x || Math.round(y * 1e6) / 1e6 !== y,
          );
          expect(unrounded).toEqual([]);
        }
      }
      // With closure and ring length checked above, no self-intersection is what
      // turf.booleanValid would add (at three times the cost).
      expect(turf.kinks(f).features).toHaveLength(0);
    }
  });

  it('has plausible geodesic areas and neither gaps nor overlaps between counties', () => {
    let total = 0;
    for (const f of counties.features) {
      const km2 = turf.area(f) / 1e6;
      total += km2;
      expect(Math.abs(km2 / EXPECTED[f.properties.code].areaKm2 - 1)).toBeLessThan(0.02);
      expect(Math.abs(km2 - f.properties.area_km2)).toBeLessThan(1);
    }
    // The six county polygons cover ~205,000 km² in every source at hand (echarts,
    // DataV, Tudigong). The prefecture's often-quoted 26.7万 km² is larger than these
    // polygons (see geo/README.md), so it is not the yardstick here.
    expect(total).toBeGreaterThan(195_000);
    expect(total).toBeLessThan(215_000);
    const union = turf.union(counties as FeatureCollection<Polygon | MultiPolygon>);
    expect(union).not.toBeNull();
    expect(Math.abs(turf.area(union!) / 1e6 / total - 1)).toBeLessThan(1e-6);
    expect(union!.geometry.type).toBe('Polygon');
    expect((union!.geometry as Polygon).coordinates).toHaveLength(1);
  });

  it('has each seat inside its county', () => {
    for (const f of counties.features) {
      expect(turf.booleanPointInPolygon(f.properties.seat, f)).toBe(true);
    }
  });
});

describe('geo/ region, population and townships', () => {
  it('region lists the counties and contains them', () => {
    expect(region.code).toBe('632700');
    expect(region.name).toBe('玉树藏族自治州');
    expect([...region.counties].sort()).toEqual(Object.keys(EXPECTED));
    const [x0, y0, x1, y1] = turf.bbox(counties);
    expect(region.bbox[0]).toBeLessThanOrEqual(x0);
    expect(region.bbox[1]).toBeLessThanOrEqual(y0);
    expect(region.bbox[2]).toBeGreaterThanOrEqual(x1);
    expect(region.bbox[3]).toBeGreaterThanOrEqual(y1);
    expect(region.population).toMatchObject(PREFECTURE);
  });

  it('population CSV sums to the prefecture and matches the county properties', () => {
    const [header, ...rows] = stripBom(geo('yushu-population.csv')).trimEnd().split('\n');
    expect(header).toBe('code,name,total,urban,rural');
    expect(rows).toHaveLength(6);
    const sum = { total: 0, urban: 0, rural: 0 };
    for (const r of rows) {
      const [code, name, total, urban, rural] = r.split(',');
      const p = byCode.get(code)?.properties;
      expect(p?.name).toBe(name);
      expect([p?.pop_total, p?.pop_urban, p?.pop_rural]).toEqual([+total, +urban, +rural]);
      sum.total += +total;
      sum.urban += +urban;
      sum.rural += +rural;
    }
    expect(sum).toEqual(PREFECTURE);
  });

  it('has 49 townships with 9-digit codes inside the six counties', () => {
    expect(townships).toHaveLength(49);
    expect(new Set(townships.map((t) => t.code)).size).toBe(49);
    for (const t of townships) {
      expect(t.code).toMatch(/^\d{9}$/);
      expect(t.code.slice(0, 6)).toBe(t.county);
      expect(EXPECTED[t.county]).toBeDefined();
      const kind = t.name.endsWith('街道')
        ? 'subdistrict'
        : t.name.endsWith('镇')
          ? 'town'
          : t.name.endsWith('乡')
            ? 'township'
            : 'other';
      expect(t.kind).toBe(kind);
    }
    for (const [code, e] of Object.entries(EXPECTED)) {
      expect(townships.filter((t) => t.county === code)).toHaveLength(e.townships);
    }
    // Only 玉树市 (a county-level city) has 街道.
    expect(new Set(townships.filter((t) => t.kind === 'subdistrict').map((t) => t.county))).toEqual(
      new Set(['632701']),
    );
  });

  it('seat townships, when known, are townships of their own county', () => {
    for (const f of counties.features) {
      const st = f.properties.seat_township;
      if (st === null) continue;
      expect(townships.find((t) => t.code === st)?.county).toBe(f.properties.code);
    }
  });
});

describe('geo/ synthetic stations', () => {
  const rows = readStations();
  const meta = JSON.parse(geo('yushu-stations.meta.json')) as {
    synthetic: boolean;
    seed: number;
    params: SyntheticStationParams;
    rows: number;
    counts: SyntheticCountyCounts[];
  };
  const sites = new Map<string, Record<string, string>[]>();
  for (const r of rows) sites.set(r.site_id, [...(sites.get(r.site_id) ?? []), r]);
  const countyOf = (siteId: string): string => siteId.split('-')[1];

  it('is marked synthetic everywhere', () => {
    expect(meta.synthetic).toBe(true);
    expect(meta.rows).toBe(rows.length);
    expect(rows.every((r) => r.name.startsWith('合成'))).toBe(true);
    expect(rows.every((r) => r.site_id.startsWith('SYN-'))).toBe(true);
  });

  it('has unique ids, valid fields and one position per site', () => {
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.lon).toMatch(/^\d+\.\d{6}$/);
      expect(r.lat).toMatch(/^\d+\.\d{6}$/);
      expect(['NR', 'LTE']).toContain(r.tech);
      expect(['true', 'false']).toContain(r.redcap);
      if (r.tech === 'LTE') expect(r.redcap).toBe('false');
      expect(['uma', 'rma']).toContain(r.env);
      expect(r.status).toBe('existing');
    }
    for (const group of sites.values()) {
      for (const r of group) {
        expect([r.lon, r.lat, r.operator, r.tech, r.band]).toEqual([
          group[0].lon,
          group[0].lat,
          group[0].operator,
          group[0].tech,
          group[0].band,
        ]);
      }
    }
  });

  it('has every site inside its county polygon', () => {
    for (const [siteId, group] of sites) {
      const county = byCode.get(countyOf(siteId));
      expect(county).toBeDefined();
      const p: [number, number] = [+group[0].lon, +group[0].lat];
      expect(turf.booleanPointInPolygon(p, county!)).toBe(true);
    }
  });

  it('leaves every county short of 38 5G sites per 10,000, with RedCap and LTE-only sites', () => {
    let redcap = 0;
    let lteOnly = 0;
    for (const code of Object.keys(EXPECTED)) {
      const groups = [...sites.entries()].filter(([id]) => countyOf(id) === code).map(([, g]) => g);
      const nr = groups.filter((g) => g[0].tech === 'NR');
      const per10k = (nr.length * 10_000) / byCode.get(code)!.properties.pop_total;
      expect(per10k).toBeGreaterThan(0);
      expect(per10k).toBeLessThan(38);
      redcap += nr.filter((g) => g[0].redcap === 'true').length;
      lteOnly += groups.length - nr.length;
      const c = meta.counts.find((x) => x.code === code);
      expect(c?.sites5g).toBe(nr.length);
      expect(c?.sites).toBe(groups.length);
    }
    expect(redcap).toBeGreaterThan(0);
    expect(lteOnly).toBeGreaterThan(0);
  });

  it('is exactly what the generator produces from the committed inputs', () => {
    const regionInput = {
      counties: counties.features.map((f) => ({
        code: f.properties.code,
        name: f.properties.name,
        geometry: f.geometry,
        seat: wgs84(f.properties.seat[0], f.properties.seat[1]),
        population: f.properties.pop_total,
        urbanPopulation: f.properties.pop_urban,
        townshipCount: townships.filter((t) => t.county === f.properties.code).length,
      })),
    };
    const { cells } = generateSyntheticStations(regionInput, meta.params, meta.seed);
    expect(cells).toHaveLength(rows.length);
    cells.forEach((c, i) => {
      const r = rows[i];
      expect([r.id, r.site_id, r.name, r.operator, r.tech, r.band]).toEqual([
        c.id,
        c.siteId,
        c.name,
        c.operator,
        c.tech,
        c.band,
      ]);
      expect([r.lon, r.lat]).toEqual([c.position[0].toFixed(6), c.position[1].toFixed(6)]);
      expect(r.redcap).toBe(String(c.redcap));
      expect(r.azimuth).toBe(c.azimuthDeg === null ? '' : String(c.azimuthDeg));
      expect(r.height_m).toBe(String(c.heightM));
      expect(r.power_dbm).toBe(String(c.powerDbm));
    });
  });
});

describe('geo/ basemap and CRS evidence', () => {
  it('basemap layers parse, stay in the China box and use 4 decimals', () => {
    for (const name of ['basemap-land.geojson', 'basemap-countries.geojson']) {
      const fc = JSON.parse(geo(name)) as FeatureCollection<Polygon | MultiPolygon>;
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.length).toBeGreaterThan(0);
      const [x0, y0, x1, y1] = turf.bbox(fc);
      expect(x0).toBeGreaterThanOrEqual(60);
      expect(y0).toBeGreaterThanOrEqual(0);
      expect(x1).toBeLessThanOrEqual(150);
      expect(y1).toBeLessThanOrEqual(60);
      let unrounded = 0;
      turf.coordEach(fc, (p) => {
        if (Math.round(p[0] * 1e4) / 1e4 !== p[0] || Math.round(p[1] * 1e4) / 1e4 !== p[1]) {
          unrounded++;
        }
      });
      expect(unrounded).toBe(0);
    }
    const countries = JSON.parse(geo('basemap-countries.geojson')) as FeatureCollection;
    const china = countries.features.find((f) => f.properties?.name === 'China');
    expect(china).toBeDefined();
    // The demo region lies on Natural Earth's land.
    const seat = byCode.get('632701')!.properties.seat;
    expect(turf.booleanPointInPolygon(seat, china as Feature<Polygon | MultiPolygon>)).toBe(true);
  });

  it('records a decisive GCJ-02 finding for the county source', () => {
    const e = JSON.parse(geo('yushu-crs-check.json')) as {
      decision: string;
      interpretations: Record<'asWgs84' | 'asGcj02', { fit: { eastM: number; northM: number } }>;
    };
    expect(e.decision).toBe('GCJ02');
    const mag = (f: { eastM: number; northM: number }) => Math.hypot(f.eastM, f.northM);
    expect(mag(e.interpretations.asGcj02.fit) * 2).toBeLessThan(mag(e.interpretations.asWgs84.fit));
  });
});
