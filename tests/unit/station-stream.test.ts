import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { importStationTableParallel } from '../../src/cli/station-import-parallel';
import { encodeGbk } from '../../bench/gbk';
import { analysisParams } from '../../src/core/analysis/params';
import { siteTableFromSites } from '../../src/core/analysis/site-table';
import { siteTableFromStationTable } from '../../src/core/analysis/site-table-stations';
import { tableSitesAsSites } from '../../src/core/station-table-sites';
import { StringPool } from '../../src/core/string-pool';
import { importStationTable } from '../../src/io/import-station-table';
import { importStations, type StationImportOptions } from '../../src/io/import-stations';

const utf8 = (s: string) => new Blob([new TextEncoder().encode(s)]);

/** Both importers on the same bytes; every row, rejection, warning and site must agree. */
async function expectSame(blob: Blob, opts: StationImportOptions = {}, objectOpts = opts) {
  const a = await importStations(blob, 'in.csv', objectOpts);
  const b = await importStationTable(blob, 'in.csv', opts);
  expect(b.rowCount).toBe(a.rowCount);
  expect(b.table.count).toBe(a.cells.length);
  expect(b.rejected).toEqual(a.rejected);
  expect(b.warnings).toEqual(a.warnings);
  expect(b.columns).toEqual(a.columns);
  expect([b.format, b.encoding, b.delimiter, b.crs]).toEqual([
    a.format,
    a.encoding,
    a.delimiter,
    a.crs,
  ]);
  // Field by field: the sites with their cells, in order (position-grouped cells carry
  // their generated site id in both).
  expect(tableSitesAsSites(b.table, b.sites)).toEqual(a.sites);
  for (let i = 0; i < b.table.count; i++) {
    const c = b.table.cell(i);
    const o = a.cells[i];
    expect({ ...c, siteId: o.siteId }).toEqual(o);
    if (c.siteId !== '') expect(c.siteId).toBe(o.siteId);
  }
  return { a, b };
}

const HEADER =
  'id,site_id,name,operator,lon,lat,tech,band,redcap,azimuth,beamwidth,height_m,power_dbm,env,radius_m,status';

// Good rows, rows each bad in another way, rows that warn, and cells grouped by position.
const CANONICAL = [
  HEADER,
  'c1,s1,结古一号,中国移动,97.01,33.00,NR,n41,true,0,65,30,53,uma,,existing',
  'c2,s1,结古一号,中国移动,97.01,33.00,NR,n41,true,120,65,30,53,uma,,existing',
  'c3,s1,"名称, 带逗号",移动,97.01,33.00,5G,2.6G,是,240,65,30m,20W,城区,,在网',
  'c4,,,电信,97.02,33.01,LTE,B3,false,,,35,46,rma,,existing',
  'c5,,,电信,97.02001,33.01,4G,1.8G,0,,,35,46,rma,,existing',
  'c6,,,联通,97.02,33.01,NR,n78,,90,65,,,,,planned',
  'c7,s2,,,,33.0,NR,n41,,,,,,,,', // missing longitude
  'c8,s2,,,97.0,abc,NR,n41,,,,,,,,', // unparseable latitude
  'c9,s2,,,97.0,33.0,WiMAX,,,,,,,,,', // unknown tech
  'c10,s2,,,97.0,33.0,NR,n41,,400,,,,,,', // azimuth out of range
  'c1,s2,,,97.0,33.0,NR,n41,,,,,,,,', // duplicate id
  'c11,s2,,,33.0,97.0,NR,n41,,,,,,,,', // swapped
  'c12,s2,,,10.0,50.0,NR,n41,,,,,,,,', // outside China
  'c13,s2,,,97.0,33.0,NR,n41,maybe,,,,,,,', // bad redcap
  'c14,s2,,,97.0,33.0,NR,n41,,,0,,,,,', // beamwidth 0
  'c15,s2,,,97.0,33.0,NR,n41,,,,2000,,,,', // height above the limit
  'c16,s2,,,97.0,33.0,NR,n41,,,,,,,1e9,', // radius beyond any cell
  'c17,s3,,,97.1,33.1,NR,n77,true,-30,65,30,53,auto,0,existing', // no preset, radius 0, −30°
  'c18,s3,,,97.1,33.1,LTE,,true,,,,,xx,,yy', // RedCap on LTE, unknown env and status
  'c19,s3,,,"97,1","33,1",NR,n28,,,,,,,2km,', // decimal comma, fixed radius
  ',s4,,,97.3,33.3,NR,n41,,,,,,,,', // no id: row:N
  'c20,s4,"多行\n名称",,97.3,33.3,NR,n41,,,,,,,,', // a line break inside a quoted field
  'c21,s5,,,98.3,34.3,NR,n41,,,,,,,,',
  'c22,s5,,,99.3,34.3,NR,n41,,,,,,,,', // 90 km from its site-mate: site-cells-far-apart
  '',
  'c23,s6,,,97.5,33.5,GSM,900,,,,,,,,',
].join('\n');

describe('columnar station import (import-station-table.ts)', () => {
  it('gives exactly the rows, rejections and warnings of importStations on a canonical sample', async () => {
    const { a, b } = await expectSame(utf8(CANONICAL));
    // The sample really exercises the paths it claims to.
    const codes = new Set(a.rejected.map((r) => r.code));
    for (const c of [
      'missing-coordinate',
      'unparseable-coordinate',
      'unknown-tech',
      'azimuth-out-of-range',
      'duplicate-id',
      'swapped-coordinates',
      'outside-china',
      'bad-redcap',
      'beamwidth-out-of-range',
      'value-out-of-range',
    ])
      expect(codes).toContain(c);
    const warned = new Set(a.warnings.map((w) => w.code));
    for (const c of ['zero-radius', 'redcap-not-nr', 'unknown-env', 'decimal-comma'])
      expect(warned).toContain(c);
    expect(warned).toContain('site-cells-far-apart');
    // c4/c5 (same operator, 1 m apart) are one site; c6 (another operator) is not.
    expect(a.sites.some((s) => s.id.startsWith('@') && s.cells.length === 2)).toBe(true);
    expect(b.sites.count).toBe(a.sites.length);
  });

  it('agrees on a Chinese-header GBK file with bad rows', async () => {
    const text = [
      '小区编号,基站编号,基站名称,运营商,经度,纬度,制式,频段,是否支持RedCap,方位角,水平波瓣宽度,天线挂高,发射功率,覆盖场景,覆盖半径,状态',
      '小区1,站1,玉树结古,中国移动,97.01,33.00,5G,2.6G,是,0,65,30,53,城区,,在网',
      '小区2,站1,玉树结古,中国移动,97.01,33.00,5G,2.6G,否,120,65,30,53,城区,,在网',
      '小区3,站2,称多,中国电信,东经97.1,北纬33.4,4G,1.8G,否,,,35,20W,农村,,规划',
      '小区4,站2,称多,中国电信,,33.4,4G,,否,,,,,农村,,规划',
      '小区5,站3,治多,中国联通,95.6,33.8,6G,,否,,,,,,,',
      '小区1,站3,治多,中国联通,95.6,33.8,5G,700M,否,,,,,,,',
      '小区6,站3,治多,中国联通,95.6,33.8,5G,700M,支持,45,65,40,49,郊区,3公里,在网',
    ].join('\r\n');
    const gbk = new Blob([encodeGbk(text)]);
    const { a } = await expectSame(gbk, {}, {});
    expect(a.encoding).toBe('gbk');
    expect(a.rejected.length).toBeGreaterThanOrEqual(3);
    // GBK decoded in small chunks (a two-byte character split across reads) agrees too.
    await expectSame(gbk, { chunkBytes: 5 }, {});
  });

  it('agrees across chunk boundaries inside quoted fields, with CRLF and a BOM', async () => {
    const crlf = `\uFEFF${CANONICAL.replace(/\n/g, '\r\n')}`;
    for (const chunkBytes of [1, 3, 7, 16, 61]) {
      await expectSame(utf8(crlf), { chunkBytes }, {});
      await expectSame(utf8(CANONICAL), { chunkBytes }, {});
    }
  });

  it('gives the same analysis site table as the object path', async () => {
    const { a, b } = await expectSame(utf8(CANONICAL));
    const params = analysisParams({});
    const viaObjects = siteTableFromSites(a.sites, params, []);
    const viaTable = siteTableFromStationTable(b.table, b.sites, params, []);
    expect(viaTable).toEqual(viaObjects);
    expect(viaTable.kinds.length).toBeGreaterThan(0);
  });

  it('agrees on random row sets (property)', async () => {
    const field = (values: string[]) => fc.constantFrom(...values);
    const row = fc.record({
      id: field(['a', 'b', 'c', 'd', 'e', '', 'a-long-cell-identifier-1']),
      site: field(['', '', 's1', 's2', '站']),
      name: field(['', 'x', '"q, r"', '"多\n行"', '名称']),
      op: field(['', '中国移动', '电信', 'Other Co']),
      lon: field(['97.01', '97.01001', '97.2', '', 'abc', '33.0', '97,1', '150']),
      lat: field(['33.00', '33.00001', '33.2', '', '97.0', '33,1']),
      tech: field(['NR', '5G', 'LTE', 'GSM', '', 'x']),
      band: field(['', 'n41', 'n77', '3.5G', 'B3', 'zz']),
      redcap: field(['', 'true', '否', 'maybe']),
      az: field(['', '0', '-30', '359.5', '400']),
      beam: field(['', '65', '0', '360']),
      h: field(['', '30', '30m', '-1', '2000']),
      p: field(['', '53', '20W', '200']),
      env: field(['', 'uma', '农村', 'xx']),
      r: field(['', '0', '2km', '1e9']),
      st: field(['', 'planned', '在网', '?']),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 200 }),
        async (rows, nl, chunkBytes) => {
          const lines = rows.map((x) =>
            [
              x.id,
              x.site,
              x.name,
              x.op,
              x.lon,
              x.lat,
              x.tech,
              x.band,
              x.redcap,
              x.az,
              x.beam,
              x.h,
              x.p,
              x.env,
              x.r,
              x.st,
            ].join(','),
          );
          await expectSame(utf8([HEADER, ...lines].join(nl)), { chunkBytes }, {});
        },
      ),
      { numRuns: 60, seed: 15 },
    );
  });
});

describe('station CSV parsed on two threads (station-import-parallel.ts)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sailplan-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Rows c1… (sites of 3 sectors) with bad and warning rows on both sides of the middle. */
  const sample = (n: number, extra: (i: number) => string | null = () => null): string => {
    const lines = [HEADER];
    for (let i = 1; i <= n; i++) {
      const e = extra(i);
      if (e !== null) lines.push(e);
      const s = Math.ceil(i / 3);
      lines.push(
        `c${i},s${s},站${s},中国移动,${(97 + s * 0.001).toFixed(6)},33.000000,NR,n41,${i % 2 === 0},${(i % 3) * 120},65,30,53,uma,,existing`,
      );
    }
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  };
  const bad = (i: number): string | null =>
    i % 97 === 0
      ? `b${i},x,,,,33,NR,,,,,,,,,`
      : i % 89 === 0
        ? `w${i},x${i},,,97.5,33.5,NR,n41,,,,,,xx,,`
        : i % 83 === 0
          ? `d${i},s1,,,97.5,33.5,NR,n41,,,,,,,0,`
          : null;

  async function both(
    text: string,
    name: string,
    encode = (t: string) => new TextEncoder().encode(t),
  ) {
    const file = path.join(dir, name);
    const bytes = encode(text);
    writeFileSync(file, bytes);
    const fallbacks: string[] = [];
    const blob = new Blob([bytes]);
    const a = await importStations(blob, name);
    const b = await importStationTableParallel(file, name, {
      minBytes: 0,
      onFallback: (r) => fallbacks.push(r),
    });
    expect(b.rowCount).toBe(a.rowCount);
    expect(b.rejected).toEqual(a.rejected);
    expect(b.warnings).toEqual(a.warnings);
    expect([b.format, b.encoding, b.delimiter]).toEqual([a.format, a.encoding, a.delimiter]);
    expect(tableSitesAsSites(b.table, b.sites)).toEqual(a.sites);
    return { a, fallbacks };
  }

  it('splits a file in two and joins the halves as one reader reads it', async () => {
    const { a, fallbacks } = await both(sample(2000, bad), 'split.csv');
    expect(fallbacks).toEqual([]);
    // Rejections and counted warnings from both halves, renumbered.
    expect(a.rejected.length).toBeGreaterThan(10);
    expect(a.rejected.at(-1)!.row).toBeGreaterThan(a.rowCount / 2);
    expect(a.warnings.some((w) => (w.params?.count as number) > 10)).toBe(true);
  }, 60_000);

  it('splits a Chinese-header GBK file too', async () => {
    const text = sample(600, bad)
      .replace(
        /^\uFEFF[^\r]*/,
        '小区编号,基站编号,基站名称,运营商,经度,纬度,制式,频段,是否支持RedCap,方位角,水平波瓣宽度,天线挂高,发射功率,覆盖场景,覆盖半径,状态',
      )
      .replace(/,uma,/g, ',城区,');
    const { a, fallbacks } = await both(text, 'gbk.csv', encodeGbk);
    expect(fallbacks).toEqual([]);
    expect(a.encoding).toBe('gbk');
    expect(a.rejected.length).toBeGreaterThan(3);
  }, 60_000);

  it('reads in one piece when the middle is inside a quoted field or an id repeats across halves', async () => {
    const text = sample(200);
    const mid = text.indexOf('\n', text.length / 2 - 400);
    const quoted = `${text.slice(0, mid + 1)}q1,s9,"${'长\n'.repeat(300)}",,97,33,NR,,,,,,,,,\r\n${text.slice(mid + 1)}`;
    const one = await both(quoted, 'quoted.csv');
    expect(one.fallbacks[0]).toMatch(/quoted field/);
    const dup = await both(`${text}c1,s1,,,97,33,NR,,,,,,,,,\r\n`, 'dup.csv');
    expect(dup.fallbacks[0]).toMatch(/both halves/);
    expect(dup.a.rejected.at(-1)!.code).toBe('duplicate-id');
  }, 60_000);
});

describe('StringPool', () => {
  it('interns: equal strings share an index, and every string comes back', () => {
    const pool = new StringPool();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i % 3001}-${'é'.repeat(i % 5)}`);
    const ids = words.map((w) => pool.intern(w));
    words.forEach((w, i) => {
      expect(pool.get(ids[i])).toBe(w);
      expect(pool.find(w)).toBe(ids[i]);
    });
    expect(pool.size).toBe(new Set(words).size);
    expect(pool.find('absent')).toBe(-1);
    expect(pool.get(pool.intern(''))).toBe('');
    const long = 'x'.repeat(10_000);
    expect(pool.get(pool.intern(long))).toBe(long);
  });
});
