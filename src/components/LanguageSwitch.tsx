import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage } from '../i18n';
import { setLanguage } from '../store/actions';
import { useAppStore } from '../store/store';

const LABELS: Record<(typeof LANGUAGES)[number], string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useAppStore((s) => s.language);
  return (
    <label className="language-switch">
      <span className="sr-only">{t('app.language')}</span>
      <select
        data-testid="language"
        value={lang}
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {LABELS[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
