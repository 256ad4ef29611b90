// The worker's scenario API without a worker: the demo region loaded as the app loads it,
// a scenario opened, edited, undone, compared and planned through ScenarioService (what
// scenario-api.ts exposes over Comlink).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { analysisParams } from '../../src/core/analysis/params';
import type { CoverageRaster } from '../../src/core/analysis/coverage-image';
import { emptyScenario } from '../../src/core/scenario/types';
import { loadDataset } from '../../src/worker/load-dataset';
import type { DatasetKind } from '../../src/worker/protocol';
import { COVERAGE_RGB, runAnalysis } from '../../src/worker/run-analysis';
import { DELTA_RGB } from '../../src/worker/delta-image';
import { NoAreasError, ScenarioService } from '../../src/worker/scenario-service';
import type { CompareOutcome, ComparisonView } from '../../src/worker/scenario-protocol';
import { Workspace } from '../../src/worker/workspace';

const ROOT = path.resolve(import.meta.dirname, '../..');
const geoFile = (name: string): Blob => new Blob([readFileSync(path.join(ROOT, 'geo', name))]);
// 500 m cells keep the prefecture-sized demo grid small; the engine is the same.
const PARAMS = analysisParams({ cellSizeM: 500, townCellSizeM: 100 });
const YUSHU = '632701';

async function demoWorkspace(): Promise<Workspace> {
  const ws = new Workspace();
  const files: [DatasetKind, string][] = [
    ['boundaries', 'yushu-counties.geojson'],
    ['population', 'yushu-population.csv'],
    ['stations', 'yushu-stations.csv'],
  ];
  for (const [kind, name] of files)
    ws.add(await loadDataset(ws, kind, geoFile(name), name, { crs: 'WGS84' }));
  return ws;
}

/**
 * A point of 玉树市 about 35 km from its seat (the synthetic sites cluster around towns),
 * so a new site there covers new ground.
 */
function remotePoint(ws: Workspace): { lon: number; lat: number } {
  const county = ws.activeAreas().find((a) => a.code === YUSHU)!;
  const [lon0, lat0] = county.seat!;
  for (let k = 0; k < 16; k++) {
    const a = (k * Math.PI) / 8;
    const p: [number, number] = [lon0 + 0.4 * Math.cos(a), lat0 + 0.3 * Math.sin(a)];
    if (booleanPointInPolygon(p, county.geometry)) return { lon: p[0], lat: p[1] };
  }
  throw new Error('no point found');
}

/** Numbers as text: equal text = bit-for-bit equal results. */
const exact = (x: unknown) => JSON.stringify(x);

function ok(o: CompareOutcome): ComparisonView {
  if (o.status !== 'ok') throw new Error(`comparison ${o.status}`);
  return o.comparison;
}

describe('scenario API over the demo workspace', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await demoWorkspace();
  }, 60_000);

  it('opens on the analysis numbers, adds a site, undoes to the exact baseline, redoes', async () => {
    const svc = new ScenarioService(ws);
    const start = svc.open(emptyScenario('s', null), PARAMS);
    const analysed = await runAnalysis(ws, 1, PARAMS);
    // Same engine as the analysis: every county metric but the gap km² sums agree.
    for (const [i, a] of start.areas.entries()) {
      const b = analysed.counties[i];
      expect(a.code).toBe(b.code);
      expect(a.sites5g).toBe(b.sites5g);
      expect(a.sitesPer10k).toBe(b.sitesPer10k);
      expect(a.coverage).toEqual(b.coverage);
      expect(a.townZone).toEqual(b.townZone);
    }
    expect(start.canUndo).toBe(false);
    expect(start.baseHash).toMatch(/^[0-9a-f]{16}$/);

    // A new n28 RedCap site in 玉树市, away from the existing ones.
    const before = start.areas.find((a) => a.code === YUSHU)!;
    const added = svc.add({ ...remotePoint(ws), band: 'n28', redcap: true });
    const after = added.areas.find((a) => a.code === YUSHU)!;
    expect(after.sites5g).toBe(before.sites5g + 1);
    expect(after.sitesRedcap).toBe(before.sitesRedcap + 1);
    expect(after.sitesPer10k!).toBeGreaterThan(before.sitesPer10k!);
    expect(after.coverage.nr.areaKm2).toBeGreaterThan(before.coverage.nr.areaKm2);
    expect(added.scenario.edits).toHaveLength(1);
    expect(added.sites).toEqual([
      expect.objectContaining({
        id: '玉树市-新建-1',
        change: 'added',
        band: 'n28',
        isRedcap: true,
      }),
    ]);
    // The log has the edit with what it did; the site's footprints are drawn at once.
    expect(added.log).toHaveLength(1);
    const impact = added.log[0].impact!;
    // Over every area: an n28 site may reach over the county border.
    const t0 = start.totals.coverage.nr;
    const t1 = added.totals.coverage.nr;
    expect(impact.nrPeople).toBeCloseTo(t1.population! - t0.population!, 6);
    expect(impact.nrKm2).toBeCloseTo(t1.areaKm2 - t0.areaKm2, 6);
    expect(impact.nrPeople).toBeGreaterThan(0);
    expect(impact.redcapKm2).toBeGreaterThan(0);
    expect(added.total).toEqual(impact);
    expect(added.uncovered.nr).toBeCloseTo(impact.nrUncovered, 6);
    expect(added.uncovered.nr).toBeLessThan(start.uncovered.nr);
    expect(start.log).toEqual([]);
    expect(start.total).toBeNull();
    expect(start.footprints).toBeNull();
    expect(added.footprints!.features.map((f) => [f.properties.site, f.properties.layer])).toEqual([
      ['玉树市-新建-1', 'nr'],
      ['玉树市-新建-1', 'redcap'],
    ]);
    expect(added.footprintSites).toBe(1);
    expect(added.canUndo).toBe(true);
    expect(added.canRedo).toBe(false);
    // The site counts of the other counties stay (n28 may reach over the border).
    expect(added.areas.filter((a) => a.code !== YUSHU).map((a) => a.sites5g)).toEqual(
      start.areas.filter((a) => a.code !== YUSHU).map((a) => a.sites5g),
    );
    expect(added.engineMs).toBeLessThan(250);

    const undone = svc.undo();
    expect(exact(undone.areas)).toBe(exact(start.areas));
    expect(exact(undone.totals)).toBe(exact(start.totals));
    expect(undone.scenario.edits).toEqual([]);
    expect(undone.canUndo).toBe(false);
    expect(undone.canRedo).toBe(true);
    expect(undone.sites).toEqual([]);

    const redone = svc.redo();
    expect(exact(redone.areas)).toBe(exact(added.areas));
  });

  it('compares the baseline with a scenario: the county with the new site gains', async () => {
    const svc = new ScenarioService(ws);
    const rasters: CoverageRaster[] = [];
    const withImages = new ScenarioService(ws, {
      encodeImage: async (r) => {
        rasters.push(r);
        return `blob:delta-${rasters.length}`;
      },
    });
    for (const s of [svc, withImages]) s.open(emptyScenario('s', null), PARAMS);
    const view = withImages.add({ ...remotePoint(ws), band: 'n28' });

    const cmp = ok(await withImages.compare(null, view.scenario, PARAMS));
    const d = cmp.areas.find((a) => a.code === YUSHU)!;
    expect(d.sites5g).toBe(1);
    expect(d.per10k!).toBeGreaterThan(0);
    expect(d.sitesNeeded).toBe(-1);
    expect(d.nrAreaPct).toBeGreaterThan(0);
    for (const other of cmp.areas.filter((a) => a.code !== YUSHU)) {
      expect(other.sites5g).toBe(0);
      expect(other.nrAreaPct).toBeGreaterThanOrEqual(0);
    }
    expect(cmp.cells.nrGained).toBeGreaterThan(0);
    expect(cmp.cells.nrLost).toBe(0);
    // The gained cells hold the counties' NR km² gains (and any beyond the border).
    const sum = (rows: typeof cmp.before) => rows.reduce((k, a) => k + a.coverage.nr.areaKm2, 0);
    const gainedKm2 = sum(cmp.after) - sum(cmp.before);
    expect(gainedKm2).toBeGreaterThan(0);
    expect(cmp.cells.nrGained * cmp.cells.cellKm2).toBeGreaterThanOrEqual(gainedKm2 - 1e-6);
    // The delta picture: green pixels where NR was gained, no red, two layers.
    expect(cmp.images.map((i) => [i.layer, i.url])).toEqual([
      ['nr', 'blob:delta-1'],
      ['redcap', 'blob:delta-2'],
    ]);
    let green = 0;
    let red = 0;
    const px = rasters[0].rgba;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] === 0) continue;
      if (px[i + 1] > px[i]) green++;
      else red++;
    }
    expect(green).toBeGreaterThan(0);
    expect(red).toBe(0);
    const [w, s, e, n] = rasters[0].bounds;
    expect(cmp.images[0].coordinates).toEqual([
      [w, n],
      [e, n],
      [e, s],
      [w, s],
    ]);

    // The comparison left the open scenario as it was; the other direction loses.
    expect(exact(withImages.undo().areas)).toBe(
      exact(svc.open(emptyScenario('s', null), PARAMS).areas),
    );
    withImages.redo();
    const back = ok(await withImages.compare(view.scenario, null, PARAMS));
    expect(back.areas.find((a) => a.code === YUSHU)!.sites5g).toBe(-1);
    expect(back.cells.nrLost).toBe(cmp.cells.nrGained);
  });

  it('carries each side’s own coverage pictures on the delta pictures’ corners', async () => {
    const rasters: CoverageRaster[] = [];
    const svc = new ScenarioService(ws, {
      encodeImage: async (r) => {
        rasters.push(r);
        return `blob:img-${rasters.length}`;
      },
    });
    svc.open(emptyScenario('s', null), PARAMS);
    const withSite = svc.add({ ...remotePoint(ws), band: 'n28', redcap: true }).scenario;
    const cmp = ok(await svc.compare(null, withSite, PARAMS));
    // Encoded after the two delta layers: A's NR and RedCap, then B's.
    expect(cmp.sideImages.a.map((i) => [i.layer, i.url])).toEqual([
      ['nr', 'blob:img-3'],
      ['redcap', 'blob:img-4'],
    ]);
    expect(cmp.sideImages.b.map((i) => [i.layer, i.url])).toEqual([
      ['nr', 'blob:img-5'],
      ['redcap', 'blob:img-6'],
    ]);
    const [w, s, e, n] = rasters[2].bounds;
    for (const img of [...cmp.sideImages.a, ...cmp.sideImages.b, ...cmp.images]) {
      expect(img.coordinates).toEqual([
        [w, n],
        [e, n],
        [e, s],
        [w, s],
      ]);
      expect([img.width, img.height]).toEqual([rasters[2].width, rasters[2].height]);
    }
    // Painted in the analysis colours; B covers A's pixels plus the new site's gain.
    const painted = (r: CoverageRaster, rgb: readonly number[]) => {
      let k = 0;
      for (let i = 0; i < r.rgba.length; i += 4) {
        if (r.rgba[i + 3] === 0) continue;
        expect([r.rgba[i], r.rgba[i + 1], r.rgba[i + 2]]).toEqual([...rgb]);
        k++;
      }
      return k;
    };
    const aNr = painted(rasters[2], COVERAGE_RGB.nr);
    const bNr = painted(rasters[4], COVERAGE_RGB.nr);
    const gained = painted(rasters[0], DELTA_RGB.gained);
    expect(aNr).toBeGreaterThan(0);
    expect(bNr).toBe(aNr + gained);
    expect(painted(rasters[5], COVERAGE_RGB.redcap)).toBeGreaterThan(
      painted(rasters[3], COVERAGE_RGB.redcap),
    );
    // The open scenario is still the one with the site.
    expect(svc.undo().scenario.edits).toEqual([]);
  });

  it('compares two saved scenarios that are not open, and leaves the open one as it was', async () => {
    const svc = new ScenarioService(ws);
    const x = svc.open(emptyScenario('x', null), PARAMS, 'x');
    const withSite = svc.add({ ...remotePoint(ws), band: 'n28' }).scenario;
    const upgraded = svc.upgradeArea(YUSHU).scenario;
    // Open a third scenario with one edit of its own, then compare the other two.
    svc.open(emptyScenario('z', null), PARAMS, 'z');
    const z = svc.apply([{ op: 'remove', id: ws.allSites()[0].id }]);
    const cmp = ok(await svc.compare(withSite, upgraded, PARAMS));
    const row = cmp.areas.find((a) => a.code === YUSHU)!;
    expect(row.sites5g).toBe(0);
    expect(row.sitesRedcap).toBeGreaterThan(0);
    expect(cmp.cells.nrGained).toBe(0);
    expect(cmp.cells.redcapGained).toBeGreaterThan(0);
    // Back on z: the same session, its numbers and its undo step intact.
    const again = svc.open(z.scenario, PARAMS, 'z');
    expect(exact(again.areas)).toBe(exact(z.areas));
    expect(again.canUndo).toBe(true);
    expect(x.canUndo).toBe(false);
    // Side A's numbers are those of scenario withSite opened on its own.
    expect(exact(cmp.before)).toBe(exact(svc.open(withSite, PARAMS, 'x2').areas));
  });

  it('opening a scenario is not an undo step; stale edits are reported, the rest apply', () => {
    const svc = new ScenarioService(ws);
    const s = {
      ...emptyScenario('file', null),
      edits: [
        { op: 'remove' as const, id: 'no-such-site' },
        { op: 'update' as const, id: ws.allSites()[0].id, set: { redcap: true } },
      ],
    };
    const v = svc.open(s, PARAMS);
    expect(v.issues.map((i) => i.reason)).toEqual(['unknown-site']);
    expect(v.scenario.edits).toHaveLength(1);
    expect(v.canUndo).toBe(false);
    expect(svc.undo().scenario.edits).toHaveLength(1);
  });

  it('keeps a scenario’s undo history when it is opened again, not when another opens', () => {
    const svc = new ScenarioService(ws);
    svc.open(emptyScenario('a', null), PARAMS, 'a');
    const added = svc.add({ ...remotePoint(ws), band: 'n28' });
    const undone = svc.undo();
    expect(undone.canRedo).toBe(true);
    // New results re-open the same record: its redo step is still there.
    expect(svc.open(undone.scenario, PARAMS, 'a').canRedo).toBe(true);
    // Another record with the same (empty) edits starts with no history of its own.
    const b = svc.open(emptyScenario('b', null), PARAMS, 'b');
    expect(b.canRedo).toBe(false);
    expect(b.canUndo).toBe(false);
    expect(exact(svc.open(added.scenario, PARAMS, 'a').areas)).toBe(exact(added.areas));
  });

  it('upgrades every NR site of a county to RedCap in one undo step', () => {
    const svc = new ScenarioService(ws);
    const start = svc.open(emptyScenario('s', null), PARAMS);
    const v = svc.upgradeArea(YUSHU);
    const row = v.areas.find((a) => a.code === YUSHU)!;
    expect(row.sitesRedcap).toBe(row.sites5g);
    expect(row.sitesRedcap).toBeGreaterThan(start.areas.find((a) => a.code === YUSHU)!.sitesRedcap);
    // One named entry in the log, not one line per site; undone as one.
    expect(v.scenario.edits.length).toBeGreaterThan(1);
    expect(v.log).toHaveLength(1);
    expect(v.log[0].group).toMatchObject({ kind: 'upgrade-area', code: YUSHU, name: '玉树市' });
    expect(v.log[0].count).toBe(v.scenario.edits.length);
    expect(v.log[0].impact!.redcapPeople).toBeGreaterThan(0);
    expect(v.footprints!.features.every((f) => f.properties.change === 'updated')).toBe(true);
    const undone = svc.undo();
    expect(exact(undone.areas)).toBe(exact(start.areas));
    expect(undone.log).toEqual([]);
  });

  it('reports a comparison’s stages, each side’s site changes and where A and B differ', async () => {
    const svc = new ScenarioService(ws);
    svc.open(emptyScenario('s', null), PARAMS);
    const p = remotePoint(ws);
    const b = svc.add({ ...p, band: 'n28' }).scenario;
    const stages: string[] = [];
    const cmp = ok(await svc.compare(null, b, PARAMS, 'c1', (x) => stages.push(x.stage)));
    expect(stages).toEqual(['a', 'b', 'delta', 'images', 'images']);
    expect(cmp.sides.a.changes).toEqual([]);
    expect(cmp.sides.b.changes).toEqual([
      { id: '玉树市-新建-1', kinds: ['new'], lon: p.lon, lat: p.lat, from: null },
    ]);
    expect(cmp.sides.a.nrPeople).toBe(0);
    expect(cmp.sides.b.nrPeople).toBeGreaterThan(0);
    expect(cmp.sides.b.nrUncovered).toBeCloseTo(cmp.sides.a.nrUncovered - cmp.sides.b.nrPeople, 6);
    expect(cmp.sides.a.gaps.features.length).toBeGreaterThan(0);
    expect(cmp.places.map((x) => [x.id, x.place, x.a, x.b])).toEqual([
      ['玉树市-新建-1', '玉树市', [], ['new']],
    ]);
    // The box of the differences holds the new site's footprint.
    const [w, s, e, n] = cmp.changesBbox!;
    const fb = cmp.places[0].bbox;
    expect(w).toBeLessThanOrEqual(fb[0]);
    expect(e).toBeGreaterThanOrEqual(fb[2]);
    expect(fb[0]).toBeLessThan(p.lon);
    expect(fb[2]).toBeGreaterThan(p.lon);
    expect(s).toBeLessThan(p.lat);
    expect(n).toBeGreaterThan(p.lat);

    const controller = new AbortController();
    const cancelled = await svc.compare(
      null,
      b,
      PARAMS,
      'c2',
      (x) => {
        if (x.stage === 'b') controller.abort();
      },
      controller.signal,
    );
    expect(cancelled.status).toBe('cancelled');
    // Cancelled between stages, the open scenario is as it was.
    expect(svc.undo().scenario.edits).toEqual([]);
  });

  it('gives the WGS-84 position of a loaded site, with or without a scenario open', () => {
    const first = ws.allSites()[0];
    const fresh = new ScenarioService(ws);
    expect(fresh.stationPosition(first.id)).toEqual([first.position[0], first.position[1]]);
    expect(fresh.site(first.id)?.lon).toBe(first.position[0]);
    expect(fresh.stationPosition('no-such-site')).toBeNull();
  });

  it('plans on the open scenario, reports progress, and can be cancelled', async () => {
    const svc = new ScenarioService(ws);
    svc.open(emptyScenario('s', null), PARAMS);
    const stages: string[] = [];
    const req = {
      jobId: 'p1',
      objective: 'nr-pop' as const,
      budget: { kind: 'count' as const, picks: 5 },
      kinds: ['upgrade' as const, 'new' as const],
      costs: { upgrade: 1, colocate: 3, new: 10 },
    };
    const out = await svc.plan(
      req,
      PARAMS,
      (p) => stages.push(p.stage),
      new AbortController().signal,
    );
    expect(stages).toEqual(['prepare', 'candidates', 'greedy', 'outcome']);
    if (out.status !== 'ok') throw new Error(out.status);
    expect(out.plan.picks).toHaveLength(5);
    expect(out.plan.picks[0].gain).toBeGreaterThan(0);
    expect(out.outcome.nrPopPct.after).toBeGreaterThan(out.outcome.nrPopPct.before);
    expect(out.outcome.continuous.zones).toBe(6);
    for (const pk of out.plan.picks.filter((x) => x.kind === 'new'))
      expect(pk.siteId).toMatch(/^(玉树市|杂多县|称多县|治多县|囊谦县|曲麻莱县)-新建-\d+$/);
    for (let i = 1; i < 5; i++)
      expect(out.plan.picks[i].gain).toBeLessThanOrEqual(out.plan.picks[i - 1].gain);

    const controller = new AbortController();
    const cancelled = await svc.plan(
      req,
      PARAMS,
      (p) => {
        if (p.stage === 'candidates') controller.abort();
      },
      controller.signal,
    );
    expect(cancelled.status).toBe('cancelled');
  });

  it('says so when no boundaries are loaded', () => {
    expect(() =>
      new ScenarioService(new Workspace()).open(emptyScenario('s', null), PARAMS),
    ).toThrow(NoAreasError);
  });
});
