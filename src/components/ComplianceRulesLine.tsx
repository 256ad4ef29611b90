import { useTranslation } from 'react-i18next';
import type { ComplianceRules } from '../core/analysis/compliance';
import { rulesLine } from '../io/export-meta';

/** The rules every verdict below was made with, worded as the exports word them. */
export function ComplianceRulesLine({ rules }: { rules: ComplianceRules }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <p className="compliance-rules" data-testid="compliance-rules">
      <strong>{t('compliance.rulesTitle')}</strong> {rulesLine(rules, lang)}
    </p>
  );
}
