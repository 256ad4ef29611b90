import { useEffect } from 'react';
import { redoScenario, setScenarioTool, undoScenario } from '../store/scenario-actions';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/**
 * Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z, ⌘ on macOS) undo and redo scenario edits, except
 * while typing in a field, where they belong to the field. Esc leaves a map tool.
 */
export function useUndoKeys(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setScenarioTool('none');
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey || typing(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undoScenario();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redoScenario();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
