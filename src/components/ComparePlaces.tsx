import { useTranslation } from 'react-i18next';
import type { ChangeKind } from '../core/scenario/site-diff';
import { zoomToPlace } from '../store/scenario-compare-actions';
import type { ComparisonView } from '../worker/scenario-protocol';

const SHOWN = 500;

/** "Zoom to changes": every place A and B differ, each a button that zooms the maps there. */
export function ComparePlaces({ comparison: cmp }: { comparison: ComparisonView }) {
  const { t } = useTranslation();
  const kinds = (k: ChangeKind[]) =>
    k.length === 0
      ? t('scenarios.compare.diff.none')
      : k.map((x) => t(`scenarios.changeKinds.${x}`)).join(' + ');
  return (
    <div className="compare-places">
      <h4>{t('scenarios.compare.places.title')}</h4>
      {cmp.changesBbox && (
        <button
          type="button"
          data-testid="compare-zoom-all"
          onClick={() => zoomToPlace(cmp.changesBbox!)}
        >
          {t('scenarios.compare.places.all')}
        </button>
      )}
      {cmp.places.length === 0 ? (
        <p className="hint">{t('scenarios.compare.places.empty')}</p>
      ) : (
        <ul className="compare-scroll" data-testid="compare-places">
          {cmp.places.slice(0, SHOWN).map((p) => (
            <li key={p.id} data-site={p.id} data-bbox={p.bbox.join(',')}>
              <button type="button" className="link" onClick={() => zoomToPlace(p.bbox)}>
                {t('scenarios.compare.places.item', { id: p.id, place: p.place || '—' })}
              </button>{' '}
              <span className="hint">
                {t('scenarios.compare.places.sides', { a: kinds(p.a), b: kinds(p.b) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
