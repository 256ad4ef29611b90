import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editLog } from '../../src/core/scenario/edit-log';
import { addEdit, moveEdit, removeEdit, setEdit, upgradeEdit } from '../../src/core/scenario/edits';
import { compareResults } from '../../src/core/scenario/compare';
import { createEvaluator, type ScenarioEvaluator } from '../../src/core/scenario/evaluator';
import { sumImpacts, type EditImpact } from '../../src/core/scenario/impact';
import { createSession } from '../../src/core/scenario/session';
import { emptyScenario, type ScenarioEdit } from '../../src/core/scenario/types';
import { at, baselineSites, COUNTIES, exact, PARAMS } from './scenario-fixture';

/** What an impact must equal: the comparison of the states before and after the edit. */
function expected(
  ev: ScenarioEvaluator,
  apply: () => void,
): Omit<EditImpact, 'nrUncovered'> & {
  nrUncovered: number;
} {
  const a = ev.snapshot();
  apply();
  const b = ev.snapshot();
  const d = compareResults(a, b);
  const towns = d.areas.filter((x) => x.townZone === 'gained' || x.townZone === 'lost');
  const total = b.totals;
  return {
    nrPeople: total.coverage.nr.population! - a.totals.coverage.nr.population!,
    nrKm2: total.coverage.nr.areaKm2 - a.totals.coverage.nr.areaKm2,
    redcapPeople: total.coverage.redcap.population! - a.totals.coverage.redcap.population!,
    redcapKm2: total.coverage.redcap.areaKm2 - a.totals.coverage.redcap.areaKm2,
    nrUncovered: total.gridPopulation! - total.coverage.nr.population!,
    redcapUncovered: total.gridPopulation! - total.coverage.redcap.population!,
    gapsClosed: d.totals.gapsClosed,
    gapsOpened: d.totals.gapsOpened,
    townsGained: towns.filter((x) => x.townZone === 'gained').map((x) => x.code),
    townsLost: towns.filter((x) => x.townZone === 'lost').map((x) => x.code),
  };
}

function expectImpact(got: EditImpact, want: ReturnType<typeof expected>) {
  expect(got.nrPeople).toBeCloseTo(want.nrPeople, 6);
  expect(got.nrKm2).toBeCloseTo(want.nrKm2, 9);
  expect(got.redcapPeople).toBeCloseTo(want.redcapPeople, 6);
  expect(got.redcapKm2).toBeCloseTo(want.redcapKm2, 9);
  expect(got.nrUncovered).toBeCloseTo(want.nrUncovered, 6);
  expect(got.redcapUncovered).toBeCloseTo(want.redcapUncovered, 6);
  expect([got.gapsClosed, got.gapsOpened]).toEqual([want.gapsClosed, want.gapsOpened]);
  expect([got.townsGained, got.townsLost]).toEqual([want.townsGained, want.townsLost]);
}

describe('edit impacts', () => {
  it('each edit’s impact equals the comparison of the states before and after it', async () => {
    const base = await baselineSites();
    // A reference evaluator the edits are replayed on, snapshot by snapshot.
    const ref = createEvaluator(COUNTIES, base, PARAMS);
    const refSession = createSession(ref, emptyScenario('ref', null), { impacts: false });
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const session = createSession(ev, emptyScenario('s', null));
    const [sx, sy] = at(-6, 0);
    const edits: ScenarioEdit[] = [
      // A big RedCap site on county A's seat: the town zone becomes continuous.
      addEdit({ id: 'T1', lon: sx, lat: sy, radius_m: 3500, redcap: true }),
      // Fills a small gap between two sites.
      addEdit({ id: 'N1', lon: at(-5, 0.5)[0], lat: at(-5, 0.5)[1], radius_m: 900 }),
      // Six sites in a ring cut a hole out of county B's big gap (a split, not an opening);
      // a site in the middle closes it, and removing that site opens it again.
      ...[0, 1, 2, 3, 4, 5].map((k) => {
        const [lon, lat] = at(
          3 + 1.5 * Math.cos((k * Math.PI) / 3),
          3 + 1.5 * Math.sin((k * Math.PI) / 3),
        );
        return addEdit({ id: `R${k}`, lon, lat, radius_m: 1000 });
      }),
      addEdit({ id: 'C', lon: at(3, 3)[0], lat: at(3, 3)[1], radius_m: 700 }),
      removeEdit('C'),
      removeEdit('A2'),
      moveEdit('B1', ...at(3, -4)),
      upgradeEdit('A3'),
      setEdit('L1', { tech: 'NR', redcap: true }),
      removeEdit('T1'),
    ];
    for (const e of edits) {
      const want = expected(ref, () => refSession.apply([e]));
      session.apply([e]);
      expectImpact(session.impacts().at(-1)!, want);
    }
    const all = session.impacts();
    expect(all).toHaveLength(edits.length);
    expect(all[0].townsGained).toEqual(['500101']);
    expect(all.at(-1)!.townsLost).toEqual(['500101']);
    const c = edits.findIndex((e) => e.op === 'add' && e.station.id === 'C');
    expect([all[c].gapsClosed, all[c].gapsOpened]).toEqual([1, 0]);
    expect([all[c + 1].gapsClosed, all[c + 1].gapsOpened]).toEqual([0, 1]);
    expect(all.slice(2, c).every((x) => x.gapsOpened === 0 && x.gapsClosed === 0)).toBe(true);
    // Same engine, same state: the impacts did not disturb the evaluation.
    expect(exact(ev.results())).toBe(exact(ref.results()));
  });

  it('property: random adds and removes measure what a comparison finds', async () => {
    const base = await baselineSites();
    const ref = createEvaluator(COUNTIES, base, PARAMS);
    const refSession = createSession(ref, emptyScenario('ref', null), { impacts: false });
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const session = createSession(ev, emptyScenario('s', null));
    let k = 0;
    fc.assert(
      fc.property(
        fc.double({ min: -12, max: 12, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.integer({ min: 200, max: 3000 }),
        fc.boolean(),
        fc.boolean(),
        (x, y, radius, redcap, remove) => {
          const ids = [...ev.sites.keys()];
          const [lon, lat] = at(x, y);
          const e: ScenarioEdit =
            remove && ids.length > 0
              ? removeEdit(ids[(k * 7) % ids.length])
              : addEdit({ id: `P${++k}`, lon, lat, radius_m: radius, redcap });
          const want = expected(ref, () => refSession.apply([e]));
          session.apply([e]);
          expectImpact(session.impacts().at(-1)!, want);
        },
      ),
      { numRuns: 40, seed: 20261125 },
    );
  });

  it('sums consecutive impacts; a town gained and lost again nets to nothing', () => {
    const zero: EditImpact = {
      nrPeople: 0,
      nrKm2: 0,
      redcapPeople: 0,
      redcapKm2: 0,
      nrUncovered: 0,
      redcapUncovered: 0,
      gapsClosed: 0,
      gapsOpened: 0,
      townsGained: [],
      townsLost: [],
    };
    const s = sumImpacts([
      { ...zero, nrPeople: 10, nrKm2: 1, gapsClosed: 1, townsGained: ['a', 'b'], nrUncovered: 90 },
      { ...zero, nrPeople: -4, redcapPeople: 3, gapsOpened: 2, townsLost: ['a'], nrUncovered: 94 },
    ])!;
    expect(s).toMatchObject({ nrPeople: 6, nrKm2: 1, redcapPeople: 3, gapsClosed: 1 });
    expect(s).toMatchObject({ gapsOpened: 2, nrUncovered: 94 });
    expect([s.townsGained, s.townsLost]).toEqual([['b'], []]);
    expect(sumImpacts([])).toBeNull();
  });
});

describe('edit groups', () => {
  it('an area upgrade is one log entry and one undo step, and survives re-opening', async () => {
    const base = await baselineSites();
    const ev = createEvaluator(COUNTIES, base, PARAMS);
    const r0 = exact(ev.results());
    const session = createSession(ev, emptyScenario('s', null));
    session.apply([addEdit({ id: 'N1', lon: at(6, 4)[0], lat: at(6, 4)[1], radius_m: 800 })]);
    const group = { kind: 'upgrade-area' as const, code: '500101', name: 'county 500101' };
    expect(session.apply([upgradeEdit('A2'), upgradeEdit('A3')], group)).toEqual([]);
    const s = session.scenario();
    expect(s.edits).toHaveLength(3);
    expect(s.groups).toEqual([{ ...group, first: 1, count: 2 }]);
    const log = editLog(s, session.impacts());
    expect(log.map((e) => [e.first, e.count, e.group?.code ?? null])).toEqual([
      [0, 1, null],
      [1, 2, '500101'],
    ]);
    expect(log[1].ids).toEqual(['A2', 'A3']);
    expect(log[1].edit).toBeNull();
    const [i1, i2] = session.impacts().slice(1);
    expect(log[1].impact!.redcapPeople).toBeCloseTo(i1.redcapPeople + i2.redcapPeople, 9);
    expect(log[1].impact!.redcapPeople).toBeGreaterThan(0);

    // Undo takes the whole upgrade back at once.
    session.undo();
    expect(session.scenario().groups).toBeUndefined();
    expect(session.scenario().edits).toHaveLength(1);
    session.redo();
    expect(session.scenario().groups).toEqual([{ ...group, first: 1, count: 2 }]);

    // Re-opened (a reload), the group is still one entry; a stale edit shrinks it.
    while (session.undo());
    expect(exact(ev.results())).toBe(r0);
    const stale = {
      ...s,
      edits: [s.edits[0], upgradeEdit('GONE'), ...s.edits.slice(1)],
      groups: [{ ...group, first: 1, count: 3 }],
    };
    const again = createSession(ev, stale);
    expect(again.startIssues.map((i) => i.id)).toEqual(['GONE']);
    expect(again.scenario().groups).toEqual([{ ...group, first: 1, count: 2 }]);
    expect(editLog(again.scenario(), again.impacts())).toHaveLength(2);
  });

  it('ignores groups that overlap or run past the edits', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const g = { kind: 'upgrade-area' as const, code: 'x', name: 'x' };
    const session = createSession(ev, {
      ...emptyScenario('s', null),
      edits: [upgradeEdit('A2'), upgradeEdit('A3'), upgradeEdit('B1')],
      groups: [
        { ...g, first: 0, count: 2 },
        { ...g, first: 1, count: 2 },
        { ...g, first: 2, count: 5 },
      ],
    });
    expect(session.scenario().groups).toEqual([{ ...g, first: 0, count: 2 }]);
  });
});
