import { PNG } from 'pngjs';

// Screenshots decoded in Node (pngjs), so the drivers read pixels without round trips
// through the page's canvas.

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

export function readPng(png: Buffer): Pixels {
  const { width, height, data } = PNG.sync.read(png);
  return { width, height, data };
}

/** `#rrggbb` → [r, g, b]. */
export const rgb = (hex: string): number[] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** Manhattan distance in RGB between pixel `i` (a pixel index) and `c`. */
export function colorDistance(p: Pixels, i: number, c: readonly number[]): number {
  const d = p.data;
  return Math.abs(d[4 * i] - c[0]) + Math.abs(d[4 * i + 1] - c[1]) + Math.abs(d[4 * i + 2] - c[2]);
}
