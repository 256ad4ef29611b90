import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { selectArea, zoomTo } from '../store/analysis-actions';
import { AREA_COLUMNS } from './area-columns';
import { columnText, formatMetric, formatPeople, townZoneReasonParams } from './metric-format';
import { useAreaRows } from './use-area-rows';
import './panels.css';

const DETAIL_COLUMNS = AREA_COLUMNS.filter((c) => c.kind !== 'text' && c.kind !== 'zone');

/**
 * The selected area: every metric, its largest gaps (most people uncovered first, each
 * with a zoom button) and the county-town continuity verdict with the numbers behind it.
 */
export function AreaDetail() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const selection = useAppStore((s) => s.selection);
  const results = useAppStore((s) => s.results);
  const params = useAppStore((s) => s.params);
  const { rows, analysed } = useAreaRows(selection?.level ?? 'county');
  const row = selection ? rows.find((r) => r.code === selection.code) : undefined;
  const gaps = useMemo(
    () =>
      selection && analysed && results
        ? results.gaps.features
            .map((f) => f.properties)
            .filter((g) => g.areaCode === selection.code && g.level === selection.level)
            .sort((a, b) => a.rank - b.rank)
        : [],
    [selection, analysed, results],
  );
  if (!selection || !row) {
    return (
      <section className="area-detail" data-testid="area-detail">
        <p className="hint">{t('panels.detail.none')}</p>
      </section>
    );
  }
  // The verdict was made with the parameters of the results, not the ones being edited.
  const rule = results?.params ?? params;
  const tz = row.townZone;
  const box = results?.areaBoxes[row.code];
  return (
    <section
      className="area-detail"
      data-testid="area-detail"
      data-code={row.code}
      data-level={row.level}
    >
      <h3>
        {row.name} <span className="hint">{row.code}</span>
      </h3>
      <div className="params-actions">
        {box && (
          <button type="button" data-testid="area-detail-zoom" onClick={() => zoomTo(box)}>
            {t('panels.detail.zoomArea')}
          </button>
        )}
        <button type="button" data-testid="area-detail-close" onClick={() => selectArea(null)}>
          {t('panels.detail.close')}
        </button>
      </div>
      <h4>{t('panels.detail.metrics')}</h4>
      <dl>
        {DETAIL_COLUMNS.filter((c) => row.analysed || !c.analysed).map((c) => (
          <div key={c.id} style={{ display: 'contents' }} data-col={c.id}>
            <dt>{t(c.header)}</dt>
            <dd>{columnText(c, row, t, lang)}</dd>
          </div>
        ))}
      </dl>
      {!row.analysed && <p className="hint">{t('panels.detail.notAnalysed')}</p>}

      <h4>{t('panels.detail.townZoneTitle')}</h4>
      {tz ? (
        <p
          className={tz.continuous ? 'verdict ok' : 'verdict bad'}
          data-testid="town-zone-verdict"
          data-continuous={String(tz.continuous)}
        >
          {t(
            tz.continuous ? 'panels.detail.continuous' : 'panels.detail.notContinuous',
            townZoneReasonParams(tz, rule, lang),
          )}
          <br />
          <span className="hint">
            {t('panels.detail.zoneArea', { km2: formatMetric(tz.areaKm2, 'km2', lang) })}
          </span>
        </p>
      ) : (
        row.analysed && <p className="hint">{t('panels.detail.townZoneNone')}</p>
      )}

      {row.analysed && (
        <>
          <h4>{t('panels.detail.gapsTitle')}</h4>
          {gaps.length === 0 ? (
            <p className="hint">{t('panels.detail.gapsNone')}</p>
          ) : (
            <ol data-testid="area-gaps">
              {gaps.map((g) => (
                <li key={g.id} data-rank={g.rank}>
                  <span>
                    {t('panels.detail.gapRow', {
                      rank: g.rank,
                      km2: formatMetric(g.areaKm2, 'km2', lang),
                      people: formatPeople(g.population, lang),
                    })}
                  </span>
                  <button type="button" className="link" onClick={() => zoomTo(g.bbox)}>
                    {t('panels.detail.zoom')}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
