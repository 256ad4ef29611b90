import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { AreaDetail } from '../../src/components/AreaDetail';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { selectArea } from '../../src/store/analysis-actions';
import { analysisParams } from '../../src/core/analysis/params';
import { areaResult, gapFeature, loadAnalysed, resultsOf } from './panel-fixtures';

const YUSHU = areaResult({ code: '632701', name: '玉树市' });
const gap = (rank: number, population: number, areaCode = '632701') =>
  gapFeature({
    areaCode,
    areaName: '玉树市',
    level: 'county',
    rank,
    areaKm2: 10 * rank,
    population,
    centroid: [97, 33],
    bbox: [97 + rank, 33, 97.1 + rank, 33.1],
  });

describe('AreaDetail', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('asks for a selection when there is none', () => {
    loadAnalysed([YUSHU]);
    render(<AreaDetail />);
    expect(screen.getByTestId('area-detail').textContent).toContain('选择一个区域');
  });

  it('shows the verdict with its reason, the gaps by rank, and zooms to a gap', () => {
    loadAnalysed([YUSHU, areaResult({ code: '632722' })], {
      // Out of order on purpose, and one gap of another county.
      gaps: {
        type: 'FeatureCollection',
        features: [gap(2, 900), gap(1, 5000), gap(1, 7, '632722')],
      },
    });
    act(() => selectArea({ level: 'county', code: '632701' }));
    render(<AreaDetail />);
    expect(screen.getByTestId('town-zone-verdict').textContent).toContain(
      '不连续：覆盖 57.7% < 95%，最大空洞 6.06 km² > 0.25 km²',
    );
    const items = Array.from(screen.getByTestId('area-gaps').querySelectorAll('li'));
    expect(items.map((li) => li.getAttribute('data-rank'))).toEqual(['1', '2']);
    expect(items[0].textContent).toContain('5,000 人');
    fireEvent.click(items[1].querySelector('button') as HTMLElement);
    expect(useAppStore.getState().focus?.bbox).toEqual([99, 33, 99.1, 33.1]);
    const metrics = screen.getByTestId('area-detail').querySelector('[data-col="sitesNeeded"]');
    expect(metrics?.textContent).toContain('280');
  });

  it('judges with the parameters that made the results, not the ones being edited', () => {
    const params = { ...analysisParams(), continuityMinAreaPct: 50, continuityMaxGapKm2: 10 };
    const continuous = areaResult({
      code: '632701',
      townZone: { areaKm2: 28.28, redcapAreaPct: 57.69, largestGapKm2: 6.0575, continuous: true },
    });
    loadAnalysed([continuous]);
    useAppStore.setState({ results: resultsOf([continuous], { params }) });
    act(() => selectArea({ level: 'county', code: '632701' }));
    render(<AreaDetail />);
    expect(screen.getByTestId('town-zone-verdict').textContent).toContain(
      '连续：覆盖 57.7% ≥ 50%，最大空洞 6.06 km² ≤ 10 km²',
    );
  });
});
