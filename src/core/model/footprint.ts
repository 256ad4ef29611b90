import type { Metres } from '../units';

/**
 * Angular resolution of a sector footprint: 360 bins of 1°. One degree at 5 km is
 * 87 m, under the 100 m county cell size, so finer bins would not change the raster.
 */
export const FOOTPRINT_BINS = 360;
export const FOOTPRINT_BIN_DEG = 360 / FOOTPRINT_BINS;

/**
 * Where one cell (sector) of a site covers, solved once per cell and then stamped onto
 * the grid. Distances are horizontal (2D) metres from the site position.
 *
 * - `disc`: covered within `radiusM` in every direction (omni cells, `radius_m` overrides
 *   without azimuth).
 * - `sector`: `radii[i]` is the covered radius at bearing `azimuthDeg + i·FOOTPRINT_BIN_DEG`
 *   (clockwise from north), i.e. bins are relative to the boresight, so one array can be
 *   shared by every cell with the same parameters. Bin i stands for the offsets
 *   [(i − ½)·binDeg, (i + ½)·binDeg); `radii[0]` is the boresight and the pattern is
 *   symmetric (`radii[i] === radii[FOOTPRINT_BINS − i]`). The full pattern is included,
 *   back lobe (−30 dB) too; a `radius_m` wedge has its radius inside ±beamwidth/2 and 0
 *   outside. Treat `radii` as read-only: it may be shared between cells.
 * - `wedge`: a `radius_m` override with an azimuth: covered within `radiusM` for bearings
 *   within ±beamwidth/2 of the azimuth, exactly (no 1° bins), so a 120° sector is 120° wide.
 */
export type CellFootprint =
  | { kind: 'disc'; radiusM: Metres }
  | { kind: 'sector'; azimuthDeg: number; beamwidthDeg: number; radii: Float32Array }
  | { kind: 'wedge'; azimuthDeg: number; beamwidthDeg: number; radiusM: Metres };

/** Bin of a bearing offset from the boresight (any real number of degrees). */
export function footprintBin(offsetDeg: number): number {
  const i = Math.round(offsetDeg / FOOTPRINT_BIN_DEG) % FOOTPRINT_BINS;
  return i < 0 ? i + FOOTPRINT_BINS : i;
}

/** Covered radius (metres) towards an absolute bearing in degrees clockwise from north. */
export function footprintRadiusAt(fp: CellFootprint, bearingDeg: number): number {
  if (fp.kind === 'disc') return fp.radiusM;
  if (fp.kind === 'wedge') {
    const off = ((((bearingDeg - fp.azimuthDeg) % 360) + 540) % 360) - 180;
    return Math.abs(off) <= fp.beamwidthDeg / 2 ? fp.radiusM : 0;
  }
  return fp.radii[footprintBin(bearingDeg - fp.azimuthDeg)];
}

/**
 * A wedge as 1° bins (the bins whose centres lie within ±beamwidth/2, as overrides were
 * drawn before wedges were exact): for unions with model sectors, which are binned.
 */
export function wedgeRadii(beamwidthDeg: number, radiusM: number): Float32Array {
  const radii = new Float32Array(FOOTPRINT_BINS);
  const half = beamwidthDeg / 2 + 1e-9;
  for (let i = 0; i < FOOTPRINT_BINS; i++) {
    const offset =
      i <= FOOTPRINT_BINS / 2 ? i * FOOTPRINT_BIN_DEG : (i - FOOTPRINT_BINS) * FOOTPRINT_BIN_DEG;
    if (Math.abs(offset) <= half) radii[i] = radiusM;
  }
  return radii;
}

/** Largest covered radius in any direction: the footprint's bounding distance. */
export function footprintMaxRadius(fp: CellFootprint): number {
  if (fp.kind === 'disc' || fp.kind === 'wedge') return fp.radiusM;
  let m = 0;
  for (let i = 0; i < fp.radii.length; i++) if (fp.radii[i] > m) m = fp.radii[i];
  return m;
}
