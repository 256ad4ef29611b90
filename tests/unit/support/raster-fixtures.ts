/** Raster files built in memory for the raster reader tests. */
import { zipSync } from 'fflate';

/** A Blob whose slice() calls are recorded, to show which bytes a read touched. */
export function recordingBlob(bytes: Uint8Array): {
  blob: Blob;
  ranges: [number, number][];
  bytesRead: () => number;
} {
  const real = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const ranges: [number, number][] = [];
  const blob = {
    size: real.size,
    type: '',
    slice(start = 0, end = real.size) {
      ranges.push([start, Math.min(end, real.size)]);
      return real.slice(start, end);
    },
  } as unknown as Blob;
  return { blob, ranges, bytesRead: () => ranges.reduce((n, [a, b]) => n + Math.max(0, b - a), 0) };
}

export const blobOf = (bytes: Uint8Array | string): Blob =>
  new Blob([typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>)]);

/** An SRTM tile of side n (1201 or 3601) with heights h(row, col); `voids` as −32768. */
export function hgtBytes(n: number, h: (r: number, c: number) => number): Uint8Array {
  const out = new Uint8Array(n * n * 2);
  const view = new DataView(out.buffer);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) view.setInt16((r * n + c) * 2, h(r, c), false);
  }
  return out;
}

/** A seeded-looking but analytic terrain: distinct values, a void at (600, 700). */
export const terrain = (r: number, c: number): number =>
  r === 600 && c === 700 ? -32768 : 3000 + ((r * 7 + c * 13) % 1500);

export function zipOf(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 1 });
}

/** An ESRI ASCII grid's text. */
export function ascText(
  header: Record<string, number>,
  rows: number[][],
  opts: { wrap?: number } = {},
): string {
  const head = Object.entries(header)
    .map(([k, v]) => `${k} ${v}`)
    .join('\n');
  const body = rows
    .map((row) => {
      if (!opts.wrap) return row.join(' ');
      const lines: string[] = [];
      for (let i = 0; i < row.length; i += opts.wrap)
        lines.push(row.slice(i, i + opts.wrap).join(' '));
      return lines.join('\n');
    })
    .join('\n');
  return `${head}\n${body}\n`;
}
