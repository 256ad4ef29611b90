import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { Feature, Polygon } from 'geojson';
import i18next from 'i18next';
import { CompliancePanel } from '../../src/components/CompliancePanel';
import { analysisParams } from '../../src/core/analysis/params';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import type { TownZoneProps } from '../../src/worker/protocol';
import { areaResult, gapFeature, loadAnalysed } from './panel-fixtures';

// Two prefectures of Qinghai: Yushu's three counties fail in different ways, Xining's passes.
const YUSHU = areaResult({
  code: '632701',
  name: '玉树市',
  sitesPer10k: 10,
  sitesNeeded: 280,
  gaps: { count: 3, totalKm2: 900, largestKm2: 500, popUncovered: 20_000 },
});
const ZADOI = areaResult({
  code: '632722',
  name: '杂多县',
  sites5g: 400,
  sitesPer10k: 40,
  sitesNeeded: 0,
  gaps: { count: 1, totalKm2: 10, largestKm2: 10, popUncovered: 90_000 },
  townZone: { areaKm2: 28.28, redcapAreaPct: 99, largestGapKm2: 0.1, continuous: true },
});
const CHINDU = areaResult({
  code: '632723',
  name: '称多县',
  sitesPer10k: 20,
  sitesNeeded: 100,
  gaps: { count: 1, totalKm2: 10, largestKm2: 10, popUncovered: 5_000 },
  townZone: { areaKm2: 28.28, redcapAreaPct: 99, largestGapKm2: 0.1, continuous: true },
});
const CHENGDONG = areaResult({
  code: '630102',
  name: '城东区',
  sites5g: 500,
  sitesPer10k: 50,
  sitesNeeded: 0,
  townZone: { areaKm2: 20, redcapAreaPct: 100, largestGapKm2: 0, continuous: true },
});
const JIEGU = areaResult({
  code: '632701001',
  name: '结古街道',
  level: 'township',
  parent: '632701',
  sites5g: 0,
  sitesPer10k: 0,
  sitesNeeded: 20,
  townZone: null,
});

/** Yushu's county-town zone: a small square around the seat, failing. */
const ZONE: Feature<Polygon, TownZoneProps> = {
  type: 'Feature',
  properties: {
    code: '632701',
    name: '玉树市',
    continuous: false,
    redcapAreaPct: 57.69,
    largestGapKm2: 6.0575,
    areaKm2: 28.28,
  },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [96.95, 32.95],
        [97.05, 32.95],
        [97.05, 33.05],
        [96.95, 33.05],
        [96.95, 32.95],
      ],
    ],
  },
};
const GAP_IN_ZONE = gapFeature({
  areaCode: '632701',
  areaName: '玉树市',
  level: 'county',
  rank: 2,
  areaKm2: 6.1,
  population: 800,
  centroid: [97.0123, 33.0045],
  bbox: [97.0, 33.0, 97.03, 33.01],
});
const GAP_OUTSIDE = gapFeature({
  areaCode: '632701',
  areaName: '玉树市',
  level: 'county',
  rank: 1,
  areaKm2: 400,
  population: 9000,
  centroid: [96.0, 34.0],
  bbox: [95.5, 33.5, 96.5, 34.5],
});

function load(over: Parameters<typeof loadAnalysed>[1] = {}) {
  loadAnalysed([YUSHU, ZADOI, CHINDU, CHENGDONG], {
    townships: [JIEGU],
    gaps: { type: 'FeatureCollection', features: [GAP_OUTSIDE, GAP_IN_ZONE] },
    townZones: { type: 'FeatureCollection', features: [ZONE] },
    areaBoxes: {
      '632701': [95, 32, 98, 34],
      '632722': [93, 32, 95, 34],
      '632723': [96, 33, 98, 35],
      '630102': [101.7, 36.5, 101.9, 36.7],
    },
    ...over,
  });
}

const rows = () =>
  screen.getAllByTestId('compliance-row').map((li) => li.getAttribute('data-code'));
const row = (code: string) =>
  screen.getAllByTestId('compliance-row').find((li) => li.getAttribute('data-code') === code)!;
const crumbs = () =>
  Array.from(screen.getByTestId('compliance-crumbs').querySelectorAll('li')).map(
    (li) => li.textContent,
  );
const drill = (code: string) =>
  fireEvent.click(within(row(code)).getByTestId('compliance-drill') as HTMLElement);

describe('CompliancePanel', () => {
  beforeEach(() => {
    initI18n('zh-CN');
    void i18next.changeLanguage('zh-CN');
  });
  afterEach(cleanup);

  it('asks for an analysis first', () => {
    useAppStore.setState({ results: null });
    render(<CompliancePanel />);
    expect(screen.getByTestId('compliance-empty').textContent).toContain('覆盖分析完成后');
  });

  it('states the rules of the results at the top', () => {
    load({ params: { ...analysisParams(), targetPer10k: 40, continuityMaxGapKm2: 0.5 } });
    render(<CompliancePanel />);
    const text = screen.getByTestId('compliance-rules').textContent;
    expect(text).toContain('每万人 5G 基站目标 40 个');
    expect(text).toContain('覆盖面积 ≥ 95%');
    expect(text).toContain('无大于 0.5 km² 的连通空洞');
    expect(text).toContain('RSRP ≥ -105 dBm');
  });

  it('drills down province → prefecture → county → township and back by the breadcrumbs', () => {
    load();
    render(<CompliancePanel />);
    // One province: the view opens on its prefectures.
    expect(crumbs()).toEqual(['全部', '青海省']);
    expect(rows()).toEqual(['632700', '630100']);
    drill('632700');
    // Named from the GB/T 2260 table: the fixture has no population name rows.
    expect(crumbs()).toEqual(['全部', '青海省', '玉树藏族自治州']);
    // The prefecture's own verdict stays in view above its counties.
    const node = screen.getByTestId('compliance-node');
    expect(node.getAttribute('data-code')).toBe('632700');
    expect(node.getAttribute('data-status')).toBe('fail');
    expect(rows()).toEqual(['632701', '632723', '632722']);
    drill('632701');
    expect(rows()).toEqual(['632701001']);
    expect(row('632701001').getAttribute('data-level')).toBe('township');
    fireEvent.click(screen.getByRole('button', { name: '青海省' }));
    expect(rows()).toEqual(['632700', '630100']);
    fireEvent.click(screen.getByRole('button', { name: '全部' }));
    expect(rows()).toEqual(['630000']);
  });

  it('filters to failures and ranks by each key', () => {
    load();
    render(<CompliancePanel />);
    drill('632700');
    const rank = screen.getByTestId('compliance-rank');
    // Sites missing: 280, 100, 0.
    expect(rows()).toEqual(['632701', '632723', '632722']);
    fireEvent.change(rank, { target: { value: 'popUncovered' } });
    expect(rows()).toEqual(['632722', '632701', '632723']);
    fireEvent.change(rank, { target: { value: 'per10k' } });
    expect(rows()).toEqual(['632701', '632723', '632722']);
    // 玉树市 fails three rules (per 10k, continuity, a township without 5G), 称多县 one.
    fireEvent.change(rank, { target: { value: 'failures' } });
    expect(rows()).toEqual(['632701', '632723', '632722']);
    expect(row('632701').getAttribute('data-failures')).toBe('per10k continuity township-no-5g');

    fireEvent.click(screen.getByTestId('compliance-failures-only'));
    expect(rows()).toEqual(['632701', '632723']);
    expect(screen.getByTestId('compliance-shown').textContent).toBe('显示 2 / 3 个');
    fireEvent.click(screen.getByRole('button', { name: '青海省' }));
    // Xining's prefecture passes everything and drops out.
    expect(rows()).toEqual(['632700']);
  });

  it('gives the reason in the numbers the rules compare, with where the gap is', () => {
    load();
    render(<CompliancePanel />);
    drill('632700');
    const reason = within(row('632701')).getByTestId('compliance-reason').textContent;
    expect(reason).toContain('每万人 5G 基站 10 个，低于目标 38 个，缺 280 个');
    expect(reason).toContain(
      '县城 RedCap 不连续：RedCap 覆盖 57.7% < 95%；最大空洞 6.06 km² > 0.25 km²',
    );
    // The gap outline whose centroid lies in the zone, not the county's largest gap.
    expect(reason).toContain('空洞位于 97.0123, 33.0045 附近');
    expect(reason).toContain('1 个乡镇没有 5G 基站：结古街道');
    expect(row('632701').querySelector('[data-col="continuity"] dd')?.textContent).toBe(
      '不连续（覆盖 57.7%，最大空洞 6.06 km²）',
    );
    expect(within(row('632722')).queryByTestId('compliance-reason')).toBeNull();
    expect(within(row('632722')).getByTestId('compliance-verdict').textContent).toBe('达标');
    expect(row('632723').getAttribute('data-missing')).toBe('100');

    // The prefecture sums its counties' shortfalls and counts its failing county towns.
    fireEvent.click(screen.getByRole('button', { name: '青海省' }));
    const pref = within(row('632700')).getByTestId('compliance-reason').textContent;
    expect(pref).toContain('缺 380 个');
    expect(pref).toContain('1 / 3 个县城 RedCap 不连续');
  });

  it('a prefecture with a county of unknown population is judged on the others and says so', () => {
    // 曲麻莱县 without population: Yushu is 玉树市 + 杂多县 + 称多县 (300,000 people, 600 sites).
    const unknown = areaResult({
      code: '632726',
      name: '曲麻莱县',
      population: null,
      sites5g: 7,
      sitesPer10k: null,
      sitesNeeded: null,
      townZone: null,
    });
    loadAnalysed([YUSHU, ZADOI, CHINDU, CHENGDONG, unknown]);
    render(<CompliancePanel />);
    const pref = row('632700');
    expect(within(pref).getByText('玉树藏族自治州')).toBeTruthy();
    // 10,000 × 600 / 300,000 = 20 per 10k, not "—"; sites missing 280 + 0 + 100.
    const per10k = pref.querySelector('[data-col="per10k"] dd')!.textContent;
    expect(per10k).toMatch(/^20(\.0+)? \/ 38/);
    expect(pref.getAttribute('data-missing')).toBe('380');
    const reason = within(pref).getByTestId('compliance-reason').textContent;
    expect(reason).toContain('另有 1 个区县人口未知：632726 曲麻莱县');
    expect(reason).not.toContain('人口未知，无法核查');
    drill('632700');
    expect(crumbs()).toEqual(['全部', '青海省', '玉树藏族自治州（另有 1 个区县人口未知）']);
    expect(screen.getByTestId('compliance-crumb-unknown').textContent).toBe(
      '（另有 1 个区县人口未知）',
    );
    // The county itself still has no figures of its own.
    expect(row('632726').getAttribute('data-status')).toBe('unknown');
    expect(within(row('632726')).getByTestId('compliance-reason').textContent).toContain(
      '人口未知，无法核查每万人基站数',
    );
    // Its own province passes nothing it cannot check: 城东区 passes, but Yushu fails.
    fireEvent.click(screen.getByRole('button', { name: '全部' }));
    expect(within(row('630000')).getByTestId('compliance-reason').textContent).toContain(
      '另有 1 个区县人口未知',
    );
  });

  it('shows an area, a region and a county-town gap on the map', () => {
    load();
    render(<CompliancePanel />);
    fireEvent.click(within(row('632700')).getByTestId('compliance-show'));
    // A prefecture fits the map to its counties together.
    expect(useAppStore.getState().focus?.bbox).toEqual([93, 32, 98, 35]);
    drill('632700');
    fireEvent.click(within(row('632701')).getByTestId('compliance-show'));
    expect(useAppStore.getState().selection).toEqual({ level: 'county', code: '632701' });
    expect(useAppStore.getState().focus?.bbox).toEqual([95, 32, 98, 34]);
    fireEvent.click(within(row('632701')).getByTestId('compliance-show-gap'));
    expect(useAppStore.getState().focus?.bbox).toEqual([97.0, 33.0, 97.03, 33.01]);
    expect(within(row('632723')).queryByTestId('compliance-show-gap')).toBeNull();
  });

  it('lists townships without 5G and the county towns with the most ground without RedCap', () => {
    load();
    render(<CompliancePanel />);
    const no5g = screen.getByTestId('compliance-townships-no5g');
    expect(no5g.textContent).toBe('结古街道');
    const towns = screen.getByTestId('compliance-towns-uncovered');
    // 28.28 km² × (100 − 57.69)% = 11.97 km².
    expect(towns.textContent).toContain('玉树市：11.97 km² 未覆盖');
  });

  it('speaks English when the UI does', () => {
    load();
    act(() => void i18next.changeLanguage('en'));
    render(<CompliancePanel />);
    drill('632700');
    expect(screen.getByTestId('compliance-rules').textContent).toContain(
      'target 38 5G sites per 10,000 people',
    );
    const reason = within(row('632701')).getByTestId('compliance-reason').textContent;
    expect(reason).toContain('10 5G sites per 10k, below the target of 38: 280 sites missing');
    expect(reason).toContain('largest gap 6.06 km² > 0.25 km² (gap near 97.0123, 33.0045)');
  });
});
