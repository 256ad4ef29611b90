import fc from 'fast-check';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/universal';
import { lngLat, toWgs84, wgs84 } from '../../src/core/crs';
import { metres } from '../../src/core/units';
import { ENVS, NR_BANDS } from '../../src/core/station';
import type { Cell, Env, StationStatus, Tech } from '../../src/core/station';
import { BlobTextReader, sniffEncoding } from '../../src/io/decode-text';
import { importStations, previewStations } from '../../src/io/import-stations';
import type { StationImportResult } from '../../src/io/import-stations';
import { ImportCancelled } from '../../src/io/issues';
import type { ImportProgress } from '../../src/io/issues';
import { CANONICAL_FIELDS, aliasField, detectCanonical } from '../../src/io/station-columns';
import {
  operatorFromMccMnc,
  parseBand,
  parseCoordinate,
  parseDecimal,
  parseEnv,
  parseMetres,
  parseOperator,
  parsePowerDbm,
  parseRedcap,
  parseStatus,
  parseTech,
} from '../../src/io/station-values';

const csv = (text: string) => new Blob([text], { type: 'text/csv' });

describe('value parsers', () => {
  it('tech', () => {
    for (const s of ['NR', 'nr', '5G', '5g', 'NR-SA', 'NSA']) expect(parseTech(s)).toBe('NR');
    for (const s of ['LTE', '4G', 'TD-LTE', 'FDD-LTE', 'LTE FDD']) expect(parseTech(s)).toBe('LTE');
    for (const s of ['GSM', '2G', 'gsm900']) expect(parseTech(s)).toBe('GSM');
    for (const s of ['UMTS', 'WCDMA', '3G', 'TD-SCDMA']) expect(parseTech(s)).toBe('UMTS');
    for (const s of ['CDMA', 'wifi', '6G', '']) expect(parseTech(s)).toBeNull();
  });

  it('NR bands: labels, numbers and frequencies', () => {
    const nr = (s: string) => parseBand(s, 'NR');
    expect(nr('n41')).toEqual({ kind: 'preset', band: 'n41' });
    expect(nr('N41')).toEqual({ kind: 'preset', band: 'n41' });
    expect(nr('41')).toEqual({ kind: 'preset', band: 'n41' });
    expect(nr('Band 78')).toEqual({ kind: 'preset', band: 'n78' });
    expect(nr('2.6G')).toEqual({ kind: 'preset', band: 'n41' });
    expect(nr('700M')).toEqual({ kind: 'preset', band: 'n28' });
    expect(nr('700MHz')).toEqual({ kind: 'preset', band: 'n28' });
    expect(nr('3.5G')).toEqual({ kind: 'preset', band: 'n78' });
    expect(nr('3.5GHz')).toEqual({ kind: 'preset', band: 'n78' });
    expect(nr('4.9G')).toEqual({ kind: 'preset', band: 'n79' });
    expect(nr('2.1G')).toEqual({ kind: 'preset', band: 'n1' });
    expect(nr('2600')).toEqual({ kind: 'preset', band: 'n41' });
    expect(nr('2.6')).toEqual({ kind: 'preset', band: 'n41' });
    expect(nr('n40')).toEqual({ kind: 'other', band: 'n40' });
    expect(nr('2.3G')).toEqual({ kind: 'other', band: 'n40' });
    expect(nr('')).toEqual({ kind: 'empty' });
    expect(nr('fast')).toEqual({ kind: 'unknown' });
    expect(nr('12G')).toEqual({ kind: 'unknown' });
    for (const b of NR_BANDS) expect(nr(b)).toEqual({ kind: 'preset', band: b });
  });

  it('LTE and legacy bands', () => {
    expect(parseBand('B3', 'LTE')).toEqual({ kind: 'other', band: 'B3' });
    expect(parseBand('3', 'LTE')).toEqual({ kind: 'other', band: 'B3' });
    expect(parseBand('1.8G', 'LTE')).toEqual({ kind: 'other', band: 'B3' });
    expect(parseBand('D频段', 'LTE')).toEqual({ kind: 'other', band: 'B41' });
    expect(parseBand('F', 'LTE')).toEqual({ kind: 'other', band: 'B39' });
    expect(parseBand('GSM900', 'GSM')).toEqual({ kind: 'other', band: 'GSM900' });
  });

  it('redcap', () => {
    for (const s of ['true', 'TRUE', '1', '是', 'yes', 'Y', '支持'])
      expect(parseRedcap(s)).toBe(true);
    for (const s of ['false', '0', '否', 'no', 'N', '', ' ']) expect(parseRedcap(s)).toBe(false);
    expect(parseRedcap('maybe')).toBeNull();
  });

  it('operators', () => {
    for (const s of ['中国移动', '移动', 'CMCC', 'China Mobile', '中国移动通信集团'])
      expect(parseOperator(s)).toBe('中国移动');
    for (const s of ['中国联通', '联通', 'CUCC']) expect(parseOperator(s)).toBe('中国联通');
    for (const s of ['中国电信', '电信', 'CTCC', '中国电信股份有限公司'])
      expect(parseOperator(s)).toBe('中国电信');
    for (const s of ['中国广电', '广电', 'CBN']) expect(parseOperator(s)).toBe('中国广电');
    expect(parseOperator(' 铁塔 ')).toBe('铁塔');
    expect(parseOperator('')).toBeNull();
  });

  it('operators from MCC/MNC', () => {
    for (const mnc of [0, 2, 4, 7, 8]) expect(operatorFromMccMnc(460, mnc)).toBe('中国移动');
    for (const mnc of [1, 6, 9]) expect(operatorFromMccMnc(460, mnc)).toBe('中国联通');
    for (const mnc of [3, 5, 11]) expect(operatorFromMccMnc(460, mnc)).toBe('中国电信');
    expect(operatorFromMccMnc(460, 15)).toBe('中国广电');
    expect(operatorFromMccMnc(460, 20)).toBeNull();
    expect(operatorFromMccMnc(454, 0)).toBeNull();
  });

  it('numbers and coordinates', () => {
    expect(parseDecimal('31.2')).toBe(31.2);
    expect(parseDecimal('31,2')).toBe(31.2);
    expect(parseDecimal('１２１．５')).toBe(121.5);
    expect(parseDecimal('0x10')).toBeNaN();
    expect(parseDecimal('1,234,5')).toBeNaN();
    expect(parseCoordinate('121.5E')).toBe(121.5);
    expect(parseCoordinate('E121.5')).toBe(121.5);
    expect(parseCoordinate('东经121.5')).toBe(121.5);
    expect(parseCoordinate("121°30'")).toBe(121.5);
    expect(parseCoordinate('31°13\'48"N')).toBeCloseTo(31.23, 9);
    expect(parseCoordinate('31度13分48秒')).toBeCloseTo(31.23, 9);
    expect(parseCoordinate('121.5W')).toBe(-121.5);
    expect(parseCoordinate("31°75'")).toBeNaN();
    expect(parseMetres('30m')).toBe(30);
    expect(parseMetres('30 米')).toBe(30);
    expect(parseMetres('2km')).toBe(2000);
    expect(parseMetres('3 ft')).toBeNaN();
    expect(parsePowerDbm('43dBm')).toBe(43);
    expect(parsePowerDbm('20W')).toBeCloseTo(43.0103, 4);
    expect(parsePowerDbm('-3 W')).toBeNaN();
  });

  it('env and status', () => {
    expect(parseEnv('UMa')).toBe('uma');
    expect(parseEnv('密集城区')).toBe('umi');
    expect(parseEnv('农村')).toBe('rma');
    expect(parseEnv('')).toBe('auto');
    expect(parseEnv('sea')).toBeNull();
    expect(parseStatus('规划')).toBe('planned');
    expect(parseStatus('现网')).toBe('existing');
    expect(parseStatus('')).toBe('existing');
    expect(parseStatus('demolished')).toBeNull();
  });
});

describe('column aliases', () => {
  it('canonical names, case-insensitive, with units and separators', () => {
    for (const f of CANONICAL_FIELDS) expect(aliasField(f.toUpperCase())).toBe(f);
    expect(aliasField('Height (m)')).toBe('height_m');
    expect(aliasField('天线挂高（米）')).toBe('height_m');
    expect(aliasField('经度(GCJ02)')).toBe('lon');
    expect(aliasField('Longitude')).toBe('lon');
    expect(aliasField('LNG')).toBe('lon');
    expect(aliasField('小区ID')).toBe('id');
    expect(aliasField('扇区')).toBe('id');
    expect(aliasField('基站名称')).toBe('name');
    expect(aliasField('站号')).toBe('site_id');
    expect(aliasField('制式')).toBe('tech');
    expect(aliasField('网络制式')).toBe('tech');
    expect(aliasField('覆盖半径')).toBe('radius_m');
    expect(aliasField('发射功率')).toBe('power_dbm');
    expect(aliasField('状态')).toBe('status');
    expect(aliasField('是否RedCap')).toBe('redcap');
    expect(aliasField('index')).toBeNull();
  });

  it('x/y only as a pair and only without better names', () => {
    expect(detectCanonical(['x', 'y']).index).toEqual({ lon: 0, lat: 1 });
    expect(detectCanonical(['x', 'lat']).index).toEqual({ lat: 1 });
    expect(detectCanonical(['x', 'y', 'lon', 'lat']).index).toEqual({ lon: 2, lat: 3 });
  });

  it('the better alias wins; the other column is reported as a duplicate', () => {
    const { index, duplicates } = detectCanonical(['小区名称', '基站名称', 'lon', 'lat']);
    expect(index.name).toBe(1);
    expect(duplicates).toEqual([0]);
  });
});

describe('text decoding', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('sniffs BOM, UTF-8, GBK, binary and empty', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), true)).toEqual({
      kind: 'text',
      encoding: 'utf-8-bom',
    });
    expect(sniffEncoding(utf8('经度,纬度'), true)).toEqual({ kind: 'text', encoding: 'utf-8' });
    expect(sniffEncoding(new Uint8Array([0xbe, 0xad, 0xb6, 0xc8, 0x2c, 0x61]), true)).toEqual({
      kind: 'text',
      encoding: 'gbk',
    });
    expect(sniffEncoding(new Uint8Array([0x61, 0, 0x62]), true).kind).toBe('binary');
    expect(sniffEncoding(utf8(' \n\r\n'), true)).toEqual({ kind: 'empty' });
  });

  it('a sample cut inside a UTF-8 character is still UTF-8', () => {
    const bytes = utf8('lon,lat,站名\n121,31,浦东');
    expect(sniffEncoding(bytes.subarray(0, bytes.length - 1), false)).toEqual({
      kind: 'text',
      encoding: 'utf-8',
    });
  });

  it.each([1, 2, 3, 5, 7, 64])(
    'reads in %i-byte chunks without splitting characters',
    async (chunkBytes) => {
      const text = 'id,名称\r\n1,浦东新区张江高科技园区\r\n2,"多行\n名称"\r\n3,𠀋𠀋\n';
      const reader = await BlobTextReader.open(new Blob([text]), 'u.csv', { chunkBytes });
      let out = '';
      for await (const c of reader.chunks()) out += c.text;
      expect(out).toBe(text);
    },
  );

  it('GBK in 3-byte chunks', async () => {
    // 经度,纬度\n中国\n in GBK
    const bytes = new Uint8Array([
      0xbe, 0xad, 0xb6, 0xc8, 0x2c, 0xce, 0xb3, 0xb6, 0xc8, 0x0a, 0xd6, 0xd0, 0xb9, 0xfa, 0x0a,
    ]);
    const reader = await BlobTextReader.open(new Blob([bytes]), 'g.csv', { chunkBytes: 3 });
    expect(reader.encoding).toBe('gbk');
    let out = '';
    for await (const c of reader.chunks()) out += c.text;
    expect(out).toBe('经度,纬度\n中国\n');
  });
});

describe('importStations: CSV', () => {
  const table =
    'id,site_id,name,operator,lon,lat,tech,band,redcap,azimuth,beamwidth,height_m,power_dbm,env,radius_m,status\n' +
    'C1,S1,"Alpha, ""north""",CMCC,121.47,31.23,NR,n78,true,0,65,30,43,uma,,existing\n' +
    'C2,S1,"Alpha\nsecond line",CMCC,121.47,31.23,NR,n78,false,120,90,30,43,uma,,existing\n' +
    'C3,S2,Beta,电信,121.50,31.20,LTE,1.8G,,240,,25,,,800,planned\n' +
    'C4,,Gamma,联通,121.51,31.21,NR,n40,0,,,,,,,\n';

  it('reads every canonical column', async () => {
    const r = await importStations(csv(table), 't.csv');
    expect(r).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      rowCount: 4,
      crs: 'WGS84',
    });
    expect(r.rejected).toEqual([]);
    expect(r.cells[0]).toEqual({
      id: 'C1',
      siteId: 'S1',
      name: 'Alpha, "north"',
      operator: '中国移动',
      position: wgs84(121.47, 31.23),
      tech: 'NR',
      band: 'n78',
      redcap: true,
      azimuthDeg: 0,
      beamwidthDeg: 65,
      heightM: metres(30),
      powerDbm: 43,
      env: 'uma',
      radiusM: null,
      status: 'existing',
      sourceRow: 1,
    } satisfies Cell);
    expect(r.cells[1].name).toBe('Alpha\nsecond line');
    expect(r.cells[2]).toMatchObject({
      band: 'B3',
      redcap: false,
      beamwidthDeg: 65,
      radiusM: 800,
      status: 'planned',
    });
    expect(r.cells[3].siteId).toBe('@C4'); // grouped by position, id filled in
    expect(r.sites.map((s) => s.id)).toEqual(['S1', 'S2', '@C4']);
    const w = r.warnings.find((x) => x.code === 'nr-band-no-preset');
    expect(w).toMatchObject({ row: 4, field: 'band', value: 'n40', params: { count: 1 } });
  });

  it.each([1, 2, 3, 4, 7, 11, 16, 50])(
    'gives the same result in %i-byte chunks',
    async (chunkBytes) => {
      const whole = await importStations(csv(table), 't.csv');
      const chunked = await importStations(csv(table), 't.csv', { chunkBytes });
      expect(chunked.cells).toEqual(whole.cells);
      expect(chunked.warnings).toEqual(whole.warnings);
    },
  );

  it('line numbers count lines inside quoted fields', async () => {
    const text = 'id,name,lon,lat\nA,"two\nlines",121,31\nB,x,121,95\n';
    const r = await importStations(csv(text), 'l.csv', { chunkBytes: 5 });
    expect(r.rejected[0]).toMatchObject({ row: 2, params: { line: 4 } });
  });

  it('CRLF, tabs, blank lines', async () => {
    const text = 'lon\tlat\tname\r\n\r\n121.1\t31.1\ta\r\n\t\t\r\n121.2\t31.2\tb\r\n';
    const r = await importStations(csv(text), 'tab.tsv');
    expect(r.delimiter).toBe('\t');
    expect(r.rowCount).toBe(2);
    expect(r.cells.map((c) => [c.name, c.sourceRow])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('converts the declared CRS to WGS-84', async () => {
    const text = 'lon,lat\n121.47,31.23\n';
    const gcj = await importStations(csv(text), 'g.csv', { crs: 'GCJ02' });
    const expected = toWgs84(lngLat(121.47, 31.23, 'GCJ02'), 'GCJ02');
    expect(gcj.cells[0].position).toEqual(expected);
    expect(Math.abs(gcj.cells[0].position[0] - 121.47)).toBeGreaterThan(1e-3);
    const bd = await importStations(csv(text), 'b.csv', { crs: 'BD09' });
    expect(bd.cells[0].position).toEqual(toWgs84(lngLat(121.47, 31.23, 'BD09'), 'BD09'));
    const cgcs = await importStations(csv(text), 'c.csv', { crs: 'CGCS2000' });
    expect(cgcs.cells[0].position).toEqual([121.47, 31.23]);
  });

  it('warns when a header names another CRS than the declared one', async () => {
    const r = await importStations(csv('经度(GCJ02),纬度(GCJ02)\n121.47,31.23\n'), 'h.csv');
    expect(r.warnings[0]).toMatchObject({
      code: 'crs-hint',
      params: { hint: 'GCJ02', crs: 'WGS84' },
    });
    const ok = await importStations(csv('经度(GCJ02),纬度(GCJ02)\n121.47,31.23\n'), 'h.csv', {
      crs: 'GCJ02',
    });
    expect(ok.warnings.some((w) => w.code === 'crs-hint')).toBe(false);
  });

  it('a user mapping overrides detection', async () => {
    const text = 'A,B,C,D\nS9,121.47,31.23,5G\n';
    const r = await importStations(csv(text), 'm.csv', {
      mapping: { site_id: 'A', lon: 'B', lat: 'c', tech: 'D' },
    });
    expect(r.cells[0]).toMatchObject({ siteId: 'S9', position: [121.47, 31.23], tech: 'NR' });
    expect(r.columns.mapping).toEqual({ site_id: 'A', lon: 'B', lat: 'C', tech: 'D' });
    // '' removes a detected field
    const r2 = await importStations(csv('lon,lat,name\n121,31,x\n'), 'm.csv', {
      mapping: { name: '' },
    });
    expect(r2.cells[0].name).toBeNull();
    expect(r2.columns.unmapped).toEqual(['name']);
  });

  it('defaultTech and its single warning', async () => {
    const r = await importStations(csv('lon,lat\n121,31\n121.1,31.1\n'), 'd.csv', {
      defaultTech: 'NR',
    });
    expect(r.cells.every((c) => c.tech === 'NR')).toBe(true);
    const w = r.warnings.filter((x) => x.code === 'default-tech');
    expect(w).toHaveLength(1);
    expect(w[0].params).toMatchObject({ count: 2 });
  });

  it('RedCap on an LTE row is ignored with a warning', async () => {
    const r = await importStations(csv('lon,lat,tech,redcap\n121,31,LTE,1\n'), 'r.csv');
    expect(r.cells[0].redcap).toBe(false);
    expect(r.warnings[0]).toMatchObject({ code: 'redcap-not-nr' });
  });

  it('warns about site ids whose cells are far apart', async () => {
    const r = await importStations(csv('site_id,lon,lat\nS,121,31\nS,121.1,31\n'), 's.csv');
    expect(r.warnings.find((w) => w.code === 'site-cells-far-apart')).toMatchObject({
      value: 'S',
      params: { count: 1 },
    });
  });

  it('a signal aborted before the start', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(importStations(csv(table), 't.csv', { signal: ac.signal })).rejects.toBeInstanceOf(
      ImportCancelled,
    );
  });
});

describe('importStations: XLSX', () => {
  it('reads the first sheet like the equivalent CSV, finding the header below a title', async () => {
    const blob = await writeExcelFile([
      ['基站清单'],
      [null],
      [
        '小区',
        '基站编号',
        '基站名称',
        '运营商',
        '经度',
        '纬度',
        '制式',
        '频段',
        '是否RedCap',
        '方位角',
        '挂高',
      ],
      ['X1', 'S1', '张江', '移动', 121.59, 31.2, 'NR', 'n41', true, 0, 30],
      ['X2', 'S1', '张江', '移动', 121.59, 31.2, 'NR', '2.6G', '否', 120, 30],
      [null, null, null, null, null, null, null, null, null, null, null],
      ['X3', 'S2', '外滩', '电信', 121.49, 91, 'LTE', null, null, null, null],
    ]).toBlob();
    const r = await importStations(blob, 'book.xlsx');
    expect(r).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, rowCount: 3 });
    expect(
      r.cells.map((c) => [
        c.id,
        c.siteId,
        c.name,
        c.operator,
        c.band,
        c.redcap,
        c.azimuthDeg,
        c.heightM,
      ]),
    ).toEqual([
      ['X1', 'S1', '张江', '中国移动', 'n41', true, 0, 30],
      ['X2', 'S1', '张江', '中国移动', 'n41', false, 120, 30],
    ]);
    expect(r.rejected).toEqual([
      expect.objectContaining({
        row: 3,
        field: 'lat',
        code: 'coordinate-out-of-range',
        params: { line: 7 },
      }),
    ]);
    expect(r.rejected[0].message).toMatch(/sheet row 7/);
    expect(r.warnings[0]).toMatchObject({ code: 'header-not-first-row', params: { line: 3 } });
    expect(r.sites).toHaveLength(1);
  });

  it('a workbook renamed .csv is still read as XLSX', async () => {
    const blob = await writeExcelFile([
      ['lon', 'lat'],
      [121.5, 31.2],
    ]).toBlob();
    const r = await importStations(blob, 'renamed.csv');
    expect(r.format).toBe('xlsx');
    expect(r.cells[0].position).toEqual([121.5, 31.2]);
  });
});

describe('previewStations', () => {
  it('returns header, mapping, encoding, delimiter and the first rows only', async () => {
    let text = 'title line\n名称;经度;纬度;频段\n';
    for (let i = 0; i < 500; i++) text += `s${i};121,${i};31,5;n78\n`;
    const p = await previewStations(csv(text), 'p.csv', { maxRows: 5 });
    expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', headerLine: 2 });
    expect(p.columns.mapping).toEqual({ name: '名称', lon: '经度', lat: '纬度', band: '频段' });
    expect(p.columns.byColumn.map((c) => c.field)).toEqual(['name', 'lon', 'lat', 'band']);
    expect(p.rows).toHaveLength(5);
    expect(p.rows[0]).toEqual(['s0', '121,0', '31,5', 'n78']);
    expect(p.rowLines[0]).toBe(3);
    expect(p.warnings[0].code).toBe('header-not-first-row');
  });

  it('reads only the head of a large file', async () => {
    const head = 'lon,lat\n';
    // 4 MB of rows and then garbage that would fail a full parse.
    const body = '121,31\n'.repeat(600_000);
    const blob = new Blob([head, body, '\u0000\u0000']);
    const p = await previewStations(blob, 'big.csv');
    expect(p.rows).toHaveLength(50);
  });
});

describe('1,000,000 rows', () => {
  const N = 1_000_000;
  let blob: Blob;

  beforeAll(() => {
    const parts: string[] = ['id,site_id,operator,lon,lat,tech,band,redcap,azimuth\n'];
    let buf = '';
    for (let i = 0; i < N; i++) {
      const s = Math.floor(i / 3);
      const lon = (100 + (s % 1000) * 0.01).toFixed(5);
      const lat = (25 + Math.floor(s / 1000) * 0.01).toFixed(5);
      buf += `c${i},s${s},移动,${lon},${lat},NR,n78,${i & 1},${(i % 3) * 120}\n`;
      if (buf.length > 1 << 20) {
        parts.push(buf);
        buf = '';
      }
    }
    parts.push(buf);
    blob = new Blob(parts);
  });

  it('loads with monotonically increasing progress ending at 1', async () => {
    const progress: ImportProgress[] = [];
    const t0 = performance.now();
    const r: StationImportResult = await importStations(blob, 'million.csv', {
      onProgress: (p) => progress.push(p),
    });
    console.info(
      `1M rows (${(blob.size / 1e6).toFixed(0)} MB) imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    expect(r.rowCount).toBe(N);
    expect(r.cells).toHaveLength(N);
    expect(r.rejected).toHaveLength(0);
    expect(r.sites).toHaveLength(Math.ceil(N / 3));
    expect(progress.length).toBeGreaterThan(10);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
      expect(progress[i].rows).toBeGreaterThanOrEqual(progress[i - 1].rows);
    }
    expect(progress.at(-1)).toEqual({ fraction: 1, rows: N });
    expect(r.cells[N - 1]).toMatchObject({
      id: `c${N - 1}`,
      sourceRow: N,
      redcap: true,
      azimuthDeg: 0,
    });
  });

  it('cancels mid-way through an AbortController (abort fired from a timer)', async () => {
    const ac = new AbortController();
    let scheduled = false;
    let last = 0;
    const run = importStations(blob, 'million.csv', {
      signal: ac.signal,
      onProgress: (p) => {
        last = p.fraction;
        // The abort arrives as a separate task: it only lands if the importer yields.
        if (!scheduled && p.fraction > 0.3) {
          scheduled = true;
          setTimeout(() => ac.abort(), 0);
        }
      },
    });
    await expect(run).rejects.toBeInstanceOf(ImportCancelled);
    expect(scheduled).toBe(true);
    expect(last).toBeLessThan(1);
  });
});

describe('property: CSV text → importer → the same cells', () => {
  const techs: Tech[] = ['NR', 'LTE', 'GSM', 'UMTS'];
  const statuses: StationStatus[] = ['existing', 'planned'];
  const operators = ['中国移动', '中国联通', '中国电信', '中国广电', null];
  // Text with the characters that break naive CSV code: delimiters, quotes, line breaks, CJK.
  const chars = [
    'a',
    'Z',
    '0',
    '7',
    ',',
    ';',
    '\t',
    '"',
    '\n',
    '\r\n',
    ' ',
    '中',
    '站',
    '-',
    'é',
    '𠀋',
    '#',
    "'",
  ];
  const word = fc
    .array(fc.constantFrom(...chars), { minLength: 1, maxLength: 12 })
    .map((a) => a.join(''))
    .filter((s) => s.trim() === s && s !== '');
  const row = fc.record({
    id: word,
    siteId: fc.oneof(fc.constant(''), fc.constantFrom('S1', 'S2', '基站3')),
    name: fc.option(word, { nil: null }),
    operator: fc.constantFrom(...operators),
    lon: fc.integer({ min: 73_000_000, max: 136_000_000 }).map((v) => v / 1e6),
    lat: fc.integer({ min: 3_000_000, max: 54_000_000 }).map((v) => v / 1e6),
    tech: fc.constantFrom(...techs),
    nrBand: fc.option(fc.constantFrom(...NR_BANDS), { nil: null }),
    redcap: fc.boolean(),
    azimuth: fc.option(
      fc.integer({ min: 0, max: 3599 }).map((v) => v / 10),
      { nil: null },
    ),
    beamwidth: fc.integer({ min: 1, max: 360 }),
    height: fc.option(
      fc.integer({ min: 0, max: 3000 }).map((v) => v / 10),
      { nil: null },
    ),
    power: fc.option(
      fc.integer({ min: -100, max: 600 }).map((v) => v / 10),
      { nil: null },
    ),
    env: fc.constantFrom<Env>(...ENVS),
    radius: fc.option(fc.integer({ min: 1, max: 20000 }), { nil: null }),
    status: fc.constantFrom(...statuses),
  });
  const rows = fc.uniqueArray(row, { selector: (r) => r.id, minLength: 1, maxLength: 30 });

  it('round-trips any valid table, in any delimiter, BOM or not, in any chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 40 })),
        async (data, delimiter, newline, bom, chunkBytes) => {
          const expected: Omit<Cell, 'siteId'>[] = data.map((d, i) => ({
            id: d.id,
            name: d.name,
            operator: d.operator,
            position: [d.lon, d.lat] as unknown as Cell['position'],
            tech: d.tech,
            band: d.tech === 'NR' ? d.nrBand : null,
            redcap: d.tech === 'NR' && d.redcap,
            azimuthDeg: d.azimuth,
            beamwidthDeg: d.beamwidth,
            heightM: d.height as Cell['heightM'],
            powerDbm: d.power,
            env: d.env,
            radiusM: d.radius as Cell['radiusM'],
            status: d.status,
            sourceRow: i + 1,
          }));
          const table = data.map((d, i) => ({
            id: d.id,
            site_id: d.siteId,
            name: d.name ?? '',
            operator: d.operator ?? '',
            lon: String(d.lon),
            lat: String(d.lat),
            tech: d.tech,
            band: expected[i].band ?? '',
            redcap: expected[i].redcap ? 'true' : 'false',
            azimuth: d.azimuth === null ? '' : String(d.azimuth),
            beamwidth: String(d.beamwidth),
            height_m: d.height === null ? '' : String(d.height),
            power_dbm: d.power === null ? '' : String(d.power),
            env: d.env,
            radius_m: d.radius === null ? '' : String(d.radius),
            status: d.status,
          }));
          const text = Papa.unparse(table, { delimiter, newline, columns: [...CANONICAL_FIELDS] });
          const r = await importStations(new Blob([bom ? '\uFEFF' + text : text]), 'p.csv', {
            chunkBytes,
          });
          expect(r.rejected).toEqual([]);
          expect(r.delimiter).toBe(delimiter);
          expect(r.encoding).toBe(bom ? 'utf-8-bom' : 'utf-8');
          expect(r.cells.map(({ siteId: _s, ...c }) => c)).toEqual(expected);
          r.cells.forEach((c, i) => {
            if (data[i].siteId !== '') expect(c.siteId).toBe(data[i].siteId);
            else expect(c.siteId.startsWith('@')).toBe(true);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
