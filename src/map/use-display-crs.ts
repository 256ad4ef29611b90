import { useEffect, useState } from 'react';
import * as Comlink from 'comlink';
import type { FeatureCollection } from 'geojson';
import type { BasemapCrs } from '../store/map-slice';
import type { ShiftApi } from './shift-worker';

let shifter: Comlink.Remote<ShiftApi> | null = null;

function shiftApi(): Comlink.Remote<ShiftApi> {
  if (!shifter) {
    const w = new Worker(new URL('./shift-worker.ts', import.meta.url), {
      type: 'module',
      name: 'sailplan-map-shift',
    });
    shifter = Comlink.wrap<ShiftApi>(w);
  }
  return shifter;
}

/**
 * `fc` as drawn in the basemap's CRS: itself over WGS-84 tiles, a shifted copy (made in a
 * worker) over GCJ-02 tiles. Null while the copy is being made, so misaligned data is
 * never drawn.
 */
export function useDisplayCollection<T extends FeatureCollection>(
  fc: T | null,
  crs: BasemapCrs,
): T | null {
  const [shifted, setShifted] = useState<{ src: T; crs: BasemapCrs; out: T } | null>(null);
  useEffect(() => {
    if (!fc || crs === 'WGS84') return;
    let live = true;
    void shiftApi()
      .shiftCollection(fc, 'WGS84', crs)
      .then((out) => {
        if (live) setShifted({ src: fc, crs, out: out as T });
      });
    return () => {
      live = false;
    };
  }, [fc, crs]);
  if (!fc || crs === 'WGS84') return fc;
  return shifted && shifted.src === fc && shifted.crs === crs ? shifted.out : null;
}

/** A station GeoJSON blob: URL in the basemap's CRS (see useDisplayCollection). */
export function useDisplayUrl(url: string | null, crs: BasemapCrs): string | null {
  const [shifted, setShifted] = useState<{ src: string; crs: BasemapCrs; out: string } | null>(
    null,
  );
  useEffect(() => {
    if (!url || crs === 'WGS84') return;
    let live = true;
    let made: string | null = null;
    void shiftApi()
      .shiftUrl(url, 'WGS84', crs)
      .then((out) => {
        made = out;
        if (live) setShifted({ src: url, crs, out });
        else void shiftApi().revoke(out);
      });
    return () => {
      live = false;
      if (made) void shiftApi().revoke(made);
    };
  }, [url, crs]);
  if (!url || crs === 'WGS84') return url;
  return shifted && shifted.src === url && shifted.crs === crs ? shifted.out : null;
}

/**
 * One label point inside each polygon of `fc` (computed in the map worker), null until
 * ready: an area's name once, a gap's number inside the gap.
 */
export function useLabelPoints<T extends FeatureCollection>(
  fc: T | null,
): FeatureCollection | null {
  const [made, setMade] = useState<{ src: T; out: FeatureCollection } | null>(null);
  useEffect(() => {
    if (!fc) return;
    let live = true;
    void shiftApi()
      .labelPoints(fc)
      .then((out) => {
        if (live) setMade({ src: fc, out });
      });
    return () => {
      live = false;
    };
  }, [fc]);
  return fc && made && made.src === fc ? made.out : null;
}
