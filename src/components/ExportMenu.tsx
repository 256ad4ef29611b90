import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplianceScope } from '../store/compliance-of-results';
import { exportResults, type ExportKind } from '../store/export-actions';
import { snapshotSynthetic } from '../store/export-files';
import { useAppStore } from '../store/store';

/** Each export and its label key; the coverage images only when the worker made them. */
const ITEMS: readonly { kind: ExportKind; label: string }[] = [
  { kind: 'areas-csv', label: 'compliance.export.areasCsv' },
  { kind: 'areas-xlsx', label: 'compliance.export.areasXlsx' },
  { kind: 'gaps-geojson', label: 'compliance.export.gapsGeojson' },
  { kind: 'gaps-kml', label: 'compliance.export.gapsKml' },
  { kind: 'zones-geojson', label: 'compliance.export.zonesGeojson' },
  { kind: 'zones-kml', label: 'compliance.export.zonesKml' },
  { kind: 'coverage-nr', label: 'compliance.export.coverageNr' },
  { kind: 'coverage-redcap', label: 'compliance.export.coverageRedcap' },
  { kind: 'report-html', label: 'compliance.export.report' },
];

/**
 * Downloads of the results on screen — tables, outlines, rasters and the HTML report — of
 * the area the compliance view is drilled into (everything at its top level).
 */
export function ExportMenu({ scope }: { scope: (ComplianceScope & { name: string }) | null }) {
  const { t } = useTranslation();
  const results = useAppStore((s) => s.results);
  const synthetic = useAppStore((s) => snapshotSynthetic(s.snapshot));
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!results || !results.totals) {
    return (
      <section className="export-menu" data-testid="export-menu">
        <h4>{t('compliance.export.title')}</h4>
        <p className="hint">{t('compliance.export.none')}</p>
      </section>
    );
  }
  const available = (kind: ExportKind): boolean => {
    if (kind === 'coverage-nr' || kind === 'coverage-redcap') {
      const layer = kind === 'coverage-nr' ? 'nr' : 'redcap';
      return results.coverage.some((c) => c.layer === layer && c.url !== null);
    }
    if (kind === 'zones-geojson' || kind === 'zones-kml')
      return results.townZones.features.length > 0;
    if (kind === 'gaps-geojson' || kind === 'gaps-kml') return results.gaps.features.length > 0;
    return true;
  };
  const run = async (kind: ExportKind) => {
    setBusy(kind);
    setError(null);
    try {
      await exportResults(kind, scope);
    } catch (e) {
      setError(
        t('compliance.export.failed', { reason: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setBusy(null);
    }
  };
  const busyItem = ITEMS.find((i) => i.kind === busy);
  return (
    <section className="export-menu" data-testid="export-menu">
      <h4>{t('compliance.export.title')}</h4>
      <p className="hint" data-testid="export-scope">
        {scope
          ? t('compliance.export.scope', { name: scope.name })
          : t('compliance.export.scopeAll')}{' '}
        {t('compliance.export.hint')}
      </p>
      {synthetic && (
        <p className="hint badge-synthetic" data-testid="export-synthetic">
          {t('compliance.export.synthetic')}
        </p>
      )}
      <div className="export-buttons">
        {ITEMS.map(({ kind, label }) => (
          <button
            key={kind}
            type="button"
            data-testid={`export-${kind}`}
            disabled={busy !== null || !available(kind)}
            onClick={() => void run(kind)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      {busyItem && (
        <p className="hint" role="status" data-testid="export-busy">
          {t('compliance.export.busy', { what: t(busyItem.label) })}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="export-error">
          {error}
        </p>
      )}
    </section>
  );
}
