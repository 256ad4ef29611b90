import { useTranslation } from 'react-i18next';
import type { ParamSpec } from './param-specs';
import './panels.css';

export type FieldValue = string | boolean;

/**
 * One parameter: its control, its default and source underneath, highlighted when it
 * differs from the default, with the validation message next to it.
 */
export function ParamField({
  spec,
  value,
  defaultValue,
  changed,
  error,
  onChange,
}: {
  spec: ParamSpec;
  value: FieldValue;
  defaultValue: FieldValue;
  changed: boolean;
  error: string | null;
  onChange: (v: FieldValue) => void;
}) {
  const { t } = useTranslation();
  const id = `param-${spec.path}`;
  const source = spec.source.startsWith('i18n:') ? t(spec.source.slice(5)) : spec.source;
  const shown = (v: FieldValue) =>
    spec.kind === 'bool'
      ? v
        ? t('panels.params.on')
        : t('panels.params.off')
      : spec.kind === 'los'
        ? t(`panels.params.los.${String(v)}`)
        : String(v);
  const cls = ['param-field', changed ? 'changed' : '', error ? 'invalid' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-param={spec.path} data-changed={changed}>
      <label htmlFor={id}>{t(spec.label)}</label>
      {spec.kind === 'bool' ? (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      ) : spec.kind === 'los' ? (
        <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          <option value="nlos">{t('panels.params.los.nlos')}</option>
          <option value="los">{t('panels.params.los.los')}</option>
        </select>
      ) : (
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={String(value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {error && (
        <span className="param-error" id={`${id}-error`} role="alert" data-testid="param-error">
          {error}
        </span>
      )}
      <span className="param-meta" title={source}>
        {t('panels.params.default', { value: shown(defaultValue) })}
        {changed ? ` · ${t('panels.params.changed')}` : ''}
        {source ? ` · ${t('panels.params.source')}: ${source}` : ''}
      </span>
    </div>
  );
}
