import { existsSync, openAsBlob } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importStations, previewStations } from '../../src/io/import-stations';
import { inChina } from '../../src/io/station-rows';

// Third-party data lives outside the repository (see ../shared/data/README.md).
const dataDir = path.resolve(process.cwd(), '../shared/data');
const shanghai = path.join(dataDir, 'shanghai-telecom-sites-2014.csv');
const present = existsSync(shanghai);
if (!present) console.info('skipped: ../shared/data not found');

describe.skipIf(!present)('real data: Shanghai Telecom sites (2014)', () => {
  it('loads all 3,042 rows: latitude/longitude aliases, a leading unnamed column, no tech column', async () => {
    const r = await importStations(await openAsBlob(shanghai), 'shanghai-telecom-sites-2014.csv');
    expect(r).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', rowCount: 3042 });
    expect(r.rejected).toEqual([]);
    expect(r.cells).toHaveLength(3042);
    expect(r.columns.mapping).toEqual({ id: 'id', lon: 'longitude', lat: 'latitude' });
    expect(r.columns.unmapped).toEqual(['', 'index', 'address']);
    // No tech column: every row is LTE (the 2014 network), said once.
    expect(r.cells.every((c) => c.tech === 'LTE')).toBe(true);
    const defaults = r.warnings.filter((w) => w.code === 'default-tech');
    expect(defaults).toHaveLength(1);
    expect(defaults[0].params).toMatchObject({ count: 3042 });
    expect(r.warnings).toHaveLength(1);
    expect(r.cells[0]).toMatchObject({ id: '0', position: [121.470259, 31.237872], sourceRow: 1 });
    for (const c of r.cells) expect(inChina(c.position[0], c.position[1])).toBe(true);
    // No site ids: sites are cells within 10 m; a handful of points coincide.
    expect(r.sites.length).toBeGreaterThan(3000);
    expect(r.sites.length).toBeLessThanOrEqual(3042);
    expect(r.sites.every((s) => s.hasLte && !s.is5g)).toBe(true);
  });

  it('previews the head', async () => {
    const p = await previewStations(await openAsBlob(shanghai), 'shanghai-telecom-sites-2014.csv', {
      maxRows: 3,
    });
    expect(p.headerLine).toBe(1);
    expect(p.columns.headers).toEqual(['', 'index', 'latitude', 'longitude', 'address', 'id']);
    expect(p.rows).toHaveLength(3);
  });
});
