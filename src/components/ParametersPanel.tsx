import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateModelParams } from '../core/model/params';
import { NR_BANDS, type NrBand } from '../core/station';
import { useAppStore } from '../store/store';
import { setParams } from '../store/analysis-actions';
import { ParamField, type FieldValue } from './ParamField';
import {
  bandSpecs,
  checkDraft,
  CONTINUITY_SPECS,
  DEFAULTS,
  draftFromParams,
  GENERAL_SPECS,
  GRID_SPECS,
  type Draft,
  type ParamSpec,
} from './param-specs';
import './panels.css';

const DEFAULT_DRAFT = draftFromParams(DEFAULTS);

/**
 * The analysis parameters as a form. Edits stay in the form until Apply, which hands
 * them to the store; the worker then recomputes while the page stays responsive.
 */
export function ParametersPanel() {
  const { t } = useTranslation();
  const params = useAppStore((s) => s.params);
  const [draft, setDraft] = useState<Draft>(() => draftFromParams(params));
  const [band, setBand] = useState<NrBand>('n78');
  // Parameters set elsewhere (a scenario, Apply, Reset) replace the form.
  const [formOf, setFormOf] = useState(params);
  if (formOf !== params) {
    setFormOf(params);
    setDraft(draftFromParams(params));
  }

  const check = useMemo(
    () => checkDraft(draft, params, validateModelParams, (k, o) => t(k, o)),
    [draft, params, t],
  );
  const current = useMemo(() => draftFromParams(params), [params]);
  const dirty = Object.keys(draft).some((k) => draft[k] !== current[k]);

  const field = (spec: ParamSpec, showSource = true) => {
    const value = draft[spec.path];
    const def = DEFAULT_DRAFT[spec.path];
    const changed =
      spec.kind === 'number' ? Number(value) !== Number(def) || value === '' : value !== def;
    return (
      <ParamField
        key={spec.path}
        spec={showSource ? spec : { ...spec, source: '' }}
        value={value}
        defaultValue={def}
        changed={changed}
        error={check.errors.get(spec.path)?.join('; ') ?? null}
        onChange={(v: FieldValue) => setDraft((d) => ({ ...d, [spec.path]: v }))}
      />
    );
  };
  const general = check.errors.get('');

  return (
    <form
      className="params-panel"
      data-testid="parameters"
      onSubmit={(e) => {
        e.preventDefault();
        if (check.params && dirty) setParams(check.params);
      }}
    >
      <fieldset>
        <legend>{t('panels.params.general')}</legend>
        {GENERAL_SPECS.map((s) => field(s))}
      </fieldset>
      <fieldset>
        <legend>{t('panels.params.bands')}</legend>
        <div className="band-tabs" role="tablist" aria-label={t('panels.params.band')}>
          {NR_BANDS.map((b) => (
            <button
              key={b}
              type="button"
              role="tab"
              aria-selected={band === b}
              className={[
                'tab',
                band === b ? 'on' : '',
                bandSpecs(b).some((s) => check.errors.has(s.path)) ? 'has-error' : '',
              ]
                .filter(Boolean)
                .join(' ')}
              data-testid={`param-band-${b}`}
              onClick={() => setBand(b)}
            >
              {b}
            </button>
          ))}
        </div>
        {bandSpecs(band).map((s) => field(s, false))}
        <p className="param-meta hint">
          {t('panels.params.source')}: {DEFAULTS.model.bands[band].source}
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('panels.params.grid')}</legend>
        {GRID_SPECS.map((s) => field(s))}
      </fieldset>
      <fieldset>
        <legend>{t('panels.params.continuity')}</legend>
        {CONTINUITY_SPECS.map((s) => field(s))}
      </fieldset>
      {general && (
        <div className="params-errors" role="alert">
          {t('panels.params.invalid')}
          <ul>
            {general.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="params-actions">
        <button type="submit" data-testid="params-apply" disabled={!check.params || !dirty}>
          {t('panels.params.apply')}
        </button>
        <button
          type="button"
          data-testid="params-reset"
          onClick={() => {
            setDraft(DEFAULT_DRAFT);
            setParams(structuredClone(DEFAULTS));
          }}
        >
          {t('panels.params.reset')}
        </button>
        {!dirty && <span className="hint">{t('panels.params.unchanged')}</span>}
      </div>
    </form>
  );
}
