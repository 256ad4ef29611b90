import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';

/**
 * The region's name: the demo's while only demo boundaries are loaded, else the latest
 * imported boundary file with its number of areas (imported names are text, never HTML).
 */
export function RegionTitle() {
  const { t } = useTranslation();
  const datasets = useAppStore((s) => s.snapshot?.datasets);
  const imported = (datasets ?? []).filter((d) => d.kind === 'boundaries' && !d.demo);
  const latest = imported[imported.length - 1];
  return (
    <h2 data-testid="region-name">
      {latest
        ? t('region.imported', { file: latest.fileName, count: latest.itemCount })
        : t('region.demoName')}
    </h2>
  );
}
