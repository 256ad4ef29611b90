import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { pixelCells } from '../../src/core/analysis/coverage-image';
import { encodePng } from '../../src/cli/report-png';
import {
  PIXEL_GAP,
  PIXEL_NR,
  PIXEL_OUTSIDE,
  PIXEL_REDCAP,
  coverageMapImage,
  parseWorldFile,
  worldFile,
  worldFileLngLat,
  type Rgba,
} from '../../src/io/export-raster';
import { coveragePngText, readPngText, withPngText } from '../../src/io/export-png-text';
import { demoRun } from './export-demo';

const PALETTE: [Rgba, Rgba, Rgba, Rgba] = [
  [0, 0, 0, 0],
  [255, 0, 0, 255],
  [0, 0, 255, 255],
  [0, 255, 0, 255],
];

describe('coverage raster: PNG + world file (EPSG:3857)', () => {
  it('georeferences every pixel onto the grid cell it was painted from', async () => {
    const { state } = await demoRun();
    const grid = state.grid;
    const img = coverageMapImage(grid, pixelCells(grid, 800), PALETTE, null);
    const png = PNG.sync.read(encodePng(img));
    expect([png.width, png.height]).toEqual([img.width, img.height]);
    const wf = parseWorldFile(worldFile(img));
    // Square-ish pixels, north up, no rotation.
    expect(wf[1]).toBe(0);
    expect(wf[2]).toBe(0);
    expect(wf[3]).toBeLessThan(0);
    // The top-left pixel's centre is half a pixel inside the north-west corner.
    const [w, , e, n] = img.bounds;
    const [lon0, lat0] = worldFileLngLat(wf, 0, 0);
    expect(lon0).toBeCloseTo(w + (e - w) / img.width / 2, 9);
    expect(lat0).toBeLessThan(n);
    // The bottom-right pixel's centre lies within the last pixel of the bounds.
    const [lon1] = worldFileLngLat(wf, img.width - 1, img.height - 1);
    expect(lon1).toBeCloseTo(e - (e - w) / img.width / 2, 9);

    const classOf = (lon: number, lat: number): number => {
      const [x, y] = grid.projection.forward(lon, lat);
      const c = Math.floor((x - grid.x0) / grid.cellSize);
      const r = Math.floor((y - grid.y0) / grid.cellSize);
      if (c < 0 || r < 0 || c >= grid.cols || r >= grid.rows) return PIXEL_OUTSIDE;
      const i = r * grid.cols + c;
      if (grid.label[i] === 0) return PIXEL_OUTSIDE;
      return grid.redcap[i] > 0 ? PIXEL_REDCAP : grid.nr[i] > 0 ? PIXEL_NR : PIXEL_GAP;
    };
    const seen = new Set<number>();
    let checked = 0;
    let wrong = 0;
    for (let row = 0; row < img.height; row += 3) {
      for (let col = 0; col < img.width; col += 3) {
        const [lon, lat] = worldFileLngLat(wf, col, row);
        const k = classOf(lon, lat);
        seen.add(k);
        const p = 4 * (row * png.width + col);
        const got = [...png.data.subarray(p, p + 4)];
        checked++;
        if (got.join() !== PALETTE[k].join()) wrong++;
      }
    }
    // Every class occurs, and the world file puts pixels on their own cells (float
    // noise may flip a pixel whose centre sits exactly on a cell edge).
    expect([...seen].sort()).toEqual([PIXEL_OUTSIDE, PIXEL_GAP, PIXEL_NR, PIXEL_REDCAP]);
    expect(wrong / checked).toBeLessThan(0.001);
  });

  it('draws borders between areas only where the area changes', async () => {
    const { state } = await demoRun();
    const border: Rgba = [1, 2, 3, 255];
    const pixels = pixelCells(state.grid, 400);
    const img = coverageMapImage(state.grid, pixels, PALETTE, border);
    let borderPixels = 0;
    for (let p = 0; p < img.width * img.height; p++) {
      if (img.rgba[4 * p] === 1 && img.rgba[4 * p + 1] === 2) {
        borderPixels++;
        const l = (q: number) => (pixels.cell[q] < 0 ? 0 : state.grid.label[pixels.cell[q]]);
        const c = p % img.width;
        const right = c + 1 < img.width ? l(p + 1) : l(p);
        const below = p + img.width < img.width * img.height ? l(p + img.width) : l(p);
        expect(right !== l(p) || below !== l(p)).toBe(true);
      }
    }
    expect(borderPixels).toBeGreaterThan(100);
  });

  it('rejects a malformed world file', () => {
    expect(() => parseWorldFile('1\n0\n0\n-1\n5')).toThrow(/six numbers/);
  });
});

describe('rules inside the PNG (iTXt)', () => {
  it('round-trips UTF-8 text and keeps the PNG valid', () => {
    const img = {
      width: 2,
      height: 1,
      rgba: new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]),
    };
    const png = withPngText(new Uint8Array(encodePng(img)), {
      Description: '每万人 5G 基站目标 38 个; ≥ 95%',
      Software: 'SailPlan',
    });
    expect(readPngText(png)).toEqual({
      Description: '每万人 5G 基站目标 38 个; ≥ 95%',
      Software: 'SailPlan',
    });
    const back = PNG.sync.read(Buffer.from(png));
    expect([...back.data]).toEqual([255, 0, 0, 255, 0, 0, 255, 255]);
    expect(() => withPngText(png, { 'bad\nkey': 'x' })).toThrow(/keyword/);
  });

  it('says when synthetic sites went in: a Warning and Synthetic text, absent for real inputs', async () => {
    const run = await demoRun();
    const img = { width: 1, height: 1, rgba: new Uint8ClampedArray([0, 0, 0, 0]) };
    const meta = {
      title: 'NR 覆盖',
      generated: run.report.generated,
      rules: run.compliance.rules,
      lang: 'zh-CN' as const,
      synthetic: run.report.inputs.synthetic,
    };
    const demo = readPngText(withPngText(new Uint8Array(encodePng(img)), coveragePngText(meta)));
    expect(demo.Synthetic).toBe('true');
    expect(demo.Warning).toContain('含合成数据');
    expect(demo.Title).toBe('SailPlan — NR 覆盖（含合成数据）');
    expect(demo['Creation Time']).toBe(run.report.generated);
    const real = readPngText(
      withPngText(new Uint8Array(encodePng(img)), coveragePngText({ ...meta, synthetic: false })),
    );
    expect(real.Synthetic).toBe('false');
    expect(real.Warning).toBeUndefined();
    expect(real.Title).toBe('SailPlan — NR 覆盖');
  });
});
