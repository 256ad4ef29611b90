// The worker's Workspace without a worker: the demo region loaded through loadDataset,
// as the app does, and checked against the numbers the demo generator recorded.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportCancelled, ImportError } from '../../src/io/issues';
import { loadDataset, type LoadOptions } from '../../src/worker/load-dataset';
import type { DatasetKind, WorkspaceSnapshot } from '../../src/worker/protocol';
import { Workspace } from '../../src/worker/workspace';

const geoFile = (name: string): Blob =>
  new Blob([readFileSync(new URL(`../../geo/${name}`, import.meta.url))]);

interface MetaCounty {
  code: string;
  name: string;
  population: number;
  sites5g: number;
  sitesRedcap: number;
  sitesLteOnly: number;
  per10k: number;
}
const meta = JSON.parse(
  readFileSync(new URL('../../geo/yushu-stations.meta.json', import.meta.url), 'utf8'),
) as { counts: MetaCounty[] };

async function add(
  ws: Workspace,
  kind: DatasetKind,
  blob: Blob,
  fileName: string,
  opts: LoadOptions = {},
) {
  return ws.add(await loadDataset(ws, kind, blob, fileName, { crs: 'WGS84', ...opts }));
}

async function demoWorkspace(): Promise<Workspace> {
  const ws = new Workspace();
  await add(ws, 'boundaries', geoFile('yushu-counties.geojson'), 'yushu-counties.geojson');
  await add(ws, 'population', geoFile('yushu-population.csv'), 'yushu-population.csv');
  await add(ws, 'stations', geoFile('yushu-stations.csv'), 'yushu-stations.csv');
  return ws;
}

const byName = (s: WorkspaceSnapshot) => new Map(s.areas.map((r) => [r.name, r]));
const populationSummary = (s: WorkspaceSnapshot, fileName: string) => {
  const d = s.datasets.find((x) => x.kind === 'population' && x.fileName === fileName);
  expect(d, fileName).toBeDefined();
  return d!;
};

describe('Workspace with the Yushu demo region', () => {
  it("counts each county's 5G sites and sites per 10k as the demo generator recorded", async () => {
    const s = (await demoWorkspace()).snapshot();
    const rows = byName(s);
    const sites5g = Object.fromEntries(s.areas.map((r) => [r.name, r.sites5g]));
    expect(sites5g).toEqual({
      玉树市: 179,
      杂多县: 91,
      称多县: 89,
      治多县: 33,
      囊谦县: 125,
      曲麻莱县: 47,
    });
    expect(s.totals?.sites5g).toBe(564);
    expect(rows.get('玉树市')?.per10k).toBeCloseTo(12.67, 2);
    for (const c of meta.counts) {
      const r = rows.get(c.name);
      expect(r, c.name).toMatchObject({
        code: c.code,
        population: c.population,
        sites5g: c.sites5g,
        sitesRedcap: c.sitesRedcap,
        sitesLteOnly: c.sitesLteOnly,
      });
      expect(Math.round((r!.per10k ?? NaN) * 100) / 100, c.name).toBe(c.per10k);
    }
    expect(s.totals?.population).toBe(meta.counts.reduce((a, c) => a + c.population, 0));
    // Every row of the demo population file has its county: nothing to warn about.
    expect(populationSummary(s, 'yushu-population.csv')).toMatchObject({
      warningCount: 0,
      warnings: [],
    });
  });

  it('a population row whose code has no area is a warning naming the code', async () => {
    const ws = await demoWorkspace();
    const csv = 'code;name;total\n632701;玉树市;150000\n632799;不存在县;1000\n';
    const summary = await add(ws, 'population', new Blob([csv]), 'extra.csv');
    const unmatched = summary.warnings.filter((w) => w.code === 'population-row-unmatched');
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]).toMatchObject({ file: 'extra.csv', row: 2, value: '632799' });
    expect(unmatched[0].message).toContain('632799');
    // The five counties the file does not list are reported too.
    const missing = summary.warnings.filter((w) => w.code === 'area-without-population');
    expect(missing.map((w) => w.value).sort()).toEqual([
      '632722',
      '632723',
      '632724',
      '632725',
      '632726',
    ]);
    expect(summary.warningCount).toBe(6);

    const s = ws.snapshot();
    expect(populationSummary(s, 'extra.csv')).toEqual(summary);
    // The later file overrides the earlier one where it has a row, and only there.
    expect(byName(s).get('玉树市')).toMatchObject({ population: 150000 });
    expect(byName(s).get('杂多县')).toMatchObject({ population: 68759 });
    expect(populationSummary(s, 'yushu-population.csv').warningCount).toBe(0);
  });

  it('join warnings follow the active boundaries, not the order of loading', async () => {
    const ws = new Workspace();
    const csv = 'code,name,total\n632701,玉树市,141308\n632799,不存在县,1000\n';
    const early = await add(ws, 'population', new Blob([csv]), 'early.csv');
    // No boundaries yet: nothing to join to, so nothing to report.
    expect(early.warningCount).toBe(0);
    await add(ws, 'boundaries', geoFile('yushu-counties.geojson'), 'yushu-counties.geojson');
    const codes = populationSummary(ws.snapshot(), 'early.csv').warnings.map((w) => w.value);
    expect(codes).toContain('632799');
    expect(codes).toHaveLength(6);
  });

  it('removing a dataset restores the previous snapshot exactly', async () => {
    const ws = await demoWorkspace();
    const before = ws.snapshot();
    const ids = ws.list().map((d) => d.id);

    // Two more NR sites in 玉树市 (one RedCap) and a population file that changes its figure.
    const stations =
      'id,lon,lat,tech,redcap\nX1,97.0128,33.0042,NR,true\nX2,97.0300,33.0100,NR,false\n';
    const extraStations = await add(ws, 'stations', new Blob([stations]), 'extra-stations.csv');
    const extraPopulation = await add(
      ws,
      'population',
      new Blob(['code,total\n632701,100000\n']),
      'extra-pop.csv',
    );
    const changed = byName(ws.snapshot()).get('玉树市');
    expect(changed).toMatchObject({ sites5g: 181, sitesRedcap: 53, population: 100000 });
    expect(changed?.per10k).toBeCloseTo(18.1, 9);

    expect(ws.remove(extraPopulation.id)).toBe(true);
    expect(ws.remove(extraStations.id)).toBe(true);
    expect(ws.remove('no-such-dataset')).toBe(false);
    expect(ws.list().map((d) => d.id)).toEqual(ids);
    expect(ws.snapshot()).toEqual(before);
  });

  it('a failed or cancelled import leaves the workspace unchanged', async () => {
    const ws = await demoWorkspace();
    const before = ws.snapshot();
    const binary = new Blob([new Uint8Array([0x50, 0x4b, 0, 0, 1, 2, 3, 0])]);
    const failures: [DatasetKind, Blob, string][] = [
      ['stations', binary, 'bad.csv'],
      ['stations', new Blob(['id;name\n1;a\n']), 'no-coordinates.csv'],
      ['boundaries', new Blob(['{"type":"FeatureCollection","features":[']), 'cut.geojson'],
      ['population', new Blob(['name,total\n玉树市,1\n']), 'no-code.csv'],
      ['population', new Blob([new Uint8Array([0xff, 0xfe, 0x61, 0])]), 'utf16.csv'],
    ];
    for (const [kind, blob, name] of failures) {
      const e = await loadDataset(ws, kind, blob, name, { crs: 'WGS84' }).catch((x: unknown) => x);
      expect(e, name).toBeInstanceOf(ImportError);
      expect((e as ImportError).file).toBe(name);
    }
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(
      loadDataset(ws, 'stations', geoFile('yushu-stations.csv'), 'yushu-stations.csv', {
        signal: cancelled.signal,
      }),
    ).rejects.toBeInstanceOf(ImportCancelled);

    expect(ws.snapshot()).toEqual(before);
    // Failed imports use up no dataset ids either.
    const next = await add(ws, 'population', geoFile('yushu-population.csv'), 'again.csv');
    expect(next.id).toBe('population-4');
  });
});

describe('Workspace with township boundaries', () => {
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

  it('keeps the county table, lists townships with their own counts and joins 9-digit population to them', async () => {
    const ws = await demoWorkspace();
    ws.setTownshipRegister([
      { code: '632701001', name: '结古街道', county: '632701', kind: 'subdistrict' },
      { code: '632722100', name: '萨呼腾镇', county: '632722', kind: 'town' },
    ]);
    const counties = ws.snapshot().areas;
    const fc = {
      type: 'FeatureCollection',
      features: [square('632701001', '结古街道', 97.008346, 32.995246, 0.02)],
    };
    await add(ws, 'boundaries', new Blob([JSON.stringify(fc)]), 'jiegu.geojson');
    await add(
      ws,
      'population',
      new Blob(['code,total\n632701001,50000\n632799999,10\n']),
      'township-pop.csv',
    );
    const s = ws.snapshot();
    expect(s.areas).toEqual(counties);
    const jiegu = s.townships.find((t) => t.code === '632701001');
    const sahu = s.townships.find((t) => t.code === '632722100');
    expect(s.townships).toHaveLength(2);
    expect(sahu?.polygon).toBeNull();
    expect(jiegu?.polygon?.population).toBe(50_000);
    expect(jiegu?.polygon?.sites5g).toBeGreaterThan(10);
    expect(jiegu?.polygon?.sites5g).toBeLessThanOrEqual(179);
    expect(jiegu?.polygon?.per10k).toBeCloseTo(
      (10_000 * (jiegu?.polygon?.sites5g ?? 0)) / 50_000,
      10,
    );
    // The unknown township code is reported against the township boundaries.
    const warnings = populationSummary(s, 'township-pop.csv').warnings;
    expect(
      warnings.some(
        (w) => w.code === 'population-row-unmatched' && JSON.stringify(w).includes('632799999'),
      ),
    ).toBe(true);
    expect(s.boundaries?.features.map((f) => f.properties.level).sort()).toEqual([
      'county',
      'county',
      'county',
      'county',
      'county',
      'county',
      'township',
    ]);
  });

  it('a township list tied to its county boundaries goes when they are removed or replaced', async () => {
    const register = [
      { code: '632701001', name: '结古街道', county: '632701', kind: 'subdistrict' as const },
    ];
    const ws = await demoWorkspace();
    const countiesId = ws.list().find((d) => d.kind === 'boundaries')!.id;
    ws.setTownshipRegister(register, countiesId);
    expect(ws.registerInfo()).toEqual({ count: 1, ownerId: countiesId });
    // Removing another dataset keeps it.
    ws.remove(ws.list().find((d) => d.kind === 'stations')!.id);
    expect(ws.snapshot().townships.map((t) => t.code)).toEqual(['632701001']);
    // Replacing its county boundaries drops it.
    const fc = { type: 'FeatureCollection', features: [square('632701', '玉树市', 97, 33, 0.1)] };
    const other = await loadDataset(ws, 'boundaries', new Blob([JSON.stringify(fc)]), 'c.geojson', {
      crs: 'WGS84',
    });
    ws.replace(countiesId, other);
    expect(ws.snapshot().townships).toEqual([]);
    expect(ws.registerInfo()).toEqual({ count: 0, ownerId: null });

    // Removing them drops it too; a register without an owner stays whatever is removed.
    ws.setTownshipRegister(register, other.id);
    ws.remove(other.id);
    expect(ws.snapshot().townships).toEqual([]);
    ws.setTownshipRegister(register);
    for (const d of [...ws.list()]) ws.remove(d.id);
    expect(ws.snapshot().townships).toHaveLength(1);
  });
});

describe('Workspace population joins through code changes', () => {
  it('joins a census row under an old code, notes the change and keeps the name rows', async () => {
    const ws = new Workspace();
    await add(ws, 'boundaries', geoFile('yushu-counties.geojson'), 'yushu-counties.geojson');
    // 玉树市 under its code before 2013 (632721 玉树县), and the prefecture's own name row.
    const csv = [
      'code,name,total,urban,rural',
      '632700,玉树州（人口表）,425199,,',
      '632721,玉树县,141308,85497,55811',
      '632722,杂多县,68759,35857,32902',
      '632723,称多县,57159,21385,35774',
      '632724,治多县,34496,25735,8761',
      '632725,囊谦县,90307,30521,59786',
    ].join('\n');
    await add(ws, 'population', new Blob([csv]), 'old-codes.csv');
    const s = ws.snapshot();
    expect(s.areas.find((r) => r.code === '632701')?.population).toBe(141_308);
    const warnings = populationSummary(s, 'old-codes.csv').warnings.map((w) => w.code);
    expect(warnings).toContain('population-code-change');
    expect(warnings).toContain('area-without-population'); // 632726: no row in this file
    expect(ws.populationNotes()).toEqual([
      expect.stringContaining('632721 玉树县 → 632701 玉树市 (2013, 民函〔2013〕219号)'),
    ]);
    expect(ws.aggregateNames()).toEqual({ '632700': '玉树州（人口表）' });
  });
});
