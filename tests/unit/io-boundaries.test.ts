import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { area as turfArea } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { lngLat, toWgs84 } from '../../src/core/crs';
import { importBoundaries } from '../../src/io/import-boundaries';
import { ImportCancelled, ImportError } from '../../src/io/issues';

const FIXTURES = fileURLToPath(new URL('../fixtures/boundaries/', import.meta.url));
const fixture = (name: string): Blob => new Blob([readFileSync(FIXTURES + name)]);
const json = (v: unknown): Blob => new Blob([JSON.stringify(v)]);

const square = (x0: number, y0: number, x1: number, y1: number): number[][][] => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];

const counties = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { adcode: 450802, name: '港北区', center: [109.57, 23.11], pop2020: '800,000' },
      geometry: { type: 'Polygon', coordinates: square(109.5, 23.0, 109.6, 23.1) },
    },
    {
      type: 'Feature',
      properties: { adcode: 450803, name: '港南区', center: [109.6, 23.07], pop2020: 600000 },
      geometry: { type: 'Polygon', coordinates: square(109.6, 23.0, 109.7, 23.1) },
    },
  ],
};

describe('GeoJSON', () => {
  it('reads counties with detected code, name, population and seat fields', async () => {
    const r = await importBoundaries(json(counties), 'counties.geojson');
    expect(r.format).toBe('geojson');
    expect(r.fields).toEqual({
      code: 'adcode',
      name: 'name',
      pop: 'pop2020',
      all: ['adcode', 'name', 'center', 'pop2020'],
    });
    expect(r.level).toBe('county');
    expect(r.crs).toBe('WGS84');
    expect(r.crsSource).toBe('default');
    expect(r.rejected).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.areas.map((a) => [a.code, a.name, a.level, a.parent, a.kind])).toEqual([
      ['450802', '港北区', 'county', null, null],
      ['450803', '港南区', 'county', null, null],
    ]);
    const a = r.areas[0];
    expect(a.population).toEqual({
      total: 800000,
      urban: null,
      rural: null,
      source: 'counties.geojson (pop2020)',
    });
    expect(a.seat).toEqual([109.57, 23.11]);
    // 0.1° × 0.1° at 23° N ≈ 11.13 km × 10.25 km.
    expect(a.areaKm2).toBeCloseTo(turfArea(a.geometry) / 1e6, 9);
    expect(a.areaKm2).toBeGreaterThan(113);
    expect(a.areaKm2).toBeLessThan(115);
  });

  it('converts GCJ-02 geometry and seats to WGS-84 when told the CRS', async () => {
    const r = await importBoundaries(json(counties), 'counties.geojson', { crs: 'GCJ02' });
    expect(r.crs).toBe('GCJ02');
    expect(r.crsSource).toBe('option');
    const seat = r.areas[0].seat;
    const expected = toWgs84(lngLat(109.57, 23.11, 'GCJ02'), 'GCJ02');
    expect(seat?.[0]).toBeCloseTo(expected[0], 9);
    expect(seat?.[1]).toBeCloseTo(expected[1], 9);
    // GCJ-02 is ahead of WGS-84 in southern China: converted points move west/south.
    const p = r.areas[0].geometry.coordinates[0][0] as number[];
    expect(p[0]).toBeLessThan(109.5);
    expect(p[0]).toBeGreaterThan(109.49);
  });

  it('reads township codes: 12 digits cut to 9, county from the first 6, kind from the name', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        ['450802001000', '贵城街道'],
        ['450802101000', '石卡镇'],
        ['450802201000', '奇石乡'],
        ['450802202000', '瑶族民族乡'],
        ['450802400000', '某农场'],
      ].map(([code, Name], i) => ({
        type: 'Feature',
        properties: { code, Name },
        geometry: {
          type: 'Polygon',
          coordinates: square(109 + i * 0.01, 23, 109.01 + i * 0.01, 23.01),
        },
      })),
    };
    const r = await importBoundaries(json(fc), 't.json');
    expect(r.level).toBe('township');
    expect(r.areas.map((a) => [a.code, a.parent, a.kind])).toEqual([
      ['450802001', '450802', 'subdistrict'],
      ['450802101', '450802', 'town'],
      ['450802201', '450802', 'township'],
      ['450802202', '450802', 'township'],
      ['450802400', '450802', 'other'],
    ]);
  });

  it('honours the GeoJSON 2008 crs member and field overrides', async () => {
    const fc = {
      ...counties,
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
    };
    const r = await importBoundaries(json(fc), 'c.geojson', {
      nameField: 'adcode',
      popField: 'pop2020',
    });
    expect(r.crs).toBe('CGCS2000');
    expect(r.crsSource).toBe('file');
    expect(r.areas[0].name).toBe('450802');
  });

  it('reads a single Feature and a bare geometry', async () => {
    const r = await importBoundaries(json(counties.features[1]), 'one.geojson');
    expect(r.areas.map((a) => a.code)).toEqual(['450803']);
    const bare = await importBoundaries(json(counties.features[1].geometry), 'bare.geojson');
    expect(bare.areas).toEqual([]);
    expect(bare.rejected.map((i) => i.code)).toEqual(['no-code-field']);
  });

  it('warns that a DataV GeoAtlas export read as WGS-84 is probably GCJ-02', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: counties.features.map((f) => ({
        ...f,
        properties: { ...f.properties, childrenNum: 0, acroutes: [100000, 450000] },
      })),
    };
    const r = await importBoundaries(json(fc), 'datav.json');
    expect(r.warnings.map((w) => w.code)).toContain('crs-maybe-gcj02');
    const told = await importBoundaries(json(fc), 'datav.json', { crs: 'GCJ02' });
    expect(told.warnings.map((w) => w.code)).not.toContain('crs-maybe-gcj02');
  });

  it('reports progress and honours an abort signal', async () => {
    const seen: number[] = [];
    await importBoundaries(json(counties), 'c.geojson', {
      onProgress: (p) => seen.push(p.fraction),
    });
    expect(seen[seen.length - 1]).toBe(1);
    const ctl = new AbortController();
    ctl.abort();
    await expect(
      importBoundaries(json(counties), 'c.geojson', { signal: ctl.signal }),
    ).rejects.toBeInstanceOf(ImportCancelled);
  });
});

describe('TopoJSON', () => {
  // Two squares sharing the edge x = 109.6, quantized and delta-encoded, plus a point layer
  // listed first: the importer must pick the polygon layer.
  const topology = {
    type: 'Topology',
    transform: { scale: [0.001, 0.001], translate: [109.5, 23.0] },
    objects: {
      labels: {
        type: 'GeometryCollection',
        geometries: [{ type: 'Point', coordinates: [50, 50] }],
      },
      counties: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', arcs: [[0, 1]], properties: { code: '450802', name: '港北区' } },
          { type: 'Polygon', arcs: [[2, -1]], properties: { code: '450803', name: '港南区' } },
        ],
      },
    },
    arcs: [
      [
        [100, 0],
        [0, 100],
      ],
      [
        [100, 100],
        [-100, 0],
        [0, -100],
        [100, 0],
      ],
      [
        [100, 0],
        [100, 0],
        [0, 100],
        [-100, 0],
      ],
    ],
  };

  it('decodes the first object holding polygons', async () => {
    const r = await importBoundaries(json(topology), 'gg.topojson');
    expect(r.format).toBe('topojson');
    expect(r.layer).toBe('counties');
    expect(r.layers).toEqual(['labels', 'counties']);
    // A point-only object is no candidate, so nothing was left out.
    expect(r.warnings).toEqual([]);
    expect(r.rejected).toEqual([]);
    expect(r.areas.map((a) => a.code)).toEqual(['450802', '450803']);
    const ring = r.areas[1].geometry.coordinates[0] as number[][];
    const xs = ring.map((p) => p[0]);
    expect(Math.min(...xs)).toBeCloseTo(109.6, 9);
    expect(Math.max(...xs)).toBeCloseTo(109.7, 9);
    // Both squares have the same size.
    expect(r.areas[0].areaKm2).toBeCloseTo(r.areas[1].areaKm2, 6);
  });

  it('reads a named object and reports other polygon objects left out', async () => {
    const two = { ...topology, objects: { ...topology.objects, again: topology.objects.counties } };
    const r = await importBoundaries(json(two), 'gg.topojson');
    expect(r.layer).toBe('counties');
    expect(r.warnings).toMatchObject([
      { code: 'other-layers-ignored', params: { ignored: 'again' } },
    ]);
    const named = await importBoundaries(json(two), 'gg.topojson', { layer: 'again' });
    expect(named.layer).toBe('again');
    expect(named.warnings).toEqual([]);
    await expect(
      importBoundaries(json(topology), 'gg.topojson', { layer: 'nope' }),
    ).rejects.toMatchObject({
      code: 'layer-not-found',
    });
  });
});

describe('KML', () => {
  it('reads a GBK-encoded KML with ExtendedData codes and a MultiGeometry', async () => {
    const r = await importBoundaries(fixture('gbk.kml'), 'gbk.kml');
    expect(r.format).toBe('kml');
    expect(r.encoding).toBe('gbk');
    expect(r.fields.code).toBe('adcode');
    expect(r.fields.name).toBe('name');
    expect(r.rejected).toEqual([]);
    expect(r.areas.map((a) => [a.code, a.name, a.geometry.type])).toEqual([
      ['450802', '港北区', 'Polygon'],
      ['450803', '港南区', 'MultiPolygon'],
    ]);
  });

  it('reads a KMZ (zipped doc.kml)', async () => {
    const r = await importBoundaries(fixture('counties.kmz'), 'counties.kmz');
    expect(r.format).toBe('kmz');
    expect(r.areas.map((a) => a.name)).toEqual(['港北区', '港南区']);
  });

  it('reads UTF-8 KML text and rejects a Point placemark alone', async () => {
    const text = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>港北区</name><ExtendedData><Data name="code"><value>450802</value></Data></ExtendedData>
      <Polygon><outerBoundaryIs><LinearRing><coordinates>109.5,23 109.6,23 109.6,23.1 109.5,23</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
      <Placemark><name>标注</name><ExtendedData><Data name="code"><value>450803</value></Data></ExtendedData><Point><coordinates>109.55,23.05</coordinates></Point></Placemark>
    </Document></kml>`;
    const r = await importBoundaries(new Blob([text]), 'a.kml');
    expect(r.areas.map((a) => a.code)).toEqual(['450802']);
    expect(r.rejected).toMatchObject([
      { feature: 2, field: 'geometry', code: 'not-polygon', value: '450803' },
    ]);
  });
});

describe('zipped Shapefile', () => {
  it('detects GBK attributes (and a GBK field name) without a .cpg; reads the CGCS2000 .prj', async () => {
    const r = await importBoundaries(fixture('gbk-nocpg.zip'), 'gbk-nocpg.zip');
    expect(r.format).toBe('shapefile');
    expect(r.encoding).toBe('gbk');
    expect(r.crs).toBe('CGCS2000');
    expect(r.crsSource).toBe('file');
    expect(r.fields).toMatchObject({ code: 'XZQDM', name: '名称', pop: 'POP' });
    expect(r.level).toBe('township');
    expect(r.warnings).toEqual([]);
    expect(r.areas.map((a) => [a.code, a.name, a.kind, a.parent, a.population?.total])).toEqual([
      ['450802001', '贵城街道', 'subdistrict', '450802', 123456],
      ['450802101', '石卡镇', 'town', '450802', 45678],
    ]);
    const ring = r.areas[0].geometry.coordinates[0] as number[][];
    expect(ring[0][0]).toBeCloseTo(109.6, 9);
    expect(ring[0][1]).toBeCloseTo(23.1, 9);
  });

  it('decodes a .cpg of "ANSI 936" as GBK', async () => {
    const r = await importBoundaries(fixture('gbk-cpg936.zip'), 'gbk-cpg936.zip');
    expect(r.encoding).toBe('gbk');
    expect(r.crsSource).toBe('default');
    expect(r.areas.map((a) => a.name)).toEqual(['贵城街道', '石卡镇']);
  });

  it('reads UTF-8 attributes named by the .cpg', async () => {
    const r = await importBoundaries(fixture('utf8-cpg.zip'), 'utf8-cpg.zip');
    expect(r.encoding).toBe('utf-8');
    expect(r.crs).toBe('WGS84');
    expect(r.fields).toMatchObject({ code: 'code', name: 'name', pop: 'pop2020' });
    expect(r.areas.map((a) => [a.code, a.name, a.population?.total])).toEqual([
      ['450802', '港北区', 800000],
      ['450803', '港南区', 600000],
    ]);
  });

  it('reprojects Gauss–Krüger metres through the .prj to within a millimetre', async () => {
    // make.py projected the square 114.0–114.1 E × 30.5–30.6 N with its own TM formulas.
    const r = await importBoundaries(fixture('projected-gk.zip'), 'projected-gk.zip');
    expect(r.rejected).toEqual([]);
    expect(r.crs).toBe('CGCS2000');
    const ring = r.areas[0].geometry.coordinates[0] as number[][];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const mm = 1e-8; // degrees ≈ 1 mm
    expect(Math.abs(Math.min(...xs) - 114.0)).toBeLessThan(mm);
    expect(Math.abs(Math.max(...xs) - 114.1)).toBeLessThan(mm);
    expect(Math.abs(Math.min(...ys) - 30.5)).toBeLessThan(mm);
    expect(Math.abs(Math.max(...ys) - 30.6)).toBeLessThan(mm);
  });

  it('refuses a .prj whose projection cannot be converted, naming it', async () => {
    const err = await importBoundaries(fixture('projected-bogus.zip'), 'projected-bogus.zip').catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({
      code: 'unsupported-projection',
      params: { projection: 'Bogus_Local_Grid' },
    });
  });

  it('reads the first of several layers, or the one asked for', async () => {
    const r = await importBoundaries(fixture('two-layers.zip'), 'two-layers.zip');
    expect(r.layers).toEqual(['counties', 'townships']);
    expect(r.layer).toBe('counties');
    expect(r.warnings.map((w) => w.code)).toEqual(['other-layers-ignored']);
    const t = await importBoundaries(fixture('two-layers.zip'), 'two-layers.zip', {
      layer: 'townships',
    });
    expect(t.level).toBe('township');
    expect(t.areas.map((a) => a.name)).toEqual(['贵城街道', '石卡镇']);
  });

  it('sniffs the content, not the extension', async () => {
    const r = await importBoundaries(fixture('utf8-cpg.zip'), 'boundaries.dat');
    expect(r.format).toBe('shapefile');
    const g = await importBoundaries(json(counties), 'counties.zip.txt');
    expect(g.format).toBe('geojson');
  });
});
