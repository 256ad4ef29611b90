import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ComparePanel } from '../../src/components/ComparePanel';
import { CompareTable } from '../../src/components/CompareTable';
import { per10kChart, populationChart } from '../../src/components/compare-chart-data';
import { DEFAULT_UNIT_COSTS } from '../../src/core/planner/costs';
import { addEdit, removeEdit, upgradeEdit } from '../../src/core/scenario/edits';
import { emptyScenario } from '../../src/core/scenario/types';
import { formatNumber, initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import type { ComparisonView } from '../../src/worker/scenario-protocol';
import { ScenarioService } from '../../src/worker/scenario-service';
import { at, fixtureWorkspace, PARAMS } from '../unit/scenario-fixture';

/**
 * A real comparison from the worker's scenario service over the fixture: county A loses
 * its RedCap site A1 and A2 is upgraded, county B gains an NR site.
 */
async function comparison(): Promise<ComparisonView> {
  const svc = new ScenarioService(await fixtureWorkspace());
  svc.open(emptyScenario('t', null), PARAMS);
  const [lon, lat] = at(9, 3);
  const b = svc.apply([
    removeEdit('A1'),
    upgradeEdit('A2'),
    addEdit({ id: 'N1', lon, lat, band: 'n41', radius_m: 2500, redcap: false }),
  ]).scenario;
  svc.close();
  const out = await svc.compare(null, b, PARAMS);
  if (out.status !== 'ok') throw new Error(out.status);
  return out.comparison;
}

const cell = (code: string, col: string) =>
  screen.getByTestId('compare-table').querySelector(`tr[data-code="${code}"] [data-col="${col}"]`)!
    .textContent;

describe('comparison table and charts', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('has a row per county and a total, with B − A signed and the site counts', async () => {
    const cmp = await comparison();
    render(<CompareTable comparison={cmp} />);
    const rows = [...screen.getByTestId('compare-table').querySelectorAll('tbody tr')].map((r) =>
      r.getAttribute('data-code'),
    );
    expect(rows).toEqual(['500101', '500102', 'total']);
    expect(cell('500101', 'sites5g')).toBe('-1');
    expect(cell('500102', 'sites5g')).toBe('+1');
    expect(cell('total', 'sites5g')).toBe('0');
    // County B: 30,000 people, one more site = +1/3 per 10k and one fewer needed.
    expect(cell('500102', 'per10k')).toBe('+0.33');
    expect(cell('500102', 'sitesNeeded')).toBe('-1');
    expect(cell('500101', 'redcapPopPct').startsWith('-')).toBe(true);
    expect(cell('500102', 'nrAreaPct').startsWith('+')).toBe(true);
    expect(cell('500101', 'nrAreaPct')).toMatch(/^-/);
    // Verdicts and gaps come from the engine's comparison as they are.
    const a = cmp.areas[0];
    expect(cell('500101', 'gaps')).toBe(`${a.gapsClosed} / ${a.gapsOpened}`);
    const verdict = { gained: '变为连续', lost: '不再连续', same: '不变' }[a.townZone!];
    expect(cell('500101', 'townZone')).toBe(verdict);
  });

  it('feeds the charts the per-10k values of both sides, the target and population covered', async () => {
    const cmp = await comparison();
    const per10k = per10kChart(cmp, { a: 'A', b: 'B', target: 'T' });
    expect(per10k.labels).toEqual(['county 500101', 'county 500102']);
    expect(per10k.series.map((s) => s.label)).toEqual(['A', 'B', 'T']);
    expect(per10k.series[0].data).toEqual(cmp.before.map((a) => a.sitesPer10k));
    expect(per10k.series[1].data).toEqual(cmp.after.map((a) => a.sitesPer10k));
    expect(per10k.series[1].data[1]! - per10k.series[0].data[1]!).toBeCloseTo(1 / 3, 9);
    expect(per10k.series[2]).toMatchObject({ data: [38, 38], line: true });
    const pop = populationChart(cmp, { nrA: 'a', nrB: 'b', redcapA: 'c', redcapB: 'd' });
    expect(pop.series.map((s) => s.data)).toEqual([
      cmp.before.map((a) => a.coverage.nr.popPct),
      cmp.after.map((a) => a.coverage.nr.popPct),
      cmp.before.map((a) => a.coverage.redcap.popPct),
      cmp.after.map((a) => a.coverage.redcap.popPct),
    ]);
  });

  it('shows the comparison with its gained and lost km² and a canvas per chart', async () => {
    const cmp = await comparison();
    useAppStore.setState({ comparison: cmp, compareSides: { a: 'baseline', b: 'x' } });
    render(<ComparePanel />);
    const km2 = (n: number) => formatNumber(n * cmp.cells.cellKm2, 'zh-CN', 2);
    const text = screen.getByTestId('compare-cells').textContent!;
    expect(text).toContain(`NR 新增覆盖 ${km2(cmp.cells.nrGained)} km²`);
    expect(text).toContain(`失去 ${km2(cmp.cells.nrLost)} km²`);
    expect(cmp.cells.nrGained).toBeGreaterThan(0);
    expect(screen.getByTestId('compare-chart-per10k').tagName).toBe('CANVAS');
    expect(screen.getByTestId('compare-chart-pop').tagName).toBe('CANVAS');
  });

  it('lists each side’s site changes with their cost, and the totals A vs B per person', async () => {
    const cmp = await comparison();
    useAppStore.setState({
      comparison: cmp,
      compareSides: { a: 'baseline', b: 'x' },
      compareJob: null,
      unitCosts: { ...DEFAULT_UNIT_COSTS },
    });
    render(<ComparePanel />);
    const rows = [...screen.getByTestId('compare-diff').querySelectorAll('tbody tr')];
    const row = (id: string) => rows.find((r) => r.getAttribute('data-site') === id)!;
    expect(rows.map((r) => r.getAttribute('data-site'))).toEqual(['A1', 'A2', 'N1']);
    const text = (id: string, col: string) =>
      row(id).querySelector(`[data-col="${col}"]`)!.textContent;
    expect([text('A1', 'b'), text('A2', 'b'), text('N1', 'b')]).toEqual([
      '拆除',
      'RedCap 升级',
      '新建',
    ]);
    expect([text('A1', 'a'), text('N1', 'costA')]).toEqual(['—', '0']);
    expect([text('A2', 'costB'), text('N1', 'costB')]).toEqual(['1', '40']);
    expect(row('N1').querySelector('td')!.textContent).toBe('county 500102');
    const total = (r: string, col: string) =>
      screen.getByTestId('compare-costs').querySelector(`tr[data-row="${r}"] [data-col="${col}"]`)!
        .textContent;
    expect([total('cost', 'a'), total('cost', 'b'), total('cost', 'delta')]).toEqual([
      '0',
      '41',
      '+41',
    ]);
    const people = cmp.sides.b.nrPeople;
    expect(people).not.toBe(0);
    expect(total('nrPeople', 'b')).toBe(formatNumber(Math.round(people), 'zh-CN'));
    const per = people > 0 ? formatNumber((41 * 10_000) / people, 'zh-CN') : '—';
    expect(total('perNrPerson', 'b')).toBe(per);
    expect(total('perNrPerson', 'a')).toBe('—');
    expect(screen.getByTestId('compare-unit-costs').textContent).toContain('新建 40');

    // Costs follow the unit costs the planner panel sets.
    act(() => useAppStore.setState({ unitCosts: { ...DEFAULT_UNIT_COSTS, new: 55 } }));
    expect(total('cost', 'b')).toBe('56');

    // Zoom to changes: every place A and B differ, each a button.
    const places = [...screen.getByTestId('compare-places').querySelectorAll('li')];
    expect(places.map((li) => li.getAttribute('data-site'))).toEqual(['A1', 'A2', 'N1']);
    expect(places[2].textContent).toContain('N1 · county 500102');
    fireEvent.click(places[2].querySelector('button')!);
    const focus = useAppStore.getState().compareFocus!;
    const n1 = cmp.places.find((p) => p.id === 'N1')!;
    expect(focus.bbox[0]).toBeLessThanOrEqual(n1.bbox[0]);
    expect(focus.bbox[2]).toBeGreaterThanOrEqual(n1.bbox[2]);
    expect(useAppStore.getState().focus!.bbox).toEqual(focus.bbox);
    // The box of every difference holds each place.
    const [w, s, e, n] = cmp.changesBbox!;
    for (const p of cmp.places) {
      expect(p.bbox[0]).toBeGreaterThanOrEqual(w);
      expect(p.bbox[2]).toBeLessThanOrEqual(e);
      expect(p.bbox[1]).toBeGreaterThanOrEqual(s);
      expect(p.bbox[3]).toBeLessThanOrEqual(n);
    }
  });

  it('shows a running comparison’s stage with a cancel button, and a cancelled one', async () => {
    useAppStore.setState({
      comparison: null,
      compareSides: { a: 'baseline', b: 'x' },
      compareJob: { jobId: 'c', stage: 'b', fraction: 0.4 },
      compareMessage: null,
    });
    render(<ComparePanel />);
    const bar = screen.getByTestId('compare-progress');
    expect((bar.querySelector('progress') as HTMLProgressElement).value).toBe(0.4);
    expect(bar.textContent).toContain('正在计算方案 B…');
    expect(screen.getByTestId('compare-cancel')).toBeTruthy();
    expect((screen.getByTestId('compare-run') as HTMLButtonElement).disabled).toBe(true);
    act(() =>
      useAppStore.setState({
        compareJob: null,
        compareMessage: { key: 'scenarios.compare.cancelled' },
      }),
    );
    expect(screen.queryByTestId('compare-progress')).toBeNull();
    expect(screen.getByTestId('compare-message').textContent).toContain('已取消对比');
  });
});
