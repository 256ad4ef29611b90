import { useTranslation } from 'react-i18next';
import type { ImportIssue } from '../io/issues';
import { issueText } from './issue-text';

interface Props {
  title: string;
  issues: ImportIssue[];
  total: number;
  testId: string;
}

export function IssueList({ title, issues, total, testId }: Props) {
  const { t } = useTranslation();
  if (total === 0) return null;
  return (
    <details className="issue-list" open data-testid={testId}>
      <summary>{title}</summary>
      <ol>
        {issues.map((i, k) => {
          const { where, reason } = issueText(t, i);
          return (
            <li key={k}>
              <span className="issue-where">{where}</span>{' '}
              <span className="issue-reason">{reason}</span>
            </li>
          );
        })}
      </ol>
      {total > issues.length && <div>{t('import.moreRows', { count: total - issues.length })}</div>}
    </details>
  );
}
