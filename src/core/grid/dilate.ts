/**
 * Chamfer distance to a seed mask, capped: the dilation behind gap units ("populated
 * cells within so many metres of each other form one unit"). Two raster passes with the
 * 3-4 chamfer mask (orthogonal step 3, diagonal step 4: within 8 % of the Euclidean
 * distance everywhere, exact along rows and columns), so a dilation costs two scans of
 * the grid whatever its radius, where stamping a disc per seed cell grows with r².
 */

/** Chamfer units per orthogonal cell step. */
export const CHAMFER_STEP = 3;
const DIAG = 4;

/**
 * In place: `dist` holds 0 at seed cells and `cap` elsewhere on entry; on return each
 * cell's chamfer distance to the nearest seed in CHAMFER_STEP units per cell, or `cap`
 * when none is nearer than that. `cap` ≤ 65535.
 */
export function chamferDistance(dist: Uint16Array, cols: number, rows: number, cap: number): void {
  // Forward pass: neighbours west, south-west, south, south-east (row 0 is the south).
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    const below = base - cols;
    for (let c = 0; c < cols; c++) {
      const i = base + c;
      let d = dist[i];
      if (d === 0) continue;
      if (c > 0) {
        const v = dist[i - 1] + CHAMFER_STEP;
        if (v < d) d = v;
      }
      if (r > 0) {
        const v = dist[below + c] + CHAMFER_STEP;
        if (v < d) d = v;
        if (c > 0) {
          const w = dist[below + c - 1] + DIAG;
          if (w < d) d = w;
        }
        if (c < cols - 1) {
          const w = dist[below + c + 1] + DIAG;
          if (w < d) d = w;
        }
      }
      dist[i] = d < cap ? d : cap;
    }
  }
  // Backward pass: east, north-east, north, north-west.
  for (let r = rows - 1; r >= 0; r--) {
    const base = r * cols;
    const above = base + cols;
    for (let c = cols - 1; c >= 0; c--) {
      const i = base + c;
      let d = dist[i];
      if (d === 0) continue;
      if (c < cols - 1) {
        const v = dist[i + 1] + CHAMFER_STEP;
        if (v < d) d = v;
      }
      if (r < rows - 1) {
        const v = dist[above + c] + CHAMFER_STEP;
        if (v < d) d = v;
        if (c > 0) {
          const w = dist[above + c - 1] + DIAG;
          if (w < d) d = w;
        }
        if (c < cols - 1) {
          const w = dist[above + c + 1] + DIAG;
          if (w < d) d = w;
        }
      }
      dist[i] = d < cap ? d : cap;
    }
  }
}

/**
 * The dilation radius, in chamfer units, that joins two seed cells whose gap (empty cells
 * between them along a row) is at most `mergeM` metres: each side grows by half the gap,
 * and 8-connected neighbours touch, so along a row cells a and b join when
 * b − a − 1 ≤ 2k with k = ⌊mergeM / 2 / cellSize⌋.
 */
export function mergeRadius(mergeM: number, cellSize: number): number {
  const k = Math.floor(mergeM / 2 / cellSize + 1e-9);
  return Math.max(0, Math.min(20000, k)) * CHAMFER_STEP;
}
