import { useTranslation } from 'react-i18next';
import type { PlanOutcome } from '../core/planner/outcome';
import { formatNumber } from '../i18n';
import { formatMetric } from './metric-format';

/** Which county towns become continuous and which targets are met after the picks. */
export function PlanOutcomeView({ outcome: o }: { outcome: PlanOutcome }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const gained = o.towns.filter((x) => x.continuous).map((x) => x.name);
  const lost = o.towns.filter((x) => !x.continuous).map((x) => x.name);
  const pct = (x: number) => `${formatMetric(x, 'pct', lang)}%`;
  const count = (x: number | null) => (x === null ? '—' : formatNumber(x, lang));
  return (
    <div className="plan-outcome" data-testid="plan-outcome">
      <h4>{t('scenarios.planner.outcome.title')}</h4>
      <p data-field="towns" data-after={o.continuous.after} data-before={o.continuous.before}>
        {t('scenarios.planner.outcome.towns', o.continuous)}
        {gained.length > 0 ? (
          <span className="delta-up" data-testid="plan-towns-gained">
            {t('scenarios.planner.outcome.townsGained', {
              names: gained.join(t('scenarios.listSep')),
            })}
          </span>
        ) : (
          <span data-testid="plan-towns-gained">{t('scenarios.planner.outcome.townsNone')}</span>
        )}
        {lost.length > 0 && (
          <span className="delta-down">
            {' '}
            {t('scenarios.planner.outcome.townsLost', { names: lost.join(t('scenarios.listSep')) })}
          </span>
        )}
      </p>
      <p data-field="targets" data-after={o.belowTarget.after} data-before={o.belowTarget.before}>
        {t('scenarios.planner.outcome.targets', {
          ...o.belowTarget,
          target: formatNumber(o.target, lang, 2),
        })}
        <span data-testid="plan-targets-met">
          {o.targetsMet.length > 0
            ? t('scenarios.planner.outcome.targetsMet', {
                names: o.targetsMet.map((x) => x.name).join(t('scenarios.listSep')),
              })
            : t('scenarios.planner.outcome.targetsNone')}
        </span>
      </p>
      <p data-field="coverage">
        {t('scenarios.planner.outcome.coverage', {
          nrBefore: pct(o.nrPopPct.before),
          nrAfter: pct(o.nrPopPct.after),
          rcBefore: pct(o.redcapPopPct.before),
          rcAfter: pct(o.redcapPopPct.after),
          needBefore: count(o.sitesNeeded.before),
          needAfter: count(o.sitesNeeded.after),
        })}
      </p>
    </div>
  );
}
