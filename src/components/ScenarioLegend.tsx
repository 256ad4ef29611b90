import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FOOTPRINT_COLORS } from '../map/scenario-colors';
import { setFootprintsShown } from '../store/scenario-actions';
import { useAppStore } from '../store/store';

export type ScenarioLegendEntry =
  'added' | 'updated' | 'removed' | 'picked' | 'plan' | 'nr' | 'redcap' | 'before';

/**
 * The legend of the scenario layers on the map: the markers of new, changed, removed,
 * picked and planner-proposed sites, and the footprint outlines (with a switch). Shown
 * while a scenario is open or a plan is on the map.
 */
export function ScenarioLegend({ entries }: { entries: readonly ScenarioLegendEntry[] }) {
  const { t } = useTranslation();
  const shown = useAppStore((s) => s.footprintsShown);
  const view = useAppStore((s) => s.scenarioView);
  const capped = view && view.footprintSites < view.sites.length ? view.footprintSites : null;
  if (entries.length === 0) return null;
  const line = (color: string, dashed = false) => (
    <span
      className={dashed ? 'legend-line legend-dashed' : 'legend-line'}
      style={{ borderColor: color }}
    />
  );
  const mark = (cls: string) => <span className={`scenario-marker legend-marker ${cls}`} />;
  const item: Record<ScenarioLegendEntry, ReactNode> = {
    added: mark('added'),
    updated: mark('updated'),
    removed: mark('removed'),
    picked: mark('picked'),
    plan: <span className="scenario-marker legend-marker plan">1</span>,
    nr: line(FOOTPRINT_COLORS.nr),
    redcap: line(FOOTPRINT_COLORS.redcap),
    before: line(FOOTPRINT_COLORS.before, true),
  };
  const footprint = (e: ScenarioLegendEntry) => e === 'nr' || e === 'redcap' || e === 'before';
  return (
    <div className="scenario-legend" data-testid="scenario-legend">
      <strong>{t('scenarios.legend.title')}</strong>
      <ul className="legend">
        {entries
          .filter((e) => shown || !footprint(e))
          .map((e) => (
            <li key={e} data-entry={e}>
              {item[e]}
              {t(`scenarios.legend.${e}`)}
            </li>
          ))}
      </ul>
      {entries.some(footprint) && (
        <label>
          <input
            type="checkbox"
            data-testid="scenario-footprints-toggle"
            checked={shown}
            onChange={(e) => setFootprintsShown(e.target.checked)}
          />{' '}
          {t('scenarios.legend.show')}
        </label>
      )}
      {shown && capped !== null && (
        <p className="hint">{t('scenarios.legend.capped', { count: capped })}</p>
      )}
    </div>
  );
}
