// The worker's analysis without a worker: the demo region loaded as the app loads it,
// analysed by runAnalysis, must give the numbers `sailplan analyze --demo` prints — the
// map app and the CLI are two faces of one engine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { analysisParams } from '../../src/core/analysis/params';
import { reportArea } from '../../src/io/report';
import { loadDemoSettlements } from '../../src/worker/demo-load';
import { loadDataset } from '../../src/worker/load-dataset';
import type { DatasetKind } from '../../src/worker/protocol';
import { runAnalysis } from '../../src/worker/run-analysis';
import { Workspace } from '../../src/worker/workspace';

const ROOT = path.resolve(import.meta.dirname, '../..');
const geoFile = (name: string): Blob => new Blob([readFileSync(path.join(ROOT, 'geo', name))]);

async function demoWorkspace(): Promise<Workspace> {
  const ws = new Workspace();
  const files: [DatasetKind, string][] = [
    ['boundaries', 'yushu-counties.geojson'],
    ['population', 'yushu-population.csv'],
    ['stations', 'yushu-stations.csv'],
  ];
  for (const [kind, name] of files)
    ws.add(await loadDataset(ws, kind, geoFile(name), name, { crs: 'WGS84', demo: true }));
  // The demo's synthetic settlements are its population surface, as in the CLI's --demo.
  await loadDemoSettlements(ws, geoFile('yushu-settlements.csv'));
  return ws;
}

async function cliDemo(extra: string[] = []): Promise<{ areas: unknown[]; totals: unknown }> {
  let stdout = '';
  const code = await run(['analyze', '--demo', ...extra], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => undefined },
    cwd: ROOT,
  });
  expect(code).toBe(0);
  return JSON.parse(stdout) as { areas: unknown[]; totals: unknown };
}

const withoutSettlements = (a: unknown) => {
  const x = a as { gap_units?: Record<string, unknown>[] };
  return {
    ...x,
    gap_units: x.gap_units?.map(({ settlements: _s, flags: _f, ...u }) => u),
  };
};

describe('runAnalysis (the app worker) on the demo', () => {
  it('gives the CLI report numbers, county by county, with gaps, zones and coverage images', async () => {
    const ws = await demoWorkspace();
    const stages: string[] = [];
    const r = await runAnalysis(ws, 7, analysisParams(), {
      onProgress: (p) => stages.push(p.stage),
    });
    const cli = await cliDemo();
    expect(r.counties.map(reportArea)).toEqual(cli.areas);
    expect(r.population?.[0].surface).toBe('settlements');
    const { areas: _n, ...cliTotals } = cli.totals as Record<string, unknown>;
    expect(reportArea(r.totals!)).toMatchObject(cliTotals);
    expect(r.runId).toBe(7);
    expect(stages).toEqual(['prepare', 'counties', 'images', 'gaps']);

    // Every county has a zone with the verdict of its row, and the largest gaps outlined.
    expect(r.townZones.features.map((f) => f.properties.code).sort()).toEqual(
      r.counties.map((c) => c.code).sort(),
    );
    for (const f of r.townZones.features) {
      const row = r.counties.find((c) => c.code === f.properties.code)!;
      expect(f.properties.continuous).toBe(row.townZone!.continuous);
    }
    const yushu = r.gaps.features.filter((f) => f.properties.areaCode === '632701');
    expect(yushu.length).toBeGreaterThan(0);
    expect(yushu[0].properties.rank).toBe(1);
    const row = r.counties.find((c) => c.code === '632701')!;
    expect(yushu[0].properties.areaKm2).toBeCloseTo(row.gaps.largestKm2, 6);

    // The NR image: one pixel per ~100 m cell, capped, opaque where covered only.
    const nr = r.coverage.find((c) => c.layer === 'nr')!;
    expect(Math.max(nr.width, nr.height)).toBe(4096);
    const [w, s, e, n] = r.areaBoxes['632701'];
    expect(nr.coordinates[0][0]).toBeLessThanOrEqual(w);
    expect(nr.coordinates[0][1]).toBeGreaterThanOrEqual(n);
    expect(e).toBeGreaterThan(w);
    expect(n).toBeGreaterThan(s);
  });

  it('applies its parameters: a higher target raises the sites needed, as the CLI says', async () => {
    const ws = await demoWorkspace();
    const r = await runAnalysis(ws, 1, analysisParams({ targetPer10k: 50 }));
    const cli = await cliDemo(['--target-per-10k', '50']);
    expect(r.counties.map(reportArea).map(withoutSettlements)).toEqual(
      cli.areas.map(withoutSettlements),
    );
    expect(r.params.targetPer10k).toBe(50);
  });

  it('stops at the next stage when cancelled, and leaves the workspace as it was', async () => {
    const ws = await demoWorkspace();
    const controller = new AbortController();
    await expect(
      runAnalysis(ws, 2, analysisParams(), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'counties') controller.abort();
        },
      }),
    ).rejects.toThrow(/cancelled/);
    const again = await runAnalysis(ws, 3, analysisParams());
    expect(again.counties).toHaveLength(6);
  });

  it('re-judges instead of recomputing when only the rules change, with the numbers of a full run', async () => {
    const ws = await demoWorkspace();
    const first = await runAnalysis(ws, 1, analysisParams());
    const rules = analysisParams({
      targetPer10k: 45,
      continuityMinAreaPct: 50,
      continuityMaxGapKm2: 10,
    });
    const stages: string[] = [];
    const quick = await runAnalysis(ws, 2, rules, {
      previous: { results: first, version: ws.version },
      onProgress: (p) => stages.push(p.stage),
    });
    expect(stages).toEqual([]);
    const full = await runAnalysis(ws, 3, rules);
    expect(quick.counties.map(reportArea)).toEqual(full.counties.map(reportArea));
    expect(reportArea(quick.totals!)).toEqual(reportArea(full.totals!));
    expect(quick.townZones.features.map((f) => f.properties)).toEqual(
      full.townZones.features.map((f) => f.properties),
    );
    // 50% with 10 km² gaps allowed: some verdict must flip, or the test proves nothing.
    expect(quick.counties.map((c) => c.townZone?.continuous)).not.toEqual(
      first.counties.map((c) => c.townZone?.continuous),
    );

    // New data, or a parameter that changes coverage: a full run.
    const cell = await runAnalysis(ws, 4, analysisParams({ cellSizeM: 200 }), {
      previous: { results: first, version: ws.version },
      onProgress: (p) => stages.push(p.stage),
    });
    expect(cell.grid.cellSizeM).toBe(200);
    ws.version++;
    stages.length = 0;
    await runAnalysis(ws, 5, rules, {
      previous: { results: first, version: ws.version - 1 },
      onProgress: (p) => stages.push(p.stage),
    });
    expect(stages).toContain('counties');
  });
});
