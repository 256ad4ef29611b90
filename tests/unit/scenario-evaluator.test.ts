import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeAreas, type AreaResult } from '../../src/core/analysis/analyze';
import { applyEdits, stationToSite } from '../../src/core/scenario/apply';
import { addEdit, moveEdit, removeEdit, setEdit, upgradeEdit } from '../../src/core/scenario/edits';
import { createEvaluator } from '../../src/core/scenario/evaluator';
import { createSession } from '../../src/core/scenario/session';
import { emptyScenario, type ScenarioEdit } from '../../src/core/scenario/types';
import { at, baselineSites, COUNTIES, exact, PARAMS } from './scenario-fixture';

// Gap units are the evaluator's on demand (gapUnits()), compared on their own.
const withoutGapKm2 = (r: { areas: AreaResult[] }) =>
  r.areas.map(({ gapUnits: _u, gapUnitsRemainder: _r, unpopulatedKm2: _k, ...a }) => ({
    ...a,
    gaps: { ...a.gaps, totalKm2: 0 },
  }));

describe('incremental scenario evaluator', () => {
  it('baseline results equal analyzeAreas (gap km² totals to rounding)', async () => {
    const base = await baselineSites();
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const ref = analyzeAreas(COUNTIES, base, PARAMS);
    const got = ev.results();
    expect(withoutGapKm2(got)).toEqual(withoutGapKm2(ref));
    got.areas.forEach((a, i) => expect(a.gaps.totalKm2).toBeCloseTo(ref.areas[i].gaps.totalKm2, 9));
    expect(got.areas[0].coverage.nr.areaPct).toBeGreaterThan(0);
    expect(got.areas[0].townZone).not.toBeNull();
  });

  it('after edits, equals a fresh analysis of the edited station list', async () => {
    const base = await baselineSites();
    const [lon, lat] = at(-5, 2);
    const edits: ScenarioEdit[] = [
      addEdit({ id: 'N1', lon, lat, band: 'n41', redcap: true, radius_m: 1800 }),
      moveEdit('B1', ...at(7, 1)),
      upgradeEdit('A2'),
      setEdit('L1', { tech: 'NR', redcap: true }),
      removeEdit('A3'),
    ];
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const session = createSession(ev, emptyScenario('t', null));
    expect(session.apply(edits)).toEqual([]);
    const sites = applyEdits(base, edits).sites;
    const ref = analyzeAreas(COUNTIES, sites, PARAMS);
    expect(withoutGapKm2(ev.results())).toEqual(withoutGapKm2(ref));
    // The gap units of the edited state are those of the fresh analysis.
    const units = ev.gapUnits();
    ref.areas.forEach((a, i) => {
      expect(units.areas[i].units).toEqual(a.gapUnits);
      expect(units.areas[i].remainder).toEqual(a.gapUnitsRemainder);
    });
    // …and equals an evaluator built on the edited list, bit for bit.
    expect(exact(ev.results())).toBe(exact(createEvaluator(COUNTIES, sites, PARAMS).results()));
  });

  it('undo and redo step through whole actions and restore every number', async () => {
    const base = await baselineSites();
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const session = createSession(ev, emptyScenario('t', null));
    const r0 = exact(ev.results());
    session.apply([upgradeEdit('A2'), upgradeEdit('A3')]);
    const r1 = exact(ev.results());
    expect(r1).not.toBe(r0);
    session.apply([addEdit({ id: 'N1', lon: at(6, 3)[0], lat: at(6, 3)[1], radius_m: 2500 })]);
    const r2 = exact(ev.results());
    expect(session.scenario().edits).toHaveLength(3);
    expect(session.undo()).toBe(true);
    expect(exact(ev.results())).toBe(r1);
    expect(session.undo()).toBe(true);
    expect(exact(ev.results())).toBe(r0);
    expect(session.undo()).toBe(false);
    expect(session.scenario().edits).toEqual([]);
    expect(session.redo()).toBe(true);
    expect(session.redo()).toBe(true);
    expect(exact(ev.results())).toBe(r2);
    expect(session.canRedo()).toBe(false);
    // A new action after an undo drops the redo history.
    session.undo();
    session.apply([removeEdit('B1')]);
    expect(session.canRedo()).toBe(false);
    expect(session.scenario().edits.map((e) => e.op)).toEqual(['update', 'update', 'remove']);
  });

  it('property: adding then removing any site restores every number bit for bit', async () => {
    const base = await baselineSites();
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const before = exact(ev.results());
    const beforeNr = ev.coverage.grid.nr.slice();
    const beforeComp = ev.nrGaps.gaps.size;
    fc.assert(
      fc.property(
        fc.double({ min: -13, max: 13, noNaN: true }),
        fc.double({ min: -7, max: 7, noNaN: true }),
        fc.integer({ min: 100, max: 4000 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 359 }), { nil: null }),
        (x, y, radius, redcap, azimuth) => {
          const [lon, lat] = at(x, y);
          const site = stationToSite({
            id: 'P',
            lon,
            lat,
            radius_m: radius,
            redcap,
            azimuth,
            beamwidth: azimuth === null ? null : 90,
          });
          ev.setSite('P', site);
          const during = exact(ev.results());
          ev.setSite('P', null);
          expect(exact(ev.results())).toBe(before);
          return during !== '' && ev.nrGaps.gaps.size === beforeComp;
        },
      ),
      { numRuns: 60, seed: 20261124 },
    );
    expect(ev.coverage.grid.nr).toEqual(beforeNr);
  });
});

describe('scenario session start', () => {
  it('applies the starting scenario as one step and reports its stale edits', async () => {
    const base = await baselineSites();
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const r0 = exact(ev.results());
    const start = { ...emptyScenario('s', null), edits: [upgradeEdit('A2'), removeEdit('GONE')] };
    const session = createSession(ev, start);
    expect(session.startIssues.map((i) => [i.index, i.reason])).toEqual([[1, 'unknown-site']]);
    expect(session.scenario().edits).toEqual([upgradeEdit('A2')]);
    expect(ev.results().areas[0].sitesRedcap).toBe(2);
    session.undo();
    expect(exact(ev.results())).toBe(r0);
  });
});
