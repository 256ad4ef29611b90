import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { RegionTitle } from '../../src/components/RegionTitle';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import type {
  AreaRow,
  DatasetSummary,
  TownshipRow,
  WorkspaceSnapshot,
} from '../../src/worker/protocol';

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

const row = (code: string, name = code): AreaRow => ({
  code,
  name,
  level: code.length === 9 ? 'township' : 'county',
  population: null,
  areaKm2: 1,
  sites5g: 0,
  sitesRedcap: 0,
  sitesLteOnly: 0,
  per10k: null,
});

const snapshot = (
  datasets: DatasetSummary[],
  areas: AreaRow[] = [],
  townships: TownshipRow[] = [],
): WorkspaceSnapshot => ({
  datasets,
  boundaries: null,
  townships,
  stationLayers: [],
  areas,
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

  const title = (areas: AreaRow[], townships: TownshipRow[] = []) => {
    cleanup();
    useAppStore.setState({
      snapshot: snapshot([dataset('qinghai-counties-gcj02.geojson', false, 45)], areas, townships),
    });
    render(<RegionTitle />);
    return screen.getByTestId('region-name').textContent;
  };

  it('names the province or prefecture the imported areas belong to, never the file', () => {
    const qinghai = [
      '630102',
      '630103',
      '630104',
      '630105',
      '630121',
      '630122',
      '630123',
      '630202',
      '630203',
      '632221',
      '632321',
      '632521',
      '632621',
      '632701',
      '632825',
    ].map((c) => row(c));
    expect(title(qinghai)).toBe('青海省（15 个区县）');
    const yushu = ['632701', '632722', '632723', '632724', '632725', '632726'].map((c) => row(c));
    expect(title(yushu)).toBe('玉树藏族自治州（6 个区县）');
    expect(title([...yushu, row('450802'), row('540102')])).toBe('青海省等 3 省（8 个区县）');
    expect(title([row('632701', '玉树市')])).toBe('玉树市（1 个区县）');
  });

  it('townships of one county are named by the county', () => {
    const town = (code: string): TownshipRow => ({
      code,
      name: code,
      county: code.slice(0, 6),
      kind: 'town',
      polygon: row(code),
    });
    expect(title([], [town('450821113'), town('450821100')])).toBe('平南县（2 个乡镇）');
  });

  it('falls back to the file name only when the codes are not admin codes', () => {
    expect(title([row('1'), row('2')])).toBe('qinghai-counties-gcj02.geojson（45 个区域）');
  });
});
