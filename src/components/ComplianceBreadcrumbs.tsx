import { useTranslation } from 'react-i18next';
import type { ComplianceRow } from '../core/analysis/compliance';

/**
 * Where the checklist is: the root, then each area drilled into (by name); each step goes
 * back there. The current area says how many of its counties have no population.
 */
export function ComplianceBreadcrumbs({
  trail,
  onNavigate,
}: {
  trail: readonly ComplianceRow[];
  /** The codes of the path to show (empty: the top level). */
  onNavigate: (path: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="compliance-crumbs" aria-label={t('compliance.crumbsLabel')}>
      <ol data-testid="compliance-crumbs">
        <li>
          {trail.length === 0 ? (
            <span aria-current="page">{t('compliance.crumbsRoot')}</span>
          ) : (
            <button type="button" className="link" data-code="" onClick={() => onNavigate([])}>
              {t('compliance.crumbsRoot')}
            </button>
          )}
        </li>
        {trail.map((r, i) => (
          <li key={r.code} data-code={r.code}>
            {i === trail.length - 1 ? (
              <span aria-current="page">
                {r.name}
                {r.populationUnknown.length > 0 && (
                  <span className="hint" data-testid="compliance-crumb-unknown">
                    {t('compliance.crumbsUnknown', { count: r.populationUnknown.length })}
                  </span>
                )}
              </span>
            ) : (
              <button
                type="button"
                className="link"
                data-code={r.code}
                onClick={() => onNavigate(trail.slice(0, i + 1).map((x) => x.code))}
              >
                {r.name}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
