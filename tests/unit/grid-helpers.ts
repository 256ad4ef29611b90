// Shared set-up for the grid tests (not a test file itself).
import { createGrid, gridSpecForBox, type Grid } from '../../src/core/grid/grid';
import { createLaea } from '../../src/core/grid/laea';
import type { SiteFootprints } from '../../src/core/grid/stamp';
import type { CellFootprint } from '../../src/core/model/footprint';
import { metres } from '../../src/core/units';

export const proj = createLaea(100, 30);

/** A grid of `halfM` metres either side of the projection centre, one area (label 1) everywhere. */
export function squareGrid(halfM: number, cellM: number, areas = 1): Grid {
  const spec = gridSpecForBox(proj, [-halfM, -halfM, halfM, halfM], metres(cellM));
  const g = createGrid(spec, areas);
  g.label.fill(1);
  return g;
}

export const disc = (r: number): CellFootprint => ({ kind: 'disc', radiusM: metres(r) });

/** A wedge: radius r for bins −half…half off the boresight, 0 elsewhere (DESIGN: radius_m + azimuth). */
export function wedge(azimuthDeg: number, halfBins: number, r: number): CellFootprint {
  const radii = new Float32Array(360);
  for (let i = -halfBins; i <= halfBins; i++) radii[(i + 360) % 360] = r;
  return { kind: 'sector', azimuthDeg, beamwidthDeg: 2 * halfBins, radii };
}

/** A site at projected (x, y) metres. */
export function siteAt(
  id: string,
  x: number,
  y: number,
  nr: CellFootprint[],
  redcap: CellFootprint[] = [],
): SiteFootprints {
  const [lon, lat] = proj.inverse(x, y);
  return { id, lon, lat, nr, redcap };
}

export function countCells(
  a: ArrayLike<number>,
  pred: (v: number) => boolean = (v) => v > 0,
): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (pred(a[i])) n++;
  return n;
}
