import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { removeDataset } from '../store/actions';
import type { DatasetSummary } from '../worker/protocol';

// A stable empty list: a fresh [] from a selector would re-render forever.
const NO_DATASETS: DatasetSummary[] = [];

export function DatasetList() {
  const { t } = useTranslation();
  const datasets = useAppStore((s) => s.snapshot?.datasets ?? NO_DATASETS);
  if (datasets.length === 0) return null;
  return (
    <section className="dataset-list">
      <h2>{t('datasets.title')}</h2>
      <ul data-testid="datasets">
        {datasets.map((d) => (
          <li key={d.id} data-kind={d.kind}>
            <span className="dataset-kind">{t(`datasets.${d.kind}`)}</span>{' '}
            <span className="dataset-file">{d.fileName}</span>
            {d.demo && <span className="badge">{t('datasets.demo')}</span>}
            <div className="dataset-counts">
              {[
                d.kind === 'stations' && t('datasets.sites', { count: d.itemCount }),
                d.kind === 'boundaries' && t('datasets.areas', { count: d.itemCount }),
                d.kind !== 'boundaries' && t('datasets.rows', { count: d.loadedCount }),
                d.rejectedCount > 0 && t('datasets.rejected', { count: d.rejectedCount }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
            {!d.demo && (
              <button type="button" className="link" onClick={() => void removeDataset(d.id)}>
                {t('datasets.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
