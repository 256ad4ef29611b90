import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { RegionTitle } from '../../src/components/RegionTitle';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import type { DatasetSummary, WorkspaceSnapshot } from '../../src/worker/protocol';

const dataset = (fileName: string, demo: boolean, itemCount: number): DatasetSummary => ({
  id: fileName,
  kind: 'boundaries',
  fileName,
  crs: 'WGS84',
  rowCount: itemCount,
  loadedCount: itemCount,
  itemCount,
  rejectedCount: 0,
  warningCount: 0,
  rejected: [],
  warnings: [],
  synthetic: false,
  demo,
  encoding: null,
});

const snapshot = (datasets: DatasetSummary[]): WorkspaceSnapshot => ({
  datasets,
  boundaries: null,
  townships: [],
  stationLayers: [],
  areas: [],
  totals: null,
  bbox: null,
});

describe('RegionTitle', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('names the demo while only demo boundaries are loaded, then the imported file as text', () => {
    useAppStore.setState({ snapshot: snapshot([dataset('yushu-counties.geojson', true, 6)]) });
    render(<RegionTitle />);
    expect(screen.getByTestId('region-name').textContent).toBe('玉树藏族自治州（青海）');
    cleanup();
    const name = '<b>广西</b>.geojson';
    useAppStore.setState({
      snapshot: snapshot([dataset('yushu-counties.geojson', true, 6), dataset(name, false, 1234)]),
    });
    render(<RegionTitle />);
    const title = screen.getByTestId('region-name');
    expect(title.textContent).toBe(`${name}（1,234 个区域）`);
    expect(title.querySelector('b')).toBeNull();
  });
});
