import { useTranslation } from 'react-i18next';
import type { RowFilters } from './area-rows';
import './panels.css';

const PRESETS = ['belowTarget', 'notContinuous', 'uncovered'] as const;

/** Text filter on name/code and preset filters; presets combine (all must hold). */
export function AreaFilters({
  value,
  onChange,
}: {
  value: RowFilters;
  onChange: (f: RowFilters) => void;
}) {
  const { t } = useTranslation();
  const label: Record<(typeof PRESETS)[number], string> = {
    belowTarget: t('panels.filters.belowTarget'),
    notContinuous: t('panels.filters.notContinuous'),
    uncovered: t('panels.filters.uncovered'),
  };
  return (
    <div className="area-filters" data-testid="area-filters">
      <input
        type="search"
        data-testid="area-filter-text"
        placeholder={t('panels.filters.text')}
        aria-label={t('panels.filters.text')}
        value={value.text}
        onChange={(e) => onChange({ ...value, text: e.target.value })}
      />
      {PRESETS.map((p) => (
        <label key={p} className={value[p] ? 'chip on' : 'chip'}>
          <input
            type="checkbox"
            data-testid={`area-filter-${p}`}
            checked={value[p]}
            onChange={(e) => onChange({ ...value, [p]: e.target.checked })}
          />
          {label[p]}
        </label>
      ))}
    </div>
  );
}
