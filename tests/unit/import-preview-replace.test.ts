// Import and replace in the worker's workspace, without a worker: the mapping confirmed in the
// preview is what the import uses, and a replace changes nothing unless the new file loads.
import { describe, expect, it } from 'vitest';
import { loadIntoWorkspace, type ImportFileRequest } from '../../src/worker/load-dataset';
import type { DatasetKind } from '../../src/worker/protocol';
import { Workspace } from '../../src/worker/workspace';

const OLD = 'id,lon,lat,tech\nO1,97.01,33.00,NR\nO2,97.02,33.01,NR\n';
const NEW = 'id,lon,lat,tech\nN1,97.01,33.00,NR\nN2,97.02,33.01,LTE\nN3,97.03,33.02,NR\n';

const request = (
  text: string | Blob,
  fileName: string,
  kind: DatasetKind = 'stations',
  extra: Partial<ImportFileRequest> = {},
): ImportFileRequest => ({
  jobId: 'j',
  kind,
  file: typeof text === 'string' ? new Blob([text]) : text,
  fileName,
  crs: 'WGS84',
  ...extra,
});

async function twoDatasets() {
  const ws = new Workspace();
  const signal = new AbortController().signal;
  const pop = await loadIntoWorkspace(
    ws,
    request('code,total\n632701,1000\n', 'p.csv', 'population'),
    { signal },
  );
  const old = await loadIntoWorkspace(ws, request(OLD, 'old.csv'), { signal });
  if (old.status !== 'ok' || pop.status !== 'ok') throw new Error('setup failed');
  return { ws, oldId: old.dataset.id, popId: pop.dataset.id };
}

const files = (ws: Workspace) => ws.list().map((d) => `${d.kind}:${d.fileName}`);

describe('loadIntoWorkspace', () => {
  it('imports with the mapping the preview confirmed', async () => {
    const ws = new Workspace();
    const text = 'id,lon,lat,制式2\nM1,97.01,33.00,NR\nM2,97.02,33.01,NR\n';
    const signal = new AbortController().signal;
    const plain = await loadIntoWorkspace(ws, request(text, 'plain.csv'), { signal });
    const mapped = await loadIntoWorkspace(
      ws,
      request(text, 'mapped.csv', 'stations', {
        mapping: { id: 'id', lon: 'lon', lat: 'lat', tech: '制式2' },
      }),
      { signal },
    );
    const sites = ws.snapshot().stationLayers.map((l) => Array.from(l.kind));
    expect(plain.status).toBe('ok');
    expect(mapped.status).toBe('ok');
    // Without the mapping the tech column is unknown and rows default to LTE (kind 1); with it, NR (2).
    expect(sites).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it("replace puts the new file in the old one's place and drops the old one", async () => {
    const { ws, oldId } = await twoDatasets();
    const r = await loadIntoWorkspace(ws, request(NEW, 'new.csv'), {
      signal: new AbortController().signal,
      replaceId: oldId,
    });
    expect(r.status).toBe('ok');
    expect(files(ws)).toEqual(['population:p.csv', 'stations:new.csv']);
    expect(ws.list().some((d) => d.id === oldId)).toBe(false);
    expect(ws.snapshot().datasets[1]).toMatchObject({ fileName: 'new.csv', itemCount: 3 });
  });

  it("a replace keeps the old dataset's kind whatever the request says", async () => {
    const { ws, oldId } = await twoDatasets();
    const r = await loadIntoWorkspace(ws, request(NEW, 'new.csv', 'population'), {
      signal: new AbortController().signal,
      replaceId: oldId,
    });
    expect(r).toMatchObject({ status: 'ok', dataset: { kind: 'stations' } });
  });

  it('a replace with a file that cannot be read keeps the old dataset', async () => {
    const { ws, oldId } = await twoDatasets();
    const before = ws.snapshot();
    const r = await loadIntoWorkspace(
      ws,
      request(new Blob([new Uint8Array([0, 1, 2, 0, 255, 254, 0, 9])]), 'bad.csv'),
      { signal: new AbortController().signal, replaceId: oldId },
    );
    expect(r).toMatchObject({ status: 'failed', fileName: 'bad.csv', code: 'binary-file' });
    expect(ws.list().map((d) => d.id)).toContain(oldId);
    expect(ws.snapshot().datasets).toEqual(before.datasets);
  });

  it('a replace whose every row is rejected fails and keeps the old dataset', async () => {
    const { ws, oldId } = await twoDatasets();
    const r = await loadIntoWorkspace(ws, request('id,lon,lat\nX,2.35,48.85\n', 'paris.csv'), {
      signal: new AbortController().signal,
      replaceId: oldId,
    });
    expect(r).toMatchObject({
      status: 'failed',
      code: 'replace-nothing-loaded',
      params: { rejected: 1, old: 'old.csv' },
    });
    expect(files(ws)).toEqual(['population:p.csv', 'stations:old.csv']);
  });

  it('a cancelled replace keeps the old dataset', async () => {
    const { ws, oldId } = await twoDatasets();
    const c = new AbortController();
    c.abort();
    const r = await loadIntoWorkspace(ws, request(NEW, 'new.csv'), {
      signal: c.signal,
      replaceId: oldId,
    });
    expect(r).toEqual({ status: 'cancelled', fileName: 'new.csv' });
    expect(files(ws)).toEqual(['population:p.csv', 'stations:old.csv']);
  });

  it('replacing a dataset that is no longer loaded fails and adds nothing', async () => {
    const { ws } = await twoDatasets();
    const r = await loadIntoWorkspace(ws, request(NEW, 'new.csv'), {
      signal: new AbortController().signal,
      replaceId: 'stations-99',
    });
    expect(r).toMatchObject({ status: 'failed', code: 'replace-missing' });
    expect(files(ws)).toEqual(['population:p.csv', 'stations:old.csv']);
  });
});

describe('Workspace.replace', () => {
  it('returns null and changes nothing for an unknown id', async () => {
    const { ws, popId } = await twoDatasets();
    const popDataset = ws.list().find((d) => d.id === popId)!;
    expect(ws.replace('nope', popDataset)).toBeNull();
    expect(files(ws)).toEqual(['population:p.csv', 'stations:old.csv']);
  });
});
