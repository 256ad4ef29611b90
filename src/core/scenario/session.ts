import { editChange, isIssue, type EditIssue, type SiteChange } from './apply';
import type { ScenarioEvaluator } from './evaluator';
import type { Scenario, ScenarioEdit } from './types';

/**
 * Editing a scenario on a live evaluator, with undo and redo. One `apply` call (one
 * user action, e.g. "upgrade every site in this township") is one undo step; undo
 * replays the step's site changes backwards with before and after swapped (the inverse
 * edits), so the metrics return to exactly what they were.
 */
export interface ScenarioSession {
  readonly evaluator: ScenarioEvaluator;
  /** Edits of the starting scenario that could not apply (stale ids); they are dropped. */
  readonly startIssues: EditIssue[];
  /** The scenario with the edits applied so far (undone edits are not in it). */
  scenario(): Scenario;
  /** Applies edits as one undo step; returns the edits that could not apply. */
  apply(edits: readonly ScenarioEdit[]): EditIssue[];
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
}

interface Step {
  edits: ScenarioEdit[];
  changes: SiteChange[];
}

export function createSession(evaluator: ScenarioEvaluator, start: Scenario): ScenarioSession {
  const base: Scenario = { ...start, edits: [] };
  const done: Step[] = [];
  const undone: Step[] = [];

  const run = (changes: readonly SiteChange[], backwards: boolean) => {
    if (backwards) {
      for (let i = changes.length - 1; i >= 0; i--)
        evaluator.setSite(changes[i].id, changes[i].before);
    } else for (const ch of changes) evaluator.setSite(ch.id, ch.after);
  };

  function apply(edits: readonly ScenarioEdit[]): EditIssue[] {
    const issues: EditIssue[] = [];
    const step: Step = { edits: [], changes: [] };
    const offset = done.reduce((n, s) => n + s.edits.length, 0);
    edits.forEach((e, i) => {
      const ch = editChange(evaluator.sites, e, offset + i);
      if (isIssue(ch)) {
        issues.push(ch);
        return;
      }
      evaluator.setSite(ch.id, ch.after);
      step.edits.push(e);
      step.changes.push(ch);
    });
    if (step.edits.length > 0) {
      done.push(step);
      undone.length = 0;
    }
    return issues;
  }

  const session: ScenarioSession = {
    evaluator,
    startIssues: [],
    scenario: () => ({ ...base, edits: done.flatMap((s) => s.edits) }),
    apply,
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
  if (start.edits.length > 0) session.startIssues.push(...apply(start.edits));
  return session;
}
