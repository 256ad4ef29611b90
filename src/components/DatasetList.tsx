import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { removeDataset } from '../store/actions';
import type { DatasetSummary } from '../worker/protocol';
import { ImportDialog, type PendingImport } from './ImportDialog';

// A stable empty list: a fresh [] from a selector would re-render forever.
const NO_DATASETS: DatasetSummary[] = [];

/**
 * "Replace…": pick a file and confirm it in the import dialog (a station table with its
 * preview); it is imported in this dataset's place. The dataset stays loaded until the new
 * file has loaded, so a failed or cancelled replace loses nothing.
 */
function ReplaceButton({
  dataset,
  onPick,
}: {
  dataset: DatasetSummary;
  onPick: (f: File) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const busy = useAppStore((s) => s.job !== null);
  return (
    <>
      <button
        type="button"
        className="link"
        disabled={busy}
        title={t('importer.replaceHint')}
        aria-label={`${t('importer.replace')} ${dataset.fileName}`}
        onClick={() => input.current?.click()}
        data-testid="dataset-replace"
      >
        {t('importer.replace')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="dataset-replace-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onPick(f);
        }}
      />
    </>
  );
}

/** Removes the dataset (demo ones too); the analysis runs again over what is left. */
function RemoveButton({ dataset }: { dataset: DatasetSummary }) {
  const { t } = useTranslation();
  // Not while an import runs: it may be about to replace this very dataset.
  const busy = useAppStore((s) => s.job !== null);
  return (
    <button
      type="button"
      className="link"
      disabled={busy}
      title={t('importer.demo.removeHint')}
      aria-label={`${t('datasets.remove')} ${dataset.fileName}`}
      onClick={() => void removeDataset(dataset.id)}
      data-testid="dataset-remove"
    >
      {t('datasets.remove')}
    </button>
  );
}

export function DatasetList() {
  const { t } = useTranslation();
  const datasets = useAppStore((s) => s.snapshot?.datasets ?? NO_DATASETS);
  const [pending, setPending] = useState<PendingImport | null>(null);
  if (datasets.length === 0) return null;
  return (
    <section className="dataset-list">
      <h2>{t('datasets.title')}</h2>
      <ul data-testid="datasets">
        {datasets.map((d) => (
          <li key={d.id} data-kind={d.kind} data-id={d.id}>
            <span className="dataset-kind">{t(`datasets.${d.kind}`)}</span>{' '}
            <span className="dataset-file">{d.fileName}</span>
            {d.demo && <span className="badge">{t('datasets.demo')}</span>}
            {d.synthetic && (
              <span className="badge badge-synthetic" title={t('app.syntheticHint')}>
                {t('importer.demo.syntheticTag')}
              </span>
            )}
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
            <div className="dataset-actions">
              <ReplaceButton
                dataset={d}
                onPick={(file) =>
                  setPending({ file, kind: d.kind, replace: { id: d.id, fileName: d.fileName } })
                }
              />
              <RemoveButton dataset={d} />
            </div>
          </li>
        ))}
      </ul>
      {pending && <ImportDialog pending={pending} onClose={() => setPending(null)} />}
    </section>
  );
}
