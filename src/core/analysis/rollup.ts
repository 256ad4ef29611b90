import type { Area } from '../area';
import { sitesPer10k } from '../per10k';
import type { AreaResult, LayerCoverage } from './analyze';

/**
 * Roll-ups of county results to prefectures (code[0:4] + '00') and provinces
 * (code[0:2] + '0000'), over the counties analysed (a prefecture with only some of its
 * counties in the input is the sum of those).
 *
 * - sites, polygon area and gap counts/areas/uncovered people are sums over every county;
 *   the largest gap is the largest county gap (gaps never join across counties);
 * - population, per-10k, sites needed and population coverage % are over the counties whose
 *   population is known: per-10k is 10,000 × their sites / their people, so a county of
 *   unknown population neither dilutes nor inflates it; the others are stated in
 *   `populationUnknown` (null figures only when no county has a population);
 * - sites needed is the sum of the counties' shortfalls, not the shortfall of the sum:
 *   a surplus in one county does not fill another's gap (as in the report's totals);
 * - coverage area % is Σ covered km² / Σ grid km² over every county, population % is
 *   Σ covered people / Σ people on the grid, so each county weighs by its size.
 */
export interface RollupResult extends Omit<AreaResult, 'level' | 'townZone'> {
  level: 'prefecture' | 'province';
  townZone: null;
  /** Counties summed. */
  counties: number;
  /** The counties left out of the population figures because their population is unknown. */
  populationUnknown: PopulationUnknown;
}

export interface PopulationUnknown {
  counties: number;
  /** Their codes, sorted. */
  codes: string[];
  /** Their 5G sites (in `sites5g`, not in per-10k). */
  sites5g: number;
}

/** Names of aggregate codes (a Map is one); core takes it from its callers. */
export interface NameLookup {
  get(code: string): string | undefined;
}

export const prefectureOf = (code: string): string => `${code.slice(0, 4)}00`;
export const provinceOf = (code: string): string => `${code.slice(0, 2)}0000`;

/** Grid area of a county's cells: recorded by analyzeAreas, else derived from a percentage. */
function gridKm2(a: AreaResult): number {
  if (a.gridKm2 !== undefined) return a.gridKm2;
  const { nr } = a.coverage;
  return nr.areaPct > 0 ? (100 * nr.areaKm2) / nr.areaPct : a.areaKm2;
}

function gridPopulation(a: AreaResult): number {
  return a.gridPopulation ?? a.population ?? 0;
}

function coveredPopulation(a: AreaResult, l: LayerCoverage): number {
  return l.population ?? (l.popPct * gridPopulation(a)) / 100;
}

function rollUp(
  code: string,
  level: RollupResult['level'],
  rows: readonly AreaResult[],
  names: NameLookup,
  targetPer10k: number,
): RollupResult {
  const sumOf = (xs: readonly AreaResult[], f: (r: AreaResult) => number): number =>
    xs.reduce((s, r) => s + f(r), 0);
  const sum = (f: (r: AreaResult) => number): number => sumOf(rows, f);
  const known = rows.filter((r) => r.population !== null);
  const unknown = rows.filter((r) => r.population === null);
  const population = known.length ? sumOf(known, (r) => r.population ?? 0) : null;
  const sites5g = sum((r) => r.sites5g);
  const km2 = sum(gridKm2);
  const people = sumOf(known, gridPopulation);
  const pct = (a: number, b: number): number => (b > 0 ? (100 * a) / b : 0);
  const layer = (pick: (r: AreaResult) => LayerCoverage): LayerCoverage => {
    const areaKm2 = sum((r) => pick(r).areaKm2);
    const covered = sumOf(known, (r) => coveredPopulation(r, pick(r)));
    return {
      areaKm2,
      areaPct: pct(areaKm2, km2),
      popPct: pct(covered, people),
      population: covered,
    };
  };
  const needed = known.map((r) => r.sitesNeeded);
  return {
    code,
    name: names.get(code) ?? code,
    level,
    parent: level === 'prefecture' ? provinceOf(code) : null,
    population,
    areaKm2: sum((r) => r.areaKm2),
    sites5g,
    sitesRedcap: sum((r) => r.sitesRedcap),
    sitesPer10k: sitesPer10k(
      sumOf(known, (r) => r.sites5g),
      population,
    ),
    targetPer10k,
    sitesNeeded:
      known.length > 0 && needed.every((x) => x !== null)
        ? needed.reduce((s, x) => s + (x ?? 0), 0)
        : null,
    coverage: { nr: layer((r) => r.coverage.nr), redcap: layer((r) => r.coverage.redcap) },
    gaps: {
      count: sum((r) => r.gaps.count),
      totalKm2: sum((r) => r.gaps.totalKm2),
      largestKm2: Math.max(0, ...rows.map((r) => r.gaps.largestKm2)),
      popUncovered: sum((r) => r.gaps.popUncovered),
    },
    townZone: null,
    gridKm2: km2,
    gridPopulation: people,
    counties: rows.length,
    populationUnknown: {
      counties: unknown.length,
      codes: unknown.map((r) => r.code).sort(),
      sites5g: sumOf(unknown, (r) => r.sites5g),
    },
  };
}

/**
 * Prefecture and province roll-ups of county results, each province followed by its
 * prefectures, by code. `names` names aggregate codes (the callers pass a census table's
 * province/prefecture rows, then the GB/T 2260 table); a code without one is its own name.
 */
export function rollUpCounties(
  counties: readonly AreaResult[],
  targetPer10k: number,
  names: NameLookup = new Map(),
): RollupResult[] {
  const rows = counties.filter((c) => c.level === 'county');
  const group = (key: (code: string) => string): Map<string, AreaResult[]> => {
    const m = new Map<string, AreaResult[]>();
    for (const r of rows) {
      const k = key(r.code);
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const prefectures = group(prefectureOf);
  const provinces = group(provinceOf);
  const out: RollupResult[] = [];
  for (const p of [...provinces.keys()].sort()) {
    out.push(rollUp(p, 'province', provinces.get(p)!, names, targetPer10k));
    for (const f of [...prefectures.keys()].filter((k) => provinceOf(k) === p).sort())
      out.push(rollUp(f, 'prefecture', prefectures.get(f)!, names, targetPer10k));
  }
  return out;
}

/**
 * Counties without a population of their own get the sum of their townships' when every
 * one of their townships has a population (returns new Area objects; others untouched).
 */
export function countyPopulationFromTownships(
  counties: readonly Area[],
  townships: readonly Area[],
): Area[] {
  const byParent = new Map<string, Area[]>();
  for (const t of townships) {
    if (t.parent === null) continue;
    const list = byParent.get(t.parent);
    if (list) list.push(t);
    else byParent.set(t.parent, [t]);
  }
  return counties.map((c) => {
    const towns = byParent.get(c.code);
    if (c.population !== null || !towns || towns.some((t) => t.population === null)) return c;
    return {
      ...c,
      population: {
        total: towns.reduce((s, t) => s + (t.population?.total ?? 0), 0),
        urban: null,
        rural: null,
        source: `sum of ${towns.length} townships`,
      },
    };
  });
}
