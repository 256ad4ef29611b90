import { useTranslation } from 'react-i18next';
import type { ScenarioView } from '../worker/scenario-protocol';
import { namesOf, signedKm2, signedPeople } from './impact-format';
import { formatPeople } from './metric-format';

/**
 * The open scenario against the baseline, over every area: people and km² newly covered
 * by NR and RedCap, people still uncovered, gaps closed and opened, county-town verdicts
 * changed — the totals of the log's entries.
 */
export function ScenarioTotals({
  view,
  names,
}: {
  view: ScenarioView;
  names: ReadonlyMap<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const x = view.total;
  return (
    <div className="scenario-totals" data-testid="scenario-totals">
      <h4>{t('scenarios.totals.title')}</h4>
      {!x && <p className="hint">{t('scenarios.totals.empty')}</p>}
      <dl>
        {x && (
          <>
            <dt>{t('scenarios.totals.nrNew')}</dt>
            <dd data-field="nr" data-people={Math.round(x.nrPeople)} data-km2={x.nrKm2}>
              {t('scenarios.totals.value', {
                people: signedPeople(x.nrPeople, lang),
                km2: signedKm2(x.nrKm2, lang),
              })}
            </dd>
            <dt>{t('scenarios.totals.redcapNew')}</dt>
            <dd data-field="redcap" data-people={Math.round(x.redcapPeople)} data-km2={x.redcapKm2}>
              {t('scenarios.totals.value', {
                people: signedPeople(x.redcapPeople, lang),
                km2: signedKm2(x.redcapKm2, lang),
              })}
            </dd>
          </>
        )}
        <dt>{t('scenarios.totals.uncovered')}</dt>
        <dd data-field="uncovered" data-people={Math.round(view.uncovered.nr)}>
          {t('scenarios.totals.uncoveredValue', {
            nr: formatPeople(view.uncovered.nr, lang),
            redcap: formatPeople(view.uncovered.redcap, lang),
          })}
        </dd>
        {x && (
          <>
            <dt>{t('scenarios.totals.gaps')}</dt>
            <dd data-field="gaps" data-closed={x.gapsClosed} data-opened={x.gapsOpened}>
              {t('scenarios.totals.gapsValue', { closed: x.gapsClosed, opened: x.gapsOpened })}
            </dd>
            <dt>{t('scenarios.totals.towns')}</dt>
            <dd data-field="towns">
              {x.townsGained.length === 0 && x.townsLost.length === 0 && (
                <span>{t('scenarios.totals.townsNone')}</span>
              )}
              {x.townsGained.length > 0 && (
                <span className="delta-up">
                  {t('scenarios.totals.townsGained', {
                    names: namesOf(x.townsGained, names, t('scenarios.listSep')),
                  })}
                </span>
              )}
              {x.townsLost.length > 0 && (
                <span className="delta-down">
                  {t('scenarios.totals.townsLost', {
                    names: namesOf(x.townsLost, names, t('scenarios.listSep')),
                  })}
                </span>
              )}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
