import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ExportMenu } from '../../src/components/ExportMenu';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { areaResult, loadAnalysed } from './panel-fixtures';

/** Every <a download> the page clicks: the file name and the Blob URL behind it. */
function recordDownloads(): { name: string; href: string }[] {
  const seen: { name: string; href: string }[] = [];
  document.addEventListener(
    'click',
    (e) => {
      const a = e.target as HTMLAnchorElement;
      if (a.tagName === 'A' && a.hasAttribute('download')) {
        seen.push({ name: a.download, href: a.href });
        e.preventDefault();
      }
    },
    true,
  );
  return seen;
}

describe('ExportMenu', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('offers nothing before an analysis', () => {
    useAppStore.setState({ results: null });
    render(<ExportMenu scope={null} />);
    expect(screen.getByTestId('export-menu').textContent).toContain('覆盖分析完成后可导出');
    expect(screen.queryByTestId('export-areas-csv')).toBeNull();
  });

  it('downloads the area CSV under the region and date, and disables what the results lack', async () => {
    loadAnalysed([areaResult({ code: '632701', name: '玉树市' })], {
      totals: areaResult({ code: '632701', name: '玉树市' }),
    });
    const downloads = recordDownloads();
    render(<ExportMenu scope={null} />);
    // No coverage images, gaps or zones in these results: those exports are off.
    expect((screen.getByTestId('export-coverage-nr') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('export-gaps-kml') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('export-areas-csv'));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const today = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    expect(downloads[0].name).toBe(
      `玉树藏族自治州-${today.getFullYear()}-${p(today.getMonth() + 1)}-${p(today.getDate())}-areas.csv`,
    );
    expect(downloads[0].href.startsWith('blob:')).toBe(true);
    await waitFor(() =>
      expect((screen.getByTestId('export-areas-csv') as HTMLButtonElement).disabled).toBe(false),
    );
    expect(screen.queryByTestId('export-error')).toBeNull();
  });

  it('exports the area drilled into, named after it', async () => {
    const counties = [
      areaResult({ code: '632701', name: '玉树市' }),
      areaResult({ code: '632722', name: '杂多县' }),
    ];
    loadAnalysed(counties, { totals: counties[0] });
    const downloads = recordDownloads();
    render(<ExportMenu scope={{ level: 'county', code: '632722', name: '杂多县' }} />);
    expect(screen.getByTestId('export-scope').textContent).toContain('导出范围：杂多县');
    fireEvent.click(screen.getByTestId('export-areas-csv'));
    await waitFor(() => expect(downloads.length).toBeGreaterThan(0));
    expect(downloads.at(-1)!.name).toMatch(/^杂多县-\d{4}-\d{2}-\d{2}-areas\.csv$/);
  });
});
