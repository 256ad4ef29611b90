/** National target for end of 2027 ("Sailing" upgrade plan, 2024): 5G base stations per 10,000 people. */
export const DEFAULT_TARGET_PER_10K = 38;

/** 10,000 × 5G sites / resident population; null when the population is unknown or zero. */
export function sitesPer10k(sites5g: number, population: number | null): number | null {
  if (population === null || !(population > 0)) return null;
  return (10_000 * sites5g) / population;
}

/** max(0, ⌈target × population / 10,000⌉ − sites). */
export function sitesNeeded(
  sites5g: number,
  population: number | null,
  target = DEFAULT_TARGET_PER_10K,
): number | null {
  if (population === null || !(population > 0)) return null;
  // Round the product before ceil so 38 × 10,000 / 10,000 stays exactly 38 despite FP noise.
  const required = Math.ceil(Math.round(((target * population) / 10_000) * 1e9) / 1e9);
  return Math.max(0, required - sites5g);
}
