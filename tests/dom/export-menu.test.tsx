import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../src/worker/protocol';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ExportMenu } from '../../src/components/ExportMenu';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { areaResult, loadAnalysed } from './panel-fixtures';

/** Every <a download> the page clicks: the file name, the Blob URL and the Blob behind it. */
function recordDownloads(): { name: string; href: string; blob?: Blob }[] {
  const seen: { name: string; href: string; blob?: Blob }[] = [];
  // Keep each Blob the page turns into a URL, to read what was downloaded.
  const blobs = new Map<string, Blob>();
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (b: Blob | MediaSource) => {
    const url = create(b);
    if (b instanceof Blob) blobs.set(url, b);
    return url;
  };
  document.addEventListener(
    'click',
    (e) => {
      const a = e.target as HTMLAnchorElement;
      if (a.tagName === 'A' && a.hasAttribute('download')) {
        seen.push({ name: a.download, href: a.href, blob: blobs.get(a.href) });
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

  it('writes CSV headers in the UI language and marks the demo synthetic stations', async () => {
    const stations: DatasetSummary = {
      id: 'st',
      kind: 'stations',
      fileName: 'yushu-stations.csv',
      crs: 'WGS84',
      rowCount: 2,
      loadedCount: 2,
      itemCount: 1,
      rejectedCount: 0,
      warningCount: 0,
      rejected: [],
      warnings: [],
      synthetic: true,
      demo: true,
      encoding: null,
    };
    const county = areaResult({ code: '632701', name: '玉树市', population: null });
    const downloads = recordDownloads();
    const csvOf = async () => {
      const before = downloads.length;
      fireEvent.click(screen.getByTestId('export-areas-csv'));
      await waitFor(() => expect(downloads.length).toBe(before + 1));
      const bytes = new Uint8Array(await downloads.at(-1)!.blob!.arrayBuffer());
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n');
    };

    loadAnalysed([county], { totals: county });
    const snapshot = useAppStore.getState().snapshot!;
    useAppStore.setState({ snapshot: { ...snapshot, datasets: [stations] }, language: 'zh-CN' });
    render(<ExportMenu scope={null} />);
    expect(screen.getByTestId('export-synthetic').textContent).toContain('含合成数据');
    const zh = await csvOf();
    expect(zh[0].startsWith('\uFEFF区划代码,名称,级别,上级,常住人口')).toBe(true);
    const yushu = zh.find((l) => l.startsWith('632701,'))!.split(',');
    expect(yushu.at(-1)).toBe('是');
    // Unknown population: blank, not 0.
    expect(yushu[4]).toBe('');
    cleanup();

    // English UI: English headers; the user's own stations: nothing synthetic.
    useAppStore.setState({
      language: 'en',
      snapshot: { ...snapshot, datasets: [{ ...stations, synthetic: false, demo: false }] },
    });
    render(<ExportMenu scope={null} />);
    expect(screen.queryByTestId('export-synthetic')).toBeNull();
    const en = await csvOf();
    expect(en[0].startsWith('\uFEFFcode,name,level,parent,population')).toBe(true);
    expect(en.find((l) => l.startsWith('632701,'))!.endsWith(',false')).toBe(true);
    useAppStore.setState({ language: 'zh-CN' });
  });
});
