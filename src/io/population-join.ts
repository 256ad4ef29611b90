import type { Area } from '../core/area';
import {
  CODE_CHANGES_SOURCE,
  codeChangeOf,
  describeCodeChange,
  equivalentCodes,
  type CodeChange,
} from './admin-code-changes';
import type { ImportIssue } from './issues';
import type { PopulationRow } from './population-csv';

/** An area joined to the row of another code of the same unit (admin-code-changes.ts). */
export interface AppliedCodeChange {
  /** The boundary's code and name. */
  areaCode: string;
  areaName: string;
  /** The population row it got its figure from. */
  rowCode: string;
  rowName: string;
  /** The recodes between the two codes, in time order. */
  changes: CodeChange[];
}

export interface PopulationJoinResult {
  /** New Area objects (inputs untouched); population set where a row matched. */
  areas: Area[];
  matched: number;
  /** Rows whose code matches no area (aggregates excluded). */
  unmatchedRows: number;
  areasWithoutPopulation: number;
  /** The areas no row matched, even through a code change, in input order. */
  withoutPopulation: { code: string; name: string }[];
  /** Areas joined through a code change, one per area. */
  codeChanges: AppliedCodeChange[];
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
  const viaChange = codeChangeJoins(areas, byCode, areaCodes);
  const claimed = new Set([...viaChange.values()].map((c) => c.rowCode));
  let matched = 0;
  const out = areas.map((a) => {
    const change = viaChange.get(a.code);
    const r = byCode.get(change ? change.rowCode : a.code);
    if (!r) return { ...a };
    matched++;
    const via = change
      ? `, code ${r.code}: ${change.changes.map(describeCodeChange).join('; ')}`
      : '';
    return {
      ...a,
      population: {
        total: r.total,
        urban: r.urban,
        rural: r.rural,
        source: `${file} (row ${r.row}${via})`,
      },
    };
  });
  for (const c of viaChange.values()) {
    const row = byCode.get(c.rowCode)!;
    issues.push({
      file,
      row: row.row,
      field: 'code',
      value: c.areaCode,
      code: 'population-code-change',
      params: {
        name: c.areaName,
        code: c.areaCode,
        rowCode: c.rowCode,
        rowName: row.name,
        changes: c.changes.map(describeCodeChange).join('; '),
        source: CODE_CHANGES_SOURCE,
      },
      message: codeChangeNote(c),
    });
  }

  let aggregateRows = 0;
  const aggregateExamples: string[] = [];
  let unmatchedRows = 0;
  for (const r of rows) {
    if (areaCodes.has(r.code) || claimed.has(r.code)) continue;
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
  const withoutPopulation: { code: string; name: string }[] = [];
  for (const a of out) {
    if (byCode.has(a.code) || viaChange.has(a.code)) continue;
    areasWithoutPopulation++;
    withoutPopulation.push({ code: a.code, name: a.name });
    const retired = a.code.length === 6 ? codeChangeOf(a.code) : undefined;
    if (retired && retired.kind !== 'recode') {
      issues.push({
        file,
        field: 'code',
        value: a.code,
        code: 'area-code-retired',
        params: {
          name: a.name,
          code: a.code,
          kind: retired.kind,
          change: describeCodeChange(retired),
        },
        message: `${a.name} (${a.code}): the code was retired in ${retired.year} (${describeCodeChange(retired)}, ${retired.kind}); no one-to-one population row`,
      });
    }
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
  return {
    areas: out,
    matched,
    unmatchedRows,
    areasWithoutPopulation,
    withoutPopulation,
    codeChanges: [...viaChange.values()],
    aggregateRows,
    issues,
  };
}

/**
 * Areas with no row of their own code that have a row under another code of the same unit
 * (a later code — old boundaries, newer census — or an earlier one), nearest first. A row
 * that is some area's own code, or already taken by another area, is not used. County
 * codes only: township codes are renumbered with their county unpredictably.
 */
function codeChangeJoins(
  areas: readonly Area[],
  byCode: ReadonlyMap<string, PopulationRow>,
  areaCodes: ReadonlySet<string>,
): Map<string, AppliedCodeChange> {
  const out = new Map<string, AppliedCodeChange>();
  const taken = new Set<string>();
  for (const a of areas) {
    if (a.code.length !== 6 || byCode.has(a.code) || out.has(a.code)) continue;
    for (const eq of equivalentCodes(a.code)) {
      const r = byCode.get(eq.code);
      if (!r || areaCodes.has(eq.code) || taken.has(eq.code)) continue;
      taken.add(eq.code);
      out.set(a.code, {
        areaCode: a.code,
        areaName: a.name,
        rowCode: r.code,
        rowName: r.name,
        changes: eq.changes,
      });
      break;
    }
  }
  return out;
}

/**
 * One line per applied change, for reports and notes: "630122 湟中县: population of row
 * 630106 湟中区 by the code change 630122 湟中县 → 630106 湟中区 (2019, 国函〔2019〕106号)".
 */
export function codeChangeNote(c: AppliedCodeChange): string {
  return `${c.areaCode} ${c.areaName}: population of row ${c.rowCode} ${c.rowName} by the code change ${c.changes.map(describeCodeChange).join('; ')} (source: ${CODE_CHANGES_SOURCE})`;
}

/** Notes for a report: each applied code change, then the areas left without population. */
export function populationJoinNotes(j: PopulationJoinResult, fileName: string): string[] {
  const notes = j.codeChanges.map(codeChangeNote);
  const without = withoutPopulationNote(j.withoutPopulation, fileName);
  return without ? [...notes, without] : notes;
}

/**
 * "FILE: no population for 1 area (population unknown; roll-ups are over the others):
 * 632825 海西蒙古族藏族自治州直辖"; null when every area has one.
 */
export function withoutPopulationNote(
  without: readonly { code: string; name: string }[],
  fileName: string | null,
): string | null {
  if (without.length === 0) return null;
  const shown = without.slice(0, MAX_LISTED).map((a) => `${a.code} ${a.name}`.trim());
  const more = without.length > MAX_LISTED ? `, … ${without.length - MAX_LISTED} more` : '';
  const n = `${without.length} area${without.length === 1 ? '' : 's'}`;
  return `${fileName ? `${fileName}: ` : ''}no population for ${n} (population unknown; roll-ups are over the others): ${shown.join(', ')}${more}`;
}

/** Areas named in the note on areas without population; the count is always exact. */
const MAX_LISTED = 100;
