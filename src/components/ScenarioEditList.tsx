import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../core/scenario/edit-log';
import type { EditImpact } from '../core/scenario/impact';
import type { ScenarioEdit } from '../core/scenario/types';
import { formatNumber } from '../i18n';
import { impactShows, namesOf, signedKm2, signedPeople } from './impact-format';
import { formatPeople } from './metric-format';

const SHOWN = 50;
const GROUP_IDS_SHOWN = 200;

/**
 * The open scenario's log, newest last: one line per edit — one per action for an
 * action that changes many sites at once (upgrade every site of an area) — each with
 * what it did: people and km² newly covered by NR and RedCap, gaps closed and opened,
 * county towns whose verdict changed.
 */
export function ScenarioEditList({
  log,
  edits,
  names,
}: {
  log: LogEntry[];
  edits: number;
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  if (log.length === 0) return null;
  const shown = log.slice(-SHOWN);
  return (
    <details className="scenario-edits" data-testid="scenario-edits" open data-entries={log.length}>
      <summary>
        {edits > log.length
          ? t('scenarios.edits.titleSites', { count: log.length, edits })
          : t('scenarios.edits.title', { count: log.length })}
      </summary>
      {log.length > SHOWN && (
        <p className="hint">{t('scenarios.edits.more', { count: log.length - SHOWN })}</p>
      )}
      <ol start={log.length - shown.length + 1}>
        {shown.map((e) => (
          <li key={e.first} data-first={e.first} data-count={e.count}>
            <span className="edit-text">
              <EntryText entry={e} />
            </span>
            {e.impact && <ImpactLine impact={e.impact} names={names} />}
            {e.group && (
              <details className="edit-group-sites">
                <summary>
                  {t('scenarios.edits.groupSites')} ({e.ids.length})
                </summary>
                <p className="hint">
                  {e.ids.slice(0, GROUP_IDS_SHOWN).join(t('scenarios.listSep'))}
                </p>
              </details>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

function EntryText({ entry }: { entry: LogEntry }) {
  const { t, i18n } = useTranslation();
  if (entry.group)
    return (
      <>
        {t(`scenarios.edits.group.${entry.group.kind}`, {
          name: entry.group.name,
          count: entry.count,
        })}
      </>
    );
  return <>{editText(entry.edit!, t, i18n.language)}</>;
}

/** One edit as a short sentence (the common ones in words, the rest as field=value). */
export function editText(e: ScenarioEdit, t: TFunction, lang: string): string {
  if (e.op === 'add') return t('scenarios.edits.add', { id: e.station.id });
  if (e.op === 'remove') return t('scenarios.edits.remove', { id: e.id });
  const keys = Object.keys(e.set).sort().join(',');
  if (keys === 'redcap' && e.set.redcap === true) return t('scenarios.edits.upgrade', { id: e.id });
  if (keys === 'lat,lon')
    return t('scenarios.edits.move', {
      id: e.id,
      lon: formatNumber(e.set.lon!, lang, 5),
      lat: formatNumber(e.set.lat!, lang, 5),
    });
  if (e.set.tech === 'NR' && keys.split(',').every((k) => k === 'tech' || k === 'redcap'))
    return t('scenarios.edits.colocate', { id: e.id });
  const fields = Object.entries(e.set)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : String(v)}`)
    .join(', ');
  return t('scenarios.edits.update', { id: e.id, fields });
}

function ImpactLine({
  impact: x,
  names,
}: {
  impact: EditImpact;
  names: ReadonlyMap<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const uncovered = (
    <span className="hint" data-field="uncovered">
      {t('scenarios.edits.impact.uncovered', {
        nr: formatPeople(x.nrUncovered, lang),
        redcap: formatPeople(x.redcapUncovered, lang),
      })}
    </span>
  );
  const data = {
    'data-testid': 'edit-impact',
    'data-nr-uncovered': Math.round(x.nrUncovered),
    'data-nr-people': Math.round(x.nrPeople),
    'data-redcap-people': Math.round(x.redcapPeople),
    'data-gaps-closed': x.gapsClosed,
    'data-gaps-opened': x.gapsOpened,
  };
  if (!impactShows(x, lang))
    return (
      <span className="impact" {...data}>
        <span className="hint">{t('scenarios.edits.impact.none')}</span>
        {uncovered}
      </span>
    );
  const tone = (v: number) => (v > 0 ? 'delta-up' : v < 0 ? 'delta-down' : undefined);
  return (
    <span className="impact" {...data}>
      <span className={tone(x.nrPeople)}>
        {t('scenarios.edits.impact.nr', {
          people: signedPeople(x.nrPeople, lang),
          km2: signedKm2(x.nrKm2, lang),
        })}
      </span>
      <span className={tone(x.redcapPeople)}>
        {t('scenarios.edits.impact.redcap', {
          people: signedPeople(x.redcapPeople, lang),
          km2: signedKm2(x.redcapKm2, lang),
        })}
      </span>
      {(x.gapsClosed > 0 || x.gapsOpened > 0) && (
        <span>
          {t('scenarios.edits.impact.gaps', { closed: x.gapsClosed, opened: x.gapsOpened })}
        </span>
      )}
      {x.townsGained.length > 0 && (
        <span className="delta-up">
          {t('scenarios.edits.impact.townsGained', {
            names: namesOf(x.townsGained, names, t('scenarios.listSep')),
          })}
        </span>
      )}
      {x.townsLost.length > 0 && (
        <span className="delta-down">
          {t('scenarios.edits.impact.townsLost', {
            names: namesOf(x.townsLost, names, t('scenarios.listSep')),
          })}
        </span>
      )}
      {uncovered}
    </span>
  );
}
