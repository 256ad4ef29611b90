import type { GridSpec } from '../grid/grid';
import { emptyBox, type CellBox, type StampedSite } from '../grid/stamp';
import { wrapOffset } from '../model/link-budget';

/**
 * The cell mask of a site from its radial losses: every cell centre within the reach is
 * decided once — its loss interpolated between the two radials around its bearing and the
 * two samples around its distance (log-distance weights: 38.901 is logarithmic in d) — and
 * covered on a layer when the best sector reaches that layer's threshold there. Output as
 * stamp.ts's spans: disjoint (row, c0, c1), sorted by row then c0, clipped to the grid.
 */

/** A sector of a site in coverage-test form. */
export interface MaskSector {
  config: number;
  /** base + A(φ) − loss ≥ 0 covers NR; base − penalty + A − loss ≥ 0 covers RedCap. */
  base: number;
  /** RedCap penalty (dB), or NaN when the cell has no RedCap. */
  penalty: number;
  /** Boresight (deg, true) or NaN for omni. */
  azimuth: number;
  beamwidth: number;
}

/** A `radius_m` cell: a disc or a wedge. */
export interface MaskFixed {
  radius: number;
  azimuth: number;
  half: number;
  redcap: boolean;
}

export interface Raster {
  R: number;
  nRad: number;
  /** Candidate bearings 2π·s/nSlot; radial q stands at slot radials[q] (radials[nRad] = nSlot). */
  nSlot: number;
  radials: Int32Array;
  stride: number;
  stepM: number;
  loss: Float32Array[];
  /** How far cells of configuration k in interval j may be covered, at [k·nRad + j] (m). */
  interval: Float64Array;
  sectors: MaskSector[];
  fixed: MaskFixed[];
  backLobe: number;
}

/** Decides every cell centre within R once; returns the spans per layer. */
export function rasterize(
  spec: GridSpec,
  sx: number,
  sy: number,
  conv: number,
  a: Raster,
): StampedSite {
  const { x0, y0, cellSize: s, cols, rows } = spec;
  const { R, nRad, nSlot, radials, stride, stepM, loss, interval, sectors, fixed, backLobe } = a;
  const nr = new SpanWriter();
  const rc = new SpanWriter();
  const box: CellBox = emptyBox();
  const slotPerRad = nSlot / (2 * Math.PI);
  // The wedge (radial q to q + 1) of every slot.
  const wedgeOf = new Int32Array(nSlot);
  for (let q = 0; q < nRad; q++) wedgeOf.fill(q, radials[q], radials[q + 1]);
  const degPerRad = 180 / Math.PI;
  const nCfg = loss.length;
  const lossAt = new Float64Array(nCfg);
  // Per interval, the farthest any configuration or fixed disc reaches: a quick reject.
  let fixedR = 0;
  for (const f of fixed) fixedR = Math.max(fixedR, f.radius);
  const farthest = new Float64Array(nRad).fill(fixedR);
  for (let k = 0; k < nCfg; k++)
    for (let j = 0; j < nRad; j++)
      if (interval[k * nRad + j] > farthest[j]) farthest[j] = interval[k * nRad + j];
  // Azimuths in [0, 360): an offset from a bearing in [−conv, 360 − conv) needs one fold.
  const az = sectors.map((sc) =>
    sc.azimuth === sc.azimuth ? ((sc.azimuth % 360) + 360) % 360 : NaN,
  );
  const ln = new Float64Array(stride + 1);
  for (let i = 1; i <= stride; i++) ln[i] = Math.log(i);
  const rLo = Math.max(0, Math.ceil((sy - R - y0) / s - 0.5));
  const rHi = Math.min(rows - 1, Math.floor((sy + R - y0) / s - 0.5));
  for (let r = rLo; r <= rHi; r++) {
    const dy = y0 + (r + 0.5) * s - sy;
    const half = Math.sqrt(Math.max(0, R * R - dy * dy));
    const cLo = Math.max(0, Math.ceil((sx - half - x0) / s - 0.5));
    const cHi = Math.min(cols - 1, Math.floor((sx + half - x0) / s - 0.5));
    for (let c = cLo; c <= cHi; c++) {
      const dx = x0 + (c + 0.5) * s - sx;
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d > R) continue;
      let beta = Math.atan2(dx, dy);
      if (beta < 0) beta += 2 * Math.PI;
      let t = beta * slotPerRad;
      if (t >= nSlot) t -= nSlot;
      const slot = Math.floor(t);
      const j0 = wedgeOf[slot];
      if (d > farthest[j0]) continue;
      const w = (t - radials[j0]) / (radials[j0 + 1] - radials[j0]);
      const j1 = j0 + 1 === nRad ? 0 : j0 + 1;
      const u = d / stepM;
      const i0 = Math.floor(u);
      // Log-distance weight between the samples (linear in the first interval).
      const f = i0 === 0 ? u : (Math.log(u) - ln[i0]) / (ln[i0 + 1] - ln[i0]);
      const bearing = beta * degPerRad - conv;
      let coveredNr = false;
      let coveredRc = false;
      let any = false;
      for (let k = 0; k < nCfg; k++) {
        if (d > interval[k * nRad + j0]) {
          lossAt[k] = Infinity;
          continue;
        }
        any = true;
        const L = loss[k];
        const a0 = j0 * stride + i0;
        const a1 = j1 * stride + i0;
        const l0 = L[a0] + f * (L[a0 + 1] - L[a0]);
        const l1 = L[a1] + f * (L[a1 + 1] - L[a1]);
        lossAt[k] = l0 + w * (l1 - l0);
      }
      for (let q = 0; any && q < sectors.length && !(coveredNr && coveredRc); q++) {
        const sc = sectors[q];
        const l = lossAt[sc.config];
        if (l === Infinity) continue;
        let m = sc.base - l;
        const azq = az[q];
        if (azq === azq) {
          let off = bearing - azq;
          if (off >= 180) off -= 360;
          else if (off < -180) off += 360;
          const phi = off / sc.beamwidth;
          const att = 12 * phi * phi;
          m -= att < backLobe ? att : backLobe;
        }
        if (m >= 0) {
          coveredNr = true;
          if (m - sc.penalty >= 0) coveredRc = true;
        }
      }
      for (let q = 0; q < fixed.length && !(coveredNr && coveredRc); q++) {
        const fx = fixed[q];
        if (d > fx.radius) continue;
        if (fx.azimuth === fx.azimuth && Math.abs(wrapOffset(bearing - fx.azimuth)) > fx.half)
          continue;
        coveredNr = true;
        if (fx.redcap) coveredRc = true;
      }
      nr.cell(r, c, coveredNr);
      rc.cell(r, c, coveredRc);
      if (coveredNr || coveredRc) {
        if (c < box[0]) box[0] = c;
        if (r < box[1]) box[1] = r;
        if (c > box[2]) box[2] = c;
        if (r > box[3]) box[3] = r;
      }
    }
    nr.endRow();
    rc.endRow();
  }
  return { nr: nr.done(), redcap: rc.done(), box };
}

/** Collects runs of covered cells, row by row, as (row, c0, c1) triples. */
class SpanWriter {
  private buf = new Int32Array(96);
  private len = 0;
  private row = -1;
  private start = -1;
  private prev = -2;

  cell(r: number, c: number, covered: boolean): void {
    if (!covered) return;
    if (r === this.row && c === this.prev + 1) {
      this.prev = c;
      return;
    }
    this.flush();
    this.row = r;
    this.start = c;
    this.prev = c;
  }

  endRow(): void {
    this.flush();
    this.row = -1;
  }

  private flush(): void {
    if (this.start < 0) return;
    if (this.len + 3 > this.buf.length) {
      const b = new Int32Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.len++] = this.row;
    this.buf[this.len++] = this.start;
    this.buf[this.len++] = this.prev;
    this.start = -1;
    this.prev = -2;
  }

  done(): Int32Array {
    this.flush();
    return this.buf.slice(0, this.len);
  }
}
