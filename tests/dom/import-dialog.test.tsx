// The import dialog in happy-dom. The worker is replaced by the same API modules called in
// process (real preview, real Workspace): only the transport differs, so what the dialog
// sends is what the worker would receive.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { loadIntoWorkspace, type ImportFileRequest } from '../../src/worker/load-dataset';
import { Workspace } from '../../src/worker/workspace';
import { inProcessImportApi, type SentImport } from './in-process-worker';

const worker = vi.hoisted(() => ({
  sent: [] as SentImport[],
  api: null as unknown,
}));
vi.mock('../../src/worker/client', () => ({ workerApi: () => worker.api }));

import { ImportButtons } from '../../src/components/ImportButtons';
import { DatasetList } from '../../src/components/DatasetList';
import { ImportStatus } from '../../src/components/ImportStatus';

let ws: Workspace;

// 制式2 is no known alias of `tech`: detected, every row is LTE; mapped, NR.
const CSV = [
  'id,lon,lat,制式2',
  'T1,97.01,33.00,NR',
  'T2,33.00,97.02,NR',
  'T3,97.03,33.01,NR',
].join('\n');

const pick = (testId: string, name: string, text: string) =>
  fireEvent.change(screen.getByTestId(testId), {
    target: { files: [new File([text], name, { type: 'text/csv' })] },
  });

const ready = () =>
  waitFor(() => expect(screen.getByTestId('import-dialog').dataset.state).toBe('ready'));

const lastSent = () => worker.sent[worker.sent.length - 1];

describe('import dialog', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  beforeEach(() => {
    ws = new Workspace();
    worker.api = inProcessImportApi(() => ws, worker.sent);
    worker.sent.length = 0;
    useAppStore.setState({ job: null, notice: null, importCrs: 'WGS84', snapshot: null });
  });
  afterEach(cleanup);

  it('previews a picked station file: details, rows, rejected rows with translated reasons', async () => {
    render(<ImportButtons />);
    pick('file-stations', 'sites.csv', CSV);
    await screen.findByTestId('import-preview');
    await ready();
    expect(screen.getByTestId('import-preview-details').textContent).toContain('逗号');
    expect(screen.getByTestId('import-preview-details').textContent).toContain('UTF-8');
    expect(screen.getByTestId('import-preview-rows').querySelectorAll('tbody tr')).toHaveLength(3);
    const rejected = within(screen.getByTestId('import-preview-rejected')).getAllByRole('listitem');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].textContent).toContain('第 2 行');
    expect(rejected[0].textContent).toContain('纬度与经度疑似颠倒');
    expect(
      screen.getByTestId('import-preview-rows').querySelector('tr.rejected')?.textContent,
    ).toContain('T2');
    // Detected mapping, one select per canonical field.
    expect((screen.getByTestId('map-lon') as HTMLSelectElement).value).toBe('lon');
    expect((screen.getByTestId('map-tech') as HTMLSelectElement).value).toBe('');
    // Nothing is loaded before Import.
    expect(worker.sent).toHaveLength(0);
    expect(ws.list()).toHaveLength(0);
  });

  it('sends the detected mapping (none) when untouched, and the edited mapping and CRS after edits', async () => {
    render(<ImportButtons />);
    pick('file-stations', 'a.csv', CSV);
    await screen.findByTestId('import-preview');
    await ready();
    fireEvent.click(screen.getByTestId('import-accept'));
    await waitFor(() => expect(worker.sent).toHaveLength(1));
    expect(lastSent().req).toMatchObject({ fileName: 'a.csv', crs: 'WGS84', mapping: undefined });
    await waitFor(() => expect(useAppStore.getState().notice?.status).toBe('ok'));
    expect(Array.from(ws.snapshot().stationLayers[0].kind)).toEqual([1, 1]); // LTE only

    pick('file-stations', 'b.csv', CSV);
    await screen.findByTestId('import-preview');
    await ready();
    fireEvent.change(screen.getByTestId('map-tech'), { target: { value: '制式2' } });
    fireEvent.change(screen.getByTestId('import-dialog-crs'), { target: { value: 'GCJ02' } });
    await ready();
    expect(
      screen.getByTestId('import-preview-rows').querySelector('th[data-field="tech"]')?.textContent,
    ).toContain('制式2');
    fireEvent.click(screen.getByTestId('import-accept'));
    await waitFor(() => expect(worker.sent).toHaveLength(2));
    const req = lastSent().req as ImportFileRequest;
    expect(req.crs).toBe('GCJ02');
    expect(req.mapping).toMatchObject({
      id: 'id',
      lon: 'lon',
      lat: 'lat',
      tech: '制式2',
      band: '',
    });
    await waitFor(() => expect(ws.list()).toHaveLength(2));
    expect(Array.from(ws.snapshot().stationLayers[1].kind)).toEqual([2, 2]); // NR
  });

  it('a column taken by another field is cleared there: one column feeds one field', async () => {
    render(<ImportButtons />);
    pick('file-stations', 'a.csv', CSV);
    await screen.findByTestId('import-preview');
    await ready();
    fireEvent.change(screen.getByTestId('map-name'), { target: { value: 'id' } });
    await ready();
    expect((screen.getByTestId('map-name') as HTMLSelectElement).value).toBe('id');
    expect((screen.getByTestId('map-id') as HTMLSelectElement).value).toBe('');
    fireEvent.click(screen.getByTestId('import-accept'));
    await waitFor(() => expect(worker.sent).toHaveLength(1));
    expect((lastSent().req as ImportFileRequest).mapping).toMatchObject({ id: '', name: 'id' });
  });

  it('a file without coordinate columns can be mapped by hand; Import waits until it can be read', async () => {
    render(<ImportButtons />);
    pick('file-stations', 'odd.csv', '编号,东,北\nX1,97.01,33.00\nX2,97.02,33.01\n');
    await screen.findByTestId('import-preview');
    await ready();
    expect(screen.getByTestId('import-preview-error').textContent).toContain('经度');
    expect((screen.getByTestId('import-accept') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('map-lon'), { target: { value: '东' } });
    await ready();
    expect((screen.getByTestId('import-accept') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('map-lat'), { target: { value: '北' } });
    await ready();
    await waitFor(() =>
      expect((screen.getByTestId('import-accept') as HTMLButtonElement).disabled).toBe(false),
    );
    expect(screen.getByTestId('import-preview-summary').textContent).toContain('2 行可导入');
    fireEvent.click(screen.getByTestId('import-accept'));
    await waitFor(() => expect(ws.list()).toHaveLength(1));
    expect(ws.snapshot().datasets[0]).toMatchObject({ fileName: 'odd.csv', itemCount: 2 });
  });

  it('a file that cannot be read closes the dialog and shows the failure; Cancel imports nothing', async () => {
    render(
      <>
        <ImportButtons />
        <ImportStatus />
      </>,
    );
    fireEvent.change(screen.getByTestId('file-stations'), {
      target: { files: [new File([new Uint8Array([0, 1, 2, 0, 255, 254, 0, 7])], 'bin.csv')] },
    });
    const error = await screen.findByTestId('import-error');
    expect(error.textContent).toContain('bin.csv');
    expect(screen.queryByTestId('import-dialog')).toBeNull();

    pick('file-stations', 'a.csv', CSV);
    await screen.findByTestId('import-preview');
    fireEvent.click(screen.getByTestId('import-dialog-cancel'));
    expect(screen.queryByTestId('import-dialog')).toBeNull();
    expect(worker.sent).toHaveLength(0);
  });

  it('a file given to the drop zone gets a guessed kind the user can change', async () => {
    render(<ImportButtons />);
    const geo = new File(['{"type":"FeatureCollection","features":[]}'], 'areas.json');
    // The drop zone's own input (its "choose files" button) goes through the same onDrop.
    fireEvent.change(screen.getByTestId('import-drop-input'), { target: { files: [geo] } });
    const kind = (await screen.findByTestId('import-kind')) as HTMLSelectElement;
    expect(kind.value).toBe('boundaries');
    expect(screen.queryByTestId('import-preview')).toBeNull();
    fireEvent.change(kind, { target: { value: 'population' } });
    expect(screen.queryByTestId('import-dialog-crs')).toBeNull(); // population has no coordinates
  });

  it('replace from the dataset list sends the dataset id and keeps the kind fixed', async () => {
    await loadIntoWorkspace(
      ws,
      { jobId: 'x', kind: 'stations', file: new Blob([CSV]), fileName: 'old.csv', crs: 'WGS84' },
      { signal: new AbortController().signal },
    );
    const oldId = ws.list()[0].id;
    act(() => useAppStore.getState().setSnapshot(ws.snapshot()));
    render(<DatasetList />);
    pick('dataset-replace-file', 'new.csv', 'id,lon,lat\nN1,97.01,33.00\n');
    await screen.findByTestId('import-preview');
    await ready();
    expect(screen.getByRole('dialog').textContent).toContain('old.csv');
    expect((screen.getByTestId('import-kind') as HTMLSelectElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('import-accept'));
    await waitFor(() => expect(worker.sent).toHaveLength(1));
    expect(lastSent().replaceId).toBe(oldId);
    await waitFor(() => expect(screen.getByTestId('datasets').textContent).toContain('new.csv'));
    expect(screen.getByTestId('datasets').textContent).not.toContain('old.csv');
  });
});
