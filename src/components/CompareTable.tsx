import { useTranslation } from 'react-i18next';
import type { AreaDelta } from '../core/scenario/compare';
import { formatNumber } from '../i18n';
import type { ComparisonView } from '../worker/scenario-protocol';
import { formatDelta } from './delta-format';
import type { MetricKind } from './metric-format';

interface DeltaCol {
  id:
    | 'per10k'
    | 'sitesNeeded'
    | 'sites5g'
    | 'nrAreaPct'
    | 'nrPopPct'
    | 'redcapAreaPct'
    | 'redcapPopPct';
  kind: MetricKind;
  /** Whether a rise is an improvement (sites needed: a fall is). */
  up: boolean;
}

export const DELTA_COLS: DeltaCol[] = [
  { id: 'per10k', kind: 'per10k', up: true },
  { id: 'sitesNeeded', kind: 'count', up: false },
  { id: 'sites5g', kind: 'count', up: true },
  { id: 'nrAreaPct', kind: 'pct', up: true },
  { id: 'nrPopPct', kind: 'pct', up: true },
  { id: 'redcapAreaPct', kind: 'pct', up: true },
  { id: 'redcapPopPct', kind: 'pct', up: true },
];

const tone = (d: number | null, up: boolean) =>
  d === null || d === 0 ? undefined : d > 0 === up ? 'delta-up' : 'delta-down';

/** Per area, B − A of every headline metric, gaps closed/opened and the town-zone verdict. */
export function CompareTable({ comparison }: { comparison: ComparisonView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const row = (d: AreaDelta, total: boolean) => (
    <tr key={total ? '#total' : d.code} data-code={total ? 'total' : d.code}>
      <th scope="row">{total ? t('scenarios.compare.total') : d.name}</th>
      {DELTA_COLS.map((c) => (
        <td key={c.id} data-col={c.id} className={tone(d[c.id], c.up)}>
          {formatDelta(d[c.id], c.kind, lang)}
        </td>
      ))}
      <td data-col="gaps">
        {formatNumber(d.gapsClosed, lang)} / {formatNumber(d.gapsOpened, lang)}
      </td>
      <td
        data-col="townZone"
        className={
          d.townZone === 'gained' ? 'delta-up' : d.townZone === 'lost' ? 'delta-down' : undefined
        }
      >
        {t(`scenarios.compare.verdict.${d.townZone ?? 'none'}`)}
      </td>
    </tr>
  );
  return (
    <div className="compare-scroll">
      <table className="compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th>{t('scenarios.compare.area')}</th>
            {DELTA_COLS.map((c) => (
              <th key={c.id}>{t(`scenarios.compare.${c.id}`)}</th>
            ))}
            <th>{t('scenarios.compare.gaps')}</th>
            <th>{t('scenarios.compare.townZone')}</th>
          </tr>
        </thead>
        <tbody>
          {comparison.areas.map((d) => row(d, false))}
          {row(comparison.totals, true)}
        </tbody>
      </table>
    </div>
  );
}
