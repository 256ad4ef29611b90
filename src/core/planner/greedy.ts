/**
 * Lazy-greedy maximum coverage (Minoux's accelerated greedy) over cell spans.
 *
 * The objective is a weighted coverage function plus a truncated count per area:
 *   f(S) = Σ_cells nrWeight·[NR-covered] + Σ_cells redcapWeight·[RedCap-covered]
 *        + needWeight · Σ_areas min(new 5G sites of S in the area, need of the area)
 * Both parts are monotone and submodular, so a candidate's marginal gain only shrinks as
 * picks accumulate: a gain computed in an earlier round is an upper bound. The heap
 * holds those bounds; the top is re-evaluated, and when its fresh gain is still on top
 * it is the round's best — the same pick plain greedy makes, at a fraction of the work.
 * Ties go to the smaller candidate index (callers sort candidates by id), so the result
 * is deterministic and equals plain greedy's exactly.
 */

export interface GreedyCandidate {
  /** Disjoint (row, c0, c1) triples per layer (stamp.ts StampedSite). */
  nr: Int32Array;
  redcap: Int32Array;
  cost: number;
  /** Area index a new 5G site counts towards (per-10k target), -1 for none. */
  area: number;
  /** Whether the candidate adds a 5G site (co-location, new site); an upgrade does not. */
  new5g: boolean;
}

export interface CoverageProblem {
  cols: number;
  /** Weight per cell gained when newly NR-covered (null: the NR layer does not count). */
  nrWeight: ArrayLike<number> | null;
  redcapWeight: ArrayLike<number> | null;
  /** Initially covered cells per layer (1 = covered); copied, not modified. */
  nrCovered: Uint8Array;
  redcapCovered: Uint8Array;
  /** Multipliers of the layer sums (e.g. a tie-break weight), default 1. */
  nrScale?: number;
  redcapScale?: number;
  /** Sites still needed per area (per-10k objective), or null. */
  need: ArrayLike<number> | null;
  needWeight: number;
  /** Gains below this are not worth a pick (default: anything above 0). */
  minGain?: number;
  /** Rank by gain per unit cost whatever the budget (objective 'people-per-cost'). */
  perCost?: boolean;
}

export type Budget = { kind: 'count'; picks: number } | { kind: 'cost'; total: number };

export interface GreedyPick {
  index: number;
  gain: number;
  cost: number;
}

export interface GreedyStats {
  /** Marginal-gain evaluations (plain greedy: candidates × picks). */
  evaluations: number;
}

function spanGain(spans: Int32Array, cols: number, w: ArrayLike<number>, cov: Uint8Array): number {
  let g = 0;
  for (let k = 0; k < spans.length; k += 3) {
    const base = spans[k] * cols;
    for (let i = base + spans[k + 1], e = base + spans[k + 2]; i <= e; i++) if (!cov[i]) g += w[i];
  }
  return g;
}

function cover(spans: Int32Array, cols: number, cov: Uint8Array): void {
  for (let k = 0; k < spans.length; k += 3) {
    const base = spans[k] * cols;
    cov.fill(1, base + spans[k + 1], base + spans[k + 2] + 1);
  }
}

/** The state of a greedy run: covered cells and the remaining need, updated per pick. */
export class CoverageState {
  readonly nrCov: Uint8Array;
  readonly redcapCov: Uint8Array;
  readonly need: Float64Array | null;
  constructor(readonly p: CoverageProblem) {
    this.nrCov = p.nrCovered.slice();
    this.redcapCov = p.redcapCovered.slice();
    this.need = p.need ? Float64Array.from(p.need as ArrayLike<number>) : null;
  }
  gain(c: GreedyCandidate): number {
    const p = this.p;
    let g = 0;
    if (p.nrWeight) g += (p.nrScale ?? 1) * spanGain(c.nr, p.cols, p.nrWeight, this.nrCov);
    if (p.redcapWeight)
      g += (p.redcapScale ?? 1) * spanGain(c.redcap, p.cols, p.redcapWeight, this.redcapCov);
    if (this.need && c.new5g && c.area >= 0 && this.need[c.area] > 0) g += p.needWeight;
    return g;
  }
  take(c: GreedyCandidate): void {
    cover(c.nr, this.p.cols, this.nrCov);
    cover(c.redcap, this.p.cols, this.redcapCov);
    if (this.need && c.new5g && c.area >= 0) this.need[c.area]--;
  }
}

/** f(S) for a set of candidate indices (tests, and the best-single check). */
export function objectiveOf(
  p: CoverageProblem,
  cands: readonly GreedyCandidate[],
  set: readonly number[],
): number {
  const st = new CoverageState(p);
  let f = 0;
  for (const i of set) {
    f += st.gain(cands[i]);
    st.take(cands[i]);
  }
  return f;
}

// Max-heap of (score, index): larger score first, then smaller index.
class Heap {
  score: number[] = [];
  idx: number[] = [];
  round: number[] = [];
  private above(a: number, b: number): boolean {
    return (
      this.score[a] > this.score[b] ||
      (this.score[a] === this.score[b] && this.idx[a] < this.idx[b])
    );
  }
  private swap(a: number, b: number): void {
    [this.score[a], this.score[b]] = [this.score[b], this.score[a]];
    [this.idx[a], this.idx[b]] = [this.idx[b], this.idx[a]];
    [this.round[a], this.round[b]] = [this.round[b], this.round[a]];
  }
  get size(): number {
    return this.idx.length;
  }
  push(score: number, idx: number, round: number): void {
    this.score.push(score);
    this.idx.push(idx);
    this.round.push(round);
    let i = this.idx.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): { score: number; idx: number; round: number } {
    const top = { score: this.score[0], idx: this.idx[0], round: this.round[0] };
    const last = this.idx.length - 1;
    this.swap(0, last);
    this.score.pop();
    this.idx.pop();
    this.round.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.idx.length && this.above(l, m)) m = l;
      if (r < this.idx.length && this.above(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}

/**
 * Greedy picks under a budget: by count, the largest marginal gain each round; by cost,
 * the largest gain per unit cost among affordable candidates, and then the single best
 * affordable candidate if it alone beats the whole greedy set (the classic fix that
 * keeps cost-benefit greedy within a constant factor of the optimum). Candidates with
 * no gain are never picked.
 */
export function lazyGreedy(
  p: CoverageProblem,
  cands: readonly GreedyCandidate[],
  budget: Budget,
): { picks: GreedyPick[]; stats: GreedyStats } {
  const byCost = budget.kind === 'cost';
  const ratio = byCost || p.perCost === true;
  const score = (gain: number, cost: number) => (ratio ? gain / Math.max(cost, 1e-12) : gain);
  const st = new CoverageState(p);
  const heap = new Heap();
  // Gains only shrink, so a candidate below the threshold is dropped for good.
  const worth = (g: number) => g > 0 && g >= (p.minGain ?? 0);
  let evaluations = 0;
  const affordable = (c: GreedyCandidate, spent: number) =>
    !byCost || spent + c.cost <= budget.total + 1e-9;
  cands.forEach((c, i) => {
    if (!affordable(c, 0)) return;
    const g = st.gain(c);
    evaluations++;
    if (worth(g)) heap.push(score(g, c.cost), i, 0);
  });
  const picks: GreedyPick[] = [];
  let spent = 0;
  let round = 0;
  const maxPicks = budget.kind === 'count' ? budget.picks : Infinity;
  while (picks.length < maxPicks && heap.size > 0) {
    const top = heap.pop();
    const c = cands[top.idx];
    if (!affordable(c, spent)) continue; // the budget only shrinks: drop it for good
    if (top.round === round) {
      st.take(c);
      picks.push({ index: top.idx, gain: 0, cost: c.cost });
      spent += c.cost;
      round++;
      continue;
    }
    const g = st.gain(c);
    evaluations++;
    if (worth(g)) heap.push(score(g, c.cost), top.idx, round);
  }
  // Gains in objective units (the heap holds gain / cost when budgeting by cost).
  const exact = new CoverageState(p);
  for (const pk of picks) {
    pk.gain = exact.gain(cands[pk.index]);
    exact.take(cands[pk.index]);
  }
  if (byCost) {
    const total = picks.reduce((s, pk) => s + pk.gain, 0);
    const fresh = new CoverageState(p);
    let best = -1;
    let bestGain = total;
    cands.forEach((c, i) => {
      if (c.cost > budget.total + 1e-9) return;
      const g = fresh.gain(c);
      if (worth(g) && g > bestGain) {
        best = i;
        bestGain = g;
      }
    });
    if (best >= 0)
      return {
        picks: [{ index: best, gain: bestGain, cost: cands[best].cost }],
        stats: { evaluations },
      };
  }
  return { picks, stats: { evaluations } };
}
