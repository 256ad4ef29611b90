import type { AreaResult } from './analyze';
import type { AnalysisParams } from './params';
import { prefectureOf, provinceOf, rollUpCounties, type RollupResult } from './rollup';

/**
 * The regulator's checklist (issue 6): per province, prefecture, county and township,
 * whether the targets of the "Sailing" plan are met — sites per 10k, county-town RedCap
 * continuity, 5G in every township — with the reason when not. Pure: it reads analysis
 * results only, so the app, the CLI report and the exports share one verdict.
 */

export type ComplianceLevel = 'province' | 'prefecture' | 'county' | 'township';

/** The rules the verdicts depend on; shown at the top of every view and export. */
export interface ComplianceRules {
  targetPer10k: number;
  continuityMinAreaPct: number;
  continuityMaxGapKm2: number;
  /** NR coverage threshold (dBm); RedCap uses it plus the band's RedCap penalty. */
  nrThresholdDbm: number;
  cellSizeM: number;
  townCellSizeM: number;
}

export function complianceRules(p: AnalysisParams): ComplianceRules {
  return {
    targetPer10k: p.targetPer10k,
    continuityMinAreaPct: p.continuityMinAreaPct,
    continuityMaxGapKm2: p.continuityMaxGapKm2,
    nrThresholdDbm: p.model.nrThresholdDbm,
    cellSizeM: p.cellSizeM,
    townCellSizeM: p.townCellSizeM,
  };
}

/** What the analysis core does not return per county town but a caller may have computed. */
export interface TownDetail {
  /** WGS-84 [lon, lat] of the largest RedCap gap in the zone, when there is a gap. */
  largestGapAt: [number, number] | null;
  /** People in the zone without RedCap coverage (grid weights). */
  uncoveredPopulation: number;
}

export type ContinuityFailure = 'coverage' | 'gap' | 'empty';

export type ContinuityCheck =
  | { status: 'unchecked' }
  | {
      status: 'pass' | 'fail';
      /** Empty when passing; 'empty' = the zone has no cell on the grid. */
      reasons: ContinuityFailure[];
      redcapAreaPct: number;
      largestGapKm2: number;
      largestGapAt: [number, number] | null;
      uncoveredPopulation: number | null;
    };

export type ComplianceFailure = 'per10k' | 'continuity' | 'township-no-5g';

export interface TownshipRef {
  code: string;
  name: string;
  population: number | null;
}

export interface ComplianceRow {
  code: string;
  name: string;
  level: ComplianceLevel;
  /** Enclosing row's code (township → county → prefecture → province); null at the top. */
  parent: string | null;
  population: number | null;
  sites5g: number;
  sitesPer10k: number | null;
  targetPer10k: number;
  /** Sites missing for the target (a sum of county shortfalls above county level). */
  sitesMissing: number | null;
  /** null when the population is unknown. */
  per10kPass: boolean | null;
  /** A county's own verdict; unchecked above and below county level. */
  continuity: ContinuityCheck;
  /** County towns below (or at) this row: checked, passing and failing. */
  towns: { checked: number; passed: number; failed: number };
  /** Townships below (or at) this row analysed, and those without any 5G site. */
  townships: { total: number; without5g: TownshipRef[] };
  /** People in NR coverage gaps. */
  popUncovered: number;
  /**
   * Counties below a province or prefecture whose population is unknown, left out of its
   * population, per-10k and sites missing (empty for counties and townships).
   */
  populationUnknown: TownshipRef[];
  failures: ComplianceFailure[];
  /** 'unknown' when nothing failed but something could not be checked (no population). */
  status: 'pass' | 'fail' | 'unknown';
}

export interface Compliance {
  rules: ComplianceRules;
  /** Tree order: each province, then each of its prefectures followed by its counties,
   * each county followed by its townships. Townships without a county come last. */
  rows: ComplianceRow[];
}

export interface ComplianceInput {
  params: AnalysisParams;
  counties: readonly AreaResult[];
  townships?: readonly AreaResult[];
  /** Prefecture and province roll-ups; computed from the counties when omitted. */
  rollups?: readonly RollupResult[];
  /** Per county code. */
  towns?: ReadonlyMap<string, TownDetail>;
}

/**
 * A county's continuity check. The core's verdict is authoritative; the reasons say which
 * rule it failed on, re-derived from the numbers the verdict was made of.
 */
function continuityOf(
  a: AreaResult,
  detail: TownDetail | undefined,
  rules: ComplianceRules,
): ContinuityCheck {
  const z = a.townZone;
  if (!z) return { status: 'unchecked' };
  const reasons: ContinuityFailure[] = [];
  if (!z.continuous) {
    if (!(z.areaKm2 > 0)) reasons.push('empty');
    else {
      if (z.redcapAreaPct < rules.continuityMinAreaPct) reasons.push('coverage');
      if (z.largestGapKm2 > rules.continuityMaxGapKm2) reasons.push('gap');
    }
  }
  return {
    status: z.continuous ? 'pass' : 'fail',
    reasons,
    redcapAreaPct: z.redcapAreaPct,
    largestGapKm2: z.largestGapKm2,
    largestGapAt: detail?.largestGapAt ?? null,
    uncoveredPopulation: detail?.uncoveredPopulation ?? null,
  };
}

function statusOf(
  r: Omit<ComplianceRow, 'status' | 'failures'>,
): Pick<ComplianceRow, 'status' | 'failures'> {
  const failures: ComplianceFailure[] = [];
  if (r.per10kPass === false) failures.push('per10k');
  if (r.towns.failed > 0) failures.push('continuity');
  if (r.townships.without5g.length > 0) failures.push('township-no-5g');
  const status = failures.length ? 'fail' : r.per10kPass === null ? 'unknown' : 'pass';
  return { failures, status };
}

const per10kPass = (a: { sitesNeeded: number | null }): boolean | null =>
  a.sitesNeeded === null ? null : a.sitesNeeded === 0;

/** A region with a shortfall fails; without one it passes only if no county is unknown. */
const rollupPer10kPass = (r: RollupResult): boolean | null => {
  const pass = per10kPass(r);
  return pass === true && r.populationUnknown.counties > 0 ? null : pass;
};

const townshipRef = (t: AreaResult): TownshipRef => ({
  code: t.code,
  name: t.name,
  population: t.population,
});

/** The checklist rows of an analysis, in tree order (see Compliance.rows). */
export function buildCompliance(input: ComplianceInput): Compliance {
  const rules = complianceRules(input.params);
  const counties = input.counties.filter((c) => c.level === 'county');
  const townships = (input.townships ?? []).filter((t) => t.level === 'township');
  const rollups = input.rollups ?? rollUpCounties(counties, rules.targetPer10k);
  const townsOf = new Map<string, AreaResult[]>();
  for (const t of townships) {
    const key = t.parent ?? '';
    const list = townsOf.get(key);
    if (list) list.push(t);
    else townsOf.set(key, [t]);
  }

  const countyRow = (c: AreaResult): ComplianceRow => {
    const continuity = continuityOf(c, input.towns?.get(c.code), rules);
    const towns = townsOf.get(c.code) ?? [];
    const base = {
      code: c.code,
      name: c.name,
      level: 'county' as const,
      parent: prefectureOf(c.code),
      population: c.population,
      sites5g: c.sites5g,
      sitesPer10k: c.sitesPer10k,
      targetPer10k: c.targetPer10k,
      sitesMissing: c.sitesNeeded,
      per10kPass: per10kPass(c),
      continuity,
      towns: {
        checked: continuity.status === 'unchecked' ? 0 : 1,
        passed: continuity.status === 'pass' ? 1 : 0,
        failed: continuity.status === 'fail' ? 1 : 0,
      },
      townships: {
        total: towns.length,
        without5g: towns.filter((t) => t.sites5g === 0).map(townshipRef),
      },
      popUncovered: c.gaps.popUncovered,
      populationUnknown: [],
    };
    return { ...base, ...statusOf(base) };
  };
  const townshipRow = (t: AreaResult): ComplianceRow => {
    const base = {
      code: t.code,
      name: t.name,
      level: 'township' as const,
      parent: t.parent,
      population: t.population,
      sites5g: t.sites5g,
      sitesPer10k: t.sitesPer10k,
      targetPer10k: t.targetPer10k,
      sitesMissing: t.sitesNeeded,
      per10kPass: per10kPass(t),
      continuity: { status: 'unchecked' } as const,
      towns: { checked: 0, passed: 0, failed: 0 },
      townships: { total: 1, without5g: t.sites5g === 0 ? [townshipRef(t)] : [] },
      popUncovered: t.gaps.popUncovered,
      populationUnknown: [],
    };
    return { ...base, ...statusOf(base) };
  };

  const countyRows = counties.map(countyRow);
  const rollupRow = (r: RollupResult): ComplianceRow => {
    const inside = countyRows.filter((c) =>
      r.level === 'province' ? provinceOf(c.code) === r.code : prefectureOf(c.code) === r.code,
    );
    const sum = (f: (c: ComplianceRow) => number): number => inside.reduce((s, c) => s + f(c), 0);
    const base = {
      code: r.code,
      name: r.name,
      level: r.level,
      parent: r.parent,
      population: r.population,
      sites5g: r.sites5g,
      sitesPer10k: r.sitesPer10k,
      targetPer10k: r.targetPer10k,
      sitesMissing: r.sitesNeeded,
      // A region passes only if every county does: a surplus does not fill a gap.
      per10kPass: rollupPer10kPass(r),
      continuity: { status: 'unchecked' } as const,
      towns: {
        checked: sum((c) => c.towns.checked),
        passed: sum((c) => c.towns.passed),
        failed: sum((c) => c.towns.failed),
      },
      townships: {
        total: sum((c) => c.townships.total),
        without5g: inside.flatMap((c) => c.townships.without5g),
      },
      popUncovered: r.gaps.popUncovered,
      populationUnknown: inside
        .filter((c) => c.population === null)
        .map((c) => ({ code: c.code, name: c.name, population: null })),
    };
    return { ...base, ...statusOf(base) };
  };

  const rows: ComplianceRow[] = [];
  const placed = new Set<string>();
  const pushCounty = (c: ComplianceRow) => {
    rows.push(c);
    for (const t of townsOf.get(c.code) ?? []) {
      rows.push(townshipRow(t));
      placed.add(t.code);
    }
  };
  const provinces = rollups.filter((r) => r.level === 'province');
  const prefectures = rollups.filter((r) => r.level === 'prefecture');
  const usedCounties = new Set<string>();
  for (const p of provinces) {
    rows.push(rollupRow(p));
    for (const f of prefectures.filter((x) => provinceOf(x.code) === p.code)) {
      rows.push(rollupRow(f));
      for (const c of countyRows.filter((x) => prefectureOf(x.code) === f.code)) {
        pushCounty(c);
        usedCounties.add(c.code);
      }
    }
  }
  for (const c of countyRows) if (!usedCounties.has(c.code)) pushCounty(c);
  for (const t of townships) if (!placed.has(t.code)) rows.push(townshipRow(t));
  return { rules, rows };
}

/** Rows that fail at least one rule (and, to keep the tree navigable, nothing else). */
export function failuresOnly(rows: readonly ComplianceRow[]): ComplianceRow[] {
  return rows.filter((r) => r.status === 'fail');
}

/** Direct children of a row (drill-down): prefectures of a province, counties of a prefecture… */
export function childrenOf(rows: readonly ComplianceRow[], code: string): ComplianceRow[] {
  return rows.filter((r) => r.parent === code);
}

export type ComplianceRank = 'sitesMissing' | 'popUncovered' | 'failures' | 'per10k';

/**
 * Worst first: by the chosen key, ties broken by the number of failed rules, then by code
 * (stable and reproducible across runs). Unknowns (null) sort last.
 */
export function rankRows(rows: readonly ComplianceRow[], by: ComplianceRank): ComplianceRow[] {
  const key = (r: ComplianceRow): number | null => {
    switch (by) {
      case 'sitesMissing':
        return r.sitesMissing;
      case 'popUncovered':
        return r.popUncovered;
      case 'failures':
        return r.failures.length;
      case 'per10k':
        // Lowest per-10k is the worst.
        return r.sitesPer10k === null ? null : -r.sitesPer10k;
    }
  };
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else if (ka !== kb) return kb - ka;
    return (
      b.failures.length - a.failures.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
    );
  });
}

export interface UncoveredEntry {
  code: string;
  name: string;
  /** County code of a township; the county itself for a county town. */
  county: string | null;
  population: number;
}

/** Townships with the most people in NR gaps, most first. */
export function townshipsMostUncovered(
  townships: readonly AreaResult[],
  n: number,
): UncoveredEntry[] {
  return townships
    .filter((t) => t.level === 'township' && t.gaps.popUncovered > 0)
    .map((t) => ({ code: t.code, name: t.name, county: t.parent, population: t.gaps.popUncovered }))
    .sort((a, b) => b.population - a.population || (a.code < b.code ? -1 : 1))
    .slice(0, n);
}

/** County towns with the most people outside RedCap coverage (needs TownDetail), most first. */
export function townsMostUncovered(c: Compliance, n: number): UncoveredEntry[] {
  const out: UncoveredEntry[] = [];
  for (const r of c.rows) {
    if (r.level !== 'county' || r.continuity.status === 'unchecked') continue;
    const p = r.continuity.uncoveredPopulation;
    if (p !== null && p > 0)
      out.push({ code: r.code, name: r.name, county: r.code, population: p });
  }
  return out.sort((a, b) => b.population - a.population || (a.code < b.code ? -1 : 1)).slice(0, n);
}
