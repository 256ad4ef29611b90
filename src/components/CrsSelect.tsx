import { useTranslation } from 'react-i18next';
import { CRS_IDS, isCrsId, type CrsId } from '../core/crs';

/** The coordinate system of a file being imported (WGS-84, CGCS2000, GCJ-02, BD-09). */
export function CrsSelect({
  value,
  onChange,
  testId,
  className,
}: {
  value: CrsId;
  onChange: (crs: CrsId) => void;
  testId: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <label className={className}>
      {t('import.crs')}
      <select
        data-testid={testId}
        value={value}
        onChange={(e) => {
          if (isCrsId(e.target.value)) onChange(e.target.value);
        }}
      >
        {CRS_IDS.map((c) => (
          <option key={c} value={c}>
            {t(`import.crsOptions.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
