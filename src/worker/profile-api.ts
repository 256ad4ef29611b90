import type { AnalysisParams } from '../core/analysis/params';
import {
  NoElevationError,
  pathProfile,
  type PathProfile,
  type ProfileTransmitter,
} from '../core/terrain/profile';
import { mosaicRasters } from '../io/raster-mosaic';
import type { Workspace } from './workspace';
import { workspace } from './worker-state';

/** What the path-profile tool gets: the profile, or why there is none. */
export type ProfileOutcome =
  | { status: 'ok'; profile: PathProfile }
  | { status: 'no-dem' }
  | { status: 'no-elevation'; message: string };

/**
 * The terrain path profile from a transmitter to a point over the loaded DEMs (the numbers
 * of `sailplan profile`): the DEM window around the path is read on demand (a pixel of
 * margin and 0.01° each way, as the CLI reads it).
 */
export async function profileOver(
  ws: Workspace,
  tx: ProfileTransmitter,
  to: readonly [number, number],
  params: AnalysisParams,
): Promise<ProfileOutcome> {
  const sources = ws.demSources();
  if (sources.length === 0) return { status: 'no-dem' };
  const dem = sources.length === 1 ? sources[0] : mosaicRasters(sources);
  const m = 0.01;
  const box = [
    Math.min(tx.lon, to[0]) - m,
    Math.min(tx.lat, to[1]) - m,
    Math.max(tx.lon, to[0]) + m,
    Math.max(tx.lat, to[1]) + m,
  ] as const;
  const w = await dem.readWindow(box);
  if (!w) return { status: 'no-elevation', message: 'the loaded DEMs do not cover the path' };
  try {
    const profile = pathProfile(
      tx,
      to,
      { georef: { ...w.georef, crs: 'EPSG:4326' }, values: 'elevation', data: w.data },
      params.model,
      { stepM: params.cellSizeM },
    );
    return { status: 'ok', profile };
  } catch (e) {
    if (e instanceof NoElevationError || e instanceof RangeError)
      return { status: 'no-elevation', message: e.message };
    throw e;
  }
}

export const profileApi = {
  pathProfile(
    tx: ProfileTransmitter,
    to: [number, number],
    params: AnalysisParams,
  ): Promise<ProfileOutcome> {
    return profileOver(workspace, tx, to, params);
  },
};
