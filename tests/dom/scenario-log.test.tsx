import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ScenarioPanel } from '../../src/components/ScenarioPanel';
import { emptyScenario } from '../../src/core/scenario/types';
import { formatNumber, initI18n } from '../../src/i18n';
import { memoryStorage, setScenarioStorage } from '../../src/store/scenario-storage';
import { useAppStore } from '../../src/store/store';
import type { ScenarioView } from '../../src/worker/scenario-protocol';
import { ScenarioService } from '../../src/worker/scenario-service';
import { at, fixtureWorkspace, PARAMS } from '../unit/scenario-fixture';

const people = (x: number) => formatNumber(Math.round(x), 'zh-CN');

/** The worker's views of a scenario: a new site in county B, then county A upgraded. */
async function views(): Promise<ScenarioView[]> {
  const svc = new ScenarioService(await fixtureWorkspace());
  svc.open(emptyScenario('s', null), PARAMS);
  const [lon, lat] = at(8, 3);
  const added = svc.add({ lon, lat, radius_m: 1500, redcap: true });
  const upgraded = svc.upgradeArea('500101');
  return [added, upgraded, svc.undo()];
}

function show(view: ScenarioView) {
  const rec = { id: 's1', scenario: view.scenario, updated: '2026-11-24T00:00:00Z' };
  useAppStore.setState({
    scenarios: [rec],
    activeScenarioId: 's1',
    scenarioView: view,
    scenarioBusy: false,
    scenarioMessage: null,
    plannerJob: null,
  });
  return render(<ScenarioPanel />);
}

describe('scenario log and totals', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  beforeEach(() => setScenarioStorage(memoryStorage()));
  afterEach(cleanup);

  it('lists an area upgrade as one named entry, each entry with what it covered', async () => {
    const [added, upgraded] = await views();
    expect(added.scenario.edits[0]).toMatchObject({
      op: 'add',
      station: { id: 'county 500102-新建-1' },
    });
    show(upgraded);
    const list = screen.getByTestId('scenario-edits');
    const items = [...list.querySelectorAll(':scope > ol > li')];
    // Two edits of county A's sites (A2, A3) are one line.
    expect(upgraded.scenario.edits).toHaveLength(3);
    expect(items).toHaveLength(2);
    expect(list.querySelector('summary')!.textContent).toBe('修改记录（2 项，共 3 处站点修改）');
    expect(items[0].querySelector('.edit-text')!.textContent).toBe('新增站点 county 500102-新建-1');
    expect(items[1].querySelector('.edit-text')!.textContent).toBe(
      '将“county 500101”内 2 个 5G 站点升级为 RedCap',
    );
    expect(items[1].querySelector('.edit-group-sites')!.textContent).toContain('A2、A3');
    for (const [i, li] of items.entries()) {
      const x = upgraded.log[i].impact!;
      const impact = li.querySelector('[data-testid="edit-impact"]')!;
      expect(impact.getAttribute('data-nr-people')).toBe(String(Math.round(x.nrPeople)));
      expect(impact.getAttribute('data-redcap-people')).toBe(String(Math.round(x.redcapPeople)));
      expect(impact.textContent).toContain(`RedCap +${people(x.redcapPeople)} 人`);
      expect(impact.querySelector('[data-field="uncovered"]')!.textContent).toBe(
        `之后仍未覆盖：NR ${people(x.nrUncovered)} 人，RedCap ${people(x.redcapUncovered)} 人`,
      );
    }
    // The upgrade adds RedCap, not NR.
    expect(upgraded.log[1].impact!.nrPeople).toBe(0);
    expect(items[1].textContent).toContain('NR 0 人 / 0 km²');
    expect(upgraded.log[0].impact!.nrPeople).toBeGreaterThan(0);
    expect(screen.getByTestId('scenario-engine').getAttribute('data-entries')).toBe('2');
  });

  it('totals the people and km² newly covered, people still uncovered and verdicts', async () => {
    const [, upgraded] = await views();
    show(upgraded);
    const t = upgraded.total!;
    const dd = (f: string) =>
      screen.getByTestId('scenario-totals').querySelector(`[data-field="${f}"]`)!;
    const [a, b] = upgraded.log.map((e) => e.impact!);
    expect(t.redcapPeople).toBeCloseTo(a.redcapPeople + b.redcapPeople, 6);
    expect(dd('nr').getAttribute('data-people')).toBe(String(Math.round(t.nrPeople)));
    expect(dd('redcap').textContent).toBe(
      `+${people(t.redcapPeople)} 人，+${formatNumber(t.redcapKm2, 'zh-CN', 2)} km²`,
    );
    expect(dd('uncovered').textContent).toBe(
      `NR ${people(upgraded.uncovered.nr)} 人；RedCap ${people(upgraded.uncovered.redcap)} 人`,
    );
    expect(dd('gaps').getAttribute('data-closed')).toBe(String(t.gapsClosed));
    expect(dd('towns').textContent).toBe(
      t.townsGained.length ? `变为连续：${t.townsGained.join('、')}` : '没有县城的结论改变',
    );
  });

  it('undoes the whole upgrade at once', async () => {
    const [added, , undone] = await views();
    show(undone);
    expect(screen.getByTestId('scenario-edits').querySelectorAll(':scope > ol > li')).toHaveLength(
      1,
    );
    expect(undone.scenario.edits).toEqual(added.scenario.edits);
    expect(undone.total).toEqual(added.total);
  });
});
