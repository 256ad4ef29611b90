import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { AreaTable } from '../../src/components/AreaTable';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { selectArea } from '../../src/store/analysis-actions';
import { analysisParams } from '../../src/core/analysis/params';
import { areaResult, giveScrollBoxAViewport, loadAnalysed, snapshotOf } from './panel-fixtures';
import type { AreaRow } from '../../src/worker/protocol';

function yushuRow(name: string): AreaRow {
  return {
    code: '632701',
    name,
    level: 'county',
    population: 141308,
    areaKm2: 13462.4,
    sites5g: 120,
    sitesRedcap: 40,
    sitesLteOnly: 30,
    per10k: 8.492,
  };
}

function setSnapshotOnly(rows: AreaRow[]) {
  useAppStore.setState({
    results: null,
    selection: null,
    analysis: null,
    params: analysisParams(),
  });
  useAppStore.getState().setSnapshot(snapshotOf(rows));
}

const codesShown = (c: HTMLElement) =>
  Array.from(c.querySelectorAll('[data-testid="area-table"] tbody tr')).map((r) =>
    r.getAttribute('data-code'),
  );

const THREE = [
  areaResult({ code: '000001', name: '甲县', sites5g: 300, sitesPer10k: 40, sitesNeeded: 0 }),
  areaResult({
    code: '000002',
    name: '乙县',
    sites5g: 100,
    sitesPer10k: 10,
    townZone: { areaKm2: 28, redcapAreaPct: 99, largestGapKm2: 0.1, continuous: true },
    gaps: { count: 0, totalKm2: 0, largestKm2: 0, popUncovered: 0.3 },
  }),
  areaResult({ code: '000003', name: '丙县', sites5g: 200, sitesPer10k: 20, townZone: null }),
];

describe('AreaTable', () => {
  beforeAll(() => {
    initI18n('zh-CN');
    giveScrollBoxAViewport();
  });
  afterEach(cleanup);

  it('before any analysis shows the snapshot counts, formatted for the locale', () => {
    setSnapshotOnly([yushuRow('玉树市')]);
    render(<AreaTable />);
    const row = screen.getByText('玉树市').closest('tr');
    const cells = Array.from(row?.querySelectorAll('td') ?? []).map((td) => td.textContent);
    // Name and the headline metric come first (pinned at the left), then the code.
    expect(cells.slice(0, 4)).toEqual(['玉树市', '8.49', '632701', '141,308']);
    expect(row?.querySelector('[data-col="per10k"]')?.textContent).toBe('8.49');
    // ⌈38 × 141,308 / 10,000⌉ − 120 = 537 − 120
    expect(row?.querySelector('[data-col="sitesNeeded"]')?.textContent).toBe('417');
    expect(row?.querySelector('[data-col="nrAreaPct"]')?.textContent).toBe('—');
  });

  it('renders imported names as text, never as HTML', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    setSnapshotOnly([yushuRow(evil)]);
    const { container } = render(<AreaTable />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(evil).tagName).toBe('TD');
  });

  it('shows every report metric from the analysis, and the totals row', () => {
    const a = areaResult({
      code: '632701',
      name: '玉树市',
      coverage: {
        nr: { areaKm2: 270, areaPct: 2.011338, popPct: 50.44 },
        redcap: { areaKm2: 100, areaPct: 0.74, popPct: 31.5 },
      },
    });
    loadAnalysed([a], { totals: { ...a, code: 'total', name: 'total' } });
    const { container } = render(<AreaTable />);
    const cell = (col: string) =>
      container.querySelector(`tbody tr[data-code="632701"] td[data-col="${col}"]`)?.textContent;
    expect(cell('nrAreaPct')).toBe('2');
    expect(cell('nrPopPct')).toBe('50.4');
    expect(cell('redcapAreaPct')).toBe('0.7');
    expect(cell('redcapPopPct')).toBe('31.5');
    expect(cell('sitesNeeded')).toBe('280');
    expect(cell('gapsPopUncovered')).toBe('50,000');
    expect(cell('gapsLargestKm2')).toBe('990');
    expect(cell('townZone')).toBe('不连续 57.7%');
    expect(container.querySelector('tfoot tr[data-code="total"]')?.textContent).toContain('合计');
  });

  it('falls back to the snapshot counts while results are of older data', () => {
    const a = areaResult({ code: '632701', name: '玉树市', sites5g: 100 });
    loadAnalysed([a]);
    // A new import added three sites: the snapshot moves on, the results have not yet.
    useAppStore.getState().setSnapshot(snapshotOf([{ ...yushuRow('玉树市'), sites5g: 103 }]));
    const { container } = render(<AreaTable />);
    const row = container.querySelector('tbody tr[data-code="632701"]');
    expect(row?.querySelector('[data-col="sites5g"]')?.textContent).toBe('103');
    expect(row?.querySelector('[data-col="nrAreaPct"]')?.textContent).toBe('—');
  });

  it('sorts by a column when its header is clicked, ascending then descending', () => {
    loadAnalysed(THREE);
    const { container } = render(<AreaTable />);
    expect(codesShown(container)).toEqual(['000001', '000002', '000003']);
    const header = container.querySelector('th[data-col="sites5g"] button') as HTMLElement;
    fireEvent.click(header);
    const first = container.querySelector('th[data-col="sites5g"]')?.getAttribute('aria-sort');
    const firstOrder = codesShown(container);
    fireEvent.click(header);
    const secondOrder = codesShown(container);
    // TanStack starts numeric columns descending; either way the two clicks reverse.
    expect([first, firstOrder]).toEqual(
      first === 'ascending'
        ? ['ascending', ['000002', '000003', '000001']]
        : ['descending', ['000001', '000003', '000002']],
    );
    expect(secondOrder).toEqual([...firstOrder].reverse());
  });

  it('filters by text and by each preset, and the presets combine', () => {
    loadAnalysed(THREE);
    const { container } = render(<AreaTable />);
    const text = screen.getByTestId('area-filter-text');
    fireEvent.change(text, { target: { value: '乙' } });
    expect(codesShown(container)).toEqual(['000002']);
    fireEvent.change(text, { target: { value: '0003' } });
    expect(codesShown(container)).toEqual(['000003']);
    fireEvent.change(text, { target: { value: '' } });

    fireEvent.click(screen.getByTestId('area-filter-belowTarget'));
    expect(codesShown(container)).toEqual(['000002', '000003']);
    fireEvent.click(screen.getByTestId('area-filter-belowTarget'));

    fireEvent.click(screen.getByTestId('area-filter-notContinuous'));
    expect(codesShown(container)).toEqual(['000001']);
    fireEvent.click(screen.getByTestId('area-filter-notContinuous'));

    // 乙县's 0.3 uncovered people round to nobody.
    fireEvent.click(screen.getByTestId('area-filter-uncovered'));
    expect(codesShown(container)).toEqual(['000001', '000003']);
    fireEvent.click(screen.getByTestId('area-filter-belowTarget'));
    expect(codesShown(container)).toEqual(['000003']);
  });

  it('renders only a window of a 40,000-row table', () => {
    const many = Array.from({ length: 40_000 }, (_, i) =>
      areaResult({ code: String(100000 + i), level: 'township', parent: null }),
    );
    loadAnalysed(many);
    // The 40,000 areas go in as counties: the level switch does not matter to the window.
    const { container } = render(<AreaTable />);
    const shown = codesShown(container);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(100);
    expect(shown[0]).toBe('100000');
    const tbody = container.querySelector('tbody') as HTMLElement;
    expect(tbody.style.height).toBe(`${40_000 * 26}px`);
    expect(screen.getByTestId('area-table-status').textContent).toContain('40,000');
  });

  it('selects a row on click and highlights the area selected elsewhere', () => {
    loadAnalysed(THREE);
    const { container } = render(<AreaTable />);
    const row = (code: string) => container.querySelector(`tbody tr[data-code="${code}"]`);
    fireEvent.click(row('000002') as Element);
    expect(useAppStore.getState().selection).toEqual({ level: 'county', code: '000002' });
    expect(useAppStore.getState().focus?.bbox).toEqual([96, 32, 97, 33]);
    expect(row('000002')?.getAttribute('aria-selected')).toBe('true');
    expect(row('000001')?.getAttribute('aria-selected')).toBe('false');
    // The map selects another county.
    act(() => selectArea({ level: 'county', code: '000003' }));
    expect(row('000003')?.getAttribute('aria-selected')).toBe('true');
    expect(row('000002')?.getAttribute('aria-selected')).toBe('false');
  });
});

describe('issue text', () => {
  it('shows a bounded excerpt of huge imported values and reasons', async () => {
    const { issueText } = await import('../../src/components/issue-text');
    const i18n = initI18n('zh-CN');
    const huge = 'x'.repeat(100_000);
    const { where, reason } = issueText(i18n.t, {
      file: 'a.csv',
      row: 3,
      field: 'lat',
      value: huge,
      code: 'unparseable-coordinate',
      params: { field: huge },
      message: huge,
    } as never);
    expect(where.length).toBeLessThan(200);
    expect(reason.length).toBeLessThanOrEqual(401);
    expect(where).toContain('第 3 行');
  });
});
