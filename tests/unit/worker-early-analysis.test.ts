// The demo's analysis starts in the worker as soon as the demo is loaded; the page's first
// analyze call joins it when it asks for exactly that, and otherwise supersedes it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisParams } from '../../src/core/analysis/params';
import { analysisApi, startEarlyAnalysis } from '../../src/worker/analysis-api';
import { loadDemoInto } from '../../src/worker/demo-load';
import type { AnalysisOutcome, AnalysisProgress } from '../../src/worker/protocol';
import { runAnalysis } from '../../src/worker/run-analysis';
import { workspace } from '../../src/worker/worker-state';
import { Workspace } from '../../src/worker/workspace';

const ROOT = path.resolve(import.meta.dirname, '../..');
const geoFile = (name: string): Blob => new Blob([readFileSync(path.join(ROOT, 'geo', name))]);
const demoFiles = () => ({
  counties: geoFile('yushu-counties.geojson'),
  population: geoFile('yushu-population.csv'),
  stations: geoFile('yushu-stations.csv'),
  townships: geoFile('yushu-townships.json'),
});
// A coarse grid keeps each run short; the join does not depend on the cell size.
const params = analysisParams({ cellSizeM: 1000 });
const tick = () => new Promise((r) => setTimeout(r, 0));

function okResults(o: AnalysisOutcome) {
  if (o.status !== 'ok') throw new Error(`analysis ${o.status}`);
  return o.results;
}

describe('the early demo analysis in the worker', () => {
  it('is joined by the first call with the same parameters: its numbers, the call’s run id', async () => {
    await loadDemoInto(workspace, demoFiles());
    startEarlyAnalysis(params);
    // Let the early run get past its first stages before the page asks.
    for (let i = 0; i < 3; i++) await tick();
    const progress: AnalysisProgress[] = [];
    const joined = okResults(await analysisApi.analyze(5, params, (p) => progress.push(p)));

    const own = new Workspace();
    await loadDemoInto(own, demoFiles());
    const fresh = await runAnalysis(own, 5, params);
    expect(joined.runId).toBe(5);
    expect(joined.counties).toEqual(fresh.counties);
    expect(joined.totals).toEqual(fresh.totals);
    expect(joined.gaps).toEqual(fresh.gaps);
    // Joined mid-way: progress picks up where the early run was, under the call's id.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.runId === 5)).toBe(true);
    expect(progress.map((p) => p.stage)).not.toContain('prepare');
    expect(progress.at(-1)?.stage).toBe('gaps');
  });

  it('is superseded by a call with other parameters, which gets its own results', async () => {
    startEarlyAnalysis(params);
    const other = analysisParams({ cellSizeM: 1200 });
    const progress: string[] = [];
    const r = okResults(await analysisApi.analyze(6, other, (p) => progress.push(p.stage)));
    expect(r.runId).toBe(6);
    expect(r.params.cellSizeM).toBe(1200);
    expect(r.grid.cellSizeM).toBe(1200);
    expect(progress[0]).toBe('prepare');
  });

  it('is cancelled by a cancel of the call that joined it', async () => {
    const fresh = analysisParams({ cellSizeM: 900 });
    startEarlyAnalysis(fresh);
    const pending = analysisApi.analyze(7, fresh, () => undefined);
    analysisApi.cancelAnalysis(7);
    expect(await pending).toEqual({ status: 'cancelled', runId: 7 });
  });
});
