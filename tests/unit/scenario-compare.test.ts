import { describe, expect, it } from 'vitest';
import { analysisParams } from '../../src/core/analysis/params';
import { compareResults } from '../../src/core/scenario/compare';
import { addEdit, removeEdit, upgradeEdit } from '../../src/core/scenario/edits';
import { createEvaluator } from '../../src/core/scenario/evaluator';
import { createSession } from '../../src/core/scenario/session';
import { emptyScenario } from '../../src/core/scenario/types';
import { at, baselineSites, COUNTIES, PARAMS } from './scenario-fixture';

describe('compareResults', () => {
  it('deltas per area and a raster of gained and lost cells', async () => {
    const base = await baselineSites();
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const a = ev.snapshot();
    const session = createSession(ev, emptyScenario('b', null));
    const [lon, lat] = at(8, 3);
    session.apply([
      addEdit({ id: 'N1', lon, lat, radius_m: 1000, redcap: true }),
      removeEdit('A2'),
      upgradeEdit('B1'),
    ]);
    const b = ev.snapshot();
    const d = compareResults(a, b);
    const [west, east] = d.areas;
    expect(west.code).toBe('500101');
    expect(west.sites5g).toBe(-1);
    expect(west.sitesNeeded).toBe(1);
    expect(west.per10k).toBeCloseTo(-10_000 / 60_000, 12);
    expect(east.sites5g).toBe(1);
    expect(east.sitesRedcap).toBe(2);
    expect(east.sitesNeeded).toBe(-1);
    expect(east.nrAreaPct).toBeGreaterThan(0);
    expect(west.nrAreaPct).toBeLessThan(0);
    // The raster agrees with the area figures: cells × cell area.
    const km2 = (PARAMS.cellSizeM / 1000) ** 2;
    const gainedKm2 = b.areas[1].coverage.nr.areaKm2 - a.areas[1].coverage.nr.areaKm2;
    expect(d.raster.nrGained * km2).toBeCloseTo(gainedKm2, 9);
    let lost = 0;
    for (let i = 0; i < d.raster.nr.length; i++) if (d.raster.nr[i] === -1) lost++;
    expect(lost).toBe(d.raster.nrLost);
    expect(lost * km2).toBeCloseTo(
      a.areas[0].coverage.nr.areaKm2 - b.areas[0].coverage.nr.areaKm2,
      9,
    );
    expect(d.raster.redcapGained).toBeGreaterThan(0);
    // A2's removal leaves a hole in the middle of nowhere: no gap closes or opens there
    // (its old footprint joins the county's one big gap).
    expect(west.gapsOpened).toBe(0);
    expect(d.totals.sites5g).toBe(0);
  });

  it('town-zone verdict changes: gained, same, lost', async () => {
    const base = await baselineSites();
    // Looser continuity rules, so one disc over the east zone makes it continuous.
    const params = analysisParams({ ...PARAMS, continuityMinAreaPct: 50, continuityMaxGapKm2: 20 });
    const ev = createEvaluator(COUNTIES, base, params);
    const a = ev.snapshot();
    expect(a.areas[1].townZone!.continuous).toBe(false);
    const session = createSession(ev, emptyScenario('b', null));
    const [lon, lat] = at(6, 0);
    // B1 becomes RedCap with a disc over the whole east zone: the verdict flips.
    session.apply([
      removeEdit('B1'),
      addEdit({ id: 'B1x', lon, lat, radius_m: 2600, redcap: true }),
    ]);
    const b = ev.snapshot();
    expect(b.areas[1].townZone!.continuous).toBe(true);
    const d = compareResults(a, b);
    expect(d.areas[1].townZone).toBe('gained');
    expect(d.areas[0].townZone).toBe('same');
    // An edit and its undo change nothing; the reverse comparison loses the verdict.
    const c = ev.snapshot();
    session.apply([addEdit({ id: 'F', lon: at(-9, -3)[0], lat: at(-9, -3)[1], radius_m: 400 })]);
    session.undo();
    expect(compareResults(c, ev.snapshot()).totals.gapsClosed).toBe(0);
    expect(compareResults(b, a).areas[1].townZone).toBe('lost');
  });

  it('a gap entirely filled is closed; one newly made is opened', async () => {
    const base = await baselineSites();
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const session = createSession(ev, emptyScenario('b', null));
    // Ring of coverage around an uncovered hole: eight discs on a 2 km circle.
    const ring = Array.from({ length: 8 }, (_, k) => {
      const t = (k * Math.PI) / 4;
      const [lon, lat] = at(6 + 2 * Math.cos(t), 2 * Math.sin(t));
      return addEdit({ id: `R${k}`, lon, lat, radius_m: 1400 });
    });
    session.apply([removeEdit('B1'), ...ring]);
    const withHole = ev.snapshot();
    const holeGaps = withHole.areas[1].gaps.count;
    expect(holeGaps).toBe(2);
    session.apply([addEdit({ id: 'C', lon: at(6, 0)[0], lat: at(6, 0)[1], radius_m: 1000 })]);
    const filled = ev.snapshot();
    expect(filled.areas[1].gaps.count).toBe(1);
    const d = compareResults(withHole, filled);
    expect(d.areas[1].gapsClosed).toBe(1);
    expect(d.areas[1].gapsOpened).toBe(0);
    expect(compareResults(filled, withHole).areas[1].gapsOpened).toBe(1);
    // The changed cells lie around the new site only.
    const [c0, r0, c1, r1] = d.raster.changedBox!;
    const g = ev.region.grid;
    const [x, y] = g.projection.forward(...at(6, 0));
    const cc = (x - g.x0) / g.cellSize;
    const rr = (y - g.y0) / g.cellSize;
    expect(cc).toBeGreaterThan(c0);
    expect(cc).toBeLessThan(c1 + 1);
    expect(rr).toBeGreaterThan(r0);
    expect(rr).toBeLessThan(r1 + 1);
    expect((c1 - c0 + 1) * g.cellSize).toBeLessThanOrEqual(2000 + 2 * g.cellSize);
    expect(compareResults(filled, filled).raster.changedBox).toBeNull();
  });

  it('refuses snapshots of different grids', async () => {
    const base = await baselineSites();
    const a = createEvaluator(COUNTIES, base, PARAMS).snapshot();
    const b = createEvaluator(COUNTIES, base, { ...PARAMS, cellSizeM: 500 }).snapshot();
    expect(() => compareResults(a, b)).toThrow(/different regions or grids/);
  });
});
