import type { Area } from '../core/area';
import type { ImportIssue } from './issues';
import type { PopulationRow } from './population-csv';

export interface PopulationJoinResult {
  /** New Area objects (inputs untouched); population set where a row matched. */
  areas: Area[];
  matched: number;
  /** Rows whose code matches no area (aggregates excluded). */
  unmatchedRows: number;
  areasWithoutPopulation: number;
  /** Province/prefecture totals and other enclosing units, skipped without error. */
  aggregateRows: number;
  issues: ImportIssue[];
}

/**
 * A row that sums other units rather than being one: a province (xx0000) or prefecture
 * (xxxx00) total, or any code that encloses an imported area (a county total in a township
 * table). Only checked for rows that match no area, so the four prefecture-level cities
 * without counties (东莞 441900, 中山 442000, 嘉峪关 620200, 儋州 460400), which are areas
 * themselves, still join.
 */
function isAggregate(code: string, areaPrefixes: ReadonlySet<string>): boolean {
  if (code.length === 6 && code.endsWith('00')) return true;
  return areaPrefixes.has(code);
}

/**
 * Set each area's population from the row with the same code. Reports rows with no area,
 * areas with no row (one issue each) and the aggregate rows skipped (one issue in all).
 * A row's figure replaces a population that came with the boundaries.
 */
export function joinPopulation(
  areas: readonly Area[],
  rows: readonly PopulationRow[],
  fileName: string,
): PopulationJoinResult {
  const file = fileName;
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const areaCodes = new Set(areas.map((a) => a.code));
  const prefixes = new Set<string>();
  for (const a of areas) {
    // Enclosing units by code: county of a township, prefecture and province of a county.
    if (a.code.length === 9) prefixes.add(a.code.slice(0, 6));
    prefixes.add(`${a.code.slice(0, 4)}00`);
    prefixes.add(`${a.code.slice(0, 2)}0000`);
  }
  const issues: ImportIssue[] = [];
  let matched = 0;
  const out = areas.map((a) => {
    const r = byCode.get(a.code);
    if (!r) return { ...a };
    matched++;
    return {
      ...a,
      population: {
        total: r.total,
        urban: r.urban,
        rural: r.rural,
        source: `${file} (row ${r.row})`,
      },
    };
  });

  let aggregateRows = 0;
  const aggregateExamples: string[] = [];
  let unmatchedRows = 0;
  for (const r of rows) {
    if (areaCodes.has(r.code)) continue;
    if (isAggregate(r.code, prefixes)) {
      aggregateRows++;
      if (aggregateExamples.length < 3) aggregateExamples.push(`${r.code} ${r.name}`.trim());
      continue;
    }
    unmatchedRows++;
    issues.push({
      file,
      row: r.row,
      field: 'code',
      value: r.code,
      code: 'population-row-unmatched',
      params: { name: r.name, total: r.total },
      message: `${r.name || r.code}: no imported area has code ${r.code}; population ${r.total} not used`,
    });
  }
  if (aggregateRows > 0) {
    issues.push({
      file,
      code: 'population-aggregate-rows-ignored',
      params: { count: aggregateRows, examples: aggregateExamples.join(', ') },
      message: `${aggregateRows} province/prefecture total rows ignored (e.g. ${aggregateExamples.join(', ')})`,
    });
  }
  let areasWithoutPopulation = 0;
  for (const a of out) {
    if (byCode.has(a.code)) continue;
    areasWithoutPopulation++;
    issues.push({
      file,
      field: 'code',
      value: a.code,
      code: 'area-without-population',
      params: { name: a.name, code: a.code, kept: a.population ? 1 : 0 },
      message: a.population
        ? `${a.name} (${a.code}) has no row in ${file}; keeps the population from its boundary file (${a.population.total})`
        : `${a.name} (${a.code}) has no row in ${file}; its population is unknown`,
    });
  }
  return { areas: out, matched, unmatchedRows, areasWithoutPopulation, aggregateRows, issues };
}
