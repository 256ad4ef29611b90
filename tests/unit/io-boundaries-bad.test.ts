import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importBoundaries } from '../../src/io/import-boundaries';
import { ImportError, type ImportIssue } from '../../src/io/issues';

const FIXTURES = fileURLToPath(new URL('../fixtures/boundaries/', import.meta.url));
const json = (v: unknown): Blob => new Blob([JSON.stringify(v)]);

async function fileError(blob: Blob, name: string): Promise<ImportError> {
  const e: unknown = await importBoundaries(blob, name).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
}

const ring = (...pts: number[][]): number[][] => pts;
const sq = (x: number, y: number, d = 0.05): number[][] =>
  ring([x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]);
const poly = (...rings: number[][][]): unknown => ({ type: 'Polygon', coordinates: rings });
const feat = (code: unknown, name: string, geometry: unknown): unknown => ({
  type: 'Feature',
  properties: { code, name },
  geometry,
});

describe('files that cannot be read at all', () => {
  it('empty file', async () => {
    expect(await fileError(new Blob([]), 'a.geojson')).toMatchObject({
      code: 'empty-file',
      file: 'a.geojson',
    });
    expect(await fileError(new Blob(['  \n ']), 'a.geojson')).toMatchObject({ code: 'empty-file' });
  });

  it('binary garbage', async () => {
    const bytes = new Uint8Array(512);
    let s = 7;
    for (let i = 0; i < bytes.length; i++) bytes[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
    expect(await fileError(new Blob([bytes]), 'garbage.geojson')).toMatchObject({
      code: 'unknown-format',
    });
  });

  it('truncated JSON says so', async () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [feat('450802', 'x', poly(sq(109, 23)))],
    });
    const e = await fileError(new Blob([text.slice(0, text.length - 20)]), 'cut.geojson');
    expect(e.code).toBe('invalid-json');
    expect(e.message).toMatch(/truncated/);
  });

  it('truncated zip', async () => {
    const zip = readFileSync(FIXTURES + 'gbk-nocpg.zip');
    const e = await fileError(new Blob([zip.subarray(0, Math.floor(zip.length / 2))]), 'cut.zip');
    expect(e.code).toBe('invalid-zip');
    expect(e.message).toMatch(/truncated/);
  });

  it('a .zip that is not a zip, and a bare .shp', async () => {
    expect(await fileError(new Blob(['hello']), 'x.zip')).toMatchObject({ code: 'invalid-zip' });
    const shp = new Uint8Array(100);
    new DataView(shp.buffer).setInt32(0, 9994);
    expect(await fileError(new Blob([shp]), 'x.shp')).toMatchObject({
      code: 'shapefile-not-zipped',
    });
  });

  it('a zip without a Shapefile', async () => {
    // Stored zip with one file "a.txt" ("hi"), written by hand: local header, central
    // directory, end record.
    const name = new TextEncoder().encode('a.txt');
    const data = new TextEncoder().encode('hi');
    const local = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const cen = new Uint8Array(46 + name.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, 0, true);
    cen.set(name, 46);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, 1, true);
    ev.setUint16(10, 1, true);
    ev.setUint32(12, cen.length, true);
    ev.setUint32(16, local.length, true);
    const e = await fileError(new Blob([local, cen, end]), 'notes.zip');
    expect(e).toMatchObject({ code: 'zip-no-shapefile' });
    expect(e.message).toContain('a.txt');
  });

  it('JSON that is not GeoJSON, broken TopoJSON, broken and foreign XML', async () => {
    expect(await fileError(json({ hello: 1 }), 'x.json')).toMatchObject({ code: 'not-geojson' });
    const topo = { type: 'Topology', objects: { a: { type: 'Polygon', arcs: [[5]] } }, arcs: [] };
    expect(await fileError(json(topo), 'x.topojson')).toMatchObject({ code: 'invalid-topojson' });
    const kml =
      '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>';
    expect(await fileError(new Blob([kml]), 'x.kml')).toMatchObject({ code: 'invalid-xml' });
    expect(await fileError(new Blob(['<gpx></gpx>']), 'x.kml')).toMatchObject({ code: 'not-kml' });
  });

  it('a FeatureCollection without features', async () => {
    const e = await fileError(json({ type: 'FeatureCollection', features: [] }), 'none.geojson');
    expect(e).toMatchObject({ code: 'no-features' });
  });

  it('a projected CRS declared in GeoJSON', async () => {
    const fc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
      features: [],
    };
    expect(await fileError(json(fc), 'merc.geojson')).toMatchObject({ code: 'unsupported-crs' });
  });

  it('an override naming a field that does not exist', async () => {
    const fc = { type: 'FeatureCollection', features: [feat('450802', 'a', poly(sq(109, 23)))] };
    const e = await importBoundaries(json(fc), 'x.geojson', { codeField: 'adcode' }).catch(
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ code: 'field-not-found', params: { field: 'adcode' } });
  });
});

describe('bad features are rejected one by one; good ones load', () => {
  const features = [
    /* 1 */ feat('450802', '港北区', poly(sq(109.5, 23.0))),
    /* 2 unclosed ring */ feat(
      '450803',
      '港南区',
      poly(ring([109.6, 23], [109.65, 23], [109.65, 23.05], [109.6, 23.05])),
    ),
    /* 3 bow-tie */ feat(
      '450804',
      '覃塘区',
      poly(ring([109.7, 23], [109.8, 23.1], [109.8, 23], [109.7, 23.1], [109.7, 23])),
    ),
    /* 4 hole crossing the shell */ feat(
      '450821',
      '平南县',
      poly(
        sq(110.0, 23.0, 0.1),
        ring([110.05, 23.04], [110.15, 23.04], [110.15, 23.06], [110.05, 23.06], [110.05, 23.04]),
      ),
    ),
    /* 5 null geometry */ feat('450881', '桂平市', null),
    /* 6 empty coordinates */ feat('450822', '甲', { type: 'Polygon', coordinates: [] }),
    /* 7 projected metres */ feat(
      '450823',
      '乙',
      poly(ring([500000, 2540000], [510000, 2540000], [510000, 2550000], [500000, 2540000])),
    ),
    /* 8 duplicate of feature 1 */ feat('450802', '港北区（重复）', poly(sq(109.5, 23.2))),
    /* 9 a Point */ feat('450824', '丙', { type: 'Point', coordinates: [109.5, 23] }),
    /* 10 no code */ feat(null, '丁', poly(sq(109.5, 23.4))),
    /* 11 code not a number */ feat('abc', '戊', poly(sq(109.5, 23.5))),
    /* 12 two distinct points */ feat(
      '450825',
      '己',
      poly(ring([109, 23], [109.1, 23], [109, 23])),
    ),
    /* 13 zero-width spike */ feat(
      '450826',
      '庚',
      poly(
        ring(
          [111, 23],
          [111.1, 23],
          [111.1, 23.1],
          [111.05, 23.1],
          [111.05, 23.3],
          [111.05, 23.1],
          [111, 23.1],
          [111, 23],
        ),
      ),
    ),
    /* 14 repeated points */ feat(
      '450827',
      '辛',
      poly(
        ring(
          [112, 23],
          [112, 23],
          [112.1, 23],
          [112.1, 23.1],
          [112.1, 23.1],
          [112, 23.1],
          [112, 23],
        ),
      ),
    ),
    /* 15 latitude out of range */ feat(
      '450828',
      '壬',
      poly(ring([23, 109], [23.1, 109], [23.1, 109.1], [23, 109])),
    ),
    /* 16 a township code in a county file */ feat('450802101', '石卡镇', poly(sq(109.9, 23.9))),
    /* 17 unknown province prefix */ feat('990101', '癸', poly(sq(109.9, 23.8))),
  ];
  const fc = { type: 'FeatureCollection', features };
  const byFeature = (list: ImportIssue[], n: number): ImportIssue[] =>
    list.filter((i) => i.feature === n);

  it('keeps every good and repairable feature', async () => {
    const r = await importBoundaries(json(fc), 'corpus.geojson');
    expect(r.featureCount).toBe(17);
    expect(r.level).toBe('county');
    expect(r.areas.map((a) => a.code)).toEqual(['450802', '450803', '450804', '450826', '450827']);
    expect(r.rejected).toHaveLength(12);
    for (const i of r.rejected) {
      expect(i.file).toBe('corpus.geojson');
      expect(i.feature).toBeGreaterThan(0);
      expect(i.message.length).toBeGreaterThan(10);
    }
  });

  it('names feature, field and reason for each rejection', async () => {
    const r = await importBoundaries(json(fc), 'corpus.geojson');
    const expectations: [number, string, string, string | undefined][] = [
      [4, 'self-intersection', 'geometry', '450821'],
      [5, 'empty-geometry', 'geometry', '450881'],
      [6, 'empty-geometry', 'geometry', '450822'],
      [7, 'projected-coordinates', 'geometry', '450823'],
      [8, 'duplicate-code', 'code', '450802'],
      [9, 'not-polygon', 'geometry', '450824'],
      [10, 'missing-code', 'code', undefined],
      [11, 'invalid-code', 'code', 'abc'],
      [12, 'degenerate-geometry', 'geometry', '450825'],
      [15, 'coordinates-out-of-range', 'geometry', '450828'],
      [16, 'code-level-mismatch', 'code', '450802101'],
      [17, 'invalid-code', 'code', '990101'],
    ];
    for (const [n, code, field, value] of expectations) {
      const got = byFeature(r.rejected, n);
      expect(got, `feature ${n}`).toHaveLength(1);
      expect(got[0]).toMatchObject({ code, field, feature: n });
      expect(got[0].value).toBe(value);
    }
    const rej = (n: number): ImportIssue => byFeature(r.rejected, n)[0];
    expect(rej(4).message).toMatch(/hole crosses the outer boundary/);
    expect(rej(4).params).toMatchObject({ lon: 110.1, lat: 23.04 });
    expect(rej(7).message).toMatch(/looks like projected coordinates, not degrees/);
    expect(rej(8).params).toMatchObject({ firstFeature: 1 });
    expect(rej(8).message).toMatch(/feature 1/);
    expect(rej(9).message).toMatch(/Point/);
    expect(rej(15).message).toMatch(/swapped/);
    expect(rej(17).message).toMatch(/99/);
  });

  it('warns about repairs, naming the feature', async () => {
    const r = await importBoundaries(json(fc), 'corpus.geojson');
    expect(byFeature(r.warnings, 2).map((w) => w.code)).toEqual(['ring-closed']);
    const bow = byFeature(r.warnings, 3);
    expect(bow.map((w) => w.code)).toEqual(['self-intersection-repaired']);
    expect(bow[0].params).toMatchObject({ crossings: 1, lon: 109.75, lat: 23.05, parts: 2 });
    expect(byFeature(r.warnings, 13).map((w) => w.code)).toEqual(['spike-removed']);
    expect(byFeature(r.warnings, 14)).toEqual([]);

    const bowArea = r.areas.find((a) => a.code === '450804');
    expect(bowArea?.geometry.type).toBe('MultiPolygon');
    // Two triangles, each a quarter of the 0.1° square: half of ~114 km² (not 0, which is
    // what the shoelace formula gives for the unrepaired bow-tie).
    expect(bowArea?.areaKm2).toBeGreaterThan(55);
    expect(bowArea?.areaKm2).toBeLessThan(58);
    // The spike's base vertex (111.05, 23.1) stays: it is on the edge, not a reversal.
    const spiked = r.areas.find((a) => a.code === '450826');
    expect(spiked?.geometry.coordinates[0]).toHaveLength(6);
    expect(JSON.stringify(spiked?.geometry)).not.toContain('23.3');
    const repeated = r.areas.find((a) => a.code === '450827');
    expect(repeated?.geometry.coordinates[0]).toHaveLength(5);
  });

  it('loads the later duplicate when the first one was rejected', async () => {
    const two = {
      type: 'FeatureCollection',
      features: [feat('450802', 'a', null), feat('450802', 'b', poly(sq(109, 23)))],
    };
    const r = await importBoundaries(json(two), 'x.geojson');
    expect(r.areas.map((a) => a.name)).toEqual(['b']);
    expect(r.rejected.map((i) => i.code)).toEqual(['empty-geometry']);
  });

  it('treats __proto__ in properties as data it does not use', async () => {
    const text =
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"__proto__":{"polluted":1},"code":"450802","name":"a"},' +
      '"geometry":{"type":"Polygon","coordinates":[[[109,23],[109.1,23],[109.1,23.1],[109,23]]]}}]}';
    const r = await importBoundaries(new Blob([text]), 'proto.geojson');
    expect(r.fields.all).toEqual(['code', 'name']);
    expect(r.areas).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
