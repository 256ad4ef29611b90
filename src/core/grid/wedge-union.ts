import type { CellFootprint } from '../model/footprint';
import { fillPolygonDiffused, type RunSink } from './cell-fractions';
import type { GridSpec } from './grid';

/**
 * The union of a site's `radius_m` footprints — discs and exact wedges, all around the
 * site — as one star-shaped polygon, filled with whole cells that match its exact area
 * (fillPolygonDiffused). Bearings are clockwise from north; `convergence` turns them to
 * the grid's north. Arcs are drawn as chords no longer than a quarter cell, each with the
 * radius that gives its slice the arc's area (r·√(Δ/sin Δ)), so the polygon's area is
 * that of the exact union.
 */
export function wedgeUnionSpans(
  spec: GridSpec,
  x: number,
  y: number,
  convergence: number,
  footprints: readonly CellFootprint[],
  sink: RunSink,
): void {
  // Angular intervals [a, b) in degrees within [0, 360) with their radius.
  const cuts = new Set<number>([0, 360]);
  const spans: { a: number; b: number; r: number }[] = [];
  const addInterval = (a: number, b: number, r: number) => {
    spans.push({ a, b, r });
    cuts.add(a);
    cuts.add(b);
  };
  for (const fp of footprints) {
    if (fp.kind === 'disc') {
      if (fp.radiusM > 0) addInterval(0, 360, fp.radiusM);
    } else if (fp.kind === 'wedge') {
      if (!(fp.radiusM > 0) || !(fp.beamwidthDeg > 0)) continue;
      if (fp.beamwidthDeg >= 360) {
        addInterval(0, 360, fp.radiusM);
        continue;
      }
      const a = ((((fp.azimuthDeg - fp.beamwidthDeg / 2) % 360) + 360) % 360) as number;
      const b = a + fp.beamwidthDeg;
      if (b <= 360) addInterval(a, b, fp.radiusM);
      else {
        addInterval(a, 360, fp.radiusM);
        addInterval(0, b - 360, fp.radiusM);
      }
    }
  }
  const edges = [...cuts].sort((p, q) => p - q);
  // Elementary intervals with the largest radius covering them, merged when equal.
  const arcs: { a: number; b: number; r: number }[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const a = edges[k];
    const b = edges[k + 1];
    if (!(b > a)) continue;
    const mid = (a + b) / 2;
    let r = 0;
    for (const sp of spans) if (mid >= sp.a && mid < sp.b && sp.r > r) r = sp.r;
    const last = arcs[arcs.length - 1];
    if (last && last.r === r && last.b === a) last.b = b;
    else arcs.push({ a, b, r });
  }
  // A full circle with one radius closes on itself; otherwise the ring passes through the
  // site between arcs of radius 0 (and steps radially between arcs of other radii).
  const first = arcs[0];
  const lastArc = arcs[arcs.length - 1];
  if (arcs.length > 1 && first.r === lastArc.r && first.a === 0 && lastArc.b === 360) {
    first.a = lastArc.a - 360;
    arcs.pop();
  }
  const ring: number[] = [];
  const maxChord = spec.cellSize / 4;
  const rad = Math.PI / 180;
  const point = (bearingDeg: number, r: number) => {
    const t = (bearingDeg + convergence) * rad;
    ring.push(x + r * Math.sin(t), y + r * Math.cos(t));
  };
  for (const arc of arcs) {
    if (arc.r <= 0) {
      if (ring.length < 2 || ring[ring.length - 2] !== x || ring[ring.length - 1] !== y)
        ring.push(x, y);
      continue;
    }
    const width = (arc.b - arc.a) * rad;
    const steps = Math.max(1, Math.ceil((width * arc.r) / maxChord));
    const d = width / steps;
    const rc = arc.r * Math.sqrt(d / Math.sin(d));
    for (let i = 0; i <= steps; i++) point(arc.a + (arc.b - arc.a) * (i / steps), rc);
  }
  if (ring.length < 6) return;
  fillPolygonDiffused(spec, [[Float64Array.from(ring)]], sink);
}
