import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { formatNumber } from '../i18n';
import type { AreaRow } from '../worker/protocol';

/** The first area table: counties with population, sites by kind and sites per 10k. */
export function AreaTable() {
  const { t, i18n } = useTranslation();
  const areas = useAppStore((s) => s.snapshot?.areas);
  const totals = useAppStore((s) => s.snapshot?.totals ?? null);
  if (!areas || areas.length === 0) return <p className="empty">{t('table.empty')}</p>;
  const n = (x: number | null, digits = 0) =>
    x === null ? '—' : formatNumber(x, i18n.language, digits);
  const row = (a: AreaRow, isTotal: boolean) => (
    <tr key={isTotal ? '_total' : a.code} data-code={isTotal ? 'total' : a.code}>
      <td>{isTotal ? '' : a.code}</td>
      <td>{isTotal ? t('table.total') : a.name}</td>
      <td className="num">{n(a.population)}</td>
      <td className="num">{n(a.areaKm2)}</td>
      <td className="num" data-col="sites5g">
        {n(a.sites5g)}
      </td>
      <td className="num" data-col="sitesRedcap">
        {n(a.sitesRedcap)}
      </td>
      <td className="num">{n(a.sitesLteOnly)}</td>
      <td className="num" data-col="per10k">
        {n(a.per10k, 2)}
      </td>
    </tr>
  );
  return (
    <table className="area-table" data-testid="area-table">
      <thead>
        <tr>
          <th>{t('table.code')}</th>
          <th>{t('table.name')}</th>
          <th>{t('table.population')}</th>
          <th>{t('table.areaKm2')}</th>
          <th>{t('table.sites5g')}</th>
          <th>{t('table.sitesRedcap')}</th>
          <th>{t('table.sitesLte')}</th>
          <th>{t('table.per10k')}</th>
        </tr>
      </thead>
      <tbody>{areas.map((a) => row(a, false))}</tbody>
      {totals && <tfoot>{row(totals, true)}</tfoot>}
    </table>
  );
}
