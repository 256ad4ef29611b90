import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { formatNumber } from '../i18n';
import type { TownshipRow } from '../worker/protocol';

const NO_TOWNSHIPS: TownshipRow[] = [];

/**
 * Townships by county. Open data has township names and codes but, for most of China,
 * no polygons: a township shows its site counts once the user imports its boundary.
 */
export function TownshipList() {
  const { t, i18n } = useTranslation();
  const townships = useAppStore((s) => s.snapshot?.townships ?? NO_TOWNSHIPS);
  const counties = useAppStore((s) => s.snapshot?.areas);
  if (townships.length === 0) return null;
  const countyName = new Map((counties ?? []).map((c) => [c.code, c.name]));
  const byCounty = new Map<string, TownshipRow[]>();
  for (const tw of townships) {
    const list = byCounty.get(tw.county) ?? [];
    list.push(tw);
    byCounty.set(tw.county, list);
  }
  const withPolygon = townships.filter((tw) => tw.polygon).length;
  const n = (x: number | null) => (x === null ? '—' : formatNumber(x, i18n.language));
  return (
    <section className="township-list" data-testid="townships">
      <h2>{t('townships.title', { count: townships.length })}</h2>
      <p className="hint">
        {withPolygon === 0
          ? t('townships.noPolygons')
          : t('townships.withPolygons', { count: withPolygon, total: townships.length })}
      </p>
      {[...byCounty.entries()].map(([county, list]) => (
        <details key={county} data-county={county}>
          <summary>
            {t('townships.countySummary', {
              county: countyName.get(county) ?? county,
              count: list.length,
            })}
          </summary>
          <table className="area-table">
            <thead>
              <tr>
                <th>{t('table.code')}</th>
                <th>{t('table.name')}</th>
                <th>{t('townships.kind')}</th>
                <th>{t('table.sites5g')}</th>
                <th>{t('table.sitesRedcap')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((tw) => (
                <tr key={tw.code} data-code={tw.code}>
                  <td>{tw.code}</td>
                  <td>{tw.name}</td>
                  <td>{t(`townships.kinds.${tw.kind}`)}</td>
                  <td className="num" data-col="sites5g">
                    {tw.polygon ? n(tw.polygon.sites5g) : t('townships.noPolygon')}
                  </td>
                  <td className="num">{tw.polygon ? n(tw.polygon.sitesRedcap) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
