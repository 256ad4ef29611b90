import { useTranslation } from 'react-i18next';
import type { Plan } from '../core/planner/plan';
import { formatNumber } from '../i18n';
import { formatMetric, formatPeople } from './metric-format';

/** The planner's ranked picks: marginal gain of each and the result so far. */
export function PlanTable({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const unit = t(`scenarios.planner.units.${plan.unit}`);
  const amount = (x: number) =>
    plan.unit === 'people'
      ? formatPeople(x, lang)
      : formatNumber(x, lang, plan.unit === 'km2' ? 2 : 0);
  return (
    <div className="plan-scroll">
      <table className="plan-table" data-testid="planner-table">
        <thead>
          <tr>
            <th>{t('scenarios.planner.rank')}</th>
            <th>{t('scenarios.planner.kind')}</th>
            <th>{t('scenarios.planner.site')}</th>
            <th>{t('scenarios.planner.position')}</th>
            <th>
              {t('scenarios.planner.gain')} ({unit})
            </th>
            <th>
              {t('scenarios.planner.cumulative')} ({unit})
            </th>
            <th>{t('scenarios.planner.costCol')}</th>
            <th>{t('scenarios.planner.cumulativeCost')}</th>
            <th>{t('scenarios.planner.nrPopPct')}</th>
            <th>{t('scenarios.planner.redcapPopPct')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.picks.map((p) => (
            <tr key={p.id} data-rank={p.rank} data-kind={p.kind}>
              <td>{formatNumber(p.rank, lang)}</td>
              <td className="text">{t(`scenarios.planner.kindNames.${p.kind}`)}</td>
              <td className="text" data-col="site">
                {p.siteId}
              </td>
              <td className="text">
                {formatNumber(p.lon, lang, 4)}, {formatNumber(p.lat, lang, 4)}
              </td>
              <td data-col="gain">{amount(p.gain)}</td>
              <td data-col="cumulative">{amount(p.cumulative.objective)}</td>
              <td data-col="cost">{formatNumber(p.cost, lang, 2)}</td>
              <td data-col="cumulativeCost">{formatNumber(p.cumulative.cost, lang, 2)}</td>
              <td>{formatMetric(p.cumulative.nrPopPct, 'pct', lang)}</td>
              <td>{formatMetric(p.cumulative.redcapPopPct, 'pct', lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
