import { useTranslation } from 'react-i18next';
import type { ComplianceRow, ComplianceRules } from '../core/analysis/compliance';
import { formatNumber } from '../i18n';
import type { TownGapPlace } from '../store/compliance-of-results';
import { continuityShort, reasonTexts } from './compliance-text';
import { formatMetric, formatPeople } from './metric-format';

export interface ComplianceRowProps {
  row: ComplianceRow;
  rules: ComplianceRules;
  places: ReadonlyMap<string, TownGapPlace>;
  /** Set when the row has areas inside it to drill into. */
  onDrill: (() => void) | null;
  onShow: () => void;
  onShowGap: (place: TownGapPlace) => void;
  testId?: string;
}

/** One area of the checklist: its verdict, the numbers the rules compare, and why it fails. */
export function ComplianceRowItem({
  row: r,
  rules,
  places,
  onDrill,
  onShow,
  onShowGap,
  testId = 'compliance-row',
}: ComplianceRowProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const reasons = reasonTexts(r, rules, places, t, lang);
  const place = r.level === 'county' ? places.get(r.code) : undefined;
  const continuity =
    r.level === 'county'
      ? continuityShort(r.continuity, t, lang)
      : r.towns.checked > 0
        ? t('compliance.continuity.towns', { passed: r.towns.passed, checked: r.towns.checked })
        : '—';
  return (
    <li
      className={`compliance-row status-${r.status}`}
      data-testid={testId}
      data-code={r.code}
      data-level={r.level}
      data-status={r.status}
      data-missing={r.sitesMissing ?? ''}
      data-failures={r.failures.join(' ')}
    >
      <div className="compliance-head">
        {onDrill ? (
          <button
            type="button"
            className="link compliance-name"
            data-testid="compliance-drill"
            title={t('compliance.drill', { name: r.name })}
            onClick={onDrill}
          >
            {r.name}
          </button>
        ) : (
          <span className="compliance-name">{r.name}</span>
        )}
        <span className="hint">
          {t(`compliance.levels.${r.level}`)}
          {/* Roll-ups without a known name are named by their code already. */}
          {r.name !== r.code && ` ${r.code}`}
        </span>
        <span className={`compliance-verdict ${r.status}`} data-testid="compliance-verdict">
          {t(`compliance.status.${r.status}`)}
        </span>
        <span className="compliance-actions">
          <button
            type="button"
            data-testid="compliance-show"
            title={t('compliance.showOnMapTitle', { name: r.name })}
            onClick={onShow}
          >
            {t('compliance.showOnMap')}
          </button>
          {place && (
            <button
              type="button"
              data-testid="compliance-show-gap"
              title={t('compliance.showGapTitle', { name: r.name })}
              onClick={() => onShowGap(place)}
            >
              {t('compliance.showGap')}
            </button>
          )}
        </span>
      </div>
      <dl className="compliance-metrics">
        <div data-col="per10k" className={r.per10kPass === false ? 'bad' : undefined}>
          <dt>{t('compliance.cols.per10k')}</dt>
          <dd>
            {formatMetric(r.sitesPer10k, 'per10k', lang)} / {formatNumber(r.targetPer10k, lang, 2)}
          </dd>
        </div>
        <div data-col="missing" className={r.sitesMissing ? 'bad' : undefined}>
          <dt>{t('compliance.cols.missing')}</dt>
          <dd>{formatPeople(r.sitesMissing, lang)}</dd>
        </div>
        <div data-col="townshipsNo5g" className={r.townships.without5g.length ? 'bad' : undefined}>
          <dt>{t('compliance.cols.townshipsNo5g')}</dt>
          <dd>
            {r.townships.total
              ? `${formatNumber(r.townships.without5g.length, lang)} / ${formatNumber(r.townships.total, lang)}`
              : '—'}
          </dd>
        </div>
        <div data-col="popUncovered">
          <dt>{t('compliance.cols.popUncovered')}</dt>
          <dd>{formatPeople(r.popUncovered, lang)}</dd>
        </div>
        <div data-col="continuity" className={r.towns.failed ? 'bad' : undefined}>
          <dt>{t('compliance.cols.continuity')}</dt>
          <dd>{continuity}</dd>
        </div>
      </dl>
      {reasons.length > 0 && (
        <ul className="compliance-reasons" data-testid="compliance-reason">
          {reasons.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
