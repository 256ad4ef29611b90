import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ScenarioPanel } from '../../src/components/ScenarioPanel';
import { parseAzimuths, parseLonLat, readLonLat } from '../../src/components/site-input';
import { emptyScenario, SCENARIO_SCHEMA } from '../../src/core/scenario/types';
import { initI18n } from '../../src/i18n';
import { initScenarios } from '../../src/store/scenario-actions';
import { memoryStorage, setScenarioStorage } from '../../src/store/scenario-storage';
import { useAppStore } from '../../src/store/store';
import type { ScenarioView } from '../../src/worker/scenario-protocol';
import { areaResult } from './panel-fixtures';

const rec = (id: string, name: string) => ({
  id,
  scenario: emptyScenario(name, 'abcd', new Date('2026-11-24T00:00:00Z')),
  updated: '2026-11-24T00:00:00Z',
});

function view(over: Partial<ScenarioView>): ScenarioView {
  const a = areaResult({ code: '632701' });
  return {
    scenario: rec('s1', '方案甲').scenario,
    areas: [a],
    totals: a,
    canUndo: false,
    canRedo: false,
    issues: [],
    engineMs: 0.4,
    baseHash: 'abcd',
    sites: [],
    log: [],
    total: null,
    uncovered: { nr: 0, redcap: 0 },
    footprints: null,
    footprintsUrl: null,
    footprintSites: 0,
    ...over,
  };
}

const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;

describe('ScenarioPanel', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  beforeEach(() => {
    setScenarioStorage(memoryStorage());
    useAppStore.setState({
      scenarios: [rec('s1', '方案甲')],
      activeScenarioId: 's1',
      scenarioView: null,
      scenarioBusy: false,
      scenarioMessage: null,
      plannerJob: null,
    });
  });
  afterEach(cleanup);

  it('enables undo and redo exactly when the open scenario can take them', () => {
    useAppStore.setState({ scenarioView: view({ canUndo: true, canRedo: false }) });
    render(<ScenarioPanel />);
    expect(button('scenario-undo').disabled).toBe(false);
    expect(button('scenario-redo').disabled).toBe(true);

    act(() => useAppStore.setState({ scenarioView: view({ canUndo: false, canRedo: true }) }));
    expect(button('scenario-undo').disabled).toBe(true);
    expect(button('scenario-redo').disabled).toBe(false);

    // While the worker computes a step, neither can be pressed again.
    act(() =>
      useAppStore.setState({
        scenarioView: view({ canUndo: true, canRedo: true }),
        scenarioBusy: true,
      }),
    );
    expect(button('scenario-undo').disabled).toBe(true);
    expect(button('scenario-redo').disabled).toBe(true);
    expect(screen.getByTestId('scenario-busy').textContent).toBe('正在计算…');
  });

  it('shows the open scenario’s metrics with the change from the analysed baseline', () => {
    const base = areaResult({ code: '632701', sitesPer10k: 10, sitesNeeded: 280 });
    const now = areaResult({ code: '632701', sitesPer10k: 10.5, sitesNeeded: 275 });
    useAppStore.setState({
      results: {
        counties: [base],
        townships: [],
        totals: base,
      } as unknown as ReturnType<typeof useAppStore.getState>['results'],
      scenarioView: view({ areas: [now], totals: now }),
    });
    render(<ScenarioPanel />);
    const row = screen.getByTestId('scenario-metrics').querySelector('tr[data-code="632701"]')!;
    expect(row.querySelector('[data-col="per10k"]')!.textContent).toBe('10.5 (+0.5)');
    expect(row.querySelector('[data-col="sitesNeeded"]')!.textContent).toBe('275 (-5)');
    expect(row.querySelector('[data-col="sitesNeeded"] span')!.className).toBe('delta-up');
  });

  it('explains a scenario file from a newer version, in the chosen language', async () => {
    useAppStore.setState({ scenarioView: view({}) });
    render(<ScenarioPanel />);
    const file = new File(
      [JSON.stringify({ schema: 'sailplan.scenario/2', name: 'x', edits: [] })],
      'future.json',
    );
    fireEvent.change(screen.getByTestId('scenario-import-input'), { target: { files: [file] } });
    await waitFor(() => screen.getByTestId('scenario-message'));
    expect(screen.getByTestId('scenario-message').textContent).toContain(
      '该方案文件由更新版本的扬帆覆盖规划生成',
    );
    // Nothing was added for the bad file.
    expect(useAppStore.getState().scenarios).toHaveLength(1);
  });

  it('says a non-scenario JSON file is not a scenario', async () => {
    useAppStore.setState({ scenarioView: view({}) });
    render(<ScenarioPanel />);
    const file = new File([JSON.stringify({ type: 'FeatureCollection' })], 'x.json');
    fireEvent.change(screen.getByTestId('scenario-import-input'), { target: { files: [file] } });
    await waitFor(() => screen.getByTestId('scenario-message'));
    expect(screen.getByTestId('scenario-message').textContent).toContain(
      '这不是扬帆覆盖规划的方案文件',
    );
  });

  it('restores saved scenarios from storage on start', async () => {
    const saved = [rec('a', '预算甲'), rec('b', '预算乙')];
    saved[1].scenario = { ...saved[1].scenario, schema: SCENARIO_SCHEMA };
    const storage = memoryStorage(saved);
    await storage.setActive('b');
    setScenarioStorage(storage);
    useAppStore.setState({ scenarios: [], activeScenarioId: null, results: null });
    const stop = await initScenarios('http://localhost/');
    render(<ScenarioPanel />);
    const options = [...(screen.getByTestId('scenario-list') as HTMLSelectElement).options].map(
      (o) => o.textContent,
    );
    expect(options).toEqual(['不编辑方案（查看现网）', '预算甲', '预算乙']);
    stop();
  });

  it('rejects coordinates outside China and reads pasted forms', () => {
    expect(parseLonLat('97.0065,33.0045')).toEqual({ lon: 97.0065, lat: 33.0045 });
    expect(parseLonLat(' 97.0065，33.0045 ')).toEqual({ lon: 97.0065, lat: 33.0045 });
    expect(parseLonLat('97.0065\t33.0045')).toEqual({ lon: 97.0065, lat: 33.0045 });
    expect(parseLonLat('33.0045,97.0065')).toBeNull();
    expect(parseLonLat('abc')).toBeNull();
    expect(parseAzimuths('')).toBeNull();
    expect(parseAzimuths('45')).toBe(45);
    expect(parseAzimuths('0,120,240')).toEqual([0, 120, 240]);
  });

  it('refuses to add a site at a position outside China, with the reason', () => {
    useAppStore.setState({ scenarioView: view({}) });
    render(<ScenarioPanel />);
    fireEvent.change(screen.getByTestId('scenario-add-coords'), { target: { value: '10,10' } });
    fireEvent.click(screen.getByTestId('scenario-add-submit'));
    expect(screen.getByTestId('scenario-add-error').textContent).toContain('经度 73–136');
    expect(screen.queryByTestId('scenario-add-coords-swapped')).toBeNull();
  });

  it('hints that a “lat, lon” entry looks swapped, as the importer does, and swaps it', () => {
    useAppStore.setState({ scenarioView: view({}) });
    render(<ScenarioPanel />);
    const input = () => screen.getByTestId('scenario-add-coords') as HTMLInputElement;
    fireEvent.change(input(), { target: { value: '33.0045, 97.0065' } });
    const hint = screen.getByTestId('scenario-add-coords-swapped').textContent!;
    expect(hint).toContain('纬度与经度疑似颠倒');
    expect(hint).toContain('经度 97.0065，纬度 33.0045');
    // Submitting adds nothing and repeats no error: the hint says what to do.
    fireEvent.click(screen.getByTestId('scenario-add-submit'));
    expect(screen.queryByTestId('scenario-add-error')).toBeNull();
    fireEvent.click(screen.getByTestId('scenario-add-coords-swap'));
    expect(input().value).toBe('97.0065,33.0045');
    expect(screen.queryByTestId('scenario-add-coords-swapped')).toBeNull();
    expect(readLonLat('33.0045,97.0065')).toEqual({
      ok: false,
      reason: 'swapped',
      lon: 97.0065,
      lat: 33.0045,
    });
    expect(readLonLat('1,2')).toEqual({ ok: false, reason: 'outside' });
    expect(readLonLat('97')).toEqual({ ok: false, reason: 'format' });
  });
});
