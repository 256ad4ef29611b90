// Population surfaces on a grid: rasters (geographic and Mollweide, count and density) and
// settlement kernels, checked against people placed by construction.
import { describe, expect, it } from 'vitest';
import { createGrid, gridSpecForLngLatBox } from '../../src/core/grid/grid';
import { labelAreas } from '../../src/core/grid/rasterize';
import { geographicPixelKm2 } from '../../src/core/population/pixel-area';
import { rasterSurface } from '../../src/core/population/raster-surface';
import {
  KERNEL_CUT,
  kernelLengthM,
  settlementSurface,
  SETTLEMENT_DEFAULT_PEOPLE,
} from '../../src/core/population/settlement-surface';
import { metres } from '../../src/core/units';
import { box, geographicRaster, mollweideRaster, settlement } from './support/population-fixtures';

const BBOX: [number, number, number, number] = [96.9, 32.9, 97.1, 33.1];
const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === a[i]) s += a[i];
  return s;
};

describe('rasterSurface', () => {
  it('puts each small pixel whole into the cell its footprint lies in (pixel-overlap)', () => {
    const spec = gridSpecForLngLatBox(BBOX, metres(1000));
    // 0.0004° pixels (~40 m): a quarter of a cell or less; people in a few pixels only.
    const people = new Map<string, number>();
    const win = geographicRaster(BBOX, 0.0004, (lon, lat) => {
      const c = Math.round((lon - 96.9) / 0.0004 - 0.5);
      const r = Math.round((33.1 - lat) / 0.0004 - 0.5);
      if (c % 97 === 13 && r % 89 === 7) {
        const v = 1 + ((c * 7 + r) % 50);
        people.set(`${lon},${lat}`, v);
        return v;
      }
      return 0;
    });
    const s = rasterSurface(spec, win);
    expect(s.method).toBe('pixel-overlap');
    const perCell = new Map<number, number>();
    const straddled = new Set<number>();
    for (const [k, v] of people) {
      const [lon, lat] = k.split(',').map(Number);
      const [x, y] = spec.projection.forward(lon, lat);
      const fx = (x - spec.x0) / spec.cellSize;
      const fy = (y - spec.y0) / spec.cellSize;
      const i = Math.floor(fy) * spec.cols + Math.floor(fx);
      // Only cells whose pixels lie well inside (a footprint is ~40 m, a cell 1 km).
      if (Math.min(fx % 1, 1 - (fx % 1), fy % 1, 1 - (fy % 1)) < 0.05) straddled.add(i);
      perCell.set(i, (perCell.get(i) ?? 0) + v);
    }
    for (const i of straddled) perCell.delete(i);
    expect(perCell.size).toBeGreaterThanOrEqual(10);
    for (const [i, v] of perCell) expect(s.values[i]).toBeCloseTo(v, 4);
    // Every pixel's people are on the grid (the raster lies inside the grid's box).
    expect(sum(s.values)).toBeCloseTo(sum(win.data), 2);
  });

  it('gives each cell inside a large pixel its area share (cell-samples), count and density alike', () => {
    const spec = gridSpecForLngLatBox([96.95, 32.95, 97.05, 33.05], metres(100));
    const D = 250; // people / km²
    const count = geographicRaster(BBOX, 0.01, (_lon, _lat, km2) => D * km2);
    const density = geographicRaster(BBOX, 0.01, () => D, 'density');
    const a = rasterSurface(spec, count);
    const b = rasterSurface(spec, density);
    expect(a.method).toBe('cell-samples');
    for (let i = 0; i < a.values.length; i++) {
      expect(a.values[i]).toBeCloseTo(D * 0.01, 3);
      expect(b.values[i]).toBeCloseTo(a.values[i], 6);
    }
  });

  it('counts geographic pixel areas on the ellipsoid: the bands of a degree sum to the globe', () => {
    let total = 0;
    for (let lat = -90; lat < 90; lat++) total += geographicPixelKm2(360, lat, lat + 1);
    // WGS-84 surface area: 510,065,621.7 km².
    expect(total).toBeCloseTo(510_065_621.7, -1);
  });

  it('leaves cells off the raster or on nodata as NaN', () => {
    const spec = gridSpecForLngLatBox(BBOX, metres(500));
    const win = geographicRaster([96.9, 32.9, 97.0, 33.1], 0.01, (lon) => (lon > 96.95 ? NaN : 5));
    const s = rasterSurface(spec, win);
    const [x] = spec.projection.forward(97.05, 33);
    const east = Math.floor((x - spec.x0) / spec.cellSize);
    const mid = Math.floor(spec.rows / 2) * spec.cols;
    expect(s.values[mid + east]).toBeNaN();
    expect(s.values[mid + 1]).toBeGreaterThan(0);
  });

  it('Mollweide and geographic rasters of the same people give the same surface', () => {
    const spec = gridSpecForLngLatBox([96.93, 32.93, 97.07, 33.07], metres(250));
    // A smooth density (people/km²) with a factor-of-5 swing across the box.
    const dens = (lon: number, lat: number) =>
      100 + 80 * Math.sin((lon - 96.9) * 30) * Math.cos((lat - 32.9) * 20);
    const geo = rasterSurface(
      spec,
      geographicRaster(BBOX, 0.0025, (lon, lat, km2) => dens(lon, lat) * km2),
    );
    const moll = rasterSurface(
      spec,
      mollweideRaster(BBOX, 250, (lon, lat, km2) => dens(lon, lat) * km2),
    );
    expect(sum(moll.values) / sum(geo.values)).toBeCloseTo(1, 2);
    // Halves of the grid: the same share of people.
    let gw = 0;
    let mw = 0;
    for (let r = 0; r < spec.rows; r++)
      for (let c = 0; c < spec.cols / 2; c++) {
        gw += geo.values[r * spec.cols + c];
        mw += moll.values[r * spec.cols + c];
      }
    expect(mw / sum(moll.values)).toBeCloseTo(gw / sum(geo.values), 2);
  });
});

describe('settlementSurface', () => {
  const spec = gridSpecForLngLatBox(BBOX, metres(100));
  const grid = createGrid(spec, 1);
  labelAreas(grid, [box(96.92, 32.92, 97.08, 33.08)]);

  it("keeps each point's weight and puts it within 3λ of the point", () => {
    const pts = [
      settlement('a', 97.0, 33.0, 2000, 'township-seat'),
      settlement('b', 96.97, 33.03, null, 'herding-site'),
      settlement('c', 97.02, 32.97, null, 'admin-village'),
      settlement('far', 96.0, 33.0, 500),
    ];
    const s = settlementSurface(grid, pts);
    expect(s.used).toBe(3);
    expect(s.outside).toBe(1);
    const w =
      2000 + SETTLEMENT_DEFAULT_PEOPLE['herding-site'] + SETTLEMENT_DEFAULT_PEOPLE['admin-village'];
    expect(sum(s.values)).toBeCloseTo(w, 6);
    // Around each point: its own weight within its cut (plus a cell's diagonal).
    const near = (lon: number, lat: number, m: number) => {
      const [px, py] = spec.projection.forward(lon, lat);
      let t = 0;
      for (let r = 0; r < spec.rows; r++)
        for (let c = 0; c < spec.cols; c++) {
          const d = Math.hypot(
            spec.x0 + (c + 0.5) * spec.cellSize - px,
            spec.y0 + (r + 0.5) * spec.cellSize - py,
          );
          if (d <= m) t += s.values[r * spec.cols + c];
        }
      return t;
    };
    expect(near(97.0, 33.0, KERNEL_CUT * kernelLengthM(2000))).toBeCloseTo(2000, 6);
    // The kernel decays: more people in the inner λ than in the ring from λ to 2λ per km².
    const l = kernelLengthM(2000);
    const inner = near(97.0, 33.0, l) / (Math.PI * l * l);
    const ring = (near(97.0, 33.0, 2 * l) - near(97.0, 33.0, l)) / (3 * Math.PI * l * l);
    expect(inner).toBeGreaterThan(1.5 * ring);
  });

  it('a small settlement lands on its own cell when its kernel reaches no other centre', () => {
    const s = settlementSurface(grid, [settlement('tiny', 97.0004, 33.0004, 1)]);
    expect(sum(s.values)).toBeCloseTo(1, 9);
    const nonzero = [...s.values].filter((v) => v > 0).length;
    expect(nonzero).toBeLessThanOrEqual(2);
  });
});
