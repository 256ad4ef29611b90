import { useTranslation } from 'react-i18next';
import type { ScenarioEdit } from '../core/scenario/types';

const SHOWN = 50;

/** The edits of the open scenario, newest last, as short sentences. */
export function ScenarioEditList({ edits }: { edits: ScenarioEdit[] }) {
  const { t } = useTranslation();
  if (edits.length === 0) return null;
  const shown = edits.slice(-SHOWN);
  const text = (e: ScenarioEdit) => {
    if (e.op === 'add') return t('scenarios.edits.add', { id: e.station.id });
    if (e.op === 'remove') return t('scenarios.edits.remove', { id: e.id });
    const fields = Object.entries(e.set)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : String(v)}`)
      .join(', ');
    return t('scenarios.edits.update', { id: e.id, fields });
  };
  return (
    <details className="scenario-edits" data-testid="scenario-edits">
      <summary>{t('scenarios.edits.title', { count: edits.length })}</summary>
      {edits.length > SHOWN && (
        <p className="hint">{t('scenarios.edits.more', { count: edits.length - SHOWN })}</p>
      )}
      <ol start={edits.length - shown.length + 1}>
        {shown.map((e, i) => (
          <li key={i}>{text(e)}</li>
        ))}
      </ol>
    </details>
  );
}
