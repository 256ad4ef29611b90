import { describe, expect, it } from 'vitest';
import type { Area } from '../../src/core/area';
import { ImportError } from '../../src/io/issues';
import { importPopulation } from '../../src/io/population-csv';
import { joinPopulation } from '../../src/io/population-join';
import { encodeGbk } from '../../bench/gbk';

const utf8Bom = (s: string): Blob => new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), s]);

const CSV = [
  'code,province,county,pop_total,pop_urban,pop_rural',
  'NA,全国,全国,1409778724,899991162,509787562',
  '450000,广西,广西壮族自治区,50126804,27175859,22950945',
  '450800,广西,贵港市,4316262,2300000,2000000',
  '450802,广西,港北区,"800,000",500000,300000',
  '450803,广西,港南区,600000,200000,300000',
  'NA,广西,某开发区,12345,12345,0',
  '450804,广西,覃塘区,abc,1,2',
  '450899,广西,不存在区,1000,,',
  '450802,广西,港北区（重复）,1,1,0',
  '450821123000,广西,某镇,5000,NA,NA',
  '',
].join('\r\n');

describe('importPopulation', () => {
  it('reads aliased columns, skips the national row, reports bad rows', async () => {
    const r = await importPopulation(utf8Bom(CSV), 'pop.csv');
    expect(r.encoding).toBe('utf-8');
    expect(r.columns).toEqual({
      code: 'code',
      name: 'county',
      total: 'pop_total',
      urban: 'pop_urban',
      rural: 'pop_rural',
    });
    expect(r.nationalTotal).toBe(1409778724);
    expect(r.rows.map((x) => [x.code, x.total, x.urban, x.rural, x.row])).toEqual([
      ['450000', 50126804, 27175859, 22950945, 2],
      ['450800', 4316262, 2300000, 2000000, 3],
      ['450802', 800000, 500000, 300000, 4],
      ['450803', 600000, 200000, 300000, 5],
      ['450899', 1000, null, null, 8],
      ['450821123', 5000, null, null, 10],
    ]);
    // Province and prefecture rows, named from a province column when there is one.
    expect(r.aggregates).toEqual([
      { code: '450000', name: '广西', total: 50126804 },
      { code: '450800', name: '贵港市', total: 4316262 },
    ]);
    expect(r.rejected).toMatchObject([
      { row: 7, field: 'pop_total', value: 'abc', code: 'population-invalid-number' },
      { row: 9, field: 'code', code: 'population-duplicate-code', params: { firstRow: 4 } },
    ]);
    expect(r.warnings).toMatchObject([
      {
        row: 3,
        code: 'population-sum-mismatch',
        params: { total: 4316262, urban: 2300000, rural: 2000000 },
      },
      { row: 5, code: 'population-sum-mismatch' },
      {
        row: 6,
        field: 'code',
        value: 'NA',
        code: 'population-no-code',
        params: { name: '某开发区' },
      },
    ]);
  });

  it('decodes GBK with Chinese headers and scales 万人', async () => {
    const gbk = encodeGbk;
    const text =
      '区划代码,名称,常住人口（万人）,城镇人口（万人）,乡村人口（万人）\n450802,港北区,80.5,50,30.5\n';
    const r = await importPopulation(new Blob([gbk(text)]), 'pop-gbk.csv');
    expect(r.encoding).toBe('gb18030');
    expect(r.columns.name).toBe('名称');
    expect(r.rows).toEqual([
      { code: '450802', name: '港北区', total: 805000, urban: 500000, rural: 305000, row: 1 },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('detects the delimiter as station tables do: semicolon, tab (GBK), pipe', async () => {
    const gbk = encodeGbk;
    const tables: [string, Blob][] = [
      ['semicolon', new Blob(['code;name;total\n450802;港北区;"800,000"\n450803;港南区;600000\n'])],
      [
        'tab',
        new Blob([
          gbk('区划代码\t名称\t常住人口\r\n450802\t港北区\t800,000\r\n450803\t港南区\t600000\r\n'),
        ]),
      ],
      ['pipe', new Blob(['code|name|total\n450802|港北区|800000\n\n450803|港南区|600000\n'])],
    ];
    for (const [label, blob] of tables) {
      const r = await importPopulation(blob, `${label}.csv`);
      expect(
        r.rows.map((x) => [x.code, x.name, x.total]),
        label,
      ).toEqual([
        ['450802', '港北区', 800000],
        ['450803', '港南区', 600000],
      ]);
      expect(r.rejected, label).toEqual([]);
    }
    // A blank line still counts in the data row numbers.
    const piped = await importPopulation(tables[2][1], 'pipe.csv');
    expect(piped.rows.map((x) => x.row)).toEqual([1, 3]);
  });

  it('refuses UTF-16 text like the station importer', async () => {
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...'code,total\n'].map((c) => c.charCodeAt(0))).buffer),
    ]);
    const e = await importPopulation(new Blob([utf16]), 'u.csv').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'unsupported-encoding', params: { encoding: 'utf-16' } });
  });

  it('refuses a table without a code or total column, and binary data', async () => {
    const e = await importPopulation(new Blob(['name,pop_urban\na,1\n']), 'p.csv').catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ImportError);
    expect(e).toMatchObject({ code: 'missing-column', params: { column: 'code' } });
    const e2 = await importPopulation(new Blob(['code,name\n450802,a\n']), 'p.csv').catch(
      (x: unknown) => x,
    );
    expect(e2).toMatchObject({ code: 'missing-column', params: { column: 'total' } });
    const e3 = await importPopulation(
      new Blob([new Uint8Array([0, 1, 2, 3, 0, 0])]),
      'p.xlsx',
    ).catch((x: unknown) => x);
    expect(e3).toMatchObject({ code: 'unknown-format' });
    const e4 = await importPopulation(new Blob([]), 'p.csv').catch((x: unknown) => x);
    expect(e4).toMatchObject({ code: 'empty-file' });
  });
});

const area = (code: string, name: string, level: Area['level'] = 'county'): Area => ({
  code,
  name,
  level,
  parent: level === 'township' ? code.slice(0, 6) : null,
  kind: null,
  geometry: { type: 'Polygon', coordinates: [] },
  areaKm2: 1,
  seat: null,
  population: null,
});

describe('joinPopulation', () => {
  it('joins by code and reports unmatched rows, areas without rows and aggregates once', async () => {
    const pop = await importPopulation(utf8Bom(CSV), 'pop.csv');
    const areas = [area('450802', '港北区'), area('450803', '港南区'), area('450881', '桂平市')];
    const j = joinPopulation(areas, pop.rows, 'pop.csv');
    expect(areas[0].population).toBeNull(); // inputs untouched
    expect(j.matched).toBe(2);
    expect(j.areas[0].population).toEqual({
      total: 800000,
      urban: 500000,
      rural: 300000,
      source: 'pop.csv (row 4)',
    });
    expect(j.aggregateRows).toBe(2);
    expect(j.unmatchedRows).toBe(2);
    expect(j.areasWithoutPopulation).toBe(1);
    expect(j.issues.map((i) => [i.code, i.row ?? i.value])).toEqual([
      ['population-row-unmatched', 8],
      ['population-row-unmatched', 10],
      ['population-aggregate-rows-ignored', undefined],
      ['area-without-population', '450881'],
    ]);
    expect(j.issues[2].params).toMatchObject({ count: 2 });
  });

  it('treats a county row as an aggregate when joining its townships', () => {
    const rows = [
      { code: '450821', name: '平南县', total: 1000, urban: null, rural: null, row: 1 },
      { code: '450821113', name: '丹竹镇', total: 100, urban: null, rural: null, row: 2 },
    ];
    const j = joinPopulation([area('450821113', '丹竹镇', 'township')], rows, 't.csv');
    expect(j.matched).toBe(1);
    expect(j.aggregateRows).toBe(1);
    expect(j.issues.map((i) => i.code)).toEqual(['population-aggregate-rows-ignored']);
  });

  it('lets a prefecture-level city without counties join (东莞 441900)', () => {
    const rows = [
      { code: '441900', name: '东莞市', total: 10466625, urban: null, rural: null, row: 1 },
    ];
    const j = joinPopulation([area('441900', '东莞市')], rows, 'p.csv');
    expect(j.matched).toBe(1);
    expect(j.issues).toEqual([]);
  });
});
