import { useTranslation } from 'react-i18next';
import type { AreaResult } from '../core/analysis/analyze';
import { townshipsMostUncovered, type ComplianceRow } from '../core/analysis/compliance';
import { selectArea } from '../store/analysis-actions';
import { formatMetric, formatPeople } from './metric-format';

const TOP = 10;

/**
 * Where the people are, below the area drilled into: townships without any 5G site, the
 * townships with the most people in NR gaps, and the county towns with the most ground
 * without RedCap. (The worker's results give a county town's RedCap shortfall as area;
 * its people without RedCap are not among them.)
 */
export function ComplianceUncovered({
  inside,
  counties,
  townships,
}: {
  /** The rows below (or at) the area drilled into. */
  inside: readonly ComplianceRow[];
  counties: readonly AreaResult[];
  townships: readonly AreaResult[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const codes = new Set(inside.map((r) => r.code));
  const countyName = new Map(counties.map((c) => [c.code, c.name]));
  const myTownships = townships.filter((x) => codes.has(x.code));
  const no5g = myTownships.filter((x) => x.sites5g === 0);
  const topTownships = townshipsMostUncovered(myTownships, TOP);
  const towns = counties
    .filter((c) => codes.has(c.code) && c.townZone && !c.townZone.continuous)
    .map((c) => {
      const z = c.townZone!;
      return { c, km2: (z.areaKm2 * (100 - z.redcapAreaPct)) / 100 };
    })
    .filter((x) => x.km2 > 0)
    .sort((a, b) => b.km2 - a.km2 || (a.c.code < b.c.code ? -1 : 1))
    .slice(0, TOP);
  const show = (level: 'county' | 'township', code: string) => () =>
    selectArea({ level, code }, true);

  return (
    <div className="compliance-uncovered">
      <h4>{t('compliance.uncovered.townsTitle')}</h4>
      {towns.length === 0 ? (
        <p className="hint">{t('compliance.uncovered.none')}</p>
      ) : (
        <ol data-testid="compliance-towns-uncovered">
          {towns.map(({ c, km2 }) => (
            <li key={c.code} data-code={c.code}>
              <button type="button" className="link" onClick={show('county', c.code)}>
                {t('compliance.uncovered.townRow', {
                  name: c.name,
                  km2: formatMetric(km2, 'km2', lang),
                  zone: formatMetric(c.townZone!.areaKm2, 'km2', lang),
                  pct: formatMetric(c.townZone!.redcapAreaPct, 'pct', lang),
                })}
              </button>
            </li>
          ))}
        </ol>
      )}
      {townships.length === 0 ? (
        <p className="hint" data-testid="compliance-no-townships">
          {t('compliance.uncovered.noTownships')}
        </p>
      ) : (
        <>
          <h4>{t('compliance.uncovered.townshipsTitle')}</h4>
          {topTownships.length === 0 ? (
            <p className="hint">{t('compliance.uncovered.none')}</p>
          ) : (
            <ol data-testid="compliance-townships-uncovered">
              {topTownships.map((e) => (
                <li key={e.code} data-code={e.code}>
                  <button type="button" className="link" onClick={show('township', e.code)}>
                    {t('compliance.uncovered.townshipRow', {
                      name: e.name,
                      county: e.county ? (countyName.get(e.county) ?? e.county) : '—',
                      people: formatPeople(e.population, lang),
                    })}
                  </button>
                </li>
              ))}
            </ol>
          )}
          <h4>{t('compliance.uncovered.no5gTitle', { count: no5g.length })}</h4>
          {no5g.length === 0 ? (
            <p className="hint">{t('compliance.uncovered.none')}</p>
          ) : (
            <ul data-testid="compliance-townships-no5g" className="compliance-chips">
              {no5g.map((x) => (
                <li key={x.code} data-code={x.code}>
                  <button type="button" className="link" onClick={show('township', x.code)}>
                    {x.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
