import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import { type BasemapDetailGate, useBasemapDetail } from '../../src/map/use-basemap-detail';
import { useAppStore } from '../../src/store/store';
import { areaResult, loadAnalysed } from './panel-fixtures';

// The basemap detail costs the main thread several map frames: it goes on at the first idle
// with results drawn, never while an import runs, and that idle is not reported as settled.

/** The map going idle, as MapView reports it: true if more frames follow. */
function idle(gate: BasemapDetailGate): boolean {
  let more = false;
  act(() => {
    more = gate.onMapIdle();
  });
  return more;
}

const job = { id: 'job-1', kind: 'stations' as const, fileName: 'big.csv', fraction: 0, rows: 0 };

describe('when the basemap detail goes on the map', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useAppStore.setState({ snapshot: null, results: null, analysis: null, job: null });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('stays off while the map is idle without results or with an analysis running', () => {
    const { result } = renderHook(() => useBasemapDetail(true));
    expect(idle(result.current)).toBe(false);
    loadAnalysed([areaResult({ code: '632722' })]);
    useAppStore.setState({ analysis: { runId: 2, stage: 'counties', fraction: 0.5 } });
    expect(idle(result.current)).toBe(false);
    expect(result.current.on).toBe(false);
  });

  it('goes on at the first idle with results; that idle is not the last one, later ones are', () => {
    loadAnalysed([areaResult({ code: '632722' })]);
    const { result } = renderHook(() => useBasemapDetail(true));
    expect(idle(result.current)).toBe(true);
    expect(result.current.on).toBe(true);
    expect(idle(result.current)).toBe(false);
    expect(result.current.on).toBe(true);
  });

  it('waits for a running import to end, then goes on', () => {
    loadAnalysed([areaResult({ code: '632722' })]);
    useAppStore.setState({ job });
    const { result } = renderHook(() => useBasemapDetail(true));
    expect(idle(result.current)).toBe(false);
    act(() => vi.advanceTimersByTime(60_000));
    expect(result.current.on).toBe(false);
    act(() => useAppStore.setState({ job: null }));
    expect(result.current.on).toBe(true);
  });

  it('comes after 20 s without results, but not during an import', () => {
    useAppStore.setState({ job });
    const { result } = renderHook(() => useBasemapDetail(true));
    act(() => vi.advanceTimersByTime(25_000));
    expect(result.current.on).toBe(false);
    act(() => useAppStore.setState({ job: null }));
    expect(result.current.on).toBe(true);
  });

  it('never goes on over online tiles, and comes once the offline basemap is back', () => {
    loadAnalysed([areaResult({ code: '632722' })]);
    const { result, rerender } = renderHook(({ offline }) => useBasemapDetail(offline), {
      initialProps: { offline: false },
    });
    expect(idle(result.current)).toBe(false);
    expect(result.current.on).toBe(false);
    rerender({ offline: true });
    expect(result.current.on).toBe(true);
  });
});
