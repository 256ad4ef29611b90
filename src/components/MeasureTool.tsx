import { useTranslation } from 'react-i18next';
import { areaText, lengthText } from './measure-text';
import { useAppStore } from '../store/store';
import { ProfileView } from './ProfileView';
import { pathMetres, polygonMeasure, type MeasureMode } from '../map/measure';

const MODES: readonly MeasureMode[] = ['distance', 'area', 'profile'];

/** Distance and area measuring: pick a mode, click on the map, read the geodesic result. */
export function MeasureTool() {
  const { t, i18n } = useTranslation();
  const { mode, points } = useAppStore((s) => s.measure);
  const { setMeasureMode, clearMeasure } = useAppStore.getState();
  const lang = i18n.language;
  let result: string;
  if (mode === 'profile') {
    result = '';
  } else if (mode === 'area') {
    const m = polygonMeasure(points);
    result = m
      ? t('mapTools.measure.areaValue', {
          value: areaText(m.km2, t, lang),
          perimeter: lengthText(m.perimeterM, t, lang),
        })
      : t('mapTools.measure.needPoints', { count: 3 });
  } else {
    result =
      points.length >= 2
        ? t('mapTools.measure.distanceValue', {
            value: lengthText(pathMetres(points), t, lang),
          })
        : t('mapTools.measure.needPoints', { count: 2 });
  }
  return (
    <div className="measure-tool" data-testid="measure-tool">
      <span className="measure-title">{t('mapTools.measure.title')}</span>
      {MODES.map((m) => (
        <button
          key={m}
          type="button"
          data-testid={`measure-${m}`}
          aria-pressed={mode === m}
          className={mode === m ? 'tab on' : 'tab'}
          onClick={() => setMeasureMode(mode === m ? null : m)}
        >
          {t(`mapTools.measure.${m}`)}
        </button>
      ))}
      {mode && (
        <div className="measure-result" data-testid="measure-result" aria-live="polite">
          {mode === 'profile' ? (
            <ProfileView points={points} />
          ) : (
            <span data-testid="measure-value">{result}</span>
          )}
          <span className="hint">
            {t('mapTools.measure.points', { count: points.length })} · {t('mapTools.measure.hint')}
          </span>
          <span className="measure-buttons">
            <button type="button" data-testid="measure-clear" onClick={clearMeasure}>
              {t('mapTools.measure.clear')}
            </button>
            <button type="button" data-testid="measure-stop" onClick={() => setMeasureMode(null)}>
              {t('mapTools.measure.stop')}
            </button>
          </span>
        </div>
      )}
    </div>
  );
}
