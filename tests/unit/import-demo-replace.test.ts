// The demo never mixes with the user's data: the Yushu demo loaded as the worker loads it,
// then the user's own files imported over it through loadIntoWorkspace (the worker's import),
// with the user's answer to the demo question. Issue 11: "玉树州 then shows 716 5G sites, 564
// of them synthetic".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysisParams } from '../../src/core/analysis/params';
import type { DemoAnswer, DemoPlan } from '../../src/worker/demo-plan';
import { loadDemoInto } from '../../src/worker/demo-load';
import {
  loadIntoWorkspace,
  type ImportFileRequest,
  type LoadIntoOptions,
  type LoadOutcome,
} from '../../src/worker/load-dataset';
import type { DatasetKind, WorkspaceSnapshot } from '../../src/worker/protocol';
import { runAnalysis } from '../../src/worker/run-analysis';
import { Workspace } from '../../src/worker/workspace';

const geoFile = (name: string): Blob =>
  new Blob([readFileSync(new URL(`../../geo/${name}`, import.meta.url))]);

async function demoWorkspace(): Promise<Workspace> {
  const ws = new Workspace();
  await loadDemoInto(ws, {
    counties: geoFile('yushu-counties.geojson'),
    population: geoFile('yushu-population.csv'),
    stations: geoFile('yushu-stations.csv'),
    townships: geoFile('yushu-townships.json'),
  });
  return ws;
}

// Three NR sites of the user's in 玉树市 (one RedCap), near its seat.
const USER_STATIONS = [
  'id,site_id,lon,lat,tech,redcap',
  'U1,US1,97.0100,33.0000,NR,true',
  'U2,US2,97.0200,33.0050,NR,false',
  'U3,US3,97.0300,33.0100,NR,false',
].join('\n');

const square = (code: string, name: string, x: number, y: number, d: number) => ({
  type: 'Feature',
  properties: { code, name },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x - d, y - d],
        [x + d, y - d],
        [x + d, y + d],
        [x - d, y + d],
        [x - d, y - d],
      ],
    ],
  },
});
const collection = (...features: object[]) =>
  JSON.stringify({ type: 'FeatureCollection', features });
// The user's own county boundaries: a box over 玉树市's seat and one over 城东区 (西宁).
const USER_COUNTIES = collection(
  square('632701', '玉树市', 97.01, 33.0, 0.1),
  square('630102', '城东区', 101.83, 36.62, 0.05),
);
const USER_TOWNSHIP = collection(square('632701001000', '结古街道', 97.008346, 32.995246, 0.02));

const request = (text: string | Blob, fileName: string, kind: DatasetKind): ImportFileRequest => ({
  jobId: 'j',
  kind,
  file: typeof text === 'string' ? new Blob([text]) : text,
  fileName,
  crs: 'WGS84',
});

/** Imports with `answer` to the demo question, recording every plan the question showed. */
async function importWith(
  ws: Workspace,
  req: ImportFileRequest,
  answer: DemoAnswer | undefined,
  extra: Partial<LoadIntoOptions> = {},
): Promise<{ outcome: LoadOutcome; plans: DemoPlan[] }> {
  const plans: DemoPlan[] = [];
  const askDemo =
    answer === undefined
      ? undefined
      : (plan: DemoPlan) => {
          plans.push(plan);
          return Promise.resolve(answer);
        };
  const outcome = await loadIntoWorkspace(ws, req, {
    signal: new AbortController().signal,
    askDemo,
    ...extra,
  });
  return { outcome, plans };
}

const files = (s: WorkspaceSnapshot) => s.datasets.map((d) => d.fileName);
const sites5g = (s: WorkspaceSnapshot, code: string) =>
  s.areas.find((a) => a.code === code)?.sites5g;
const names = (items: { fileName: string }[]) => items.map((d) => d.fileName);

describe('importing the user’s own data over the demo', () => {
  it('user stations replace exactly the synthetic stations by default; the real boundaries, census and township list stay', async () => {
    const ws = await demoWorkspace();
    const demo = ws.snapshot();
    // 706 synthetic sites, 564 of them 5G.
    expect(demo.totals?.sites5g).toBe(564);
    expect(demo.datasets.some((d) => d.synthetic)).toBe(true);

    // No question asked (no askDemo): the default answer applies.
    const { outcome } = await importWith(
      ws,
      request(USER_STATIONS, 'mine.csv', 'stations'),
      undefined,
    );
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(names(outcome.removed)).toEqual(['yushu-stations.csv']);
    expect(outcome.removed[0]).toMatchObject({ synthetic: true, itemCount: 706 });
    expect(outcome.bbox).toEqual([97.01, 33.0, 97.03, 33.01]);

    const s = ws.snapshot();
    expect(files(s)).toEqual(['yushu-counties.geojson', 'yushu-population.csv', 'mine.csv']);
    expect(s.datasets.some((d) => d.synthetic)).toBe(false);
    // Only the user's three sites are counted; the census and the counties are the demo's.
    expect(s.totals?.sites5g).toBe(3);
    expect(sites5g(s, '632701')).toBe(3);
    expect(s.areas.map((a) => a.population)).toEqual(demo.areas.map((a) => a.population));
    expect(s.townships).toHaveLength(49);
    expect(s.stationLayers.map((l) => l.count)).toEqual([3]);
  });

  it('the question names what goes and what stays', async () => {
    const ws = await demoWorkspace();
    const { plans } = await importWith(
      ws,
      request(USER_STATIONS, 'mine.csv', 'stations'),
      'replace',
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]).toEqual({
      incoming: { kind: 'stations', fileName: 'mine.csv', itemCount: 3, level: null },
      replaced: null,
      remove: [
        expect.objectContaining({
          fileName: 'yushu-stations.csv',
          synthetic: true,
          itemCount: 706,
        }),
      ],
      keep: [
        expect.objectContaining({
          fileName: 'yushu-counties.geojson',
          level: 'county',
          itemCount: 6,
        }),
        expect.objectContaining({ fileName: 'yushu-population.csv', level: 'county' }),
      ],
      townships: 0,
    });
  });

  it('keep alongside keeps every demo dataset and counts both, as chosen', async () => {
    const ws = await demoWorkspace();
    const before = ws.snapshot();
    const { outcome, plans } = await importWith(
      ws,
      request(USER_STATIONS, 'mine.csv', 'stations'),
      'keep',
    );
    expect(plans).toHaveLength(1);
    expect(outcome).toMatchObject({ status: 'ok', removed: [] });
    const s = ws.snapshot();
    expect(files(s)).toEqual([...files(before), 'mine.csv']);
    expect(s.totals?.sites5g).toBe(567);
    expect(sites5g(s, '632701')).toBe((sites5g(before, '632701') ?? 0) + 3);
    expect(s.datasets.some((d) => d.synthetic)).toBe(true);
  });

  it('user county boundaries replace the demo counties and their township list, and the synthetic stations; the census stays', async () => {
    const ws = await demoWorkspace();
    const { outcome, plans } = await importWith(
      ws,
      request(USER_COUNTIES, 'qinghai.geojson', 'boundaries'),
      'replace',
    );
    expect(plans[0].incoming).toMatchObject({ kind: 'boundaries', level: 'county', itemCount: 2 });
    expect(names(plans[0].remove)).toEqual(['yushu-counties.geojson', 'yushu-stations.csv']);
    expect(names(plans[0].keep)).toEqual(['yushu-population.csv']);
    expect(plans[0].townships).toBe(49);
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(outcome.bbox?.map((x) => +x.toFixed(2))).toEqual([96.91, 32.9, 101.88, 36.67]);

    const s = ws.snapshot();
    expect(files(s)).toEqual(['yushu-population.csv', 'qinghai.geojson']);
    expect(s.townships).toEqual([]);
    expect(s.areas.map((a) => a.code)).toEqual(['632701', '630102']);
    expect(s.stationLayers).toEqual([]);
    // The census still gives 玉树市 its people; 城东区 has no row.
    expect(s.areas.map((a) => a.population)).toEqual([141308, null]);
  });

  it('user township boundaries add detail to the demo counties: only the synthetic stations go', async () => {
    const ws = await demoWorkspace();
    const { plans } = await importWith(
      ws,
      request(USER_TOWNSHIP, 'jiegu.geojson', 'boundaries'),
      'replace',
    );
    expect(plans[0].incoming.level).toBe('township');
    expect(names(plans[0].remove)).toEqual(['yushu-stations.csv']);
    expect(plans[0].townships).toBe(0);
    const s = ws.snapshot();
    expect(s.areas).toHaveLength(6);
    expect(s.townships).toHaveLength(49);
    expect(s.townships.find((t) => t.code === '632701001')?.polygon?.sites5g).toBe(0);
  });

  it('user population replaces the demo census of its level, and the synthetic stations', async () => {
    const ws = await demoWorkspace();
    const county = await importWith(
      ws,
      request('code,total\n632701,150000\n', 'pop.csv', 'population'),
      'replace',
    );
    expect(names(county.plans[0].remove)).toEqual(['yushu-population.csv', 'yushu-stations.csv']);
    const s = ws.snapshot();
    expect(files(s)).toEqual(['yushu-counties.geojson', 'pop.csv']);
    expect(s.areas.find((a) => a.code === '632701')?.population).toBe(150000);
    // A population table has no place of its own to fit the map to.
    expect(county.outcome).toMatchObject({ status: 'ok', bbox: null });

    // Township-level population is detail too: with the stations gone, nothing more to ask.
    const township = await importWith(
      ws,
      request('code,total\n632701001,50000\n', 'towns.csv', 'population'),
      'replace',
    );
    expect(township.plans).toEqual([]);
    expect(files(ws.snapshot())).toEqual(['yushu-counties.geojson', 'pop.csv', 'towns.csv']);
  });

  it('once the synthetic stations are replaced, importing more stations asks nothing', async () => {
    const ws = await demoWorkspace();
    await importWith(ws, request(USER_STATIONS, 'mine.csv', 'stations'), 'replace');
    const again = await importWith(
      ws,
      request('id,lon,lat,tech\nV1,97.05,33.02,NR\n', 'more.csv', 'stations'),
      'replace',
    );
    expect(again.plans).toEqual([]);
    expect(again.outcome).toMatchObject({ status: 'ok', removed: [] });
    expect(ws.snapshot().totals?.sites5g).toBe(4);
  });

  it('replacing a demo dataset from the list (替换) also offers to drop the synthetic stations', async () => {
    const ws = await demoWorkspace();
    const countiesId = ws.list().find((d) => d.kind === 'boundaries')!.id;
    const { outcome, plans } = await importWith(
      ws,
      request(USER_COUNTIES, 'qinghai.geojson', 'boundaries'),
      'replace',
      { replaceId: countiesId },
    );
    expect(plans[0].replaced).toMatchObject({ id: countiesId, fileName: 'yushu-counties.geojson' });
    expect(names(plans[0].remove)).toEqual(['yushu-stations.csv']);
    expect(plans[0].townships).toBe(49);
    expect(outcome).toMatchObject({ status: 'ok' });
    const s = ws.snapshot();
    // The replacement takes the demo counties' place in the load order.
    expect(files(s)).toEqual(['qinghai.geojson', 'yushu-population.csv']);
    expect(s.townships).toEqual([]);
  });
});

describe('a failed, empty or cancelled import never removes the demo', () => {
  const unchanged = async (
    run: (ws: Workspace) => Promise<{ outcome: LoadOutcome; plans: DemoPlan[] }>,
  ) => {
    const ws = await demoWorkspace();
    const before = ws.snapshot();
    const r = await run(ws);
    expect(ws.snapshot()).toEqual(before);
    return r;
  };

  it('a file that cannot be read: not asked, nothing changes', async () => {
    const binary = new Blob([new Uint8Array([0, 1, 2, 0, 255, 254, 0, 9])]);
    const { outcome, plans } = await unchanged((ws) =>
      importWith(ws, request(binary, 'bad.csv', 'stations'), 'replace'),
    );
    expect(outcome).toMatchObject({ status: 'failed', code: 'binary-file' });
    expect(plans).toEqual([]);
  });

  it('a boundary file cut short: not asked, nothing changes', async () => {
    const { outcome, plans } = await unchanged((ws) =>
      importWith(
        ws,
        request('{"type":"FeatureCollection","features":[', 'cut.geojson', 'boundaries'),
        'replace',
      ),
    );
    expect(outcome.status).toBe('failed');
    expect(plans).toEqual([]);
  });

  it('cancel in the demo question: nothing changes', async () => {
    const { outcome, plans } = await unchanged((ws) =>
      importWith(ws, request(USER_STATIONS, 'mine.csv', 'stations'), 'cancel'),
    );
    expect(outcome).toEqual({ status: 'cancelled', fileName: 'mine.csv' });
    expect(plans).toHaveLength(1);
  });

  it('an import cancelled while the question is open: nothing changes, whatever the answer', async () => {
    const controller = new AbortController();
    const { outcome } = await unchanged((ws) =>
      importWith(ws, request(USER_STATIONS, 'mine.csv', 'stations'), undefined, {
        signal: controller.signal,
        askDemo: () => {
          controller.abort();
          return Promise.resolve('replace');
        },
      }),
    );
    expect(outcome.status).toBe('cancelled');
  });

  it('a station file whose every row is rejected replaces nothing', async () => {
    const ws = await demoWorkspace();
    const { outcome, plans } = await importWith(
      ws,
      request('id,lon,lat\nX,2.35,48.85\n', 'paris.csv', 'stations'),
      'replace',
    );
    expect(plans).toEqual([]);
    expect(outcome).toMatchObject({ status: 'ok', removed: [], dataset: { itemCount: 0 } });
    const s = ws.snapshot();
    expect(s.totals?.sites5g).toBe(564);
    expect(s.datasets.some((d) => d.synthetic)).toBe(true);
  });
});

describe('removing demo datasets', () => {
  it('each demo dataset can be removed; the township list goes with the demo counties', async () => {
    const ws = await demoWorkspace();
    const id = (kind: DatasetKind) => ws.list().find((d) => d.kind === kind)!.id;

    expect(ws.remove(id('stations'))).toBe(true);
    let s = ws.snapshot();
    expect(s.datasets.some((d) => d.synthetic)).toBe(false);
    expect(s.stationLayers).toEqual([]);
    expect(s.areas.map((a) => a.sites5g)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(s.townships).toHaveLength(49);

    expect(ws.remove(id('boundaries'))).toBe(true);
    s = ws.snapshot();
    expect(s.areas).toEqual([]);
    expect(s.totals).toBeNull();
    expect(s.townships).toEqual([]);
    expect(s.boundaries).toBeNull();
    expect(s.bbox).toBeNull();

    expect(ws.remove(id('population'))).toBe(true);
    expect(ws.snapshot().datasets).toEqual([]);
  });

  it('the analysis still runs with no stations left, and with nothing left', async () => {
    const ws = await demoWorkspace();
    const params = analysisParams({ cellSizeM: 1000, townCellSizeM: 500 });
    ws.remove(ws.list().find((d) => d.kind === 'stations')!.id);
    const noSites = await runAnalysis(ws, 1, params);
    expect(noSites.counties).toHaveLength(6);
    expect(noSites.totals).toMatchObject({ sites5g: 0, sitesRedcap: 0 });
    expect(noSites.counties.every((c) => c.coverage.nr.areaPct === 0)).toBe(true);

    for (const d of [...ws.list()]) ws.remove(d.id);
    const nothing = await runAnalysis(ws, 2, params);
    expect(nothing.counties).toEqual([]);
    expect(nothing.townships).toEqual([]);
    expect(nothing.totals).toBeNull();
    expect(nothing.coverage).toEqual([]);
  });
});
