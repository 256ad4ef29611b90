import { useTranslation } from 'react-i18next';
import { CANONICAL_FIELDS, type CanonicalField, type ColumnMapping } from '../io/station-columns';

interface Props {
  /** Column headers of the file, in file order. */
  headers: readonly string[];
  /** Field → header currently used ('' or absent = not used). */
  mapping: ColumnMapping;
  onChange: (field: CanonicalField, header: string) => void;
  /** A file without a header row (OpenCelliD) has no column names to choose from. */
  disabled?: boolean;
}

const REQUIRED = new Set<CanonicalField>(['lon', 'lat']);

/** One select per canonical station field: which column of the file feeds it. */
export function ColumnMappingTable({ headers, mapping, onChange, disabled }: Props) {
  const { t } = useTranslation();
  // A header written twice is one choice: the importer uses its first column.
  const choices = [...new Set(headers.filter((h) => h !== ''))];
  return (
    <table className="column-mapping" data-testid="column-mapping">
      <thead>
        <tr>
          <th>{t('importer.field')}</th>
          <th>{t('importer.sourceColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {CANONICAL_FIELDS.map((f) => {
          const value = mapping[f] ?? '';
          return (
            <tr key={f} data-field={f} className={value ? 'mapped' : undefined}>
              <th scope="row">
                <label htmlFor={`map-${f}`}>
                  {t(`importer.fields.${f}`)}
                  {REQUIRED.has(f) && <span className="required"> *</span>}
                </label>
              </th>
              <td>
                <select
                  id={`map-${f}`}
                  data-testid={`map-${f}`}
                  value={choices.includes(value) ? value : ''}
                  aria-required={REQUIRED.has(f)}
                  disabled={disabled}
                  onChange={(e) => onChange(f, e.target.value)}
                >
                  <option value="">{t('importer.notUsed')}</option>
                  {choices.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
