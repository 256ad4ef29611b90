import { CODE_CHANGE_ROWS } from './admin-code-changes-data';

/**
 * GB/T 2260 code changes of county- and prefecture-level units since 2010, so boundaries
 * and census tables of different years still join (DataV's 630122 湟中县 is the census's
 * 630106 湟中区).
 *
 * Source: 民政部《中华人民共和国县级以上行政区划代码》(yearly lists) and 《县级以上行政区划
 * 变更情况》, as compiled in the public-domain (CC0 1.0) dataset yescallop/areacodes
 * (result.csv, the new-code column of every abolished record, and diff/*.diff, the document
 * number of each approval; snapshot of 2025-11-04, changes up to the 2024 list). Selected:
 * every county- and prefecture-level record abolished in the lists of 2010 to 2024. The year
 * is that of the first list without the old code.
 *
 * Kinds: `recode` — the whole unit lives on under one new code that no other unit merged
 * into (撤县设区/市, 更名, a change of the prefecture above): the only kind a population join
 * follows; `merge` — merged with others into the new code; `split` — divided between
 * several codes; `abolished` — no successor recorded (prefectures whose counties moved to a
 * new prefecture code, e.g. 632100 海东地区 → 630200 海东市).
 */
export const CODE_CHANGES_SOURCE =
  '民政部 县级以上行政区划代码及变更情况（经 yescallop/areacodes 整理，CC0）';

export type CodeChangeKind = 'recode' | 'merge' | 'split' | 'abolished';

export type CodeChangeRow = readonly [
  old: string,
  oldName: string,
  newCodes: string,
  newNames: string,
  year: number,
  kind: CodeChangeKind,
  document: string,
];

export interface CodeChange {
  old: string;
  oldName: string;
  /** One code for recode and merge, several for split, none for abolished. */
  new: string[];
  newNames: string[];
  /** The first yearly list without the old code. */
  year: number;
  kind: CodeChangeKind;
  /** The approval's document number (文号), else its title. */
  document: string;
}

let byOld: Map<string, CodeChange> | null = null;
let byNew: Map<string, CodeChange> | null = null;

function tables(): { byOld: Map<string, CodeChange>; byNew: Map<string, CodeChange> } {
  if (!byOld || !byNew) {
    byOld = new Map();
    byNew = new Map();
    for (const [old, oldName, codes, names, year, kind, document] of CODE_CHANGE_ROWS) {
      const c: CodeChange = {
        old,
        oldName,
        new: codes ? codes.split(';') : [],
        newNames: names ? names.split(';') : [],
        year,
        kind,
        document,
      };
      byOld.set(old, c);
      // A recode's new code has exactly one predecessor (else it is a merge).
      if (kind === 'recode') byNew.set(c.new[0], c);
    }
  }
  return { byOld, byNew };
}

/** The change that retired `code`, if it was retired since 2010. */
export function codeChangeOf(code: string): CodeChange | undefined {
  return tables().byOld.get(code);
}

/** Every change in the table, by old code. */
export function allCodeChanges(): CodeChange[] {
  return [...tables().byOld.values()];
}

export interface EquivalentCode {
  code: string;
  /** The recodes between the two codes, in time order. */
  changes: CodeChange[];
}

/**
 * The codes the same unit has had in other years through one-to-one recodes: later codes
 * first (nearest first), then earlier ones (nearest first). Merges and splits are not
 * followed: a merged unit's population is not its predecessor's.
 */
export function equivalentCodes(code: string): EquivalentCode[] {
  const { byOld: fwd, byNew: back } = tables();
  const out: EquivalentCode[] = [];
  const seen = new Set([code]);
  let path: CodeChange[] = [];
  for (let c = fwd.get(code); c && c.kind === 'recode' && !seen.has(c.new[0]);) {
    path = [...path, c];
    seen.add(c.new[0]);
    out.push({ code: c.new[0], changes: path });
    c = fwd.get(c.new[0]);
  }
  path = [];
  for (let c = back.get(code); c && !seen.has(c.old); c = back.get(c.old)) {
    path = [c, ...path];
    seen.add(c.old);
    out.push({ code: c.old, changes: path });
  }
  return out;
}

/** "630122 湟中县 → 630106 湟中区 (2019, 国函〔2019〕106号)" */
export function describeCodeChange(c: CodeChange): string {
  const to = c.new.map((code, i) => `${code} ${c.newNames[i] ?? ''}`.trim()).join(', ');
  return `${c.old} ${c.oldName} → ${to || '—'} (${c.year}, ${c.document})`;
}
