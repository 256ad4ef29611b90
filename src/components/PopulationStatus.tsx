import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_CHANGES_SOURCE } from '../io/admin-code-changes';
import { useAppStore } from '../store/store';

const MAX_SHOWN = 30;

/**
 * What the population join left open, in the data section after every import: the areas
 * without population (as `sailplan validate` lists them) and the areas joined through an
 * administrative code change, each with the change and its approval. Imported names are text.
 */
export function PopulationStatus() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const snapshot = useAppStore((s) => s.snapshot);
  const { areas, missing, changes } = useMemo(() => {
    const counties = snapshot?.areas ?? [];
    const list = counties.length
      ? counties
      : (snapshot?.townships ?? []).flatMap((x) => (x.polygon ? [x.polygon] : []));
    const changes = (snapshot?.datasets ?? [])
      .filter((d) => d.kind === 'population')
      .flatMap((d) => d.warnings.filter((w) => w.code === 'population-code-change'));
    return { areas: list, missing: list.filter((a) => a.population === null), changes };
  }, [snapshot]);
  if (missing.length === 0 && changes.length === 0) return null;
  const shown = missing.slice(0, MAX_SHOWN).map((a) => `${a.code} ${a.name}`.trim());
  const more =
    missing.length > MAX_SHOWN
      ? ` ${t('population.more', { count: missing.length - MAX_SHOWN })}`
      : '';
  return (
    <section className="population-status" data-testid="population-status">
      {missing.length > 0 && (
        <>
          <p data-testid="population-missing" data-count={missing.length}>
            {t(missing.length === areas.length ? 'population.missingAll' : 'population.missing', {
              count: missing.length,
            })}
            {shown.join(lang === 'en' ? ', ' : '、')}
            {more}
          </p>
          <p className="hint">{t('population.missingHint')}</p>
        </>
      )}
      {changes.length > 0 && (
        <details data-testid="population-code-changes">
          <summary>{t('population.changes', { count: changes.length })}</summary>
          <ul>
            {changes.map((c) => {
              const p = c.params ?? {};
              return (
                <li key={String(p.code)}>
                  {`${p.code} ${p.name} → ${p.rowCode} ${p.rowName}${lang === 'en' ? ': ' : '：'}${p.changes}`}
                </li>
              );
            })}
          </ul>
          <p className="hint">{t('population.changesSource', { source: CODE_CHANGES_SOURCE })}</p>
        </details>
      )}
    </section>
  );
}
