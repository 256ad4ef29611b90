import { existsSync, openAsBlob, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lngLat, toWgs84 } from '../../src/core/crs';
import { importSettlements } from '../../src/io/import-settlements';

// Third-party data lives outside the repository (see ../shared/data/README.md).
const dataDir = path.resolve(process.cwd(), '../shared/data');
const shanghai = path.join(dataDir, 'shanghai-telecom-sites-2014.csv');
const datav = path.join(dataDir, 'qinghai-counties-gcj02.geojson');
const present = existsSync(shanghai) && existsSync(datav);
if (!present) console.info('skipped: ../shared/data not found');

describe.skipIf(!present)('real data read as settlement points', () => {
  it('a 3,042-row point table (Shanghai Telecom) loads whole; the missing names are said once', async () => {
    const r = await importSettlements(await openAsBlob(shanghai), 'shanghai.csv');
    expect(r).toMatchObject({ format: 'csv', encoding: 'utf-8', recordCount: 3042, rejected: [] });
    expect(r.settlements).toHaveLength(3042);
    expect(r.columns.mapping).toEqual({ id: 'id', lon: 'longitude', lat: 'latitude' });
    expect(r.warnings.map((w) => [w.code, w.params?.count])).toEqual([
      ['settlement-unnamed', 3042],
    ]);
    expect(r.settlements[0]).toMatchObject({
      id: '0',
      name: '#1',
      position: [121.470259, 31.237872],
    });
    expect(new Set(r.settlements.map((s) => s.id)).size).toBe(3042);
  });

  it('DataV county polygons given as settlements: every feature rejected as not a point, by name', async () => {
    const r = await importSettlements(await openAsBlob(datav), 'qinghai.geojson');
    expect(r.settlements).toEqual([]);
    expect(r.rejected).toHaveLength(45);
    expect(new Set(r.rejected.map((i) => i.code))).toEqual(new Set(['not-point']));
    expect(r.rejected.find((i) => i.value === '玉树市')?.params?.type).toMatch(/Polygon/);
  });

  it('the DataV county seats (GCJ-02 `center` points) load as towns, converted to WGS-84', async () => {
    const fc = JSON.parse(readFileSync(datav, 'utf8')) as {
      features: { properties: { name: string; adcode: number; center: [number, number] } }[];
    };
    const points = {
      type: 'FeatureCollection',
      features: fc.features.map((f) => ({
        type: 'Feature',
        properties: { 名称: f.properties.name, 代码: f.properties.adcode, 类型: '县城' },
        geometry: { type: 'Point', coordinates: f.properties.center },
      })),
    };
    const r = await importSettlements(new Blob([JSON.stringify(points)]), 'seats.geojson', {
      crs: 'GCJ02',
    });
    expect(r.rejected).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.settlements).toHaveLength(45);
    expect(r.settlements.every((s) => s.kind === 'town' && /^63\d{4}$/.test(s.code ?? ''))).toBe(
      true,
    );
    const yushu = r.settlements.find((s) => s.code === '632701');
    const c = fc.features.find((f) => f.properties.adcode === 632701)!.properties.center;
    expect(yushu?.position).toEqual(toWgs84(lngLat(c[0], c[1], 'GCJ02'), 'GCJ02'));
  });
});
