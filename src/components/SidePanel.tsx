import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { AreaTable } from './AreaTable';
import { DatasetList } from './DatasetList';
import { ImportButtons } from './ImportButtons';
import { ImportStatus } from './ImportStatus';
import { Legend } from './Legend';
import { TownshipList } from './TownshipList';

export function SidePanel() {
  const { t } = useTranslation();
  const loading = useAppStore((s) => s.loading);
  const loadError = useAppStore((s) => s.loadError);
  return (
    <aside className="side-panel">
      <h2 data-testid="region-name">{t('region.demoName')}</h2>
      {loading && <p data-testid="loading">{t('app.loading')}</p>}
      {loadError && (
        <p className="error" data-testid="load-error">
          {t('app.loadFailed', { reason: loadError })}
        </p>
      )}
      <AreaTable />
      <TownshipList />
      <ImportButtons />
      <ImportStatus />
      <DatasetList />
      <Legend />
    </aside>
  );
}
