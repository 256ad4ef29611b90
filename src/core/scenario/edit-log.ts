import { sumImpacts, type EditImpact } from './impact';
import type { EditGroup, Scenario, ScenarioEdit } from './types';

/**
 * A scenario's edits as the log shows them: one entry per edit, except that a group
 * (e.g. "upgrade every NR site in 玉树市", one update per site) is one entry, with its
 * impact summed over its edits.
 */
export interface LogEntry {
  /** Index of the entry's first edit in `scenario.edits`, and how many edits it holds. */
  first: number;
  count: number;
  /** The entry's edit when it is a single one; null for a group. */
  edit: ScenarioEdit | null;
  group: EditGroup | null;
  /** Site ids the entry changes (one for a single edit, every site of a group). */
  ids: string[];
  impact: EditImpact | null;
}

export const editSiteId = (e: ScenarioEdit): string => (e.op === 'add' ? e.station.id : e.id);

/** `impacts` aligned with `s.edits`, or empty when they were not measured. */
export function editLog(s: Scenario, impacts: readonly EditImpact[]): LogEntry[] {
  const measured = impacts.length === s.edits.length;
  const out: LogEntry[] = [];
  const groups = [...(s.groups ?? [])].sort((a, b) => a.first - b.first);
  let g = 0;
  for (let i = 0; i < s.edits.length;) {
    while (g < groups.length && groups[g].first < i) g++;
    const group = groups[g]?.first === i ? groups[g] : null;
    const count = group ? Math.min(group.count, s.edits.length - i) : 1;
    const edits = s.edits.slice(i, i + count);
    out.push({
      first: i,
      count,
      edit: group ? null : edits[0],
      group,
      ids: edits.map(editSiteId),
      impact: measured ? sumImpacts(impacts.slice(i, i + count)) : null,
    });
    i += count;
  }
  return out;
}
