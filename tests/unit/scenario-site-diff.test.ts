import { describe, expect, it } from 'vitest';
import { changeCost, DEFAULT_UNIT_COSTS, yuanPerPerson } from '../../src/core/planner/costs';
import { applyEdits, stationToSite, updateSite } from '../../src/core/scenario/apply';
import { addEdit, moveEdit, removeEdit, setEdit, upgradeEdit } from '../../src/core/scenario/edits';
import { changeKinds, siteDiffs } from '../../src/core/scenario/site-diff';
import { at, baselineSites } from './scenario-fixture';

describe('site changes against the baseline', () => {
  it('classifies new, upgraded, co-located, moved, re-tuned and removed sites', async () => {
    const base = await baselineSites();
    const byId = new Map(base.map((s) => [s.id, s]));
    const [lon, lat] = at(3, 3);
    const edits = [
      addEdit({ id: 'N1', lon, lat, radius_m: 900 }),
      upgradeEdit('A2'),
      setEdit('L1', { tech: 'NR', redcap: true }),
      moveEdit('B1', ...at(7, 1)),
      upgradeEdit('B1'),
      setEdit('A3', { power_dbm: 40 }),
      removeEdit('L2'),
      // Changed and changed back: nothing to pay for.
      setEdit('A1', { redcap: false }),
      setEdit('A1', { redcap: true }),
    ];
    const now = new Map(applyEdits(base, edits).sites.map((s) => [s.id, s]));
    const diffs = siteDiffs(byId, now, ['N1', 'A2', 'L1', 'B1', 'A3', 'L2', 'A1', 'B1']);
    expect(diffs.map((d) => [d.id, d.kinds])).toEqual([
      ['N1', ['new']],
      ['A2', ['upgrade']],
      ['L1', ['colocate']],
      ['B1', ['move', 'upgrade']],
      ['A3', ['retune']],
      ['L2', ['remove']],
    ]);
    const b1 = diffs.find((d) => d.id === 'B1')!;
    expect(b1.from).toEqual([byId.get('B1')!.position[0], byId.get('B1')!.position[1]]);
    expect([b1.lon, b1.lat]).toEqual(at(7, 1));
    // Taking RedCap away is a re-tune, not an upgrade.
    const a1 = byId.get('A1')!;
    expect(changeKinds(a1, updateSite(a1, { redcap: false }))).toEqual(['retune']);
    expect(changeKinds(null, null)).toEqual([]);
    expect(changeKinds(null, stationToSite({ id: 'x', lon, lat }))).toEqual(['new']);
  });

  it('costs a change by the unit costs of its kinds, in 万元, and per person in 元', () => {
    expect(changeCost(['move', 'upgrade'], DEFAULT_UNIT_COSTS)).toBe(
      DEFAULT_UNIT_COSTS.move + DEFAULT_UNIT_COSTS.upgrade,
    );
    expect(changeCost(['new'], { ...DEFAULT_UNIT_COSTS, new: 55 })).toBe(55);
    expect(yuanPerPerson(40, 2000)).toBe(200);
    expect(yuanPerPerson(40, 0)).toBeNull();
  });
});
