import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/core/scenario/apply';
import { importBoundaries } from '../../src/io/import-boundaries';
import { importStations } from '../../src/io/import-stations';
import { ImportError, type ImportIssue } from '../../src/io/issues';
import { parseScenario, ScenarioFileError } from '../../src/io/scenario-file';
import { dbfOf, placemark, shpOf, zipOf } from './hostile-builders';

/*
 * Property tests over what a hostile file can hold: any JSON value in any place of a
 * GeoJSON, TopoJSON or scenario, any bytes flipped in a Shapefile, any text in a station
 * table. The importers must finish with a load or an ImportError/ScenarioFileError whose
 * message is a reason, never an exception of their own, and never load a non-positive area.
 */

const INTERNALS =
  /Maximum call stack|RangeError|TypeError|Cannot read propert|\[object Object\]|\bundefined\b/;

const sq = (x: number, y: number, d = 0.05): number[][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

/** Replace the value at a random path of `doc` by `value`. */
function plant(doc: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return value;
  const keys = Object.keys(doc);
  if (keys.length === 0) return value;
  const key = keys[path[0] % keys.length];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(doc)
    ? [...doc]
    : { ...(doc as Record<string, unknown>) };
  (copy as Record<string, unknown>)[key] = plant(
    (doc as Record<string, unknown>)[key],
    path.slice(1),
    value,
  );
  return copy;
}

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, 1e308, -1e308, 'NaN', '', '__proto__', [[[]]], [1], { type: 'Polygon' }),
  fc.integer({ min: 1, max: 2000 }).map((n) => JSON.parse(`${'['.repeat(n)}0${']'.repeat(n)}`)),
);
const plantings = fc.array(
  fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), hostileValue),
  { minLength: 1, maxLength: 4 },
);

function expectReasons(issues: readonly ImportIssue[]): void {
  for (const i of issues) expect(i.message, i.code).not.toMatch(INTERNALS);
}

async function settle<T>(p: Promise<T>): Promise<T | ImportError> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ImportError) {
      expect(e.message).not.toMatch(INTERNALS);
      return e;
    }
    throw e;
  }
}

const geojson = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '450802', name: '甲', pop: 1000, center: [109.02, 23.02] },
      geometry: { type: 'Polygon', coordinates: [sq(109, 23, 0.2), sq(109.05, 23.05)] },
    },
    {
      type: 'Feature',
      properties: { code: '450803', name: '乙' },
      geometry: { type: 'MultiPolygon', coordinates: [[sq(110, 23)], [sq(110.2, 23)]] },
    },
    {
      type: 'Feature',
      properties: { code: '450804', name: '丙' },
      geometry: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', coordinates: [sq(111, 23)] },
          { type: 'Point', coordinates: [1, 2] },
        ],
      },
    },
  ],
};

const topojson = {
  type: 'Topology',
  transform: { scale: [0.001, 0.001], translate: [109, 23] },
  arcs: [
    [
      [0, 0],
      [50, 0],
      [0, 50],
      [-50, 0],
      [0, -50],
    ],
    [
      [100, 0],
      [50, 0],
      [0, 50],
      [-50, 0],
      [0, -50],
    ],
  ],
  objects: {
    c: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', arcs: [[0]], properties: { code: '450802', name: 'a' } },
        { type: 'MultiPolygon', arcs: [[[1]]], properties: { code: '450803', name: 'b' } },
        { type: 'Polygon', arcs: [[~0]], properties: { code: '450804', name: 'c' } },
      ],
    },
  },
};

describe('any JSON value anywhere', () => {
  for (const [name, doc] of [
    ['f.geojson', geojson],
    ['f.topojson', topojson],
  ] as const) {
    it(`${name}: a load with reasons, or an ImportError`, { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(plantings, async (ps) => {
          let d: unknown = doc;
          for (const [path, value] of ps) d = plant(d, path, value);
          const r = await settle(importBoundaries(new Blob([JSON.stringify(d) ?? 'null']), name));
          if (r instanceof ImportError) return;
          expectReasons([...r.rejected, ...r.warnings]);
          for (const a of r.areas) expect(a.areaKm2).toBeGreaterThan(0);
        }),
        { numRuns: 150, seed: 11 },
      );
    });
  }

  it('scenario: parsed and applied, or a ScenarioFileError with JSON paths', () => {
    const scenario = {
      schema: 'sailplan.scenario/1',
      name: 'x',
      params: { cellSizeM: 100 },
      edits: [
        {
          op: 'add',
          station: {
            id: 'A',
            site_id: 'S',
            lon: 97.1,
            lat: 33.1,
            band: 'n41',
            azimuth: [0, 120],
            radius_m: 500,
            status: 'planned',
          },
        },
        { op: 'update', id: 'S', set: { lon: 97.2, azimuth: 30, height_m: 30 } },
        { op: 'remove', id: 'S' },
      ],
    };
    fc.assert(
      fc.property(plantings, (ps) => {
        let d: unknown = scenario;
        for (const [path, value] of ps) d = plant(d, path, value);
        try {
          applyEdits([], parseScenario(JSON.stringify(d) ?? 'null').edits);
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioFileError);
          for (const p of (e as ScenarioFileError).problems) expect(p.path).toMatch(/^\$/);
          expect((e as Error).message).not.toMatch(/Maximum call stack|Cannot read propert/);
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe('any bytes flipped in a zipped Shapefile', () => {
  const shp = shpOf([[sq(109, 23).reverse()], [sq(109.5, 23).reverse(), sq(109.51, 23.01, 0.01)]]);
  const dbf = dbfOf([
    ['450802', 'a'],
    ['450803', 'b'],
  ]);
  const flips = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 }), fc.boolean()), {
    minLength: 1,
    maxLength: 8,
  });

  it('finishes with a load or an ImportError, never a hang', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(flips, fc.boolean(), async (fs, cut) => {
        const s = shp.slice();
        const d = dbf.slice();
        for (const [at, byte, inDbf] of fs) {
          // Headers are where a reader is misled; flip there most of the time.
          const target = inDbf ? d : s;
          target[at % (at % 3 === 0 ? target.length : Math.min(target.length, 120))] = byte;
        }
        const parts = [
          { name: 'c.shp', data: cut ? s.subarray(0, s.length - 30) : s },
          { name: 'c.dbf', data: d },
        ];
        const t0 = performance.now();
        const r = await settle(
          importBoundaries(new Blob([zipOf(parts) as Uint8Array<ArrayBuffer>]), 'c.zip'),
        );
        expect(performance.now() - t0).toBeLessThan(5000);
        if (!(r instanceof ImportError)) {
          expectReasons([...r.rejected, ...r.warnings]);
          for (const a of r.areas) expect(a.areaKm2).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});

describe('any text in a station table or a KML', () => {
  const header = 'id,site_id,name,lon,lat,tech,band,redcap,azimuth,beamwidth,height_m,radius_m';
  it('station CSV: rows load or are rejected with a reason', { timeout: 120_000 }, async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('NaN', '1e309', '-0', '=1+1', '"', '\r', '９７', '121°E', '1e9', '-30'),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 14 }).map((r) => r.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        const text = [header, '97.0,33.0', ...rows].join('\n');
        const r = await settle(importStations(new Blob([text]), 's.csv', { chunkBytes: 64 }));
        if (r instanceof ImportError) return;
        expectReasons([...r.rejected, ...r.warnings]);
        expect(r.rejected.some((i) => i.code === 'row-error')).toBe(false);
        expect(r.cells.length + r.rejected.length).toBe(r.rowCount);
        for (const c of r.cells) if (c.radiusM !== null) expect(c.radiusM).toBeLessThanOrEqual(1e5);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('KML with markup spliced in: a load or an ImportError', { timeout: 120_000 }, async () => {
    const base = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>${placemark('450802', 109)}${placemark('450803', 110)}</Folder></Document></kml>`;
    const bit = fc.constantFrom(
      '<',
      '>',
      '&',
      '&#0;',
      '<![CDATA[',
      ']]>',
      '<!--',
      '</Polygon>',
      '<MultiGeometry>',
      '<!DOCTYPE x [<!ENTITY e "e">]>',
      'NaN',
      '1e309',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), bit, fc.nat({ max: 10 })), { minLength: 1, maxLength: 5 }),
        async (edits) => {
          let t = base;
          for (const [at, b, cut] of edits) {
            const i = at % t.length;
            t = t.slice(0, i) + b + t.slice(i + cut);
          }
          const r = await settle(importBoundaries(new Blob([t]), 'f.kml'));
          if (!(r instanceof ImportError)) expectReasons([...r.rejected, ...r.warnings]);
        },
      ),
      { numRuns: 200, seed: 15 },
    );
  });
});
