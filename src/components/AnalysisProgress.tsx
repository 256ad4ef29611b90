import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { cancelAnalysis } from '../store/analysis-actions';
import './panels.css';

/** The running analysis: stage, a progress bar and cancel (the previous results stay). */
export function AnalysisProgress() {
  const { t } = useTranslation();
  const job = useAppStore((s) => s.analysis);
  if (!job) return null;
  const pct = Math.round(job.fraction * 100);
  return (
    <div className="analysis-progress" data-testid="analysis-progress" data-stage={job.stage}>
      <span>
        {t('panels.progress.running', { stage: t(`panels.progress.stages.${job.stage}`), pct })}
      </span>
      <progress max={1} value={job.fraction} />
      <button type="button" data-testid="analysis-cancel" onClick={cancelAnalysis}>
        {t('panels.progress.cancel')}
      </button>
    </div>
  );
}
