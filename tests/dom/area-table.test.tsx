import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { AreaTable } from '../../src/components/AreaTable';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import type { WorkspaceSnapshot } from '../../src/worker/protocol';

function snapshot(name: string): WorkspaceSnapshot {
  return {
    datasets: [],
    boundaries: null,
    townships: [],
    stationLayers: [],
    areas: [
      {
        code: '632701',
        name,
        level: 'county',
        population: 141308,
        areaKm2: 13462.4,
        sites5g: 120,
        sitesRedcap: 40,
        sitesLteOnly: 30,
        per10k: 8.492,
      },
    ],
    totals: null,
    bbox: null,
  };
}

describe('AreaTable', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('formats numbers for the locale and shows per-10k with two decimals', () => {
    useAppStore.getState().setSnapshot(snapshot('玉树市'));
    render(<AreaTable />);
    const row = screen.getByText('玉树市').closest('tr');
    expect(row?.textContent).toContain('141,308');
    expect(row?.querySelector('[data-col="per10k"]')?.textContent).toBe('8.49');
  });

  it('renders imported names as text, never as HTML', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    useAppStore.getState().setSnapshot(snapshot(evil));
    const { container } = render(<AreaTable />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(evil).tagName).toBe('TD');
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
