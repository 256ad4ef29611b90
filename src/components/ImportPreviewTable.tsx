import { useTranslation } from 'react-i18next';
import type { StationPreview } from '../io/import-stations';
import { clip } from './issue-text';

/**
 * The first rows of a station file as read, each column headed by the field it feeds;
 * rows the import would reject are marked. Cells are React text, never HTML.
 */
export function ImportPreviewTable({ preview }: { preview: StationPreview }) {
  const { t } = useTranslation();
  const rejectedLines = new Set(
    preview.rejected.map((i) => Number(i.params?.line)).filter((n) => Number.isFinite(n)),
  );
  const cols = preview.columns.byColumn;
  return (
    <div className="import-preview-rows">
      <table data-testid="import-preview-rows">
        <thead>
          <tr>
            <th>{t('importer.line')}</th>
            {cols.map((c, i) => (
              <th key={i} data-field={c.field ?? ''}>
                <div>{clip(c.header, 40)}</div>
                <div className="preview-field">
                  {c.field ? t(`importer.fields.${c.field}`) : t('importer.notApplicable')}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r, k) => {
            const line = preview.rowLines[k];
            return (
              <tr
                key={k}
                data-line={line}
                className={rejectedLines.has(line) ? 'rejected' : undefined}
              >
                <td>{line}</td>
                {cols.map((_, i) => (
                  <td key={i}>{clip(r[i] ?? '', 40)}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
