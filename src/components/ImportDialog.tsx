import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { CrsSelect } from './CrsSelect';
import type { CrsId } from '../core/crs';
import type { StationPreview } from '../io/import-stations';
import { CANONICAL_FIELDS, type CanonicalField, type ColumnMapping } from '../io/station-columns';
import { importFile } from '../store/actions';
import { previewStationFile, reportImportFailure } from '../store/import-actions';
import { useAppStore } from '../store/store';
import type { ImportFailure } from '../worker/load-dataset';
import type { DatasetKind } from '../worker/protocol';
import { ColumnMappingTable } from './ColumnMapping';
import { ImportPreviewTable } from './ImportPreviewTable';
import { IssueList } from './IssueList';
import { failureReason } from './issue-text';

export interface PendingImport {
  file: File;
  kind: DatasetKind;
  /** True when the kind was guessed from the file (a drop), so the dialog says so. */
  guessed?: boolean;
  /** Population rasters: the further tiles picked or dropped with `file`. */
  tiles?: File[];
  /** Replace this dataset instead of adding one; the kind is then fixed. */
  replace?: { id: string; fileName: string };
}

interface Props {
  pending: PendingImport;
  /** Called when the dialog is done: accepted (the import has started) or cancelled. */
  onClose: () => void;
}

const KINDS: DatasetKind[] = [
  'stations',
  'boundaries',
  'population',
  'settlements',
  'population-raster',
  'dem',
];
const DELIMITER_KEY: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** Every canonical field explicitly, so the importer uses exactly what the dialog shows. */
function fullMapping(m: ColumnMapping): ColumnMapping {
  const out: ColumnMapping = {};
  for (const f of CANONICAL_FIELDS) out[f] = m[f] ?? '';
  return out;
}

type PreviewOutcome =
  | { status: 'ok'; preview: StationPreview; unresolved?: ImportFailure }
  | { status: 'failed'; failure: ImportFailure };

/**
 * Confirms one file before it is imported: its kind and CRS and, for a station table, a
 * preview computed in the worker (encoding, delimiter, first rows, column mapping, rows that
 * would be rejected). Editing the mapping or CRS recomputes the preview; Import sends
 * exactly that mapping and CRS. Nothing is loaded until Import.
 */
export function ImportDialog({ pending, onClose }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const defaultCrs = useAppStore((s) => s.importCrs);
  // One import at a time: Import waits while another runs.
  const busy = useAppStore((s) => s.job !== null);
  const [kind, setKind] = useState<DatasetKind>(pending.kind);
  const [crs, setCrs] = useState<CrsId>(defaultCrs);
  const [rasterValues, setRasterValues] = useState<'count' | 'density'>('count');
  // Undefined until the user edits a field: the importer's own detection is used as is.
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  // The latest preview and the settings it was made with: while a newer one is computed the
  // old one stays on screen (the mapping selects keep their place) and Import waits.
  const [result, setResult] = useState<{ inputs: string; outcome: PreviewOutcome } | null>(null);
  const inputs = JSON.stringify([crs, mapping ?? null]);
  const { file } = pending;
  const previewFailed = useEffectEvent((failure: ImportFailure, madeWith: string) => {
    if (result === null && mapping === undefined && kind === pending.kind) {
      // The file as picked cannot be read at all: say so where import failures are shown.
      reportImportFailure(failure);
      onClose();
    } else setResult({ inputs: madeWith, outcome: { status: 'failed', failure } });
  });

  useEffect(() => {
    if (kind !== 'stations') return;
    let live = true;
    void previewStationFile(file, crs, mapping).then((r) => {
      if (!live) return; // a newer edit is being previewed
      if (r.status === 'ok') {
        setResult({
          inputs,
          outcome: { status: 'ok', preview: r.preview, unresolved: r.unresolved },
        });
      } else previewFailed(r, inputs);
    });
    return () => {
      live = false;
    };
  }, [file, kind, crs, mapping, inputs]);

  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.key === 'Escape') onClose();
  });
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const loading = kind === 'stations' && result?.inputs !== inputs;
  const state = result?.outcome ?? null;
  const lastPreview = state?.status === 'ok' ? state.preview : null;
  const shown: ColumnMapping = mapping ?? lastPreview?.columns.mapping ?? {};
  const setField = (field: CanonicalField, header: string) => {
    const next = fullMapping(shown);
    // One column feeds one field, as in the importer: taking it from another field clears that.
    if (header !== '') for (const f of CANONICAL_FIELDS) if (next[f] === header) next[f] = '';
    next[field] = header;
    setMapping(next);
  };

  const ready =
    !busy && (kind !== 'stations' || (!loading && state?.status === 'ok' && !state.unresolved));
  const accept = () => {
    void importFile(kind, file, {
      crs,
      mapping: kind === 'stations' ? mapping : undefined,
      replaceId: pending.replace?.id,
      ...(kind === 'population-raster' ? { tiles: pending.tiles ?? [], rasterValues } : {}),
    });
    onClose();
  };

  const reason = (f: ImportFailure) => failureReason(t, f);

  // On <body>: the side panel scrolls and clips, the dialog covers the page.
  return createPortal(
    <div className="import-dialog-backdrop">
      <div
        className="import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="import-dialog"
        ref={dialog}
        tabIndex={-1}
        data-state={loading ? 'loading' : 'ready'}
      >
        <h2 id={titleId}>
          {pending.replace
            ? t('importer.replaceTitle', { file: file.name, old: pending.replace.fileName })
            : t('importer.dialogTitle', { file: file.name })}
        </h2>
        <div className="import-dialog-choices">
          <label>
            {t('importer.kind')}
            <select
              data-testid="import-kind"
              value={kind}
              disabled={pending.replace !== undefined}
              onChange={(e) => {
                setKind(e.target.value as DatasetKind);
                setMapping(undefined);
              }}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`importer.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {kind !== 'population' && kind !== 'population-raster' && (
            <CrsSelect value={crs} onChange={setCrs} testId="import-dialog-crs" />
          )}
          {kind === 'population-raster' && (
            <label>
              {t('importer.rasterValues')}
              <select
                data-testid="import-raster-values"
                value={rasterValues}
                onChange={(e) => setRasterValues(e.target.value as 'count' | 'density')}
              >
                <option value="count">{t('importer.rasterCount')}</option>
                <option value="density">{t('importer.rasterDensity')}</option>
              </select>
            </label>
          )}
        </div>
        {pending.guessed && !pending.replace && (
          <p className="import-hint">{t('importer.guessed')}</p>
        )}
        {pending.replace && <p className="import-hint">{t('importer.replaceHint')}</p>}

        {kind === 'population-raster' && (
          <p className="import-hint" data-testid="import-raster-files">
            {t('importer.rasterFiles', {
              files: [file, ...(pending.tiles ?? [])].map((f) => f.name).join(', '),
            })}
          </p>
        )}
        {kind !== 'stations' && <p className="import-hint">{t('importer.noPreview')}</p>}
        {loading && <p data-testid="import-preview-loading">{t('importer.loadingPreview')}</p>}
        {kind === 'stations' && !loading && state?.status === 'failed' && (
          <p className="import-preview-error" data-testid="import-preview-error" role="alert">
            {t('importer.previewFailed', { reason: reason(state.failure) })}
          </p>
        )}
        {kind === 'stations' && state?.status === 'ok' && (
          <div className="import-preview" data-testid="import-preview">
            <p data-testid="import-preview-details">
              {t('importer.details', {
                format: t(`importer.formats.${state.preview.format}`),
                encoding: state.preview.encoding
                  ? t(`importer.encodings.${state.preview.encoding}`)
                  : t('importer.notApplicable'),
                delimiter: state.preview.delimiter
                  ? t(`importer.delimiters.${DELIMITER_KEY[state.preview.delimiter] ?? 'comma'}`)
                  : t('importer.notApplicable'),
              })}
              {' · '}
              {state.preview.headerLine === null
                ? t('importer.noHeader')
                : t('importer.headerLine', { line: state.preview.headerLine })}
            </p>
            {state.unresolved && (
              <p className="import-preview-error" data-testid="import-preview-error" role="alert">
                {t('importer.previewFailed', { reason: reason(state.unresolved) })}
              </p>
            )}
            {!state.unresolved && (
              <p data-testid="import-preview-summary">
                {t('importer.sampleSummary', {
                  total: state.preview.rows.length,
                  accepted: state.preview.acceptedCount,
                  rejected: state.preview.rejected.length,
                })}
              </p>
            )}
            <div className="import-preview-body">
              <section>
                <h3>{t('importer.mappingTitle')}</h3>
                <p className="import-hint">{t('importer.mappingHint')}</p>
                <ColumnMappingTable
                  headers={state.preview.columns.headers}
                  mapping={shown}
                  onChange={setField}
                  disabled={!state.preview.columns.hasHeader}
                />
              </section>
              <section className="import-preview-sample">
                <h3>{t('importer.rowsTitle', { count: state.preview.rows.length })}</h3>
                <ImportPreviewTable preview={state.preview} />
                <IssueList
                  testId="import-preview-rejected"
                  title={t('importer.rejectedTitle', { count: state.preview.rejected.length })}
                  issues={state.preview.rejected}
                  total={state.preview.rejected.length}
                />
                <IssueList
                  testId="import-preview-warnings"
                  title={t('importer.warningsTitle', { count: state.preview.warnings.length })}
                  issues={state.preview.warnings}
                  total={state.preview.warnings.length}
                />
              </section>
            </div>
          </div>
        )}
        <div className="import-dialog-actions">
          <button type="button" onClick={onClose} data-testid="import-dialog-cancel">
            {t('importer.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!ready}
            onClick={accept}
            data-testid="import-accept"
          >
            {pending.replace ? t('importer.acceptReplace') : t('importer.accept')}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
