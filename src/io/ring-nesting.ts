import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import type { Ring } from './ring-crossings';

/*
 * How the rings of a polygon nest: which ring lies inside which. Used to rebuild crossing
 * rings by even–odd depth (geometry-validate's reassemble) and to refuse holes that are not
 * inside their outer ring, whose area would otherwise come out negative.
 */

/** Signed area in squared degrees: its sign, zero-ness, and which of two rings is larger. */
export function shoelace(r: Ring): number {
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return s / 2;
}

export type Box = [number, number, number, number];
export function bbox(r: Ring): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of r) {
    if (p[0] < b[0]) b[0] = p[0];
    if (p[1] < b[1]) b[1] = p[1];
    if (p[0] > b[2]) b[2] = p[0];
    if (p[1] > b[3]) b[3] = p[1];
  }
  return b;
}
export function contains(outer: Box, inner: Box): boolean {
  return (
    outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3]
  );
}

/** Even–odd ray casting; points on the boundary may go either way. */
export function pointInRing(p: Position, r: Ring): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 2; i < r.length - 1; j = i++) {
    const a = r[i];
    const b = r[j];
    if (
      a[1] > p[1] !== b[1] > p[1] &&
      p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]
    ) {
      inside = !inside;
    }
  }
  return inside;
}

/**
 * A point strictly inside a simple ring: the middle of the widest span of a horizontal line
 * placed between two vertex latitudes (so it never runs through a vertex). Not turf's
 * pointOnFeature, which falls back to a vertex, and a vertex shared with another ring
 * would make the nesting test ambiguous.
 */
export function interiorPoint(r: Ring): Position {
  const ys = [...new Set(r.map((p) => p[1]))].sort((a, b) => a - b);
  const k = Math.max(0, Math.floor((ys.length - 2) / 2));
  const y = (ys[k] + ys[Math.min(k + 1, ys.length - 1)]) / 2;
  const xs: number[] = [];
  for (let i = 0; i < r.length - 1; i++) {
    const a = r[i];
    const b = r[i + 1];
    if (a[1] < y !== b[1] < y) xs.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
  }
  xs.sort((a, b) => a - b);
  let best: Position = r[0];
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > width) {
      width = xs[i + 1] - xs[i];
      best = [(xs[i] + xs[i + 1]) / 2, y];
    }
  }
  return best;
}

/**
 * The first hole of a polygon (rings that do not cross each other) that is not inside the
 * outer ring, or that lies inside another hole; indices into `part`. Without crossings a
 * ring is inside another exactly when it is smaller and one of its interior points is inside.
 */
export function holeProblem(
  part: Ring[],
): { ring: number; other?: number; larger: boolean } | null {
  if (part.length < 2) return null;
  const shell = part[0];
  const shellArea = Math.abs(shoelace(shell));
  const shellBox = bbox(shell);
  const n = part.length - 1;
  const area: number[] = [];
  const box: Box[] = [];
  const inner: Position[] = [];
  for (let i = 1; i <= n; i++) {
    const h = part[i];
    area.push(Math.abs(shoelace(h)));
    box.push(bbox(h));
    inner.push(interiorPoint(h));
    const k = i - 1;
    if (area[k] >= shellArea) return { ring: i, larger: true };
    if (!contains(shellBox, box[k]) || !pointInRing(inner[k], shell))
      return { ring: i, larger: false };
  }
  if (n < 2) return null;
  const index = new Flatbush(n);
  for (const b of box) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  for (let k = 0; k < n; k++) {
    const [x0, y0, x1, y1] = box[k];
    for (const j of index.search(x0, y0, x1, y1)) {
      if (
        j !== k &&
        area[j] > area[k] &&
        contains(box[j], box[k]) &&
        pointInRing(inner[k], part[j + 1])
      )
        return { ring: k + 1, other: j + 1, larger: false };
    }
  }
  return null;
}
