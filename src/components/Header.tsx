import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  const { t } = useTranslation();
  const synthetic = useAppStore((s) => s.snapshot?.datasets.some((d) => d.synthetic) ?? false);
  return (
    <header className="app-header">
      <div className="app-title">
        <h1>{t('app.title')}</h1>
        <span className="app-subtitle">{t('app.subtitle')}</span>
      </div>
      {synthetic && (
        <span
          className="badge badge-synthetic"
          data-testid="synthetic-badge"
          title={t('app.syntheticHint')}
        >
          {t('app.syntheticBadge')}
        </span>
      )}
      <LanguageSwitch />
    </header>
  );
}
