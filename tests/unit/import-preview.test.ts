// The import dialog's worker side: the station preview (rejected rows before import, a file
// whose columns must be mapped by hand), the kind guessed for a dropped file.
import { describe, expect, it } from 'vitest';
import { importStations, previewStations } from '../../src/io/import-stations';
import { previewStationFile } from '../../src/worker/preview-stations';
import { guessKind } from '../../src/worker/preview-kind';

const blob = (text: string) => new Blob([text], { type: 'text/csv' });

const SITES = [
  'id,site_id,lon,lat,tech',
  'A1,S1,97.01,33.00,NR',
  'A2,S2,33.00,97.01,NR', // lat/lon swapped
  'A3,S3,97.03,33.01,NR',
  'A1,S4,97.04,33.02,NR', // duplicate id
  'A5,S5,abc,33.03,NR', // not a number
].join('\n');

describe('previewStations: rows the import would reject', () => {
  it('lists the same rejected rows, reasons and row numbers as the full import', async () => {
    const p = await previewStations(blob(SITES), 'p.csv');
    const full = await importStations(blob(SITES), 'p.csv');
    expect(p.rejected.map((i) => [i.row, i.code, i.field])).toEqual(
      full.rejected.map((i) => [i.row, i.code, i.field]),
    );
    expect(p.rejected.map((i) => i.code)).toEqual([
      'swapped-coordinates',
      'duplicate-id',
      'unparseable-coordinate',
    ]);
    expect(p.rejected.map((i) => i.row)).toEqual([2, 4, 5]);
    expect(p.acceptedCount).toBe(2);
    expect(p.rejected[0].params?.line).toBe(3);
  });

  it('does not reject a row for being cut off at the end of the head of a large file', async () => {
    // ~6 KB rows: the 256 KiB head ends in the middle of a row long before 50 rows.
    const pad = 'x'.repeat(6000);
    let text = 'id,name,lon,lat\n';
    for (let i = 0; i < 200; i++) text += `c${i},${pad},97.${i % 90},33.5\n`;
    const p = await previewStations(blob(text), 'wide.csv');
    expect(p.rows.length).toBeGreaterThan(30);
    expect(p.rows.length).toBeLessThan(50);
    expect(p.rejected).toEqual([]);
    expect(p.acceptedCount).toBe(p.rows.length);
  });
});

describe('previewStationFile (worker)', () => {
  const ODD = [
    '编号,东坐标,北坐标,网络',
    'B1,97.01,33.00,NR',
    'B2,97.02,33.01,NR',
    'B3,2.35,48.85,NR',
  ].join('\n');

  it('offers a file without recognised coordinate columns for mapping instead of failing', async () => {
    const r = await previewStationFile({ file: blob(ODD), fileName: 'odd.csv', crs: 'WGS84' });
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.unresolved?.code).toBe('no-coordinate-columns');
    expect(r.preview.columns.headers).toEqual(['编号', '东坐标', '北坐标', '网络']);
    expect(r.preview.columns.mapping).toEqual({});
    expect(r.preview.rows).toHaveLength(3);
    expect(r.preview.delimiter).toBe(',');
  });

  it('with the columns mapped, previews the rows and the one that would be rejected', async () => {
    const r = await previewStationFile({
      file: blob(ODD),
      fileName: 'odd.csv',
      crs: 'WGS84',
      mapping: { id: '编号', lon: '东坐标', lat: '北坐标', tech: '网络' },
    });
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.unresolved).toBeUndefined();
    expect(r.preview.columns.mapping).toMatchObject({ lon: '东坐标', lat: '北坐标', tech: '网络' });
    expect(r.preview.acceptedCount).toBe(2);
    expect(r.preview.rejected).toHaveLength(1);
    expect(r.preview.rejected[0]).toMatchObject({ row: 3, code: 'outside-china' });
  });

  it('finds the header below a title line when nothing could be mapped', async () => {
    const r = await previewStationFile({
      file: blob(`站点清单 2024\n${ODD}`),
      fileName: 'titled.csv',
      crs: 'WGS84',
    });
    expect(r.status === 'ok' && r.preview.columns.headers).toEqual([
      '编号',
      '东坐标',
      '北坐标',
      '网络',
    ]);
    expect(r.status === 'ok' && r.preview.headerLine).toBe(2);
    expect(r.status === 'ok' && r.preview.rows[0][0]).toBe('B1');
  });

  it('a file that is not a table at all is a failure naming the file', async () => {
    const r = await previewStationFile({
      file: new Blob([new Uint8Array([0, 1, 2, 3, 0, 255, 254, 0, 7, 8])]),
      fileName: 'garbage.csv',
      crs: 'WGS84',
    });
    expect(r).toMatchObject({ status: 'failed', fileName: 'garbage.csv', code: 'binary-file' });
  });
});

describe('guessKind', () => {
  it('goes by extension for boundary formats and workbooks', async () => {
    expect(await guessKind(blob('x'), 'a.geojson')).toBe('boundaries');
    expect(await guessKind(blob('x'), 'a.KML')).toBe('boundaries');
    expect(await guessKind(blob('x'), 'shapes.zip')).toBe('boundaries');
    expect(await guessKind(blob('x'), 'sites.xlsx')).toBe('stations');
  });

  it('reads the content of a table or a misnamed file', async () => {
    expect(await guessKind(blob(SITES), 'sites.csv')).toBe('stations');
    expect(await guessKind(blob('代码,名称,常住人口\n632701,玉树市,141308\n'), 'p.csv')).toBe(
      'population',
    );
    expect(await guessKind(blob('{"type":"FeatureCollection","features":[]}'), 'x.txt')).toBe(
      'boundaries',
    );
    expect(await guessKind(blob('\uFEFF<?xml version="1.0"?><kml/>'), 'x.dat')).toBe('boundaries');
    // Nothing recognisable: the station importer will explain what is missing.
    expect(await guessKind(blob('a,b\n1,2\n'), 'x.csv')).toBe('stations');
  });
});
