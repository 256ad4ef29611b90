/**
 * Keeping two maps on one view (the side-by-side comparison): whichever the user moves
 * leads, the other jumps to its camera. The follower's own move event comes back through
 * the same handler, so a camera that already matches must produce no jump, or the two
 * maps would echo each other's moves for ever.
 */

export interface CameraView {
  /** Map centre [lon, lat] in the map's display coordinates. */
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

/** Below these a difference is rounding of the follower's own jump, not a move. */
const DEG_EPS = 1e-9;
const ZOOM_EPS = 1e-9;

export function sameView(a: CameraView, b: CameraView): boolean {
  return (
    Math.abs(a.center[0] - b.center[0]) < DEG_EPS &&
    Math.abs(a.center[1] - b.center[1]) < DEG_EPS &&
    Math.abs(a.zoom - b.zoom) < ZOOM_EPS &&
    Math.abs(a.bearing - b.bearing) < ZOOM_EPS &&
    Math.abs(a.pitch - b.pitch) < ZOOM_EPS
  );
}

/** The camera `follower` must jump to so it shows what `leader` shows; null if it does. */
export function followView(leader: CameraView, follower: CameraView): CameraView | null {
  if (sameView(leader, follower)) return null;
  return {
    center: [leader.center[0], leader.center[1]],
    zoom: leader.zoom,
    bearing: leader.bearing,
    pitch: leader.pitch,
  };
}

/** A map's centre as tests and tools read it (data-center), to 6 decimals (~0.1 m). */
export function centerAttr(v: CameraView): string {
  return `${v.center[0].toFixed(6)},${v.center[1].toFixed(6)}`;
}
