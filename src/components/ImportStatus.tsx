import { useTranslation } from 'react-i18next';
import { cancelImport, dismissNotice } from '../store/actions';
import { useAppStore } from '../store/store';
import { formatNumber } from '../i18n';
import { IssueList } from './IssueList';
import { failureReason } from './issue-text';

/** Progress of the running import, then its outcome with the rejected rows and reasons. */
export function ImportStatus() {
  const { t, i18n } = useTranslation();
  const job = useAppStore((s) => s.job);
  const notice = useAppStore((s) => s.notice);
  if (job) {
    const pct = Math.round(job.fraction * 100);
    return (
      <section
        className="import-status"
        data-testid="import-progress"
        data-rows={job.rows}
        aria-live="polite"
      >
        <div>{t('import.reading', { file: job.fileName })}</div>
        <progress max={1} value={job.fraction} />
        <div>{t('import.progress', { rows: formatNumber(job.rows, i18n.language), pct })}</div>
        <button type="button" onClick={cancelImport} data-testid="import-cancel">
          {t('import.cancel')}
        </button>
      </section>
    );
  }
  if (!notice) return null;
  return (
    <section
      className={`import-status import-${notice.status}`}
      data-testid="import-notice"
      role="status"
    >
      {notice.status === 'ok' && (
        <>
          <div data-testid="import-summary">
            {t('import.done', {
              file: notice.dataset.fileName,
              loaded: formatNumber(notice.dataset.loadedCount, i18n.language),
              rejected: formatNumber(notice.dataset.rejectedCount, i18n.language),
            })}
          </div>
          {notice.removed && notice.removed.length > 0 && (
            <div data-testid="import-demo-removed">
              {t('importer.demo.removedNotice', {
                files: notice.removed.map((d) => d.fileName).join(t('importer.demo.listSeparator')),
              })}
            </div>
          )}
          <IssueList
            testId="import-rejected"
            title={t('import.rejectedTitle', { count: notice.dataset.rejectedCount })}
            issues={notice.dataset.rejected}
            total={notice.dataset.rejectedCount}
          />
          <IssueList
            testId="import-warnings"
            title={t('import.warningsTitle', { count: notice.dataset.warningCount })}
            issues={notice.dataset.warnings}
            total={notice.dataset.warningCount}
          />
        </>
      )}
      {notice.status === 'failed' && (
        <div data-testid="import-error">
          {t('import.failed', {
            file: notice.fileName,
            reason: failureReason(t, notice),
          })}
        </div>
      )}
      {notice.status === 'cancelled' && (
        <div>{t('import.cancelled', { file: notice.fileName })}</div>
      )}
      <button type="button" onClick={dismissNotice} data-testid="import-close">
        {t('import.close')}
      </button>
    </section>
  );
}
