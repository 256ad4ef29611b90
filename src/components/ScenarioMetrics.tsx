import { useTranslation } from 'react-i18next';
import type { AreaResult } from '../core/analysis/analyze';
import { useAppStore } from '../store/store';
import type { ScenarioView } from '../worker/scenario-protocol';
import { formatDelta } from './delta-format';
import { formatMetric, type MetricKind } from './metric-format';

interface MetricCol {
  id: 'per10k' | 'sitesNeeded' | 'nrPopPct' | 'redcapPopPct';
  kind: MetricKind;
  value: (a: AreaResult) => number | null;
}

const COLS: MetricCol[] = [
  { id: 'per10k', kind: 'per10k', value: (a) => a.sitesPer10k },
  { id: 'sitesNeeded', kind: 'count', value: (a) => a.sitesNeeded },
  { id: 'nrPopPct', kind: 'pct', value: (a) => a.coverage.nr.popPct },
  { id: 'redcapPopPct', kind: 'pct', value: (a) => a.coverage.redcap.popPct },
];

/** The open scenario's numbers per area, each with its change from the analysed baseline. */
export function ScenarioMetrics({ view }: { view: ScenarioView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const results = useAppStore((s) => s.results);
  const baseline = new Map(
    [...(results?.counties ?? []), ...(results?.townships ?? [])].map((a) => [a.code, a]),
  );
  const rows = [...view.areas, view.totals];
  return (
    <div className="scenario-metrics">
      <h4>{t('scenarios.metrics.title')}</h4>
      <table data-testid="scenario-metrics">
        <thead>
          <tr>
            <th>{t('scenarios.metrics.area')}</th>
            {COLS.map((c) => (
              <th key={c.id}>{t(`scenarios.metrics.${c.id}`)}</th>
            ))}
            <th>{t('scenarios.metrics.townZone')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a, i) => {
            const total = i === rows.length - 1;
            const b = total ? results?.totals : baseline.get(a.code);
            const zone = a.townZone;
            return (
              <tr key={total ? '#total' : a.code} data-code={total ? 'total' : a.code}>
                <th scope="row">{total ? t('table.total') : a.name}</th>
                {COLS.map((c) => {
                  const v = c.value(a);
                  const d = b && v !== null ? delta(v, c.value(b)) : null;
                  // A change that rounds to nothing at the shown digits is not shown.
                  const dt = d === null ? null : formatDelta(d, c.kind, lang);
                  return (
                    <td key={c.id} data-col={c.id}>
                      {formatMetric(v, c.kind, lang)}
                      {dt !== null && dt !== formatDelta(0, c.kind, lang) && (
                        <span className={sign(d!, c.id)}> ({dt})</span>
                      )}
                    </td>
                  );
                })}
                <td data-col="townZone">
                  {zone
                    ? zone.continuous
                      ? t('panels.townZone.yes')
                      : t('panels.townZone.no')
                    : t('panels.townZone.none')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const delta = (v: number, base: number | null) => (base === null ? null : v - base);

/** Green for better, red for worse: fewer sites needed is better. */
function sign(d: number, id: MetricCol['id']): string {
  const better = id === 'sitesNeeded' ? d < 0 : d > 0;
  return better ? 'delta-up' : 'delta-down';
}
