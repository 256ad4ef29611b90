import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { PlannerPanel } from '../../src/components/PlannerPanel';
import { DEFAULT_UNIT_COSTS } from '../../src/core/planner/costs';
import { planOutcome } from '../../src/core/planner/outcome';
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

  it('says which county towns become continuous and which targets are met, with costs in 万元', async () => {
    // A per-10k target county B (30,000 people, one 5G site) misses by one site.
    const params = { ...PARAMS, targetPer10k: 0.5 };
    const ev = createEvaluator(COUNTIES, await baselineSites(), params);
    const p = plan(ev, {
      objective: 'nr-pop',
      // New sites go to the populated gaps first, most people first: county A's, so B needs
      // enough picks to get its one missing site.
      budget: { kind: 'count', picks: 6 },
      candidates: { kinds: ['new'], newSpacingM: 2000, maxNew: 200 },
    });
    const outcome = planOutcome(ev, p);
    loadAnalysed([areaResult({ code: '500101' })]);
    useAppStore.setState({
      plan: p,
      planOutcome: outcome,
      planElapsedMs: 12,
      plannerJob: null,
      planMessage: null,
      unitCosts: { ...DEFAULT_UNIT_COSTS },
    });
    render(<PlannerPanel />);
    const o = screen.getByTestId('plan-outcome');
    expect(o.querySelector('[data-field="towns"]')!.textContent).toContain(
      `规划后 ${outcome.continuous.after}/2 个县城连续（规划前 ${outcome.continuous.before} 个）`,
    );
    expect(screen.getByTestId('plan-towns-gained').textContent).toBe(
      outcome.towns.some((x) => x.continuous)
        ? `变为连续：${outcome.towns
            .filter((x) => x.continuous)
            .map((x) => x.name)
            .join('、')}`
        : '没有县城变为连续覆盖',
    );
    expect(outcome.targetsMet.map((x) => x.code)).toContain('500102');
    expect(screen.getByTestId('plan-targets-met').textContent).toContain('新达标：county 500102');
    expect(o.querySelector('[data-field="targets"]')!.textContent).toContain(
      '每万人 0.5 个 5G 基站目标',
    );
    // Costs per pick and cumulative, in 万元; the summary names the unit.
    const rows = [...screen.getByTestId('planner-table').querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('[data-col="cost"]')!.textContent)).toEqual(
      p.picks.map(() => '40'),
    );
    expect(rows[5].querySelector('[data-col="cumulativeCost"]')!.textContent).toBe('240');
    expect(screen.getByTestId('plan').textContent).toContain('总成本 240 万元');
    expect(screen.getByText('成本（万元）')).toBeTruthy();
    // New sites are named by where they stand.
    for (const r of rows)
      expect(r.querySelector('[data-col="site"]')!.textContent).toMatch(
        /^county 50010[12]-新建-\d+$/,
      );
    // The default unit costs are explained, plainly as illustrative.
    const help = screen.getByTestId('planner-costs-help').textContent!;
    expect(help).toContain('示意');
    expect(help).toContain('不是报价');
    expect((screen.getByTestId('planner-cost-new') as HTMLInputElement).value).toBe('40');
    fireEvent.change(screen.getByTestId('planner-cost-new'), { target: { value: '55' } });
    expect(useAppStore.getState().unitCosts.new).toBe(55);
    fireEvent.change(screen.getByTestId('planner-cost-new'), { target: { value: 'x' } });
    expect(useAppStore.getState().unitCosts.new).toBe(55);
    expect(screen.getByTestId('planner-cost-new').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByTestId('planner-costs-reset'));
    expect(useAppStore.getState().unitCosts.new).toBe(40);
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
