import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { formatNumber } from '../i18n';
import { changedParams } from './metric-format';
import { ALL_SPECS } from './param-specs';
import './panels.css';

const LABELS = new Map(ALL_SPECS.map((s) => [s.path, s.label]));

/** Which parameters made the numbers on screen (they may differ from the form's). */
export function ResultsProvenance() {
  const { t, i18n } = useTranslation();
  const results = useAppStore((s) => s.results);
  if (!results) return null;
  const changes = changedParams(results.params);
  const text = (v: unknown) =>
    typeof v === 'number' ? formatNumber(v, i18n.language, 6) : String(v);
  const list = changes
    .map((c) => {
      const label = LABELS.get(c.key);
      // Band fields share labels across bands; the band makes them unambiguous.
      const band = /^model\.bands\.(n\d+)\./.exec(c.key)?.[1];
      const name = label ? `${band ? band + ' ' : ''}${t(label)}` : c.key;
      return `${name} = ${text(c.value)} (${t('panels.params.default', { value: text(c.defaultValue) })})`;
    })
    .join('; ');
  return (
    <p className="provenance" data-testid="results-params" data-changed={changes.length}>
      {changes.length === 0
        ? t('panels.provenance.defaults')
        : t('panels.provenance.changed', { list })}
      {' · '}
      {t('panels.provenance.elapsed', { ms: formatNumber(results.elapsedMs, i18n.language, 0) })}
    </p>
  );
}
