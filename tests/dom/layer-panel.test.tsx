import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { LayerPanel } from '../../src/components/LayerPanel';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { loadBasemapSettings } from '../../src/store/map-slice';
import { choroplethClasses } from '../../src/map/choropleth';

const initial = useAppStore.getState();

describe('LayerPanel', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  beforeEach(() => {
    localStorage.clear();
    useAppStore.setState({
      layers: initial.layers,
      stationKinds: initial.stationKinds,
      choroplethMetric: 'per10k',
      basemap: { tileUrl: '', crs: 'WGS84' },
    });
  });
  afterEach(cleanup);

  it('switches layers in the store and shows a layer legend only while it is on', () => {
    render(<LayerPanel />);
    const coverage = screen.getByTestId('layer-toggle-nrCoverage') as HTMLInputElement;
    expect(coverage.checked).toBe(true);
    expect(screen.getByText('覆盖区域（半透明）')).toBeTruthy();
    fireEvent.click(coverage);
    expect(useAppStore.getState().layers.nrCoverage).toBe(false);
    expect(screen.queryByText('覆盖区域（半透明）')).toBeNull();
  });

  it('filters station kinds', () => {
    render(<LayerPanel />);
    fireEvent.click(screen.getByTestId('station-kind-lte'));
    expect(useAppStore.getState().stationKinds).toEqual({
      nrRedcap: true,
      nr: true,
      lte: false,
      other: true,
    });
  });

  it('the choropleth legend follows the metric and marks the target', () => {
    render(<LayerPanel />);
    expect(screen.queryByTestId('legend-choropleth')).toBeNull();
    fireEvent.click(screen.getByTestId('layer-toggle-choropleth'));
    const legend = screen.getByTestId('legend-choropleth');
    expect(legend.textContent).toContain('目标 38');
    // One entry per class plus "no data".
    expect(within(legend).getAllByRole('listitem')).toHaveLength(
      choroplethClasses('per10k', 38).length + 1,
    );
    fireEvent.change(screen.getByTestId('choropleth-metric'), { target: { value: 'nrAreaPct' } });
    expect(useAppStore.getState().choroplethMetric).toBe('nrAreaPct');
    expect(screen.getByTestId('legend-choropleth').textContent).not.toContain('目标');
  });

  it('basemap settings: an invalid URL is refused, a valid one is applied and persisted', () => {
    render(<LayerPanel />);
    const input = screen.getByTestId('basemap-url');
    fireEvent.change(input, { target: { value: 'ftp://tiles/{z}/{x}/{y}.png' } });
    expect((screen.getByTestId('basemap-apply') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert')).toBeTruthy();
    const url = 'https://tiles.example.com/{z}/{x}/{y}.png';
    fireEvent.change(input, { target: { value: url } });
    fireEvent.change(screen.getByTestId('basemap-crs'), { target: { value: 'GCJ02' } });
    fireEvent.click(screen.getByTestId('basemap-apply'));
    expect(useAppStore.getState().basemap).toEqual({ tileUrl: url, crs: 'GCJ02' });
    expect(loadBasemapSettings()).toEqual({ tileUrl: url, crs: 'GCJ02' });
    expect(screen.getByTestId('basemap-status').textContent).toContain('GCJ-02');
    fireEvent.click(screen.getByText('恢复离线底图'));
    expect(loadBasemapSettings()).toEqual({ tileUrl: '', crs: 'WGS84' });
  });
});
