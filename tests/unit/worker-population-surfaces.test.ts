import { describe, expect, it } from 'vitest';
import { wgs84 } from '../../src/core/crs';
import type { Settlement } from '../../src/core/settlement';
import { loadIntoWorkspace } from '../../src/worker/load-dataset';
import { Workspace } from '../../src/worker/workspace';
import { GEO_4326, encodeTiff } from './support/tiff-encode';

const settlement: Settlement = {
  id: 'a',
  name: '合成-甲村',
  position: wgs84(97, 33),
  population: 100,
  households: null,
  kind: 'admin-village',
  code: null,
  synthetic: true,
  sourceRow: 1,
};

function tiff(): Blob {
  const data = new Float32Array(16).fill(3);
  const bytes = encodeTiff({
    width: 4,
    height: 4,
    data,
    sampleType: 'Float32',
    origin: [96, 34, 0.5, 0.5],
    geoKeys: GEO_4326,
  });
  return new Blob([bytes.slice().buffer]);
}

const request = (file: Blob, fileName: string, extra = {}) => ({
  jobId: 'j',
  kind: 'population-raster' as const,
  file,
  fileName,
  crs: 'WGS84' as const,
  ...extra,
});

describe('population rasters in the workspace', () => {
  it('a file that is not a raster fails with file and reason, and nothing changes', async () => {
    const ws = new Workspace();
    ws.setSettlements([settlement], false);
    const version = ws.version;
    const r = await loadIntoWorkspace(ws, request(new Blob(['hello']), 'pop.tif'), {
      signal: new AbortController().signal,
    });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.code).toBe('raster-file');
    expect(r.fileName).toBe('pop.tif');
    expect(r.message).toMatch(/not a TIFF/);
    expect(ws.version).toBe(version);
    expect(ws.populationRaster()).toBeNull();
    expect(ws.populationSettlements()).toHaveLength(1);
  });

  it('a raster loads with its description and drops the demo settlements', async () => {
    const ws = new Workspace();
    ws.setSettlements([settlement], true);
    const r = await loadIntoWorkspace(
      ws,
      request(tiff(), 'chn_ppp_2020.tif', { rasterValues: 'density' }),
      { signal: new AbortController().signal },
    );
    expect(r.status).toBe('ok');
    const raster = ws.populationRaster();
    expect(raster?.description).toMatchObject({
      files: ['chn_ppp_2020.tif'],
      crs: 'EPSG:4326',
      year: 2020,
      values: 'density',
    });
    expect(ws.snapshot().settlements ?? null).toBeNull();
    const win = await raster!.source.readWindow([96.2, 32.2, 97.8, 33.8]);
    expect(win?.georef.width).toBe(4);
  });
});
