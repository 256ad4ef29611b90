// One encoding rule for every importer (src/io/decode-text.ts): the same bytes read the
// same way as a station table, a population table or a boundary file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BlobTextReader, decodeBytes, sniffEncoding, SNIFF_BYTES } from '../../src/io/decode-text';
import { importBoundaries } from '../../src/io/import-boundaries';
import { importStations } from '../../src/io/import-stations';
import { ImportError } from '../../src/io/issues';
import { importPopulation } from '../../src/io/population-csv';
import { isZip } from '../../src/io/zip-read';
import { encodeGbk } from '../../bench/gbk';

const stationFixture = (name: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(readFileSync(new URL(`../fixtures/bad-stations/${name}`, import.meta.url)));

const gbk = encodeGbk;

async function readerText(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const reader = await BlobTextReader.open(new Blob([bytes]), 'x.csv', { chunkBytes: 7 });
  let out = '';
  for await (const c of reader.chunks()) out += c.text;
  return out;
}

async function failure(p: Promise<unknown>): Promise<ImportError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ImportError);
  return e as ImportError;
}

describe('decodeBytes', () => {
  it('BOM → UTF-8, valid UTF-8 → UTF-8, else GBK; blank, binary and UTF-16 are not text', () => {
    const utf8 = new TextEncoder().encode('代码,人口\n');
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toMatchObject({
      kind: 'text',
      text: '代码,人口\n',
      encoding: 'utf-8',
    });
    expect(decodeBytes(utf8)).toMatchObject({ kind: 'text', encoding: 'utf-8' });
    expect(decodeBytes(gbk('代码,人口\n'))).toMatchObject({
      kind: 'text',
      text: '代码,人口\n',
      encoding: 'gb18030',
    });
    expect(decodeBytes(new Uint8Array([0x20, 0x0a, 0x0d, 0x0a]))).toEqual({ kind: 'empty' });
    expect(decodeBytes(new Uint8Array([])).kind).toBe('empty');
    expect(decodeBytes(new Uint8Array([0x61, 0, 0x62])).kind).toBe('binary');
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0x61, 0])).kind).toBe('utf-16');
    expect(decodeBytes(new Uint8Array([0xfe, 0xff, 0, 0x61])).kind).toBe('utf-16');
  });

  it('uses a declared encoding only when the bytes are valid in it', () => {
    const big5 = new Uint8Array([0xa4, 0xa4, 0xb0, 0xea]); // 中國 in Big5
    expect(decodeBytes(big5, 'Big5')).toMatchObject({ text: '中國', encoding: 'big5' });
    // Declared UTF-8 but GBK bytes: the bytes decide.
    expect(decodeBytes(gbk('港北区'), 'UTF-8')).toMatchObject({
      text: '港北区',
      encoding: 'gb18030',
    });
    expect(decodeBytes(gbk('港北区'), 'no-such-encoding')).toMatchObject({ text: '港北区' });
    // Neither UTF-8 nor GBK (é then a space), but valid in the declared Latin-1.
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x21]);
    expect(decodeBytes(latin1).kind).toBe('binary');
    expect(decodeBytes(latin1, 'ISO-8859-1')).toMatchObject({
      kind: 'text',
      text: 'café !',
      encoding: 'windows-1252',
    });
    // NULs stay binary whatever is declared.
    expect(decodeBytes(new Uint8Array([0x3c, 0, 0x3e]), 'ISO-8859-1').kind).toBe('binary');
    // A declaration read from an ASCII prefix cannot be UTF-16.
    expect(decodeBytes(new TextEncoder().encode('<a/>'), 'UTF-16')).toMatchObject({
      text: '<a/>',
      encoding: 'utf-8',
    });
  });

  it('decodes the station fixtures exactly as the streaming reader does', async () => {
    for (const name of ['gbk.csv', 'bom.csv', 'mixed-encodings.csv', 'chinese-headers.csv']) {
      const bytes = stationFixture(name);
      const d = decodeBytes(bytes);
      expect(d.kind, name).toBe('text');
      if (d.kind === 'text') expect(d.text, name).toBe(await readerText(bytes));
    }
    const mixed = decodeBytes(stationFixture('mixed-encodings.csv'));
    expect(mixed.kind === 'text' && mixed.mixed.count).toBeGreaterThan(0);
  });

  it('a one-line sample cut inside a GBK character is still GBK (one-line GeoJSON > 64 KiB)', () => {
    const bytes = gbk('港北区'.repeat(SNIFF_BYTES));
    expect(sniffEncoding(bytes.subarray(0, SNIFF_BYTES + 1), false)).toEqual({
      kind: 'text',
      encoding: 'gbk',
    });
    // Complete files get no such allowance.
    expect(sniffEncoding(bytes.subarray(0, 5), true).kind).toBe('binary');
  });
});

describe('every importer reads the same bytes the same way', () => {
  it('UTF-16 is refused by station, population and boundary imports', async () => {
    const bytes = stationFixture('utf16.csv');
    const errors = [
      await failure(importStations(new Blob([bytes]), 'a.csv')),
      await failure(importPopulation(new Blob([bytes]), 'a.csv')),
      await failure(importBoundaries(new Blob([bytes]), 'a.geojson')),
    ];
    for (const e of errors) {
      expect(e.code).toBe('unsupported-encoding');
      expect(e.params).toEqual({ encoding: 'utf-16' });
      expect(e.message).toMatch(/UTF-16/);
    }
  });

  it('binary data is refused by all three', async () => {
    const bytes = stationFixture('binary.csv');
    expect((await failure(importStations(new Blob([bytes]), 'a.csv'))).code).toBe('binary-file');
    expect((await failure(importPopulation(new Blob([bytes]), 'a.csv'))).code).toBe(
      'unknown-format',
    );
    expect((await failure(importBoundaries(new Blob([bytes]), 'a.geojson'))).code).toBe(
      'unknown-format',
    );
  });

  it('a UTF-8 population table with rows appended in GBK: each line in its own encoding, one warning', async () => {
    const utf8 = new TextEncoder();
    const bytes = new Uint8Array([
      ...utf8.encode('区划代码,名称,常住人口\n450802,港北区,800000\n'),
      ...gbk('450803,港南区,600000\n450804,覃塘区,400000\n'),
    ]);
    const r = await importPopulation(new Blob([bytes]), 'mixed.csv');
    expect(r.encoding).toBe('utf-8');
    expect(r.rows.map((x) => x.name)).toEqual(['港北区', '港南区', '覃塘区']);
    expect(r.warnings).toMatchObject([
      { file: 'mixed.csv', code: 'mixed-encoding', params: { count: 2, line: 3 } },
    ]);
  });

  it('a one-line GBK GeoJSON larger than the sniffed head keeps its Chinese names', async () => {
    const features = Array.from({ length: 400 }, (_, i) => ({
      type: 'Feature',
      properties: { code: String(450802001 + i), name: `港北区第${i}街道`.padEnd(80, '镇') },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [109 + i * 0.01, 23],
            [109.005 + i * 0.01, 23],
            [109.005 + i * 0.01, 23.005],
            [109 + i * 0.01, 23],
          ],
        ],
      },
    }));
    const text = JSON.stringify({ type: 'FeatureCollection', features });
    let bytes = gbk(text);
    expect(bytes.length).toBeGreaterThan(SNIFF_BYTES);
    // Make the sniffed head end inside a two-byte character.
    if (bytes[SNIFF_BYTES - 1] < 0x80 || bytes[SNIFF_BYTES] < 0x80) {
      bytes = gbk(` ${text}`);
    }
    const r = await importBoundaries(new Blob([bytes]), 'gbk-one-line.geojson');
    expect(r.encoding).toBe('gb18030');
    expect(r.rejected).toEqual([]);
    expect(r.areas).toHaveLength(400);
    expect(r.areas[399].name).toBe('港北区第399街道'.padEnd(80, '镇'));
  });
});

describe('isZip', () => {
  it('knows a zip by its local header or empty-archive end record', () => {
    expect(isZip(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0]))).toBe(true);
    expect(isZip(new Uint8Array([0x50, 0x4b, 5, 6]))).toBe(true);
    expect(isZip(new Uint8Array([0x50, 0x4b, 3]))).toBe(false);
    expect(isZip(new TextEncoder().encode('PK,lon,lat'))).toBe(false);
    expect(isZip(new TextEncoder().encode('hello'))).toBe(false);
  });
});
