import { useTranslation } from 'react-i18next';
import { BAND_PRESETS } from '../core/model/bands';
import { formatNumber } from '../i18n';
import { readLonLat } from './site-input';

const BANDS = Object.keys(BAND_PRESETS);

// Small form fields of the scenario tools (ScenarioSiteTools).

export function BandSelect({
  value,
  onChange,
  testId,
  keepLabel,
}: {
  value: string;
  onChange: (v: string) => void;
  testId: string;
  keepLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t('scenarios.add.band')}{' '}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{keepLabel}</option>
        {BANDS.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled one-line text input (coordinates, heights, azimuths are typed, then parsed). */
export function TextField({
  label,
  testId,
  size,
  value,
  onChange,
  placeholder,
  onEnter,
}: {
  label: string;
  testId: string;
  size: number;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  onEnter?: () => void;
}) {
  return (
    <label>
      {label}{' '}
      <input
        data-testid={testId}
        size={size}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onEnter?.();
        }}
      />
    </label>
  );
}

/** The message for a typed position that is not one, or null when it is (or is empty). */
export function useLonLatError(): (text: string) => string | null {
  const { t, i18n } = useTranslation();
  return (text: string) => {
    if (!text.trim()) return null;
    const r = readLonLat(text);
    if (r.ok) return null;
    if (r.reason === 'swapped')
      return t('scenarios.add.swapped', {
        text: text.trim(),
        lon: formatNumber(r.lon, i18n.language, 6),
        lat: formatNumber(r.lat, i18n.language, 6),
      });
    return t('scenarios.add.badCoords');
  };
}

/**
 * "lon,lat" input. A pair that is inside China only the other way round gets the
 * importer's "swapped?" hint as it is typed, with a button that exchanges the two.
 */
export function CoordsField({
  label,
  testId,
  size = 18,
  value,
  onChange,
  onEnter,
}: {
  label: string;
  testId: string;
  size?: number;
  value: string;
  onChange: (v: string) => void;
  onEnter?: () => void;
}) {
  const { t } = useTranslation();
  const r = value.trim() ? readLonLat(value) : null;
  const lonLatError = useLonLatError();
  return (
    <>
      <TextField
        label={label}
        testId={testId}
        size={size}
        value={value}
        onChange={onChange}
        placeholder={t('scenarios.add.coordsPlaceholder')}
        onEnter={onEnter}
      />
      {r && !r.ok && r.reason === 'swapped' && (
        <span className="coords-swapped" role="status" data-testid={`${testId}-swapped`}>
          {lonLatError(value)}{' '}
          <button
            type="button"
            data-testid={`${testId}-swap`}
            onClick={() => onChange(`${r.lon},${r.lat}`)}
          >
            {t('scenarios.add.swap')}
          </button>
        </span>
      )}
    </>
  );
}
