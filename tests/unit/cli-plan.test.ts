import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario, serializeScenario } from '../../src/io/scenario-file';
import { COUNTIES, STATIONS_CSV } from './scenario-fixture';
import { runCli } from './support/cli-run';

const cli = runCli;

describe('sailplan plan, and analyze --scenario', () => {
  let dir: string;
  const inputs = ['--areas', 'counties.geojson', '--population', 'pop.csv', '--stations', 'st.csv'];
  const small = ['--cell-size', '250', '--new-spacing', '2000'];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sailplan-plan-'));
    const fc = {
      type: 'FeatureCollection',
      features: COUNTIES.map((a) => ({
        type: 'Feature',
        properties: { code: a.code, name: a.name },
        geometry: a.geometry,
      })),
    };
    await writeFile(path.join(dir, 'counties.geojson'), JSON.stringify(fc));
    await writeFile(path.join(dir, 'pop.csv'), 'code,total\n500101,60000\n500102,30000\n');
    await writeFile(path.join(dir, 'st.csv'), STATIONS_CSV);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the ranked picks as JSON, the same on every run', async () => {
    const argv = ['plan', ...inputs, ...small, '--budget', '4', '--objective', 'nr-pop', '--json'];
    const a = await cli(argv, dir);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const p = JSON.parse(a.stdout);
    expect(p.schema).toBe('sailplan.plan/1');
    expect(p.picks.map((x: { rank: number }) => x.rank)).toEqual([1, 2, 3, 4]);
    expect(p.candidates.byKind).toMatchObject({ upgrade: 3, colocate: 2 });
    for (const x of p.picks)
      expect(Object.keys(x)).toEqual(expect.arrayContaining(['gain', 'cumulative', 'edit']));
    const b = JSON.parse((await cli(argv, dir)).stdout);
    expect({ ...b, generated: 0 }).toEqual({ ...p, generated: 0 });
  });

  it('plans new sites at settlements with people-per-cost and a minimum gain, naming them', async () => {
    const village = 'name,kind,lon,lat,population\n测试村,行政村,106.52,29.49,300\n';
    await writeFile(path.join(dir, 'villages.csv'), village);
    const argv = [
      'plan',
      ...inputs,
      ...small,
      '--settlements',
      'villages.csv',
      '--budget',
      '3',
      '--objective',
      'people-per-cost',
      '--kinds',
      'new',
      '--json',
    ];
    const a = await cli(argv, dir);
    expect(a.code).toBe(0);
    const p = JSON.parse(a.stdout);
    expect(p.objective).toBe('people-per-cost');
    expect(p.unit).toBe('people');
    expect(Object.keys(p.candidates.bySource).sort()).toEqual([
      'gap-units',
      'lattice',
      'settlements',
    ]);
    expect(p.candidates.bySource.lattice).toBe(0);
    for (const x of p.picks) {
      expect(Array.isArray(x.settlements)).toBe(true);
      expect(['gap-units', 'settlements']).toContain(x.source);
    }
    const named = p.picks.find((x: { settlements: string[] }) => x.settlements.includes('测试村'));
    if (named) expect(named.siteId.startsWith('测试村-')).toBe(true);
    // A minimum gain above every pick's leaves nothing to pick.
    const most = Math.max(...p.picks.map((x: { nrPopGain: number }) => x.nrPopGain));
    const none = await cli([...argv, '--min-gain-people', String(Math.ceil(most) + 1e6)], dir);
    expect(JSON.parse(none.stdout).picks).toEqual([]);
    expect((await cli([...argv, '--min-gain-people', 'lots'], dir)).code).toBe(2);
  });

  it('writes the plan as a scenario that analyze --scenario reports with the same numbers', async () => {
    const r = await cli(
      [
        'plan',
        ...inputs,
        ...small,
        '--budget-cost',
        '8',
        '--objective',
        'redcap-pop',
        '--json',
        '--out',
        'plan.json',
        '--name',
        '方案 A',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote plan\.json/);
    const p = JSON.parse(r.stdout);
    expect(p.picks.at(-1).cumulative.cost).toBeLessThanOrEqual(8);
    const scenario = parseScenario(await readFile(path.join(dir, 'plan.json'), 'utf8'));
    expect(scenario.name).toBe('方案 A');
    expect(scenario.edits).toHaveLength(p.picks.length);
    expect(scenario.params.cellSizeM).toBe(250);
    // The scenario's cell size applies: no --cell-size here.
    const a = await cli(['analyze', ...inputs, '--scenario', 'plan.json'], dir);
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout);
    expect(report.params.grid.cell_size_m).toBe(250);
    const entry = report.inputs.files.at(-1);
    expect(entry).toMatchObject({
      role: 'scenario',
      file: 'plan.json',
      format: 'sailplan.scenario/1',
      rows: p.picks.length,
      loaded: p.picks.length,
      rejected_count: 0,
    });
    expect(entry.warnings).toEqual([]);
    expect(report.totals.coverage.redcap.pop_pct).toBeCloseTo(
      p.picks.at(-1).cumulative.redcapPopPct,
      5,
    );
    // An option on the command line wins over the scenario's parameter.
    const coarse = await cli(
      ['analyze', ...inputs, '--scenario', 'plan.json', '--cell-size', '500'],
      dir,
    );
    expect(JSON.parse(coarse.stdout).params.grid.cell_size_m).toBe(500);
    const base = JSON.parse((await cli(['analyze', ...inputs, '--cell-size', '250'], dir)).stdout);
    expect(report.totals.coverage.redcap.pop_pct).toBeGreaterThan(
      base.totals.coverage.redcap.pop_pct,
    );
  });

  it('prints a table by default', async () => {
    const argv = ['plan', ...inputs, ...small, '--budget', '2', '--kinds', 'upgrade'];
    const r = await cli([...argv, '--objective', 'redcap-pop'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^objective redcap-pop; budget 2 picks; candidates 3 \(upgrade 3, colocate 0, new 0\)/,
    );
    expect(r.stdout).toMatch(/rank\s+kind\s+site/);
    expect(r.stdout).toMatch(/after 2 picks \(cost 2\.0\): redcap-pop \+/);
    // Upgrades add no NR coverage: nothing to pick for nr-pop.
    const none = await cli(argv, dir);
    expect(none.stdout).toMatch(/no candidate gains anything/);
  });

  it('rejects bad options with usage errors', async () => {
    for (const extra of [
      [],
      ['--budget', '3', '--budget-cost', '5'],
      ['--budget', '2.5'],
      ['--budget', '3', '--objective', 'fame'],
      ['--budget', '3', '--kinds', 'upgrade,teleport'],
    ]) {
      const r = await cli(['plan', ...inputs, ...extra], dir);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(
        /^sailplan plan: [^\n]+\nsee "sailplan plan --help" for its options\n$/,
      );
    }
  });

  it('analyze --scenario: a bad or newer scenario file exits 1 naming the file and the reason', async () => {
    await writeFile(
      path.join(dir, 'newer.json'),
      JSON.stringify({ schema: 'sailplan.scenario/3', edits: [] }),
    );
    await writeFile(
      path.join(dir, 'bad.json'),
      JSON.stringify({ schema: 'sailplan.scenario/1', edits: [{ op: 'remove' }] }),
    );
    await writeFile(path.join(dir, 'broken.json'), '{ "schema": ');
    const cases: [string, RegExp][] = [
      ['newer.json', /newer\.json: \$\.schema: made by a newer SailPlan/],
      ['bad.json', /bad\.json: \$\.edits\[0\]\.id: must be a string/],
      ['broken.json', /broken\.json: not valid JSON/],
      ['missing.json', /missing\.json: file not found/],
    ];
    for (const [file, msg] of cases) {
      const r = await cli(['analyze', ...inputs, '--scenario', file], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(msg);
    }
  });

  it('analyze --scenario: edits of unknown sites are listed as rejected, the rest apply', async () => {
    const s = {
      schema: 'sailplan.scenario/1' as const,
      name: 'stale',
      created: '2026-11-24T00:00:00.000Z',
      base: { stations: 'ffffffffffffffff' },
      params: {},
      edits: [
        { op: 'remove' as const, id: 'GONE' },
        { op: 'update' as const, id: 'B1', set: { redcap: true } },
      ],
    };
    await writeFile(path.join(dir, 'stale.json'), serializeScenario(s));
    const r = await cli(
      ['analyze', ...inputs, '--cell-size', '250', '--scenario', 'stale.json'],
      dir,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const entry = report.inputs.files.at(-1);
    expect(entry).toMatchObject({ role: 'scenario', rows: 2, loaded: 1, rejected_count: 1 });
    expect(entry.rejected[0]).toMatchObject({
      row: 1,
      value: 'GONE',
      code: 'scenario-unknown-site',
    });
    expect(entry.warnings[0].code).toBe('scenario-base-mismatch');
    expect(report.areas.find((a: { code: string }) => a.code === '500102').sites_redcap).toBe(1);
  });

  it('plans on top of a starting scenario and writes its edits first', async () => {
    const first = parseScenario(await readFile(path.join(dir, 'plan.json'), 'utf8'));
    const r = await cli(
      [
        'plan',
        ...inputs,
        '--scenario',
        'plan.json',
        '--budget',
        '2',
        '--objective',
        'redcap-pop',
        '--json',
        '--out',
        'plan2.json',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.start_scenario).toBe('plan.json');
    // The starting scenario's picks are taken already: none is proposed again.
    const taken = new Set(first.edits.map((e) => JSON.stringify(e)));
    for (const x of p.picks) expect(taken.has(JSON.stringify(x.edit))).toBe(false);
    const second = parseScenario(await readFile(path.join(dir, 'plan2.json'), 'utf8'));
    expect(second.edits.slice(0, first.edits.length)).toEqual(first.edits);
    expect(second.edits).toHaveLength(first.edits.length + p.picks.length);
  });
});
