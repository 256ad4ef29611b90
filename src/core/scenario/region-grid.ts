import type { MultiPolygon, Polygon } from 'geojson';
import type { Area } from '../area';
import { bboxOf, setPopulation } from '../analysis/analyze';
import type { AnalysisParams } from '../analysis/params';
import {
  bboxOfGeometries,
  townZoneTownships,
  townshipsByCounty,
  townshipsHavePopulation,
} from '../analysis/town-zone';
import {
  createGrid,
  gridSpecForBox,
  projectLngLatBox,
  type Grid,
  type GridSpec,
} from '../grid/grid';
import { createLaea, type Laea } from '../grid/laea';
import { maskDisc, rasterizeAreas, rasterizeMask, rasterizePolygon } from '../grid/rasterize';
import { setUniformPopulation } from '../grid/weights';
import { metres } from '../units';

/**
 * The grid of a region as `analyzeAreas` builds it — labels, county-town zone mask,
 * population weights — and the fine grids of the county-town zones, kept so a
 * scenario can be re-evaluated edit by edit instead of from scratch.
 */
export interface RegionGrid {
  projection: Laea;
  grid: Grid;
  /** 1 where a cell is in a county-town zone (drives 'auto' env → UMa, and the planner). */
  zone: Uint8Array;
  /** Per area: the zone of its continuity check, or null (not a county / no zone). */
  townZones: (TownZoneGrid | null)[];
  notes: string[];
}

/** The fine grid of one county-town zone (label 1 = in the zone). */
export interface TownZoneGrid {
  grid: Grid;
  /** Projected box of the zone on the fine grid's projection. */
  box: [number, number, number, number];
}

function paintInArea(
  spec: GridSpec,
  labels: ArrayLike<number>,
  label: number,
  geometry: Polygon | MultiPolygon,
  out: Uint8Array,
): void {
  const cols = spec.cols;
  rasterizePolygon(spec, geometry, (r, c0, c1) => {
    const end = r * cols + c1;
    for (let k = r * cols + c0; k <= end; k++) if (labels[k] === label) out[k] = 1;
  });
}

export function buildRegionGrid(
  areas: readonly Area[],
  params: AnalysisParams,
  townships: readonly Area[] = [],
): RegionGrid {
  const notes: string[] = [];
  const [w, s, e, n] = bboxOf(areas);
  const projection = createLaea((w + e) / 2, (s + n) / 2);
  const spec = gridSpecForBox(
    projection,
    projectLngLatBox(projection, [w, s, e, n]),
    metres(params.cellSizeM),
  );
  const grid = createGrid(spec, areas.length);
  rasterizeAreas(
    spec,
    areas.map((a) => a.geometry),
    grid.label,
  );
  const towns = townshipsByCounty(areas, townships);
  const zoneTowns = areas.map((a, i) => {
    const t = towns[i];
    return t ? townZoneTownships(a, t) : null;
  });
  const zone = new Uint8Array(spec.cols * spec.rows);
  areas.forEach((a, i) => {
    const zt = zoneTowns[i];
    if (zt) for (const t of zt) paintInArea(spec, grid.label, i + 1, t.geometry, zone);
    else if (a.level === 'county' && a.seat)
      maskDisc(spec, zone, a.seat[0], a.seat[1], params.townZoneRadiusM);
  });
  const noZone = areas.filter((a, i) => towns[i] && !zoneTowns[i] && !a.seat).length;
  if (noZone > 0)
    notes.push(`county-town zone: ${noZone} counties have townships but no 街道 and no known seat`);
  setPopulation(
    grid,
    areas,
    zone,
    towns.map((t) => (townshipsHavePopulation(t) ? t : null)),
  );
  const townZones = areas.map((a, i) => {
    if (a.level !== 'county') return null;
    const zt = zoneTowns[i];
    if (zt)
      return townZoneGrid(
        a,
        params,
        zt.map((t) => t.geometry),
      );
    return a.seat ? townZoneGrid(a, params, null) : null;
  });
  return { projection, grid, zone, townZones, notes };
}

/** The zone grid exactly as analysis/analyze.ts `townZone` builds it. */
function townZoneGrid(
  area: Area,
  params: AnalysisParams,
  zone: readonly (Polygon | MultiPolygon)[] | null,
): TownZoneGrid {
  const cell = metres(params.townCellSizeM);
  let spec: GridSpec;
  let box: [number, number, number, number];
  let mask: Uint8Array;
  if (zone && zone.length) {
    const [w, s, e, n] = bboxOfGeometries(zone);
    const projection = createLaea((w + e) / 2, (s + n) / 2);
    box = projectLngLatBox(projection, [w, s, e, n]);
    spec = gridSpecForBox(projection, box, cell);
    mask = rasterizeMask(spec, zone);
  } else {
    const [lon0, lat0] = area.seat!;
    const projection = createLaea(lon0, lat0);
    const r = params.townZoneRadiusM;
    box = [-r, -r, r, r];
    spec = gridSpecForBox(projection, box, cell);
    const county = rasterizeMask(spec, [area.geometry]);
    mask = new Uint8Array(spec.cols * spec.rows);
    maskDisc(spec, mask, lon0, lat0, r);
    for (let i = 0; i < mask.length; i++) mask[i] &= county[i];
  }
  const grid = createGrid(spec, 1);
  grid.label.set(mask);
  setUniformPopulation(grid, [0]);
  return { grid, box };
}
