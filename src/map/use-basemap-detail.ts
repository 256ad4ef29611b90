import { useCallback, useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/store';

/** Without results (no data, a failed load) the detail comes after this long anyway. */
const FALLBACK_MS = 20_000;

export interface BasemapDetailGate {
  /** The detail layers are on the map (once on, they stay). */
  on: boolean;
  /**
   * Call when the map goes idle. True when the detail starts loading now: its frames follow,
   * so this idle is not the map's last one and must not be reported as settled.
   */
  onMapIdle: () => boolean;
}

/**
 * When the offline basemap's detail (rivers, lakes, places, ~2 MB) goes onto the map: once
 * the map is idle with the first results drawn — parsing it earlier takes CPU from the first
 * analysis on a small machine — and never while an import runs. Drawing it costs the main
 * thread several map frames (100–300 ms each in software WebGL, the symbols fade in over
 * several), and the page must stay responsive while the worker reads a big file; a detail
 * that falls due during an import waits for its end. `enabled` is false over online tiles.
 */
export function useBasemapDetail(enabled: boolean): BasemapDetailGate {
  const importing = useAppStore((s) => s.job !== null);
  const [due, setDue] = useState(false);
  const [on, setOn] = useState(false);
  // The idle handler may run before React re-renders with `on`; the ref is never stale.
  const onRef = useRef(false);
  const turnOn = useCallback(() => {
    onRef.current = true;
    setOn(true);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => setDue(true), FALLBACK_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (due && enabled && !importing && !onRef.current) turnOn();
  }, [due, enabled, importing, turnOn]);

  const onMapIdle = useCallback((): boolean => {
    if (onRef.current) return false;
    const st = useAppStore.getState();
    if (st.results === null || st.analysis !== null) return false;
    setDue(true);
    if (!enabled || st.job !== null) return false;
    turnOn();
    return true;
  }, [enabled, turnOn]);

  return { on, onMapIdle };
}
