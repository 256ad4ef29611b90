import { editChange, isIssue, type EditIssue, type SiteChange } from './apply';
import type { ScenarioEvaluator } from './evaluator';
import { applyMeasured, type EditImpact } from './impact';
import type { EditGroup, Scenario, ScenarioEdit } from './types';

/**
 * Editing a scenario on a live evaluator, with undo and redo. One `apply` call (one
 * user action, e.g. "upgrade every site in this township") is one undo step; undo
 * replays the step's site changes backwards with before and after swapped (the inverse
 * edits), so the metrics return to exactly what they were.
 *
 * Each edit's impact (impact.ts) is measured as it is first applied, against the state
 * before it; a redo replays the same changes onto the same state, so the recorded
 * impacts stay true and are not measured again.
 */
export interface ScenarioSession {
  readonly evaluator: ScenarioEvaluator;
  /** Edits of the starting scenario that could not apply (stale ids); they are dropped. */
  readonly startIssues: EditIssue[];
  /** The scenario with the edits applied so far (undone edits are not in it). */
  scenario(): Scenario;
  /** The impact of every edit of `scenario()`, in edit order (empty when not measured). */
  impacts(): EditImpact[];
  /**
   * Applies edits as one undo step; returns the edits that could not apply. With `group`
   * the applied edits are one named entry of the scenario's log.
   */
  apply(edits: readonly ScenarioEdit[], group?: GroupLabel): EditIssue[];
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
}

/** What names a group; its place in the edit list is the session's business. */
export type GroupLabel = Omit<EditGroup, 'first' | 'count'>;

export interface SessionOptions {
  /** Measure each edit's impact (default true; comparisons replaying a scenario skip it). */
  impacts?: boolean;
}

interface Step {
  edits: ScenarioEdit[];
  changes: SiteChange[];
  impacts: EditImpact[];
  /** Groups with `first` relative to the step's first edit. */
  groups: EditGroup[];
}

export function createSession(
  evaluator: ScenarioEvaluator,
  start: Scenario,
  options: SessionOptions = {},
): ScenarioSession {
  const measure = options.impacts !== false;
  const { groups: _groups, ...rest } = start;
  const base: Scenario = { ...rest, edits: [] };
  const done: Step[] = [];
  const undone: Step[] = [];

  const run = (changes: readonly SiteChange[], backwards: boolean) => {
    if (backwards) {
      for (let i = changes.length - 1; i >= 0; i--)
        evaluator.setSite(changes[i].id, changes[i].before);
    } else for (const ch of changes) evaluator.setSite(ch.id, ch.after);
  };

  /**
   * Applies `edits` as one step; `groups` are runs of `edits` (indices into it) to keep
   * as groups, shrunk to the edits that applied.
   */
  function applyStep(edits: readonly ScenarioEdit[], groups: readonly EditGroup[]): EditIssue[] {
    const issues: EditIssue[] = [];
    const step: Step = { edits: [], changes: [], impacts: [], groups: [] };
    const offset = done.reduce((n, s) => n + s.edits.length, 0);
    // Where each input edit landed in the step (-1: it did not apply).
    const landed = new Int32Array(edits.length).fill(-1);
    edits.forEach((e, i) => {
      const ch = editChange(evaluator.sites, e, offset + i);
      if (isIssue(ch)) {
        issues.push(ch);
        return;
      }
      if (measure) step.impacts.push(applyMeasured(evaluator, ch.id, ch.after));
      else evaluator.setSite(ch.id, ch.after);
      landed[i] = step.edits.length;
      step.edits.push(e);
      step.changes.push(ch);
    });
    for (const g of groups) {
      let first = -1;
      let count = 0;
      for (let i = g.first; i < g.first + g.count && i < edits.length; i++) {
        if (landed[i] < 0) continue;
        if (first < 0) first = landed[i];
        count++;
      }
      if (count > 0) step.groups.push({ ...g, first, count });
    }
    if (step.edits.length > 0) {
      done.push(step);
      undone.length = 0;
    }
    return issues;
  }

  const session: ScenarioSession = {
    evaluator,
    startIssues: [],
    scenario: () => {
      const groups: EditGroup[] = [];
      let offset = 0;
      for (const s of done) {
        for (const g of s.groups) groups.push({ ...g, first: g.first + offset });
        offset += s.edits.length;
      }
      const edits = done.flatMap((s) => s.edits);
      return groups.length > 0 ? { ...base, edits, groups } : { ...base, edits };
    },
    impacts: () => done.flatMap((s) => s.impacts),
    apply: (edits, group) =>
      applyStep(edits, group ? [{ ...group, first: 0, count: edits.length }] : []),
    undo() {
      const step = done.pop();
      if (!step) return false;
      run(step.changes, true);
      undone.push(step);
      return true;
    },
    redo() {
      const step = undone.pop();
      if (!step) return false;
      run(step.changes, false);
      done.push(step);
      return true;
    },
    canUndo: () => done.length > 0,
    canRedo: () => undone.length > 0,
  };
  if (start.edits.length > 0)
    session.startIssues.push(...applyStep(start.edits, validGroups(start)));
  return session;
}

/** A scenario's groups that lie inside its edits, in order and without overlaps. */
function validGroups(s: Scenario): EditGroup[] {
  const out: EditGroup[] = [];
  let end = 0;
  for (const g of s.groups ?? []) {
    if (g.count < 1 || g.first < end || g.first + g.count > s.edits.length) continue;
    out.push(g);
    end = g.first + g.count;
  }
  return out;
}
