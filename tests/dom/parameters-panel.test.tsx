import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ParametersPanel } from '../../src/components/ParametersPanel';
import { ResultsProvenance } from '../../src/components/ResultsProvenance';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { analysisParams } from '../../src/core/analysis/params';
import { areaResult, loadAnalysed, resultsOf } from './panel-fixtures';

const field = (path: string) => document.querySelector(`[data-param="${path}"]`) as HTMLElement;
const input = (path: string) => field(path).querySelector('input') as HTMLInputElement;

describe('ParametersPanel', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('shows each default and its source, and highlights a changed value', () => {
    loadAnalysed([areaResult({ code: '632701' })]);
    render(<ParametersPanel />);
    const target = field('targetPer10k');
    expect(target.textContent).toContain('默认 38');
    expect(target.textContent).toContain('扬帆');
    expect(field('model.nrThresholdDbm').textContent).toContain('−105 dBm');
    expect(target.getAttribute('data-changed')).toBe('false');
    fireEvent.change(input('targetPer10k'), { target: { value: '50' } });
    expect(target.getAttribute('data-changed')).toBe('true');
  });

  it('rejects an out-of-range value next to the field and will not apply it', () => {
    loadAnalysed([areaResult({ code: '632701' })]);
    render(<ParametersPanel />);
    fireEvent.change(input('model.cellEdgeProbability'), { target: { value: '1.5' } });
    expect(field('model.cellEdgeProbability').textContent).toContain('应在 0.5 到 0.999 之间');
    fireEvent.change(input('targetPer10k'), { target: { value: 'abc' } });
    expect(field('targetPer10k').textContent).toContain('请输入数字');
    expect((screen.getByTestId('params-apply') as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists what the model validator rejects and will not apply it', () => {
    loadAnalysed([areaResult({ code: '632701' })]);
    // A parameter the form does not show (from a scenario file, say) is out of bounds.
    const p = analysisParams();
    useAppStore.setState({ params: { ...p, model: { ...p.model, ueHeightM: 0 } } });
    render(<ParametersPanel />);
    fireEvent.change(input('targetPer10k'), { target: { value: '50' } });
    expect(screen.getByRole('alert').textContent).toContain('ueHeightM must be positive');
    expect((screen.getByTestId('params-apply') as HTMLButtonElement).disabled).toBe(true);
  });

  it('applies the changed value to the store (which re-runs the analysis)', () => {
    loadAnalysed([areaResult({ code: '632701' })]);
    render(<ParametersPanel />);
    fireEvent.change(input('targetPer10k'), { target: { value: '50' } });
    fireEvent.click(screen.getByTestId('param-band-n41'));
    fireEvent.change(input('model.bands.n41.powerDbm'), { target: { value: '50' } });
    fireEvent.click(screen.getByTestId('params-apply'));
    const p = useAppStore.getState().params;
    expect(p.targetPer10k).toBe(50);
    expect(p.model.bands.n41.powerDbm).toBe(50);
    // Everything else keeps its value.
    expect(p.model.bands.n78.powerDbm).toBe(53);
    expect(p.continuityMinAreaPct).toBe(95);
    fireEvent.click(screen.getByTestId('params-reset'));
    expect(useAppStore.getState().params).toEqual(analysisParams());
  });

  it('says which parameters made the results on screen', () => {
    const params = analysisParams({ targetPer10k: 50 });
    loadAnalysed([areaResult({ code: '632701' })]);
    const { rerender } = render(<ResultsProvenance />);
    expect(screen.getByTestId('results-params').textContent).toContain('默认参数');
    useAppStore.setState({ results: resultsOf([areaResult({ code: '632701' })], { params }) });
    rerender(<ResultsProvenance />);
    const text = screen.getByTestId('results-params').textContent;
    expect(text).toContain('每万人 5G 基站目标 = 50 (默认 38)');
    expect(text).toContain('123 ms');
  });
});
