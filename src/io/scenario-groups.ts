import type { EditGroup } from '../core/scenario/types';

/**
 * The `groups` of a scenario file (DESIGN.md "Scenario file"; optional, added after the
 * first files were written, so files without it load as before): runs of consecutive
 * edits made as one action, e.g. every NR site of an area upgraded to RedCap. The edits
 * themselves stay in `edits`; a group only names them, so a reader that skips groups
 * applies the same changes.
 */

export interface GroupProblem {
  path: string;
  message: string;
  unknownField?: boolean;
}

const KEYS = ['kind', 'code', 'name', 'first', 'count'];
const KINDS: readonly EditGroup['kind'][] = ['upgrade-area'];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Validated groups of `v` over `editCount` edits, with one problem per bad field. */
export function parseGroups(
  v: unknown,
  editCount: number,
): { groups: EditGroup[]; problems: GroupProblem[] } {
  const problems: GroupProblem[] = [];
  const groups: EditGroup[] = [];
  if (!Array.isArray(v)) {
    problems.push({ path: '$.groups', message: 'must be an array' });
    return { groups, problems };
  }
  let end = 0;
  v.forEach((g, i) => {
    const path = `$.groups[${i}]`;
    if (!isObject(g)) return void problems.push({ path, message: 'must be an object' });
    const before = problems.length;
    for (const k of Object.keys(g))
      if (!KEYS.includes(k))
        problems.push({
          path: `${path}.${k}`,
          message: `unknown field "${k}"`,
          unknownField: true,
        });
    if (!KINDS.includes(g.kind as EditGroup['kind']))
      problems.push({ path: `${path}.kind`, message: `must be one of ${KINDS.join(', ')}` });
    for (const [k, max] of [
      ['code', 20],
      ['name', 200],
    ] as const) {
      const s = g[k];
      if (typeof s !== 'string' || s.length > max)
        problems.push({
          path: `${path}.${k}`,
          message: `must be a string of at most ${max} characters`,
        });
    }
    if (!isIndex(g.first) || g.first < end || g.first >= editCount)
      problems.push({
        path: `${path}.first`,
        message: `must be an edit index from ${end} to ${editCount - 1} (groups are in edit order and do not overlap)`,
      });
    else if (!isIndex(g.count) || g.count < 1 || g.first + g.count > editCount)
      problems.push({
        path: `${path}.count`,
        message: `must be a whole number from 1 to ${editCount - g.first}`,
      });
    if (problems.length > before) return;
    const ok = g as unknown as EditGroup;
    groups.push({ kind: ok.kind, code: ok.code, name: ok.name, first: ok.first, count: ok.count });
    end = ok.first + ok.count;
  });
  return { groups, problems };
}
