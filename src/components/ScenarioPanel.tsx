import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';
import {
  activateScenario,
  createScenario,
  deleteScenario,
  redoScenario,
  renameScenario,
  undoScenario,
} from '../store/scenario-actions';
import { useAppStore } from '../store/store';
import { ScenarioEditList } from './ScenarioEditList';
import { ScenarioFileTools } from './ScenarioFileTools';
import { ScenarioMetrics } from './ScenarioMetrics';
import { ScenarioSection } from './ScenarioSection';
import { ScenarioSiteTools } from './ScenarioSiteTools';
import { ScenarioTotals } from './ScenarioTotals';
import { useUndoKeys } from './use-undo-keys';
import './scenarios.css';

/** The scenario list, undo/redo, the edit tools and the open scenario's metrics. */
export function ScenarioPanel() {
  const { t, i18n } = useTranslation();
  const scenarios = useAppStore((s) => s.scenarios);
  const activeId = useAppStore((s) => s.activeScenarioId);
  const view = useAppStore((s) => s.scenarioView);
  const busy = useAppStore((s) => s.scenarioBusy);
  const message = useAppStore((s) => s.scenarioMessage);
  const planning = useAppStore((s) => s.plannerJob !== null);
  const active = scenarios.find((r) => r.id === activeId) ?? null;
  useUndoKeys(activeId !== null);
  const locked = busy || planning || !view;
  const names = useMemo(() => new Map((view?.areas ?? []).map((a) => [a.code, a.name])), [view]);
  const base = view?.scenario.base.stations;

  return (
    <ScenarioSection id="scenarios">
      <div className="scenario-row">
        <label>
          {t('scenarios.list')}{' '}
          <select
            data-testid="scenario-list"
            value={activeId ?? ''}
            disabled={planning}
            onChange={(e) => void activateScenario(e.target.value || null)}
          >
            <option value="">{t('scenarios.none')}</option>
            {scenarios.map((r) => (
              <option key={r.id} value={r.id}>
                {r.scenario.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="scenario-new"
          disabled={planning}
          onClick={() => void createScenario()}
        >
          {t('scenarios.new')}
        </button>
      </div>
      {active && (
        // Keyed by the saved name, so the field starts from it again after a rename.
        <RenameRow
          key={`${active.id}:${active.scenario.name}`}
          id={active.id}
          saved={active.scenario.name}
          locked={planning}
        />
      )}
      {active && (
        <div className="scenario-row" data-testid="scenario-undo-bar">
          <button
            type="button"
            data-testid="scenario-undo"
            title={t('scenarios.undoHint')}
            disabled={locked || !view?.canUndo}
            onClick={() => void undoScenario()}
          >
            ↶ {t('scenarios.undo')}
          </button>
          <button
            type="button"
            data-testid="scenario-redo"
            title={t('scenarios.redoHint')}
            disabled={locked || !view?.canRedo}
            onClick={() => void redoScenario()}
          >
            ↷ {t('scenarios.redo')}
          </button>
          {busy ? (
            <span className="hint" data-testid="scenario-busy">
              {t('scenarios.busy')}
            </span>
          ) : (
            view && (
              <span
                className="hint"
                data-testid="scenario-engine"
                data-edits={view.scenario.edits.length}
                data-entries={view.log.length}
              >
                {t('scenarios.engineTime', {
                  count: view.log.length,
                  ms: formatNumber(view.engineMs, i18n.language, 1),
                })}
              </span>
            )
          )}
        </div>
      )}
      {message && (
        <p className="error" role="alert" data-testid="scenario-message">
          {t(message.key, message.params)}
        </p>
      )}
      {scenarios.length === 0 && <p className="hint">{t('scenarios.empty')}</p>}
      {view && base && base !== view.baseHash && (
        <p className="warning" data-testid="scenario-other-base">
          {t('scenarios.otherBase')}
        </p>
      )}
      {active && <ScenarioSiteTools disabled={locked} />}
      {active && view && <ScenarioTotals view={view} names={names} />}
      {active && view && (
        <ScenarioEditList log={view.log} edits={view.scenario.edits.length} names={names} />
      )}
      {active && view && <ScenarioMetrics view={view} />}
      <ScenarioFileTools activeId={activeId} />
    </ScenarioSection>
  );
}

function RenameRow({ id, saved, locked }: { id: string; saved: string; locked: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState(saved);
  return (
    <div className="scenario-row">
      <input
        data-testid="scenario-name"
        aria-label={t('scenarios.rename')}
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') renameScenario(id, name);
        }}
      />
      <button
        type="button"
        data-testid="scenario-rename"
        disabled={!name.trim() || name.trim() === saved}
        onClick={() => renameScenario(id, name)}
      >
        {t('scenarios.rename')}
      </button>
      <button
        type="button"
        data-testid="scenario-delete"
        disabled={locked}
        onClick={() => {
          if (window.confirm(t('scenarios.confirmDelete', { name: saved })))
            void deleteScenario(id);
        }}
      >
        {t('scenarios.delete')}
      </button>
    </div>
  );
}
