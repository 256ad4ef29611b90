import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { PlannerPanel } from '../../src/components/PlannerPanel';
import { plan } from '../../src/core/planner/plan';
import { createEvaluator } from '../../src/core/scenario/evaluator';
import { formatNumber, initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { baselineSites, COUNTIES, PARAMS } from '../unit/scenario-fixture';
import { areaResult, loadAnalysed } from './panel-fixtures';

describe('PlannerPanel', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('lists the ranked picks with their marginal and cumulative gains', async () => {
    const ev = createEvaluator(COUNTIES, await baselineSites(), PARAMS);
    const p = plan(ev, { objective: 'nr-pop', budget: { kind: 'count', picks: 3 } });
    expect(p.picks.length).toBeGreaterThan(1);
    loadAnalysed([areaResult({ code: '500101' })]);
    useAppStore.setState({ plan: p, planElapsedMs: 12, plannerJob: null, planMessage: null });
    render(<PlannerPanel />);
    const rows = [...screen.getByTestId('planner-table').querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(p.picks.map((x) => x.kind));
    const people = (x: number) => formatNumber(Math.round(x), 'zh-CN');
    expect(rows.map((r) => r.querySelector('[data-col="gain"]')!.textContent)).toEqual(
      p.picks.map((x) => people(x.gain)),
    );
    const last = p.picks[p.picks.length - 1];
    expect(rows[rows.length - 1].querySelector('[data-col="cumulative"]')!.textContent).toBe(
      people(last.cumulative.objective),
    );
    expect(screen.getByTestId('planner-create')).toBeTruthy();
  });

  it('will not run without a positive whole budget or with every action switched off', () => {
    loadAnalysed([areaResult({ code: '500101' })]);
    useAppStore.setState({ plan: null, plannerJob: null });
    render(<PlannerPanel />);
    const run = () => (screen.getByTestId('planner-run') as HTMLButtonElement).disabled;
    expect(run()).toBe(false);
    fireEvent.change(screen.getByTestId('planner-budget'), { target: { value: '2.5' } });
    expect(run()).toBe(true);
    fireEvent.change(screen.getByTestId('planner-budget-kind'), { target: { value: 'cost' } });
    expect(run()).toBe(false);
    for (const k of ['upgrade', 'colocate', 'new'])
      fireEvent.click(screen.getByTestId(`planner-kind-${k}`));
    expect(run()).toBe(true);
  });

  it('shows the running stage with a cancel button', () => {
    loadAnalysed([areaResult({ code: '500101' })]);
    useAppStore.setState({ plannerJob: { jobId: 'p', stage: 'greedy', fraction: 0.5 } });
    render(<PlannerPanel />);
    expect((screen.getByTestId('planner-progress') as HTMLProgressElement).value).toBe(0.5);
    expect(screen.getByText('正在逐个挑选…')).toBeTruthy();
    expect(screen.getByTestId('planner-cancel')).toBeTruthy();
    expect((screen.getByTestId('planner-run') as HTMLButtonElement).disabled).toBe(true);
  });
});
