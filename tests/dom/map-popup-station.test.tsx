import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { MapPopupStation } from '../../src/components/MapPopupStation';
import { fromWgs84, wgs84 } from '../../src/core/crs';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';

// The worker answers with the site's position as loaded; only the transport is replaced.
const positions = new Map<string, [number, number]>([['YS-1', [97.0065432, 33.0045678]]]);
vi.mock('../../src/worker/client', () => ({
  workerApi: () => ({ stationPosition: async (id: string) => positions.get(id) ?? null }),
}));

describe('station popup coordinates', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('shows WGS-84, and GCJ-02 as well when the map is on GCJ-02 tiles', async () => {
    useAppStore.setState({ basemap: { tileUrl: '', crs: 'WGS84' } });
    render(<MapPopupStation props={{ k: 2, id: 'YS-1' }} />);
    await waitFor(() => screen.getByText('97.006543, 33.004568'));
    const field = (f: string) =>
      screen.getByTestId('station-popup').querySelector(`[data-field="${f}"]`);
    expect(field('wgs84')!.textContent).toBe('97.006543, 33.004568');
    expect(field('gcj02')).toBeNull();
    act(() =>
      useAppStore.setState({
        basemap: { tileUrl: 'https://tiles.invalid/{z}/{x}/{y}.png', crs: 'GCJ02' },
      }),
    );
    const g = fromWgs84(wgs84(97.0065432, 33.0045678), 'GCJ02');
    expect(field('gcj02')!.textContent).toBe(`${g[0].toFixed(6)}, ${g[1].toFixed(6)}`);
    // GCJ-02 is offset by hundreds of metres here: the two lines differ.
    expect(field('gcj02')!.textContent).not.toBe(field('wgs84')!.textContent);
    expect(screen.getByText('GCJ-02 经纬度（当前底图）')).toBeTruthy();
  });

  it('shows no coordinates for a site the worker does not know', async () => {
    render(<MapPopupStation props={{ k: 2, id: 'none' }} />);
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.getByTestId('station-popup').querySelector('[data-field="wgs84"]')).toBeNull();
  });
});
