import type { ChangeKind } from '../scenario/site-diff';

/**
 * The cost model of the planner and of scenario comparisons: one unit cost per kind of
 * change, in 万元 (10,000 CNY) per site. The defaults are illustrative orders of magnitude
 * only — software activation for a RedCap upgrade, radio equipment on an existing mast
 * for a co-location, mast, power, backhaul and equipment for a new site — not prices from
 * any tender or statistic; users set their own, and every figure shown names its costs.
 */
export type UnitCosts = Record<ChangeKind, number>;

export const DEFAULT_UNIT_COSTS: Readonly<UnitCosts> = Object.freeze({
  upgrade: 1,
  colocate: 15,
  new: 40,
  move: 10,
  retune: 0.5,
  remove: 0,
});

/** The cost of one site's change (its kinds add up: a moved and upgraded site pays both). */
export function changeCost(kinds: readonly ChangeKind[], costs: Readonly<UnitCosts>): number {
  let c = 0;
  for (const k of kinds) c += costs[k];
  return c;
}

/** 元 per person newly covered for a cost in 万元; null when nobody is newly covered. */
export function yuanPerPerson(costWan: number, people: number): number | null {
  return people > 0 ? (costWan * 10_000) / people : null;
}
