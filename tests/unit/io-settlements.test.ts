import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/universal';
import { encodeGbk } from '../../bench/gbk';
import { lngLat, toWgs84, type CrsId } from '../../src/core/crs';
import {
  SETTLEMENT_KINDS,
  kindOfCode,
  parseSettlementKind,
  settlementKindAliases,
  type Settlement,
} from '../../src/core/settlement';
import { haversineMetres } from '../../src/core/sites';
import { importSettlements, type SettlementImportResult } from '../../src/io/import-settlements';
import { ImportCancelled, ImportError, type ImportIssue } from '../../src/io/issues';
import { settlementField } from '../../src/io/settlement-columns';
import { parseCountText, settlementCode } from '../../src/io/settlement-rows';
import { settlementsCsv } from '../../src/io/settlements-csv';

const blob = (text: string | Uint8Array<ArrayBuffer>) => new Blob([text]);
const lines = (...rows: string[]) => rows.join('\n');

async function read(
  text: string | Uint8Array<ArrayBuffer>,
  file = 's.csv',
  opts: Parameters<typeof importSettlements>[2] = {},
): Promise<SettlementImportResult> {
  return importSettlements(blob(text), file, opts);
}

async function failure(run: Promise<unknown>): Promise<ImportError> {
  const e = await run.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
}

const codes = (issues: readonly ImportIssue[]) => issues.map((i) => i.code);

/** A zip of stored (uncompressed) entries, enough for a KMZ. */
function storedZip(entries: { name: string; data: Uint8Array }[]): Uint8Array<ArrayBuffer> {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Uint8Array) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint32(14, crc32(e.data), true);
    local.setUint32(18, e.data.length, true);
    local.setUint32(22, e.data.length, true);
    local.setUint16(26, name.length, true);
    const cen = new DataView(new ArrayBuffer(46));
    cen.setUint32(0, 0x02014b50, true);
    cen.setUint16(6, 20, true);
    cen.setUint32(16, crc32(e.data), true);
    cen.setUint32(20, e.data.length, true);
    cen.setUint32(24, e.data.length, true);
    cen.setUint16(28, name.length, true);
    cen.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, e.data);
    central.push(new Uint8Array(cen.buffer), name);
    offset += 30 + name.length + e.data.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, b) => s + b.length, 0));
  let p = 0;
  for (const b of all) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

describe('settlement kinds', () => {
  it('every documented alias maps to its kind, in Chinese and English', () => {
    for (const kind of SETTLEMENT_KINDS) {
      for (const alias of settlementKindAliases(kind))
        expect(parseSettlementKind(alias)).toBe(kind);
      // The canonical id itself, whatever its case and separators.
      expect(parseSettlementKind(kind.toUpperCase())).toBe(kind);
      expect(parseSettlementKind(` ${kind.replace('-', '_')} `)).toBe(kind);
    }
    const cases: [string, string][] = [
      ['乡镇驻地', 'township-seat'],
      ['乡镇政府驻地', 'township-seat'],
      ['镇区', 'township-seat'],
      ['行政村', 'admin-village'],
      ['村委会', 'admin-village'],
      ['社区', 'admin-village'],
      ['居委会', 'admin-village'],
      ['自然村', 'natural-village'],
      ['村民小组', 'natural-village'],
      ['屯', 'natural-village'],
      ['牧业点', 'herding-site'],
      ['牧场', 'herding-site'],
      ['定居点', 'herding-site'],
      ['冬窝子', 'herding-site'],
      ['县城', 'town'],
      ['城区', 'town'],
      ['Township Seat', 'township-seat'],
      ['hamlet', 'natural-village'],
    ];
    for (const [text, kind] of cases) expect(parseSettlementKind(text), text).toBe(kind);
    for (const text of ['', '城堡', 'castle', '村庄群'])
      expect(parseSettlementKind(text)).toBeNull();
  });

  it('no alias names two kinds', () => {
    const seen = new Map<string, string>();
    for (const kind of SETTLEMENT_KINDS) {
      for (const a of settlementKindAliases(kind)) {
        expect(seen.get(a), a).toBeUndefined();
        seen.set(a, kind);
      }
    }
  });

  it('a code implies a kind when none is given', () => {
    expect(kindOfCode('632701001200')).toBe('admin-village');
    expect(kindOfCode('632701001')).toBe('township-seat');
    expect(kindOfCode('632701')).toBe('other');
    expect(kindOfCode(null)).toBe('other');
  });
});

describe('settlement values', () => {
  it('counts: plain, thousands separators, units, 万, negatives, junk', () => {
    expect(parseCountText('1234', 1)).toBe(1234);
    expect(parseCountText('1,234', 1)).toBe(1234);
    expect(parseCountText('1234人', 1)).toBe(1234);
    expect(parseCountText('56户', 1)).toBe(56);
    expect(parseCountText('0.8万', 1)).toBe(8000);
    expect(parseCountText('1.25', 10_000)).toBe(12_500);
    expect(parseCountText('0', 1)).toBe(0);
    expect(parseCountText('-5', 1)).toBe(-1);
    expect(parseCountText('−5', 1)).toBe(-1);
    expect(parseCountText('abc', 1)).toBeNaN();
    expect(parseCountText('12a', 1)).toBeNaN();
  });

  it('codes: 6, 9 and 12 digits with a province prefix are kept as written', () => {
    expect(settlementCode('632701001200')).toBe('632701001200');
    expect(settlementCode(' 632701001 ')).toBe('632701001');
    expect(settlementCode('632701')).toBe('632701');
    for (const bad of ['12', '999999', '6327010012', 'abc', '992701001200']) {
      expect(settlementCode(bad), bad).toBeNull();
    }
  });

  it('headers: Chinese and English aliases, units and notes in brackets ignored', () => {
    const cases: [string, string][] = [
      ['名称', 'name'],
      ['村名', 'name'],
      ['地名', 'name'],
      ['Name', 'name'],
      ['经度', 'lon'],
      ['LNG', 'lon'],
      ['经度(GCJ02)', 'lon'],
      ['纬度', 'lat'],
      ['Latitude', 'lat'],
      ['人口', 'population'],
      ['户籍人口', 'population'],
      ['常住人口（人）', 'population'],
      ['pop', 'population'],
      ['户数', 'households'],
      ['类型', 'kind'],
      ['类别', 'kind'],
      ['type', 'kind'],
      ['代码', 'code'],
      ['区划代码', 'code'],
      ['统计用区划代码', 'code'],
    ];
    for (const [h, f] of cases) expect(settlementField(h), h).toBe(f);
    expect(settlementField('备注')).toBeNull();
  });
});

describe('importSettlements: CSV', () => {
  const CHINESE = lines(
    '名称,经度,纬度,人口,户数,类型,区划代码',
    '结古,97.008,32.995,85497,,县城,632701001',
    '仲多村,96.878,33.131,736,230,行政村,632701001200',
    '仲多一社,96.880,33.140,120,,村民小组,',
    '冬窝子甲,96.910,33.100,35,11,冬窝子,',
    '隆宝镇,96.500,33.200,2100,,乡镇驻地,632701101',
  );

  it('reads Chinese headers, kinds, populations, households and codes', async () => {
    const r = await read(CHINESE);
    expect(r).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      crs: 'WGS84',
      crsSource: 'default',
      recordCount: 5,
      rejected: [],
      warnings: [],
    });
    expect(r.columns.mapping).toEqual({
      name: '名称',
      lon: '经度',
      lat: '纬度',
      population: '人口',
      households: '户数',
      kind: '类型',
      code: '区划代码',
    });
    expect(
      r.settlements.map((s) => [s.name, s.kind, s.population, s.households, s.code, s.id]),
    ).toEqual([
      ['结古', 'town', 85497, null, '632701001', 'row:1'],
      ['仲多村', 'admin-village', 736, 230, '632701001200', 'row:2'],
      ['仲多一社', 'natural-village', 120, null, null, 'row:3'],
      ['冬窝子甲', 'herding-site', 35, 11, null, 'row:4'],
      ['隆宝镇', 'township-seat', 2100, null, '632701101', 'row:5'],
    ]);
    expect(r.settlements[1].position).toEqual([96.878, 33.131]);
    expect(r.settlements.every((s) => !s.synthetic)).toBe(true);
    expect(r.summary).toEqual({
      byKind: {
        town: 1,
        'township-seat': 1,
        'admin-village': 1,
        'natural-village': 1,
        'herding-site': 1,
        other: 0,
      },
      withPopulation: 5,
      population: 85497 + 736 + 120 + 35 + 2100,
      withHouseholds: 2,
      synthetic: 0,
    });
  });

  it('GBK, UTF-8 with a BOM, tabs and semicolons read the same', async () => {
    const want = (await read(CHINESE)).settlements;
    const gbk = await read(encodeGbk(CHINESE));
    expect(gbk.encoding).toBe('gbk');
    expect(gbk.settlements).toEqual(want);
    const bom = await read(`\ufeff${CHINESE}`);
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.settlements).toEqual(want);
    expect((await read(CHINESE.replace(/,/g, '\t'))).settlements).toEqual(want);
    expect((await read(CHINESE.replace(/,/g, ';'))).settlements).toEqual(want);
  });

  it('the same rows in tiny chunks: streaming changes nothing', async () => {
    const want = await read(CHINESE);
    const small = await read(CHINESE, 's.csv', { chunkBytes: 7 });
    expect(small.settlements).toEqual(want.settlements);
  });

  it('English canonical columns, ids, kinds as ids and the synthetic flag', async () => {
    const r = await read(
      lines(
        'id,name,kind,lon,lat,population,households,code,synthetic',
        'A,Alpha,township-seat,97.1,33.1,100,,,true',
        'B,Beta,herding-site,97.2,33.2,,,,false',
        'C,Gamma,,97.3,33.3,5,,632701001200,',
      ),
    );
    expect(r.rejected).toEqual([]);
    expect(r.settlements.map((s) => [s.id, s.kind, s.population, s.synthetic])).toEqual([
      ['A', 'township-seat', 100, true],
      ['B', 'herding-site', null, false],
      ['C', 'admin-village', 5, false],
    ]);
  });

  it('a population column in 万 is scaled', async () => {
    const r = await read(lines('村名,lon,lat,人口（万人）', '甲,97,33,0.12', '乙,97.1,33.1,1.5'));
    expect(r.settlements.map((s) => s.population)).toEqual([1200, 15000]);
  });

  it('a title row above the header is skipped with a note', async () => {
    const r = await read(lines('玉树州村庄名录,,', '名称,经度,纬度', '甲,97,33'));
    expect(r.settlements).toHaveLength(1);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'header-not-first-row', params: { line: 2, skipped: 1 } }),
    ]);
  });

  it('every bad row is rejected with file, row, field, value and reason; good rows load', async () => {
    const r = await read(
      lines(
        'name,lon,lat,population,households',
        'ok1,97.0,33.0,10,',
        'nolon,,33.0,,',
        'badlon,abc,33.0,,',
        'swapped,33.0,97.0,,',
        'range,97.0,95.0,,',
        'abroad,2.35,48.85,,',
        'badpop,97.1,33.1,many,',
        'negpop,97.2,33.2,-3,',
        'badhh,97.3,33.3,10,x',
        'neghh,97.4,33.4,10,-1',
        'ok2,97.5,33.5,20,6',
      ),
      'villages.csv',
    );
    expect(r.settlements.map((s) => s.name)).toEqual(['ok1', 'ok2']);
    expect(r.recordCount).toBe(11);
    const want: [number, string, string, string][] = [
      [2, 'lon', '', 'missing-coordinate'],
      [3, 'lon', 'abc', 'unparseable-coordinate'],
      [4, 'lon/lat', '33.0, 97.0', 'swapped-coordinates'],
      [5, 'lat', '95.0', 'coordinate-out-of-range'],
      [6, 'lon/lat', '2.35, 48.85', 'outside-china'],
      [7, 'population', 'many', 'unparseable-number'],
      [8, 'population', '-3', 'negative-value'],
      [9, 'households', 'x', 'unparseable-number'],
      [10, 'households', '-1', 'negative-value'],
    ];
    expect(r.rejected.map((i) => [i.row, i.field ?? '', i.value ?? '', i.code])).toEqual(want);
    for (const i of r.rejected) {
      expect(i.file).toBe('villages.csv');
      expect(i.params?.line).toBe((i.row as number) + 1);
      expect(i.message).toMatch(new RegExp(`line ${(i.row as number) + 1} of the file\\)$`));
    }
  });

  it('an unterminated quote rejects its row, not the file', async () => {
    const r = await read(lines('name,lon,lat', 'a,97,33', '"b,97.1,33.1', 'c,97.2,33.2'));
    expect(r.settlements.map((s) => s.name)).toEqual(['a']);
    expect(codes(r.rejected)).toEqual(['unterminated-quote']);
  });

  it('warns once per condition, and once per duplicate at the same spot', async () => {
    const r = await read(
      lines(
        'id,name,lon,lat,kind,code,synthetic',
        '1,甲村,97.0,33.0,行政村,632701001200,',
        '2,甲村,97.0005,33.0003,行政村,,',
        '3,甲村,97.1,33.1,行政村,,',
        '4,乙,97.2,33.2,城堡,123,maybe',
        '5,丙,97.3,33.3,城堡,456,',
        '6,,97.4,33.4,,632701001201,',
        '7,丁,"97,5","33,5",,,',
        '1,戊,97.6,33.6,,,',
      ),
    );
    expect(r.settlements.map((s) => s.name)).toEqual([
      '甲村',
      '甲村',
      '甲村',
      '乙',
      '丙',
      '632701001201',
      '丁',
    ]);
    expect(r.settlements[6].position).toEqual([97.5, 33.5]);
    expect(r.rejected).toEqual([
      expect.objectContaining({ row: 8, field: 'id', value: '1', code: 'duplicate-settlement-id' }),
    ]);
    const w = Object.fromEntries(r.warnings.map((i) => [i.code, i]));
    expect(Object.keys(w).sort()).toEqual(
      [
        'bad-synthetic-flag',
        'decimal-comma',
        'duplicate-settlement',
        'invalid-settlement-code',
        'settlement-unnamed',
        'unknown-settlement-kind',
      ].sort(),
    );
    expect(w['invalid-settlement-code']).toMatchObject({ row: 4, params: { count: 2 } });
    expect(w['unknown-settlement-kind']).toMatchObject({
      row: 4,
      value: '城堡',
      params: { count: 2 },
    });
    expect(w['bad-synthetic-flag']).toMatchObject({ row: 4, value: 'maybe' });
    expect(w['settlement-unnamed']).toMatchObject({ row: 6 });
    // 甲村 row 2 is ~60 m from row 1; row 3 is ~14 km away and not a duplicate.
    const dups = r.warnings.filter((i) => i.code === 'duplicate-settlement');
    expect(dups).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'name',
        value: '甲村',
        params: expect.objectContaining({ first: 1 }),
      }),
    ]);
    expect(dups[0].params?.metres).toBeGreaterThan(30);
    expect(dups[0].params?.metres).toBeLessThan(100);
    expect(r.settlements.find((s) => s.name === '乙')?.kind).toBe('other');
    expect(r.settlements.find((s) => s.name === '乙')?.synthetic).toBe(false);
  });

  it('finds duplicates across grid-cell edges, and among many records of a common name', async () => {
    const rows = ['name,lon,lat'];
    // 400 villages called 新村, 2 km apart: none is a duplicate of another.
    for (let i = 0; i < 400; i++)
      rows.push(
        `新村,${(97 + (i % 20) * 0.02).toFixed(4)},${(33 + Math.floor(i / 20) * 0.02).toFixed(4)}`,
      );
    rows.push('边,97.009999,33.3', '边,97.010001,33.3');
    const r = await read(lines(...rows));
    const dups = r.warnings.filter((w) => w.code === 'duplicate-settlement');
    expect(dups.map((d) => [d.row, d.params?.first])).toEqual([[402, 401]]);
  });

  it('a CRS named in a header that contradicts the declared one is noted', async () => {
    const r = await read(lines('名称,经度(GCJ02),纬度(GCJ02)', '甲,97,33'));
    expect(codes(r.warnings)).toEqual(['crs-hint']);
    expect(
      (await read(lines('名称,经度(GCJ02),纬度(GCJ02)', '甲,97,33'), 's.csv', { crs: 'GCJ02' }))
        .warnings,
    ).toEqual([]);
  });

  it('a column mapping overrides detection', async () => {
    const text = lines('村,E,N,人', '甲,97,33,5');
    await expect(read(text)).rejects.toMatchObject({ code: 'no-coordinate-columns' });
    const r = await read(text, 's.csv', {
      mapping: { name: '村', lon: 'E', lat: 'N', population: '人' },
    });
    expect(r.settlements[0]).toMatchObject({ name: '甲', position: [97, 33], population: 5 });
    const missing = await failure(read(text, 's.csv', { mapping: { lon: 'east', lat: 'N' } }));
    expect(missing.code).toBe('mapping-column-not-found');
  });

  it('whole-file failures: empty, no coordinates, no data rows, one column, legacy xls', async () => {
    expect((await failure(read(''))).code).toBe('empty-file');
    expect((await failure(read(lines('名称,人口', '甲,5')))).code).toBe('no-coordinate-columns');
    expect((await failure(read('名称,经度,纬度\n'))).code).toBe('no-data-rows');
    expect((await failure(read('名称\n甲\n'))).code).toBe('single-column');
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await failure(read(xls, 'old.xls'))).code).toBe('xls-not-supported');
  });

  it('cancels when the signal fires', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(read(CHINESE, 's.csv', { signal: ac.signal })).rejects.toBeInstanceOf(
      ImportCancelled,
    );
  });
});

describe('importSettlements: CRS', () => {
  const P: [number, number] = [97.008, 32.995];
  const text = lines('name,lon,lat', `甲,${P[0]},${P[1]}`);

  it.each(['GCJ02', 'BD09'] as CrsId[])('%s is converted to WGS-84', async (crs) => {
    const r = await read(text, 's.csv', { crs });
    expect(r.crs).toBe(crs);
    expect(r.crsSource).toBe('option');
    const want = toWgs84(lngLat(P[0], P[1], crs), crs);
    expect(r.settlements[0].position).toEqual(want);
    // The offsets are hundreds of metres: a test that would pass unconverted is no test.
    const shift = haversineMetres(r.settlements[0].position, want);
    expect(shift).toBe(0);
    expect(haversineMetres(want, toWgs84(lngLat(P[0], P[1], 'WGS84'), 'WGS84'))).toBeGreaterThan(
      100,
    );
  });

  it.each(['WGS84', 'CGCS2000'] as CrsId[])('%s is kept as it is', async (crs) => {
    const r = await read(text, 's.csv', { crs });
    expect(r.settlements[0].position).toEqual(P);
  });
});

describe('importSettlements: XLSX', () => {
  it('reads a workbook with a title row, Chinese headers and numbers as numbers', async () => {
    const book = await writeExcelFile([
      ['囊谦县村庄'],
      [null],
      ['村名', '经度', '纬度', '常住人口', '类别', '村代码'],
      ['毛庄村', 96.48, 32.2, 812, '行政村', 632725203200],
      ['某牧业点', 96.5, 32.3, 40, '牧业点', null],
      ['坏点', 96.5, 132.3, 40, '牧业点', null],
    ]).toBlob();
    const r = await importSettlements(book, 'villages.xlsx', { crs: 'GCJ02' });
    expect(r).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, recordCount: 3 });
    expect(r.settlements.map((s) => [s.name, s.kind, s.population, s.code])).toEqual([
      ['毛庄村', 'admin-village', 812, '632725203200'],
      ['某牧业点', 'herding-site', 40, null],
    ]);
    expect(r.settlements[0].position).toEqual(toWgs84(lngLat(96.48, 32.2, 'GCJ02'), 'GCJ02'));
    expect(r.rejected).toEqual([
      expect.objectContaining({ row: 3, code: 'coordinate-out-of-range', params: { line: 6 } }),
    ]);
    expect(r.rejected[0].message).toMatch(/sheet row 6/);
    expect(codes(r.warnings)).toEqual(['header-not-first-row']);
  });
});

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
});
const json = (v: unknown) => JSON.stringify(v);

describe('importSettlements: GeoJSON', () => {
  it('reads Point and single-position MultiPoint features with Chinese properties', async () => {
    const fcol = {
      type: 'FeatureCollection',
      features: [
        feature({ 名称: '甲村', 人口: 300, 类型: '行政村', 代码: '632701001200' }, point(97, 33)),
        feature(
          { 名称: '乙', 人口: '45', 类型: '牧业点' },
          { type: 'MultiPoint', coordinates: [[97.1, 33.1]] },
        ),
        feature(
          { 名称: '丙', 类型: '自然村' },
          {
            type: 'MultiPoint',
            coordinates: [
              [97.2, 33.2],
              [97.2, 33.2],
            ],
          },
        ),
        feature({ 名称: '丁', lon: 97.3, lat: 33.3 }, null),
      ],
    };
    const r = await read(json(fcol), 'points.geojson');
    expect(r).toMatchObject({
      format: 'geojson',
      crs: 'WGS84',
      crsSource: 'default',
      recordCount: 4,
      rejected: [],
    });
    expect(
      r.settlements.map((s) => [s.id, s.name, s.kind, s.population, s.code, s.position]),
    ).toEqual([
      ['feature:1', '甲村', 'admin-village', 300, '632701001200', [97, 33]],
      ['feature:2', '乙', 'herding-site', 45, null, [97.1, 33.1]],
      ['feature:3', '丙', 'natural-village', null, null, [97.2, 33.2]],
      ['feature:4', '丁', 'other', null, null, [97.3, 33.3]],
    ]);
  });

  it('polygons, lines, multi-position points and broken points are rejected with the reason', async () => {
    const sq = [
      [
        [97, 33],
        [97.1, 33],
        [97.1, 33.1],
        [97, 33],
      ],
    ];
    const fcol = {
      type: 'FeatureCollection',
      features: [
        feature({ name: 'ok' }, point(97, 33)),
        feature({ name: '面' }, { type: 'Polygon', coordinates: sq }),
        feature({ name: '多面' }, { type: 'MultiPolygon', coordinates: [sq] }),
        feature(
          { name: '线' },
          {
            type: 'LineString',
            coordinates: [
              [97, 33],
              [97.1, 33.1],
            ],
          },
        ),
        feature(
          { name: '多点' },
          {
            type: 'MultiPoint',
            coordinates: [
              [97, 33],
              [97.5, 33.5],
            ],
          },
        ),
        feature({ name: '坏' }, { type: 'Point', coordinates: ['97', null] }),
        feature({ name: '无' }, null),
        feature({ name: '境外' }, point(2.35, 48.85)),
        feature({ name: '颠倒' }, point(33, 97)),
        feature({ name: '负', population: -4 }, point(97.6, 33.6)),
      ],
    };
    const r = await read(json(fcol), 'mixed.geojson');
    expect(r.settlements.map((s) => s.name)).toEqual(['ok']);
    expect(r.rejected.map((i) => [i.feature, i.field, i.code, i.params])).toEqual([
      [2, 'geometry', 'not-point', { type: 'Polygon' }],
      [3, 'geometry', 'not-point', { type: 'MultiPolygon' }],
      [4, 'geometry', 'not-point', { type: 'LineString' }],
      [5, 'geometry', 'multipoint-several', { count: 2 }],
      [6, 'geometry', 'invalid-coordinates', { name: '坏' }],
      [7, 'geometry', 'not-point', { type: 'none' }],
      [8, 'lon/lat', 'outside-china', {}],
      [9, 'lon/lat', 'swapped-coordinates', {}],
      [10, 'population', 'negative-value', {}],
    ]);
    for (const i of r.rejected) {
      expect(i.file).toBe('mixed.geojson');
      expect(i.row).toBeUndefined();
    }
    expect(r.rejected[0].value).toBe('面');
  });

  it('a declared CRS is honoured, the option wins over it', async () => {
    const fcol = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
      features: [feature({ name: '甲' }, point(97, 33))],
    };
    const r = await read(json(fcol), 'cgcs.geojson');
    expect([r.crs, r.crsSource]).toEqual(['CGCS2000', 'file']);
    expect(r.settlements[0].position).toEqual([97, 33]);
    const g = await read(json(fcol), 'cgcs.geojson', { crs: 'GCJ02' });
    expect([g.crs, g.crsSource]).toEqual(['GCJ02', 'option']);
    expect(g.settlements[0].position).toEqual(toWgs84(lngLat(97, 33, 'GCJ02'), 'GCJ02'));
  });

  it('files that hold nothing usable fail as a whole', async () => {
    expect(
      (await failure(read(json({ type: 'FeatureCollection', features: [] }), 'e.geojson'))).code,
    ).toBe('no-features');
    expect((await failure(read('{"type":"FeatureCollection"', 'cut.geojson'))).code).toBe(
      'invalid-json',
    );
    expect((await failure(read(json({ type: 'Foo' }), 'x.geojson'))).code).toBe('not-geojson');
  });
});

const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
  <Placemark><name>甲村</name>
    <ExtendedData><Data name="人口"><value>420</value></Data><Data name="类型"><value>行政村</value></Data></ExtendedData>
    <Point><coordinates>97.0,33.0,4200</coordinates></Point></Placemark>
  <Placemark><name>牧点</name>
    <ExtendedData><SchemaData><SimpleData name="类型">冬窝子</SimpleData></SchemaData></ExtendedData>
    <Point><coordinates>97.1,33.1</coordinates></Point></Placemark>
  <Placemark><name>草场边界</name>
    <Polygon><outerBoundaryIs><LinearRing><coordinates>97,33 97.1,33 97.1,33.1 97,33</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Document></kml>`;

describe('importSettlements: KML and KMZ', () => {
  it('reads Placemark points with ExtendedData; a polygon Placemark is rejected', async () => {
    const r = await read(KML, 'villages.kml');
    expect(r.format).toBe('kml');
    expect(r.settlements.map((s) => [s.name, s.kind, s.population, s.position])).toEqual([
      ['甲村', 'admin-village', 420, [97, 33]],
      ['牧点', 'herding-site', null, [97.1, 33.1]],
    ]);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        feature: 3,
        code: 'not-point',
        value: '草场边界',
        params: { type: 'Polygon' },
      }),
    ]);
  });

  it('a KMZ (zipped doc.kml) reads the same, GCJ-02 converted', async () => {
    const kmz = storedZip([{ name: 'doc.kml', data: new TextEncoder().encode(KML) }]);
    const r = await read(kmz, 'villages.kmz', { crs: 'GCJ02' });
    expect(r.format).toBe('kmz');
    expect(r.settlements[0].position).toEqual(toWgs84(lngLat(97, 33, 'GCJ02'), 'GCJ02'));
    expect(r.settlements.map((s) => s.name)).toEqual(['甲村', '牧点']);
  });

  it('XML that is not KML fails as a whole', async () => {
    expect((await failure(read('<svg xmlns="http://www.w3.org/2000/svg"/>', 'x.kml'))).code).toBe(
      'not-kml',
    );
  });
});

describe('settlementsCsv', () => {
  const arb = fc.record({
    name: fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((s) => s.trim() === s && s.trim() !== '' && !/^[=+\-@'\t\r]/.test(s)),
    lon: fc.double({ min: 74, max: 134, noNaN: true }),
    lat: fc.double({ min: 19, max: 53, noNaN: true }),
    population: fc.option(fc.nat({ max: 1_000_000 }), { nil: null }),
    households: fc.option(fc.nat({ max: 100_000 }), { nil: null }),
    kind: fc.constantFrom(...SETTLEMENT_KINDS),
    synthetic: fc.boolean(),
  });

  it('round-trips through the importer (positions at 6 decimals)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arb, { minLength: 1, maxLength: 8 }), async (rows) => {
        const settlements: Settlement[] = rows.map((r, i) => ({
          id: `S${i}`,
          name: r.name,
          position: [
            Math.round(r.lon * 1e6) / 1e6,
            Math.round(r.lat * 1e6) / 1e6,
          ] as unknown as Settlement['position'],
          population: r.population,
          households: r.households,
          kind: r.kind,
          code: i % 2 === 0 ? '632701001200' : null,
          synthetic: r.synthetic,
          sourceRow: i + 1,
        }));
        const back = await read(settlementsCsv(settlements), 'round.csv');
        expect(back.rejected).toEqual([]);
        expect(back.settlements).toEqual(settlements);
      }),
      { numRuns: 40 },
    );
  });

  it('is Excel-safe: BOM, CRLF, formula injection neutralised', () => {
    const text = settlementsCsv([
      {
        id: 'x',
        name: '=HYPERLINK("http://evil")',
        position: [97, 33] as unknown as Settlement['position'],
        population: 1,
        households: null,
        kind: 'other',
        code: null,
        synthetic: false,
        sourceRow: 1,
      },
    ]);
    expect(
      text.startsWith('\ufeffid,name,kind,lon,lat,population,households,code,synthetic\r\n'),
    ).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
