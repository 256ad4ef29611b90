// The demo question and the demo datasets' actions in happy-dom, over the worker's import API
// called in process on a real Workspace holding the Yushu demo (loaded as the worker loads it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { loadDemoInto } from '../../src/worker/demo-load';
import { Workspace } from '../../src/worker/workspace';
import { inProcessImportApi, type SentImport } from './in-process-worker';

const worker = vi.hoisted(() => ({
  sent: [] as SentImport[],
  api: null as unknown,
}));
vi.mock('../../src/worker/client', () => ({ workerApi: () => worker.api }));

import { DatasetList } from '../../src/components/DatasetList';
import { Header } from '../../src/components/Header';
import { ImportButtons } from '../../src/components/ImportButtons';
import { ImportStatus } from '../../src/components/ImportStatus';
import { TownshipList } from '../../src/components/TownshipList';

let ws: Workspace;

const geoFile = (name: string): Blob =>
  new Blob([readFileSync(path.join(import.meta.dirname, '../../geo', name))]);

const USER_STATIONS = 'id,lon,lat,tech\nU1,97.01,33.00,NR\nU2,97.02,33.01,NR\n';
const USER_COUNTIES = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '632701', name: '玉树市' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [96.9, 32.9],
            [97.1, 32.9],
            [97.1, 33.1],
            [96.9, 33.1],
            [96.9, 32.9],
          ],
        ],
      },
    },
  ],
});

function App() {
  return (
    <>
      <Header />
      <TownshipList />
      <ImportButtons />
      <ImportStatus />
      <DatasetList />
    </>
  );
}

const pick = (testId: string, name: string, text: string) =>
  fireEvent.change(screen.getByTestId(testId), {
    target: { files: [new File([text], name, { type: 'text/csv' })] },
  });

/** Picks a station file and accepts its preview, as a user does. */
async function importStations(name: string, text: string) {
  pick('file-stations', name, text);
  await screen.findByTestId('import-preview');
  await waitFor(() => expect(screen.getByTestId('import-dialog').dataset.state).toBe('ready'));
  fireEvent.click(screen.getByTestId('import-accept'));
}

const listed = (testId: string) =>
  within(screen.getByTestId(testId))
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');
const datasetFiles = () => ws.list().map((d) => d.fileName);
const DEMO_FILES = ['yushu-counties.geojson', 'yushu-population.csv', 'yushu-stations.csv'];

describe('the demo question', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  beforeEach(async () => {
    ws = new Workspace();
    await loadDemoInto(ws, {
      counties: geoFile('yushu-counties.geojson'),
      population: geoFile('yushu-population.csv'),
      stations: geoFile('yushu-stations.csv'),
      townships: geoFile('yushu-townships.json'),
    });
    worker.api = inProcessImportApi(() => ws, worker.sent);
    worker.sent.length = 0;
    useAppStore.setState({
      job: null,
      notice: null,
      importCrs: 'WGS84',
      demoQuestion: null,
      demoKept: [],
      focus: null,
    });
    act(() => useAppStore.getState().setSnapshot(ws.snapshot()));
  });
  afterEach(cleanup);

  it('asks after a station file has loaded, names what goes and what stays, and replaces by default', async () => {
    render(<App />);
    expect(screen.getByTestId('synthetic-badge')).toBeTruthy();
    await importStations('mine.csv', USER_STATIONS);
    const dialog = await screen.findByTestId('demo-choice');
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(dialog.textContent).toContain('mine.csv（2 个站点）');
    expect(listed('demo-choice-remove')).toEqual(['合成站点 yushu-stations.csv（706 个站点）']);
    expect(listed('demo-choice-keep')).toEqual([
      '演示区县边界 yushu-counties.geojson（6 个区域）',
      '演示人口（2020 年人口普查） yushu-population.csv（6 行）',
    ]);
    expect(screen.queryByTestId('demo-choice-townships')).toBeNull();
    // The mix option says what it means.
    expect(screen.getByTestId('demo-choice-keep-button').textContent).toContain(
      '与合成演示数据混合',
    );
    // Replace is the default: it has the focus.
    expect(document.activeElement).toBe(screen.getByTestId('demo-choice-replace'));
    // Nothing changes while the question is open.
    expect(datasetFiles()).toEqual(DEMO_FILES);

    fireEvent.click(screen.getByTestId('demo-choice-replace'));
    await waitFor(() => expect(useAppStore.getState().notice?.status).toBe('ok'));
    expect(screen.queryByTestId('demo-choice')).toBeNull();
    expect(datasetFiles()).toEqual(['yushu-counties.geojson', 'yushu-population.csv', 'mine.csv']);
    expect(screen.getByTestId('import-demo-removed').textContent).toBe(
      '已移除演示数据：yushu-stations.csv',
    );
    expect(screen.queryByTestId('synthetic-badge')).toBeNull();
    // The real demo boundaries stay, and the township list with them.
    expect(screen.getByTestId('townships')).toBeTruthy();
    // The map is asked to fit the imported sites.
    expect(useAppStore.getState().focus?.bbox).toEqual([97.01, 33.0, 97.02, 33.01]);
  });

  it('keep alongside mixes as chosen and is not asked again about the same demo data', async () => {
    render(<App />);
    await importStations('mine.csv', USER_STATIONS);
    fireEvent.click(await screen.findByTestId('demo-choice-keep-button'));
    await waitFor(() => expect(useAppStore.getState().notice?.status).toBe('ok'));
    expect(datasetFiles()).toEqual([...DEMO_FILES, 'mine.csv']);
    expect(screen.getByTestId('synthetic-badge')).toBeTruthy();
    expect(screen.queryByTestId('import-demo-removed')).toBeNull();

    await importStations('more.csv', 'id,lon,lat,tech\nV1,97.05,33.02,NR\n');
    await waitFor(() => expect(datasetFiles()).toContain('more.csv'));
    expect(screen.queryByTestId('demo-choice')).toBeNull();
    expect(datasetFiles()).toEqual([...DEMO_FILES, 'mine.csv', 'more.csv']);
  });

  it('Escape cancels the import: the demo stays and the notice says so', async () => {
    render(<App />);
    await importStations('mine.csv', USER_STATIONS);
    await screen.findByTestId('demo-choice');
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(useAppStore.getState().notice?.status).toBe('cancelled'));
    expect(screen.queryByTestId('demo-choice')).toBeNull();
    expect(datasetFiles()).toEqual(DEMO_FILES);
    expect(screen.getByTestId('synthetic-badge')).toBeTruthy();
  });

  it('boundaries through the picker: the demo counties and their township list go, the list disappears', async () => {
    render(<App />);
    expect(screen.getByTestId('townships')).toBeTruthy();
    pick('file-boundaries', 'counties.geojson', USER_COUNTIES);
    await screen.findByTestId('demo-choice');
    expect(listed('demo-choice-remove')).toEqual([
      '演示区县边界 yushu-counties.geojson（6 个区域）',
      '合成站点 yushu-stations.csv（706 个站点）',
    ]);
    expect(screen.getByTestId('demo-choice-townships').textContent).toContain('49 个乡镇');
    expect(listed('demo-choice-keep')).toEqual([
      '演示人口（2020 年人口普查） yushu-population.csv（6 行）',
    ]);
    fireEvent.click(screen.getByTestId('demo-choice-replace'));
    await waitFor(() => expect(useAppStore.getState().notice?.status).toBe('ok'));
    expect(datasetFiles()).toEqual(['yushu-population.csv', 'counties.geojson']);
    expect(screen.queryByTestId('townships')).toBeNull();
    expect(useAppStore.getState().focus?.bbox).toEqual([96.9, 32.9, 97.1, 33.1]);
  });

  it('a file given to the drop zone is asked about the same way', async () => {
    render(<App />);
    fireEvent.change(screen.getByTestId('import-drop-input'), {
      target: { files: [new File([USER_COUNTIES], 'dropped.geojson')] },
    });
    await screen.findByTestId('import-dialog');
    fireEvent.click(screen.getByTestId('import-accept'));
    await screen.findByTestId('demo-choice');
    fireEvent.click(screen.getByTestId('demo-choice-replace'));
    await waitFor(() =>
      expect(datasetFiles()).toEqual(['yushu-population.csv', 'dropped.geojson']),
    );
  });

  it('a file that cannot be read is never asked about and removes nothing', async () => {
    render(<App />);
    pick('file-boundaries', 'cut.geojson', '{"type":"FeatureCollection","features":[');
    await waitFor(() => expect(useAppStore.getState().notice?.status).toBe('failed'));
    expect(screen.queryByTestId('demo-choice')).toBeNull();
    expect(datasetFiles()).toEqual(DEMO_FILES);
  });
});

describe('demo datasets in the dataset list', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  beforeEach(async () => {
    ws = new Workspace();
    await loadDemoInto(ws, {
      counties: geoFile('yushu-counties.geojson'),
      population: geoFile('yushu-population.csv'),
      stations: geoFile('yushu-stations.csv'),
      townships: geoFile('yushu-townships.json'),
    });
    worker.api = inProcessImportApi(() => ws, worker.sent);
    worker.sent.length = 0;
    useAppStore.setState({ job: null, notice: null, demoQuestion: null, demoKept: [] });
    act(() => useAppStore.getState().setSnapshot(ws.snapshot()));
  });
  afterEach(cleanup);

  const entry = (fileName: string) =>
    within(screen.getByTestId('datasets'))
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes(fileName));

  it('every demo dataset has 移除 and 替换; the synthetic one is marked', () => {
    render(<App />);
    for (const f of DEMO_FILES) {
      const li = entry(f)!;
      expect(within(li).getByTestId('dataset-remove').textContent).toBe('移除');
      expect(within(li).getByTestId('dataset-replace').textContent).toBe('替换…');
    }
    expect(entry('yushu-stations.csv')!.textContent).toContain('合成');
    expect(entry('yushu-counties.geojson')!.textContent).not.toContain('合成');
  });

  it('移除 on the synthetic stations drops them and the badge; on the demo counties, the township list too', async () => {
    render(<App />);
    fireEvent.click(within(entry('yushu-stations.csv')!).getByTestId('dataset-remove'));
    await waitFor(() => expect(screen.queryByTestId('synthetic-badge')).toBeNull());
    expect(datasetFiles()).toEqual(['yushu-counties.geojson', 'yushu-population.csv']);
    expect(screen.getByTestId('townships')).toBeTruthy();

    fireEvent.click(within(entry('yushu-counties.geojson')!).getByTestId('dataset-remove'));
    await waitFor(() => expect(screen.queryByTestId('townships')).toBeNull());
    fireEvent.click(within(entry('yushu-population.csv')!).getByTestId('dataset-remove'));
    await waitFor(() => expect(screen.queryByTestId('datasets')).toBeNull());
    expect(ws.list()).toEqual([]);
  });

  it('替换 on the demo counties asks about the synthetic stations too', async () => {
    render(<App />);
    const li = entry('yushu-counties.geojson')!;
    fireEvent.change(within(li).getByTestId('dataset-replace-file'), {
      target: { files: [new File([USER_COUNTIES], 'mine.geojson')] },
    });
    await screen.findByTestId('import-dialog');
    fireEvent.click(screen.getByTestId('import-accept'));
    await screen.findByTestId('demo-choice');
    expect(listed('demo-choice-replaced')).toEqual([
      '演示区县边界 yushu-counties.geojson（6 个区域）',
    ]);
    expect(listed('demo-choice-remove')).toEqual(['合成站点 yushu-stations.csv（706 个站点）']);
    expect(screen.getByTestId('demo-choice-townships')).toBeTruthy();
    fireEvent.click(screen.getByTestId('demo-choice-keep-button'));
    await waitFor(() =>
      expect(datasetFiles()).toEqual([
        'mine.geojson',
        'yushu-population.csv',
        'yushu-stations.csv',
      ]),
    );
    expect(worker.sent[0].replaceId).toBe('boundaries-1');
    expect(screen.queryByTestId('townships')).toBeNull();
    expect(screen.getByTestId('synthetic-badge')).toBeTruthy();
  });
});
