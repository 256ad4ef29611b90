import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lazyGreedy,
  objectiveOf,
  type CoverageProblem,
  type GreedyCandidate,
} from '../../src/core/planner/greedy';
import { createRng } from '../../src/core/random';

const COLS = 12;
const ROWS = 12;
const BOUND = 1 - 1 / Math.E;

/** Spans of a rectangle of cells (inclusive), clipped to the grid. */
function rect(c0: number, r0: number, c1: number, r1: number): Int32Array {
  const out: number[] = [];
  for (let r = Math.max(0, r0); r <= Math.min(ROWS - 1, r1); r++)
    out.push(r, Math.max(0, c0), Math.min(COLS - 1, c1));
  return Int32Array.from(out);
}

interface Instance {
  p: CoverageProblem;
  cands: GreedyCandidate[];
}

function randomInstance(
  seed: number,
  n: number,
  opts: { need?: boolean; layers?: boolean } = {},
): Instance {
  const rng = createRng(seed);
  const cells = COLS * ROWS;
  const weight = new Float64Array(cells);
  // Integer weights: sums are exact, so ties are real ties.
  for (let i = 0; i < cells; i++) weight[i] = rng.int(0, 9);
  const nrCovered = new Uint8Array(cells);
  for (let i = 0; i < cells; i++) if (rng.chance(0.15)) nrCovered[i] = 1;
  const cands: GreedyCandidate[] = Array.from({ length: n }, () => {
    const c = rng.int(0, COLS - 1);
    const r = rng.int(0, ROWS - 1);
    const w = rng.int(0, 4);
    const h = rng.int(0, 4);
    const spans = rect(c, r, c + w, r + h);
    const upgrade = opts.layers && rng.chance(0.4);
    return {
      nr: upgrade ? new Int32Array(0) : spans,
      redcap: spans,
      cost: rng.int(1, 5),
      area: rng.int(0, 2),
      new5g: !upgrade,
    };
  });
  return {
    p: {
      cols: COLS,
      nrWeight: weight,
      redcapWeight: opts.layers ? weight : null,
      nrCovered,
      redcapCovered: new Uint8Array(cells),
      need: opts.need ? [1, 2, 0] : null,
      needWeight: opts.need ? 25 : 0,
    },
    cands,
  };
}

/** Every subset of size ≤ k (or of cost ≤ budget): the optimum by brute force. */
function bruteForce(inst: Instance, ok: (set: number[]) => boolean): number {
  let best = 0;
  const n = inst.cands.length;
  const set: number[] = [];
  const walk = (from: number) => {
    best = Math.max(best, objectiveOf(inst.p, inst.cands, set));
    for (let i = from; i < n; i++) {
      set.push(i);
      if (ok(set)) walk(i + 1);
      set.pop();
    }
  };
  walk(0);
  return best;
}

/** Plain greedy (every gain recomputed every round), ties to the smaller index. */
function plainGreedy(inst: Instance, k: number): number[] {
  const picked: number[] = [];
  for (let round = 0; round < k; round++) {
    const base = objectiveOf(inst.p, inst.cands, picked);
    let best = -1;
    let bestGain = 0;
    inst.cands.forEach((_, i) => {
      if (picked.includes(i)) return;
      const g = objectiveOf(inst.p, inst.cands, [...picked, i]) - base;
      if (g > bestGain) {
        best = i;
        bestGain = g;
      }
    });
    if (best < 0) break;
    picked.push(best);
  }
  return picked;
}

const value = (inst: Instance, picks: { index: number }[]) =>
  objectiveOf(
    inst.p,
    inst.cands,
    picks.map((p) => p.index),
  );

describe('lazy greedy maximum coverage', () => {
  it('with a budget of one pick, picks the optimum (smallest index on ties)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const inst = randomInstance(seed, 12, { layers: seed % 2 === 0 });
      const { picks } = lazyGreedy(inst.p, inst.cands, { kind: 'count', picks: 1 });
      const opt = bruteForce(inst, (s) => s.length <= 1);
      expect(value(inst, picks)).toBe(opt);
      const first = inst.cands.findIndex((_, i) => objectiveOf(inst.p, inst.cands, [i]) === opt);
      expect(picks[0].index).toBe(first);
    }
  });

  it('with disjoint candidates (a modular objective), is optimal for every budget', () => {
    const inst = randomInstance(7, 0);
    // Twelve disjoint 1 × k strips, one per row.
    inst.cands = Array.from({ length: ROWS }, (_, r) => ({
      nr: rect(0, r, (r * 5) % COLS, r),
      redcap: new Int32Array(0),
      cost: 1,
      area: 0,
      new5g: true,
    }));
    for (let k = 1; k <= 5; k++) {
      const { picks } = lazyGreedy(inst.p, inst.cands, { kind: 'count', picks: k });
      expect(value(inst, picks)).toBe(bruteForce(inst, (s) => s.length <= k));
    }
  });

  it('property: within (1 − 1/e) of the brute-force optimum, and equal to plain greedy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        (seed, k, need, layers) => {
          const inst = randomInstance(seed, 11, { need, layers });
          const { picks, stats } = lazyGreedy(inst.p, inst.cands, { kind: 'count', picks: k });
          const opt = bruteForce(inst, (s) => s.length <= k);
          const got = value(inst, picks);
          expect(got).toBeGreaterThanOrEqual(BOUND * opt - 1e-9);
          expect(picks.map((p) => p.index)).toEqual(plainGreedy(inst, k));
          // Gains are marginal and add up to the objective.
          expect(picks.reduce((s, p) => s + p.gain, 0)).toBeCloseTo(got, 9);
          expect(stats.evaluations).toBeLessThanOrEqual(inst.cands.length * (k + 1) + 1);
        },
      ),
      { numRuns: 80, seed: 42 },
    );
  });

  it('property: a cost budget is never exceeded and stays within ½(1 − 1/e) of the optimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 2, max: 9 }),
        (seed, budget) => {
          const inst = randomInstance(seed, 10, { layers: true });
          const { picks } = lazyGreedy(inst.p, inst.cands, { kind: 'cost', total: budget });
          const cost = picks.reduce((s, p) => s + p.cost, 0);
          expect(cost).toBeLessThanOrEqual(budget);
          const costOf = (s: number[]) => s.reduce((a, i) => a + inst.cands[i].cost, 0);
          const opt = bruteForce(inst, (s) => costOf(s) <= budget);
          expect(value(inst, picks)).toBeGreaterThanOrEqual(0.5 * BOUND * opt - 1e-9);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('is deterministic and never picks a candidate that gains nothing', () => {
    const inst = randomInstance(99, 40, { layers: true, need: true });
    const a = lazyGreedy(inst.p, inst.cands, { kind: 'count', picks: 40 });
    const b = lazyGreedy(inst.p, inst.cands, { kind: 'count', picks: 40 });
    expect(a).toEqual(b);
    expect(a.picks.length).toBeLessThan(40);
    expect(a.picks.every((p) => p.gain > 0)).toBe(true);
    expect(new Set(a.picks.map((p) => p.index)).size).toBe(a.picks.length);
  });
});
