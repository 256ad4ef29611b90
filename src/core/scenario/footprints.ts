import type { MultiPolygon, Position } from 'geojson';
import type { GridSpec } from '../grid/grid';
import { traceCells } from '../grid/outline';
import { stampSite, type CellBox } from '../grid/stamp';
import type { Site } from '../station';
import type { ScenarioEvaluator } from './evaluator';

/**
 * The covered cells of one site as outlines for the map: what an added, moved or changed
 * site covers on each layer, drawn the moment the edit is made. Traced from the same
 * spans the engine stamps (so the outline is exactly the cells counted), thinned to
 * about a cell and rounded to 1e-6° (0.1 m) so the GeoJSON stays small.
 */
export interface SiteOutlines {
  nr: MultiPolygon | null;
  redcap: MultiPolygon | null;
  /** Inclusive cell box of both layers' cells (empty when the site covers nothing). */
  box: CellBox;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const roundRing = (ring: Position[]): Position[] => ring.map((p) => [round6(p[0]), round6(p[1])]);

/** The cells of (row, c0, c1) spans as an outline. */
export function spansOutline(spec: GridSpec, spans: Int32Array): MultiPolygon | null {
  if (spans.length === 0) return null;
  const box: CellBox = [Infinity, spans[0], -Infinity, spans[spans.length - 3]];
  for (let k = 0; k < spans.length; k += 3) {
    if (spans[k + 1] < box[0]) box[0] = spans[k + 1];
    if (spans[k + 2] > box[2]) box[2] = spans[k + 2];
  }
  const w = box[2] - box[0] + 1;
  const mask = new Uint8Array(w * (box[3] - box[1] + 1));
  for (let k = 0; k < spans.length; k += 3) {
    const row = (spans[k] - box[1]) * w - box[0];
    mask.fill(1, row + spans[k + 1], row + spans[k + 2] + 1);
  }
  const poly = traceCells(spec, box, (c, r) => mask[(r - box[1]) * w + c - box[0]] === 1, 0.5);
  if (!poly) return null;
  return {
    type: 'MultiPolygon',
    coordinates: poly.coordinates.map((p) => p.map(roundRing)),
  };
}

/** Outlines of `site` on the evaluator's grid, as the model covers it there. */
export function siteOutlines(ev: ScenarioEvaluator, site: Site): SiteOutlines {
  const fp = ev.footprintsOf(site);
  if (!fp) return { nr: null, redcap: null, box: [0, 0, -1, -1] };
  const grid = ev.region.grid;
  const st = stampSite(grid, fp);
  return { nr: spansOutline(grid, st.nr), redcap: spansOutline(grid, st.redcap), box: st.box };
}
