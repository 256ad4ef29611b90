import { openAsBlob, readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/universal';
import { importStations, previewStations } from '../../src/io/import-stations';
import type { StationImportResult } from '../../src/io/import-stations';
import { ImportError, formatIssue } from '../../src/io/issues';

const dir = path.resolve(process.cwd(), 'tests/fixtures/bad-stations');

async function load(name: string): Promise<StationImportResult> {
  return importStations(await openAsBlob(path.join(dir, name)), name);
}

async function failure(name: string | Blob, fileName?: string): Promise<ImportError> {
  const blob = typeof name === 'string' ? await openAsBlob(path.join(dir, name)) : name;
  const file = typeof name === 'string' ? name : (fileName ?? 'blob');
  const err = await importStations(blob, file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  const ie = err as ImportError;
  expect(ie.file).toBe(file);
  expect(ie.message.startsWith(`${file}: `)).toBe(true);
  return ie;
}

function issue(r: StationImportResult, row: number) {
  const i = r.rejected.find((x) => x.row === row);
  expect(i, `row ${row} rejected`).toBeDefined();
  return i!;
}

describe('whole-file failures throw ImportError naming the file', () => {
  it.each([
    ['empty.csv', 'empty-file', /empty/],
    ['whitespace.csv', 'empty-file', /empty/],
    ['binary.csv', 'binary-file', /not a text table \(NUL byte/],
    ['legacy.xls', 'xls-not-supported', /save it as \.xlsx or CSV/],
    ['utf16.csv', 'unsupported-encoding', /UTF-16/],
    ['truncated.xlsx', 'invalid-xlsx', /damaged or truncated/],
    [
      'wrong-delimiter.csv',
      'single-column',
      /only one column found \(first line "id lon lat name"\)/,
    ],
    ['no-coordinates.csv', 'no-coordinate-columns', /columns: "name", "address", "operator"/],
    ['header-only.csv', 'no-data-rows', /no data rows/],
  ])('%s → %s', async (name, code, message) => {
    const e = await failure(name);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('a truncated XLSX built in memory', async () => {
    const blob = await writeExcelFile([
      ['lon', 'lat'],
      [121.5, 31.2],
    ]).toBlob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const e = await failure(new Blob([bytes.slice(0, 200)]), 'cut.xlsx');
    expect(e.code).toBe('invalid-xlsx');
  });

  it('random bytes invalid in both UTF-8 and GBK', async () => {
    const bytes = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = 0x80 | (x >>> 24); // high bytes only: no NULs, no controls
    }
    bytes.set([0xff, 0xff, 0x81, 0x20], 100);
    const e = await failure(new Blob([bytes]), 'noise.csv');
    expect(e.code).toBe('binary-file');
  });

  it('previewStations fails the same way', async () => {
    const e = await previewStations(
      await openAsBlob(path.join(dir, 'wrong-delimiter.csv')),
      'w.csv',
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).code).toBe('single-column');
  });

  it('a mapping naming a column the file lacks', async () => {
    const blob = new Blob(['a,b\n121,31\n']);
    const e = await importStations(blob, 'm.csv', { mapping: { lon: 'x', lat: 'b' } }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).code).toBe('mapping-column-not-found');
    expect((e as ImportError).message).toContain('"x"');
  });
});

describe('row-level problems reject the row and keep the rest', () => {
  it('swapped.csv: latitude and longitude swapped', async () => {
    const r = await load('swapped.csv');
    expect(r.cells.map((c) => c.id)).toEqual(['A1', 'A3']);
    const i = issue(r, 2);
    expect(i).toMatchObject({
      code: 'swapped-coordinates',
      field: 'lon/lat',
      value: '31.24, 121.48',
    });
    expect(i.message).toMatch(/latitude and longitude appear swapped/);
    expect(i.message).toMatch(/line 3 of the file/);
    expect(formatIssue(i)).toBe(
      'swapped.csv, row 2, field lon/lat: latitude and longitude appear swapped (the exchanged pair lies in China); ' +
        'fix the columns or their mapping (line 3 of the file) (value "31.24, 121.48")',
    );
  });

  it('out-of-china.csv: outside the box, and out of range', async () => {
    const r = await load('out-of-china.csv');
    expect(r.cells.map((c) => c.id)).toEqual(['A1', 'A2']);
    expect(r.rowCount).toBe(6);
    expect(issue(r, 2)).toMatchObject({
      code: 'outside-china',
      field: 'lon/lat',
      value: '2.35, 48.86',
    });
    expect(issue(r, 3)).toMatchObject({ code: 'outside-china', value: '0, 0' });
    expect(issue(r, 4)).toMatchObject({
      code: 'coordinate-out-of-range',
      field: 'lat',
      value: '95',
    });
    expect(issue(r, 5)).toMatchObject({
      code: 'coordinate-out-of-range',
      field: 'lon',
      value: '200',
    });
  });

  it('duplicates.csv: second and later uses of an id, naming the first row', async () => {
    const r = await load('duplicates.csv');
    expect(r.cells.map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
    for (const row of [3, 5]) {
      const i = issue(r, row);
      expect(i).toMatchObject({
        code: 'duplicate-id',
        field: 'id',
        value: 'C1',
        params: { firstRow: 1 },
      });
      expect(i.message).toMatch(/first used in row 1/);
    }
    // C1 and C2 share S1; C3 is S2 alone.
    expect(r.sites.map((s) => [s.id, s.cells.length])).toEqual([
      ['S1', 2],
      ['S2', 1],
    ]);
  });

  it('unparseable.csv: one issue per bad row, with field and value', async () => {
    const r = await load('unparseable.csv');
    expect(r.cells.map((c) => c.id)).toEqual(['U1', 'U12']);
    expect(r.rejected).toHaveLength(10);
    const expected: [number, string, string, string | undefined][] = [
      [2, 'unparseable-coordinate', 'lat', 'abc'],
      [3, 'missing-coordinate', 'lon', undefined],
      [4, 'unparseable-number', 'azimuth', 'north'],
      [5, 'azimuth-out-of-range', 'azimuth', '400'],
      [6, 'unparseable-number', 'height_m', 'tall'],
      [7, 'unparseable-number', 'power_dbm', 'loud'],
      [8, 'negative-value', 'radius_m', '-5'],
      [9, 'unknown-tech', 'tech', 'CDMA'],
      [10, 'bad-redcap', 'redcap', 'maybe'],
      [11, 'beamwidth-out-of-range', 'beamwidth', '0'],
    ];
    for (const [row, code, field, value] of expected) {
      const i = issue(r, row);
      expect(i).toMatchObject({ file: 'unparseable.csv', code, field, params: { line: row + 1 } });
      expect(i.value).toBe(value);
    }
    const u12 = r.cells[1];
    expect(u12).toMatchObject({ tech: 'LTE', azimuthDeg: 240, heightM: 25, radiusM: 500 });
    expect(u12.powerDbm).toBeCloseTo(43.01, 2); // 20 W
  });

  it('unterminated-quote.csv: the row whose quote never closes is rejected', async () => {
    const r = await load('unterminated-quote.csv');
    expect(r.cells.map((c) => c.id)).toEqual(['Q1', 'Q2']);
    expect(r.cells[1].name).toBe('Beta, with comma');
    expect(issue(r, 3)).toMatchObject({ code: 'unterminated-quote', params: { line: 4 } });
  });

  it('mixed-encodings.csv: UTF-8 header, GBK rows → each line in its own encoding, one warning', async () => {
    const r = await load('mixed-encodings.csv');
    expect(r.encoding).toBe('utf-8');
    expect(r.cells.map((c) => c.name)).toEqual(['浦东一号', '徐汇二号', '闵行三号']);
    const w = r.warnings.find((x) => x.code === 'mixed-encoding');
    expect(w).toMatchObject({ params: { count: 2, line: 3 } });
    expect(w!.message).toMatch(/2 line\(s\) are not UTF-8 and were read as GBK \(first: line 3\)/);
  });

  it('decimal-comma.csv: semicolon-separated with decimal commas loads, with a warning', async () => {
    const r = await load('decimal-comma.csv');
    expect(r.delimiter).toBe(';');
    expect(r.cells[0].position).toEqual([121.47, 31.23]);
    expect(r.cells[0].heightM).toBe(30.5);
    expect(
      r.warnings.find((w) => w.code === 'decimal-comma' && w.field === 'lon/lat'),
    ).toMatchObject({
      params: { count: 2 },
    });
  });
});

describe('valid files in awkward shapes', () => {
  it('bom.csv: UTF-8 with BOM and Chinese headers', async () => {
    const r = await load('bom.csv');
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.columns.mapping).toMatchObject({
      site_id: '基站编号',
      lon: '经度',
      lat: '纬度',
      tech: '制式',
      band: '频段',
    });
    expect(r.cells.map((c) => [c.siteId, c.tech, c.band])).toEqual([
      ['B1', 'NR', 'n78'],
      ['B2', 'LTE', 'B3'],
    ]);
  });

  it('gbk.csv: GBK from Chinese Excel', async () => {
    const r = await load('gbk.csv');
    expect(r.encoding).toBe('gbk');
    expect(r.rejected).toEqual([]);
    expect(r.cells.map((c) => [c.name, c.operator, c.tech, c.band, c.redcap])).toEqual([
      ['浦东新区张江站', '中国移动', 'NR', 'n41', true],
      ['黄浦区外滩站', '中国联通', 'NR', 'n78', false],
      ['徐汇区漕河泾站', '中国电信', 'LTE', 'B3', false],
    ]);
    expect(r.sites.map((s) => [s.is5g, s.isRedcap, s.hasLte])).toEqual([
      [true, true, false],
      [true, false, false],
      [false, false, true],
    ]);
  });

  it('chinese-headers.csv: title line above the header, Chinese names and values', async () => {
    const r = await load('chinese-headers.csv');
    expect(r.rejected).toEqual([]);
    expect(r.warnings[0]).toMatchObject({ code: 'header-not-first-row', params: { line: 3 } });
    expect(r.columns.mapping).toEqual({
      operator: '运营商',
      site_id: '基站编号',
      name: '基站名称',
      id: '小区',
      lon: '经度',
      lat: '纬度',
      tech: '网络制式',
      band: '频段',
      azimuth: '方位角',
      height_m: '天线挂高(m)',
      power_dbm: '发射功率',
      radius_m: '覆盖半径',
      redcap: '是否RedCap',
      status: '状态',
    });
    expect(r.cells[0]).toMatchObject({
      id: '460001-1',
      siteId: '460001',
      name: '人民广场',
      operator: '中国移动',
      tech: 'NR',
      band: 'n41',
      redcap: true,
      azimuthDeg: 0,
      heightM: 35,
      status: 'existing',
      sourceRow: 1,
    });
    expect(r.cells[3]).toMatchObject({
      operator: '中国广电',
      band: 'n28',
      radiusM: 1500,
      status: 'planned',
    });
    expect(r.cells[4]).toMatchObject({ operator: '中国电信', tech: 'LTE', band: 'B3' });
    expect(r.sites).toHaveLength(3);
    expect(r.sites[0]).toMatchObject({
      id: '460001',
      is5g: true,
      isRedcap: true,
      status: 'existing',
    });
    expect(r.sites[1]).toMatchObject({ id: '880002', isRedcap: false, status: 'planned' });
  });

  it('opencellid.csv: header, eNB/gNB site ids, operators from MCC/MNC, CDMA rejected', async () => {
    const r = await load('opencellid.csv');
    expect(r.format).toBe('opencellid');
    expect(r.rowCount).toBe(6);
    expect(issue(r, 5)).toMatchObject({ code: 'unknown-tech', field: 'radio', value: 'CDMA' });
    const byId = new Map(r.cells.map((c) => [c.id, c]));
    // ECI 27213314 = eNB 106302 · 256 + 2
    expect(byId.get('LTE-460-0-6243-27213314')).toMatchObject({
      siteId: '460-0-enb106302',
      operator: '中国移动',
      tech: 'LTE',
      radiusM: null,
    });
    // NCI 4294971393 = gNB 1048577 · 4096 + 1 (over 32 bits: no `>>`)
    expect(byId.get('NR-460-11-4321-4294971393')).toMatchObject({
      siteId: '460-11-gnb1048577',
      operator: '中国电信',
    });
    expect(byId.get('GSM-460-1-9510-40361')).toMatchObject({
      operator: '中国联通',
      siteId: '@GSM-460-1-9510-40361',
    });
    // The two LTE cells of eNB 106302 are one site.
    expect(r.sites.find((s) => s.id === '460-0-enb106302')!.cells).toHaveLength(2);
    expect(r.columns.unmapped).toContain('range');
  });

  it('opencellid.csv with useOpenCellidRange', async () => {
    const r = await importStations(await openAsBlob(path.join(dir, 'opencellid.csv')), 'o.csv', {
      useOpenCellidRange: true,
    });
    expect(r.cells[0].radiusM).toBe(1000);
    expect(r.columns.mapping.radius_m).toBe('range');
  });

  it('opencellid-noheader.csv: recognised from its first row', async () => {
    const r = await load('opencellid-noheader.csv');
    expect(r.format).toBe('opencellid');
    expect(r.columns.hasHeader).toBe(false);
    expect(r.rowCount).toBe(3);
    expect(r.cells[1]).toMatchObject({
      siteId: '460-15-gnb16777215',
      operator: '中国广电',
      sourceRow: 2,
    });
    expect(issue(r, 3)).toMatchObject({ code: 'swapped-coordinates' });
  });
});

describe('fuzz: bad content never throws anything but ImportError', () => {
  const fixtures = readdirSync(dir)
    .filter((f) => !f.endsWith('.md'))
    .map((f) => Uint8Array.from(readFileSync(path.join(dir, f))));

  async function outcome(bytes: Uint8Array<ArrayBuffer>, name: string): Promise<'ok' | 'error'> {
    await previewStations(new Blob([bytes]), name).catch((e: unknown) => {
      expect(e).toBeInstanceOf(ImportError);
    });
    try {
      const r = await importStations(new Blob([bytes]), name, { chunkBytes: 16 });
      expect(r.rowCount).toBe(r.cells.length + r.rejected.length);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return 'error';
    }
  }

  it('mutated, truncated and spliced fixtures', async () => {
    const arb = fc.record({
      base: fc.constantFrom(...fixtures.filter((b) => b.length > 0)),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      flips: fc.array(
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })),
        {
          maxLength: 8,
        },
      ),
      tail: fc.constantFrom(...fixtures),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ base, cut, flips, tail }) => {
        const head = base.slice(0, Math.max(1, Math.round(base.length * cut)));
        for (const [at, byte] of flips) head[Math.floor(at * (head.length - 1))] = byte;
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        await outcome(bytes, 'fuzz.csv');
      }),
      { numRuns: 300 },
    );
  });

  it('an XLSX cut at every length', async () => {
    const blob = await writeExcelFile([
      ['lon', 'lat', 'name'],
      [121.5, 31.2, '外滩'],
    ]).toBlob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const seen = new Set<string>();
    for (let n = 1; n <= bytes.length; n += 37)
      seen.add(await outcome(bytes.slice(0, n), 'cut.xlsx'));
    expect(seen.has('error')).toBe(true);
    expect(await outcome(bytes, 'whole.xlsx')).toBe('ok');
  });
});
