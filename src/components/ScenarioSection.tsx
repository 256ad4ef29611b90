import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type ScenarioSectionId = 'scenarios' | 'compare' | 'planner';

/** A side-panel section of the scenario tools (same look as SidePanel's sections). */
export function ScenarioSection({
  id,
  open = false,
  children,
}: {
  id: ScenarioSectionId;
  open?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <details className="panel-section" data-testid={`section-${id}`} open={open}>
      <summary>{t(`scenarios.sections.${id}`)}</summary>
      {children}
    </details>
  );
}
