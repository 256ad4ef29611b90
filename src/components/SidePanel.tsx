import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RegionTitle } from './RegionTitle';
import { useAppStore } from '../store/store';
import { AnalysisProgress } from './AnalysisProgress';
import { AreaDetail } from './AreaDetail';
import { AreaTable } from './AreaTable';
import { CompliancePanel } from './CompliancePanel';
import { ComparePanel } from './ComparePanel';
import { DatasetList } from './DatasetList';
import { ImportButtons } from './ImportButtons';
import { ImportStatus } from './ImportStatus';
import { ParametersPanel } from './ParametersPanel';
import { PlannerPanel } from './PlannerPanel';
import { PopulationStatus } from './PopulationStatus';
import { ResultsProvenance } from './ResultsProvenance';
import { PopulationModelNote } from './PopulationModelNote';
import { ScenarioPanel } from './ScenarioPanel';
import { TownshipList } from './TownshipList';
import { PanelResizer } from './PanelResizer';
import './panels.css';

/** A collapsible section; its content stays mounted so closing it keeps its state. */
function Section({ id, open, children }: { id: string; open: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="panel-section" data-testid={`section-${id}`} open={open}>
      <summary>{t(`panels.sections.${id}`)}</summary>
      {children}
    </details>
  );
}

export function SidePanel() {
  const { t } = useTranslation();
  const loading = useAppStore((s) => s.loading);
  const loadError = useAppStore((s) => s.loadError);
  const width = useAppStore((s) => s.sidePanelWidth);
  return (
    <>
      <PanelResizer />
      <aside className="side-panel" data-testid="side-panel" style={{ width }}>
        <RegionTitle />
        {loading && <p data-testid="loading">{t('app.loading')}</p>}
        {loadError && (
          <p className="error" data-testid="load-error">
            {t('app.loadFailed', { reason: loadError })}
          </p>
        )}
        <AnalysisProgress />
        <Section id="areas" open>
          <AreaTable />
          <ResultsProvenance />
          <PopulationModelNote />
          <AreaDetail />
          <TownshipList />
        </Section>
        <Section id="parameters" open={false}>
          <ParametersPanel />
        </Section>
        <CompliancePanel />
        <ScenarioPanel />
        <ComparePanel />
        <PlannerPanel />
        <Section id="data" open>
          <ImportButtons />
          <ImportStatus />
          <PopulationStatus />
          <DatasetList />
        </Section>
      </aside>
    </>
  );
}
