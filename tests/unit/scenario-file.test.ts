import { describe, expect, it } from 'vitest';
import { addEdit, moveEdit, removeEdit, setEdit, upgradeEdit } from '../../src/core/scenario/edits';
import { SCENARIO_SCHEMA, type Scenario } from '../../src/core/scenario/types';
import {
  MAX_URL_CHARS,
  parseScenario,
  scenarioFromJson,
  ScenarioFileError,
  scenarioFromUrl,
  scenarioToUrlFragment,
  serializeScenario,
} from '../../src/io/scenario-file';

const SAMPLE: Scenario = {
  schema: SCENARIO_SCHEMA,
  name: '玉树 RedCap 升级',
  created: '2026-11-24T09:00:00.000Z',
  base: { stations: '0123456789abcdef' },
  params: { cellSizeM: 100, targetPer10k: 38, model: { nrThresholdDbm: -110 } },
  edits: [
    addEdit({ id: 'N1', lon: 97.01, lat: 33.0, band: 'n28', azimuth: [0, 120, 240], redcap: true }),
    moveEdit('A1', 97.02, 33.01),
    removeEdit('A2'),
    setEdit('A3', { power_dbm: 46, height_m: 35, azimuth: 90, env: 'rma' }),
    upgradeEdit('A4'),
  ],
};

function problems(text: string) {
  try {
    parseScenario(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFileError);
    return (e as ScenarioFileError).problems;
  }
  throw new Error('expected the scenario to be rejected');
}

const doc = (over: Record<string, unknown>) =>
  JSON.stringify({ ...JSON.parse(serializeScenario(SAMPLE)), ...over });

describe('sailplan.scenario/1 files', () => {
  it('round-trips through the file text', () => {
    const text = serializeScenario(SAMPLE);
    expect(text.startsWith('{\n  "schema": "sailplan.scenario/1",\n  "name"')).toBe(true);
    expect(parseScenario(text)).toEqual(SAMPLE);
    expect(parseScenario(`\ufeff${text}`)).toEqual(SAMPLE);
  });

  it('says what is wrong with a wrong, missing or newer schema', () => {
    expect(problems(doc({ schema: 'sailplan.scenario/2' }))[0]).toMatchObject({
      code: 'newer-schema',
      path: '$.schema',
    });
    expect(problems(doc({ schema: 'sailplan.scenario/2' }))[0].message).toMatch(/newer SailPlan/);
    expect(problems(doc({ schema: 'sailplan.report/1' }))[0].code).toBe('wrong-schema');
    expect(problems(JSON.stringify({ edits: [] }))[0].code).toBe('not-scenario');
    expect(problems('[1, 2]')[0].code).toBe('not-scenario');
    expect(problems('{"schema": ')[0].code).toBe('json-syntax');
  });

  it('names every bad field by its JSON path', () => {
    const bad = doc({
      edits: [
        { op: 'add', station: { id: 'X', lon: 97, lat: 'north' } },
        { op: 'update', id: 'A', set: { power_dbm: 'max', colour: 'red' } },
        { op: 'teleport', id: 'B' },
        { op: 'add', station: { id: '', lon: 200, lat: 30, azimuth: [0, 'x'], env: 'sea' } },
        { op: 'remove' },
      ],
      params: { cellSizeM: 0, model: { nrThresholdDbm: 'low' } },
    });
    const got = problems(bad).map((p) => p.path);
    expect(got).toEqual(
      expect.arrayContaining([
        '$.edits[0].station.lat',
        '$.edits[1].set.power_dbm',
        '$.edits[1].set.colour',
        '$.edits[2].op',
        '$.edits[3].station.id',
        '$.edits[3].station.lon',
        '$.edits[3].station.azimuth[1]',
        '$.edits[3].station.env',
        '$.edits[4].id',
        '$.params.cellSizeM',
        '$.params.model.nrThresholdDbm',
      ]),
    );
    const e = new ScenarioFileError(problems(bad));
    expect(e.message).toMatch(/^\$\.params\.cellSizeM: must be from 10 to 5000 \(got 0\); /);
    expect(e.message).toMatch(/and \d+ more$/);
  });

  it('checks model parameters against the model: shape, enumerations, ranges', () => {
    const bad = (model: unknown) =>
      problems(doc({ params: { model } })).map((p) => `${p.path}: ${p.message}`);
    expect(bad({ bands: { n78: {} } })).toEqual(
      expect.arrayContaining(['$.params.model.bands.n28: is required']),
    );
    expect(bad({ shadowingSigmaDb: null })[0]).toMatch(/shadowingSigmaDb: must be an object/);
    expect(bad({ defaultBand: 'n99' })[0]).toMatch(/defaultBand: must be one of n28, n1/);
    expect(bad({ indoor: 'yes' })[0]).toMatch(/indoor: must be true or false/);
    expect(bad({ cellEdgeProbability: 1.5 })[0]).toMatch(/cellEdgeProbability must be between/);
    expect(bad({ colour: 1 })[0]).toMatch(/model\.colour: unknown field/);
    const ok = parseScenario(doc({ params: { model: { indoor: true, defaultBand: 'n28' } } }));
    expect(ok.params.model).toEqual({ indoor: true, defaultBand: 'n28' });
  });

  it('ignores __proto__, constructor and prototype keys and never pollutes prototypes', () => {
    const text = `{"schema":"sailplan.scenario/1","name":"x","__proto__":{"polluted":1},
      "constructor":{"prototype":{"polluted":2}},
      "edits":[{"op":"add","station":{"id":"N","lon":97,"lat":33,"__proto__":{"polluted":3}}},
               {"op":"update","id":"A","set":{"__proto__":{"redcap":true},"prototype":1}}]}`;
    const s = parseScenario(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
    expect(Object.keys(s.edits[0])).toEqual(['op', 'station']);
    const add = s.edits[0] as unknown as { station: Record<string, unknown> };
    expect(Object.getPrototypeOf(add.station)).toBe(Object.prototype);
    expect(add.station.polluted).toBeUndefined();
    expect(s.edits[1]).toEqual({ op: 'update', id: 'A', set: {} });
    // Objects parsed elsewhere (IndexedDB, a plain JSON.parse) carry __proto__ as an own key.
    const plain = JSON.parse(text) as unknown;
    const t = scenarioFromJson(plain);
    expect(t).toEqual(s);
    expect(Object.getPrototypeOf(t.edits[1])).toBe(Object.prototype);
  });

  it('shares small scenarios as a #s= URL fragment and refuses large ones', async () => {
    const frag = await scenarioToUrlFragment(SAMPLE);
    expect(frag).not.toBeNull();
    expect(frag!).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(await scenarioFromUrl(`https://example.invalid/app/${frag}`)).toEqual(SAMPLE);
    expect(await scenarioFromUrl('https://example.invalid/app/')).toBeNull();
    const big: Scenario = {
      ...SAMPLE,
      edits: Array.from({ length: 3000 }, (_, i) =>
        addEdit({ id: `n${i}`, lon: 90 + i * 0.0013, lat: 30 + ((i * 7919) % 1000) * 0.0011 }),
      ),
    };
    expect(await scenarioToUrlFragment(big)).toBeNull();
    await expect(scenarioFromUrl(`#s=${frag!.slice(3, 40)}`)).rejects.toThrow(/damaged/);
    expect(MAX_URL_CHARS).toBeGreaterThan(1000);
  });

  it('a link to a newer scenario fails with the schema error', async () => {
    const json = new TextEncoder().encode(
      JSON.stringify({ ...SAMPLE, schema: 'sailplan.scenario/2' }),
    );
    const packed = new Uint8Array(
      await new Response(
        new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw')),
      ).arrayBuffer(),
    );
    const b64 = btoa(String.fromCharCode(...packed))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    await expect(scenarioFromUrl(`#s=${b64}`)).rejects.toThrow(/newer SailPlan/);
  });

  it('keeps groups of edits (one named action), and still reads files without them', () => {
    const grouped: Scenario = {
      ...SAMPLE,
      groups: [{ kind: 'upgrade-area', code: '632701', name: '玉树市', first: 3, count: 2 }],
    };
    const text = serializeScenario(grouped);
    expect(JSON.parse(text).groups).toEqual(grouped.groups);
    expect(parseScenario(text)).toEqual(grouped);
    // Without groups the file is written and read exactly as before.
    expect(serializeScenario(SAMPLE)).not.toContain('groups');
    expect(parseScenario(serializeScenario(SAMPLE))).toEqual(SAMPLE);
    expect(parseScenario(doc({ groups: [] }))).toEqual(SAMPLE);
  });

  it('rejects groups outside the edits, overlapping, of another kind or with extra fields', () => {
    const g = { kind: 'upgrade-area', code: '632701', name: '玉树市', first: 0, count: 2 };
    const paths = (groups: unknown) => problems(doc({ groups })).map((p) => [p.path, p.code]);
    expect(paths([{ ...g, first: 4, count: 2 }])).toEqual([['$.groups[0].count', 'bad-field']]);
    expect(paths([g, { ...g, first: 1 }])).toEqual([['$.groups[1].first', 'bad-field']]);
    expect(paths([{ ...g, first: 1.5 }])).toEqual([['$.groups[0].first', 'bad-field']]);
    expect(paths([{ ...g, kind: 'plan' }])).toEqual([['$.groups[0].kind', 'bad-field']]);
    expect(paths([{ ...g, note: 'x' }])).toEqual([['$.groups[0].note', 'unknown-field']]);
    expect(paths([{ ...g, name: 7 }])).toEqual([['$.groups[0].name', 'bad-field']]);
    expect(paths({})).toEqual([['$.groups', 'bad-field']]);
  });
});
