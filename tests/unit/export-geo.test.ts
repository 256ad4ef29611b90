import { area as turfArea } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { readGeoJson } from '../../src/io/boundaries-geojson';
import { readKml } from '../../src/io/boundaries-kml';
import { geoJsonExport, kmlExport, xmlText } from '../../src/io/export-geo';
import type { ExportMeta } from '../../src/io/export-meta';
import { importBoundaries } from '../../src/io/import-boundaries';
import { demoRun } from './export-demo';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Polygons of a geometry as a list of rings lists (a GeometryCollection's too). */
function polygons(g: Geometry): number[][][][] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygons);
  throw new Error(`not polygonal: ${g.type}`);
}

/** Same polygons, rings and vertices within `tol` degrees (1e-7 ≈ 1 cm: the export's rounding). */
function expectSameShape(a: Geometry, b: Geometry, tol = 1e-7): void {
  const pa = polygons(a);
  const pb = polygons(b);
  expect(pb.length).toBe(pa.length);
  pa.forEach((poly, i) => {
    expect(pb[i].length).toBe(poly.length);
    poly.forEach((ring, j) => {
      expect(pb[i][j].length).toBe(ring.length);
      ring.forEach(([x, y], k) => {
        expect(Math.abs(pb[i][j][k][0] - x)).toBeLessThan(tol);
        expect(Math.abs(pb[i][j][k][1] - y)).toBeLessThan(tol);
      });
    });
  });
}

async function meta(): Promise<ExportMeta> {
  const run = await demoRun();
  return {
    title: 'test',
    generated: run.report.generated,
    rules: run.compliance.rules,
    lang: 'en',
    synthetic: run.report.inputs.synthetic,
  };
}

describe('synthetic data and time in the GeoJSON and KML headers', () => {
  const square: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [97, 33],
        [97.01, 33],
        [97.01, 33.01],
        [97, 33.01],
        [97, 33],
      ],
    ],
  };
  const fc: FeatureCollection<Polygon, { code: string; name: string }> = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: square, properties: { code: '1', name: 'a' } }],
  };
  const opts = { styles: [], name: () => 'a', style: () => 's' };
  const base = async (synthetic: boolean, lang: 'zh-CN' | 'en'): Promise<ExportMeta> => ({
    ...(await meta()),
    title: lang === 'zh-CN' ? 'NR 覆盖空洞' : 'NR gaps',
    generated: '2026-12-08T07:31:05.000+08:00',
    synthetic,
    lang,
  });

  it('the demo (synthetic stations) says so in GeoJSON properties and the KML document', async () => {
    expect((await meta()).synthetic).toBe(true);
    const gj = JSON.parse(geoJsonExport(fc, await base(true, 'zh-CN'))).properties;
    expect(gj.synthetic).toBe(true);
    expect(gj.warning).toContain('含合成数据');
    expect(gj.title).toBe('NR 覆盖空洞（含合成数据）');
    expect(gj.generated).toBe('2026-12-08T07:31:05.000+08:00');
    const kml = kmlExport(fc, await base(true, 'zh-CN'), opts);
    expect(kml).toContain('<name>NR 覆盖空洞（含合成数据）</name>');
    expect(kml).toMatch(
      /<description>含合成数据：[^<]*2026-12-08 07:31（UTC\+08:00）<\/description>/,
    );
    expect(kml).toContain('<Data name="synthetic"><value>true</value></Data>');
    const en = kmlExport(fc, await base(true, 'en'), opts);
    expect(en).toContain('<name>NR gaps (contains synthetic data)</name>');
    expect(en).toContain('2026-12-08 07:31 (UTC+08:00)');
  });

  it('real inputs carry synthetic: false and no warning', async () => {
    const gj = JSON.parse(geoJsonExport(fc, await base(false, 'zh-CN'))).properties;
    expect(gj.synthetic).toBe(false);
    expect(gj.warning).toBeUndefined();
    expect(gj.title).toBe('NR 覆盖空洞');
    const kml = kmlExport(fc, await base(false, 'zh-CN'), opts);
    expect(kml).not.toContain('合成');
    expect(kml).toContain('<Data name="synthetic"><value>false</value></Data>');
  });
});

describe('gaps and county-town zones as GeoJSON', () => {
  it('gaps re-import with the same shapes and properties, rules on top', async () => {
    const run = await demoRun();
    expect(run.gaps.length).toBeGreaterThan(5);
    const text = geoJsonExport({ type: 'FeatureCollection', features: run.gaps }, await meta());
    const parsed = JSON.parse(text);
    expect(parsed.properties.target_per_10k).toBe(38);
    expect(parsed.properties.continuity_max_gap_km2).toBe(0.25);
    expect(parsed.properties.rules).toContain('95%');
    const layer = readGeoJson(parsed, 'gaps.geojson');
    expect(layer.features).toHaveLength(run.gaps.length);
    layer.features.forEach((f, i) => {
      const g = run.gaps[i];
      expectSameShape(g.geometry, f.geometry as Geometry);
      expect(f.properties.id).toBe(g.properties.id);
      expect(f.properties.population).toBe(g.properties.population);
      expect(f.properties.areaKm2).toBe(g.properties.areaKm2);
      // Geodesic area of the outline = the gap's cells (equal-area grid), within 1%.
      const km2 = turfArea(f.geometry as MultiPolygon) / 1e6;
      expect(Math.abs(km2 - g.properties.areaKm2) / g.properties.areaKm2).toBeLessThan(0.01);
    });
  });

  it('zones re-import through the boundary importer as the same areas', async () => {
    const run = await demoRun();
    expect(run.townZones.length).toBe(6);
    const text = geoJsonExport(
      { type: 'FeatureCollection', features: run.townZones },
      await meta(),
    );
    const r = await importBoundaries(new Blob([text]), 'zones.geojson');
    expect(r.rejected).toEqual([]);
    expect(r.areas.map((a) => [a.code, a.name])).toEqual(
      run.townZones.map((z) => [z.properties.code, z.properties.name]),
    );
    r.areas.forEach((a, i) => {
      const z = run.townZones[i];
      // The importer rewinds rings to RFC 7946 order and snaps vertices (~0.2 m): the
      // same vertices within 1 m, in whatever order.
      const verts = (g: Geometry) =>
        polygons(g)
          .flat(2)
          .slice()
          .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      const va = verts(a.geometry);
      const vz = verts(z.geometry);
      expect(va.length).toBe(vz.length);
      va.forEach((p, k) => {
        expect(Math.abs(p[0] - vz[k][0])).toBeLessThan(1e-5);
        expect(Math.abs(p[1] - vz[k][1])).toBeLessThan(1e-5);
      });
      const km2 = turfArea(z.geometry) / 1e6;
      expect(Math.abs(a.areaKm2 - km2) / km2).toBeLessThan(1e-4);
    });
  });
});

describe('gaps and county-town zones as KML', () => {
  it('zones re-import with the same shapes, names, verdicts and styles', async () => {
    const run = await demoRun();
    const fc = { type: 'FeatureCollection' as const, features: run.townZones };
    const kml = kmlExport(fc, await meta(), {
      styles: [
        { id: 'pass', line: '#00ff00', fill: '#00ff00', fillOpacity: 0.25 },
        { id: 'fail', line: '#ff0000', fill: '#ff0000', fillOpacity: 0.25 },
      ],
      name: (p) => p.name,
      style: (p) => (p.continuous ? 'pass' : 'fail'),
    });
    expect(kml).toContain('<kml xmlns="http://www.opengis.net/kml/2.2">');
    // KML colours are aabbggrr: red at 25% opacity.
    expect(kml).toContain('<PolyStyle><color>400000ff</color></PolyStyle>');
    expect(kml).toContain('<Data name="continuity_min_area_pct"><value>95</value></Data>');
    const layer = readKml(bytes(kml), 'zones.kml');
    expect(layer.features).toHaveLength(fc.features.length);
    layer.features.forEach((f, i) => {
      const z = run.townZones[i];
      expect(f.properties.name).toBe(z.properties.name);
      expect(f.properties.code).toBe(z.properties.code);
      expect(f.properties.continuous).toBe(String(z.properties.continuous));
      expect(Number(f.properties.redcapAreaPct)).toBe(z.properties.redcapAreaPct);
      expect(f.properties.styleUrl).toBe(z.properties.continuous ? '#pass' : '#fail');
      expectSameShape(z.geometry, f.geometry as Geometry);
    });
    const r = await importBoundaries(new Blob([kml]), 'zones.kml');
    expect(r.areas.map((a) => a.code)).toEqual(run.townZones.map((z) => z.properties.code));
  });

  it('multi-part gaps come back as all their polygons (MultiGeometry)', async () => {
    const run = await demoRun();
    const fc = { type: 'FeatureCollection' as const, features: run.gaps };
    const kml = kmlExport(fc, await meta(), {
      styles: [{ id: 'gap', line: '#ff0000', fill: '#ff0000', fillOpacity: 0.5 }],
      name: (p) => `${p.areaName} #${p.rank}`,
      style: () => 'gap',
    });
    const layer = readKml(bytes(kml), 'gaps.kml');
    layer.features.forEach((f, i) => {
      expectSameShape(run.gaps[i].geometry, f.geometry as Geometry);
      expect(Number(f.properties.population)).toBe(run.gaps[i].properties.population);
    });
  });

  it('escapes names: markup, quotes, "]]>" and control characters cannot break the file', async () => {
    const nasty = `<b>&amp;"it's"]]></b>\u0001\u0008 乡`;
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [97, 33],
          [97.01, 33],
          [97.01, 33.01],
          [97, 33.01],
          [97, 33],
        ],
      ],
    };
    const fc: FeatureCollection<Polygon, { code: string; name: string }> = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: square,
          properties: { code: '632701', name: nasty },
        } as Feature<Polygon, { code: string; name: string }>,
      ],
    };
    const kml = kmlExport(
      fc,
      { ...(await meta()), title: nasty },
      {
        styles: [{ id: 's', line: '#000000', fill: '#000000', fillOpacity: 0 }],
        name: (p) => p.name,
        style: () => 's',
        description: (p) => p.name,
      },
    );
    expect(kml).not.toContain('<b>');
    expect(kml).not.toContain(']]>');
    const layer = readKml(bytes(kml), 'nasty.kml');
    const clean = `<b>&amp;"it's"]]></b> 乡`;
    expect(layer.features[0].properties.name).toBe(clean);
    expect(layer.features[0].properties.description).toBe(clean);
    expect(xmlText('a<b')).toBe('a&lt;b');
  });
});
