import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CANDIDATE_KINDS, type CandidateKind } from '../core/planner/candidates';
import { OBJECTIVES, type Objective } from '../core/planner/plan';
import { formatNumber } from '../i18n';
import { cancelPlanner, runPlanner, scenarioFromPlan } from '../store/scenario-plan-actions';
import { useAppStore } from '../store/store';
import { PlanOutcomeView } from './PlanOutcomeView';
import { PlannerCosts } from './PlannerCosts';
import { PlanTable } from './PlanTable';
import { ScenarioSection } from './ScenarioSection';
import './scenarios.css';

/** Budget, costs and objective in; ranked picks with their gains out; one click to a scenario. */
export function PlannerPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const job = useAppStore((s) => s.plannerJob);
  const plan = useAppStore((s) => s.plan);
  const elapsed = useAppStore((s) => s.planElapsedMs);
  const message = useAppStore((s) => s.planMessage);
  const analysed = useAppStore((s) => s.results !== null);
  const busy = useAppStore((s) => s.scenarioBusy);
  const outcome = useAppStore((s) => s.planOutcome);
  const unitCosts = useAppStore((s) => s.unitCosts);
  const [objective, setObjective] = useState<Objective>('nr-pop');
  const [budgetKind, setBudgetKind] = useState<'count' | 'cost'>('count');
  const [amount, setAmount] = useState('10');
  const [kinds, setKinds] = useState<Record<CandidateKind, boolean>>({
    upgrade: true,
    colocate: true,
    new: true,
  });

  const n = Number(amount);
  const costNums = Object.fromEntries(CANDIDATE_KINDS.map((k) => [k, unitCosts[k]])) as Record<
    CandidateKind,
    number
  >;
  const valid =
    Number.isFinite(n) &&
    n > 0 &&
    (budgetKind === 'cost' || Number.isInteger(n)) &&
    CANDIDATE_KINDS.every((k) => Number.isFinite(costNums[k]) && costNums[k] > 0) &&
    CANDIDATE_KINDS.some((k) => kinds[k]);

  const run = () =>
    void runPlanner({
      objective,
      budget: budgetKind === 'count' ? { kind: 'count', picks: n } : { kind: 'cost', total: n },
      kinds: CANDIDATE_KINDS.filter((k) => kinds[k]),
      costs: costNums,
    });
  const cost = plan ? plan.picks.reduce((s, p) => s + p.cost, 0) : 0;

  return (
    <ScenarioSection id="planner">
      <p className="hint">{t('scenarios.planner.base')}</p>
      <div className="scenario-row">
        <label>
          {t('scenarios.planner.objective')}{' '}
          <select
            data-testid="planner-objective"
            value={objective}
            onChange={(e) => setObjective(e.target.value as Objective)}
          >
            {OBJECTIVES.map((o) => (
              <option key={o} value={o}>
                {t(`scenarios.planner.objectives.${o}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="scenario-row">
        <label>
          {t('scenarios.planner.budgetKind')}{' '}
          <select
            data-testid="planner-budget-kind"
            value={budgetKind}
            onChange={(e) => setBudgetKind(e.target.value as 'count' | 'cost')}
          >
            <option value="count">{t('scenarios.planner.budgetKinds.count')}</option>
            <option value="cost">{t('scenarios.planner.budgetKinds.cost')}</option>
          </select>
        </label>
        <label>
          {t('scenarios.planner.budget')}{' '}
          <input
            data-testid="planner-budget"
            inputMode="decimal"
            size={6}
            value={amount}
            aria-invalid={!(Number.isFinite(n) && n > 0)}
            onChange={(e) => setAmount(e.target.value)}
          />
        </label>
      </div>
      <fieldset className="scenario-form">
        <legend>{t('scenarios.planner.kinds')}</legend>
        {CANDIDATE_KINDS.map((k) => (
          <span key={k} className="scenario-row">
            <label>
              <input
                type="checkbox"
                data-testid={`planner-kind-${k}`}
                checked={kinds[k]}
                onChange={(e) => setKinds({ ...kinds, [k]: e.target.checked })}
              />{' '}
              {t(`scenarios.planner.kindNames.${k}`)}
            </label>
          </span>
        ))}
      </fieldset>
      <PlannerCosts />
      <div className="scenario-row">
        <button
          type="button"
          data-testid="planner-run"
          disabled={!valid || !analysed || job !== null || busy}
          onClick={run}
        >
          {t('scenarios.planner.run')}
        </button>
        {job && (
          <>
            <progress data-testid="planner-progress" max={1} value={job.fraction} />
            <span className="hint">{t(`scenarios.planner.stages.${job.stage}`)}</span>
            <button type="button" data-testid="planner-cancel" onClick={cancelPlanner}>
              {t('scenarios.planner.cancel')}
            </button>
          </>
        )}
      </div>
      {message && (
        <p
          className={message.key.endsWith('cancelled') ? 'hint' : 'error'}
          data-testid="planner-message"
        >
          {t(message.key, message.params)}
        </p>
      )}
      {plan && (
        <div data-testid="plan">
          <p>
            {plan.picks.length === 0
              ? t('scenarios.planner.empty')
              : t('scenarios.planner.summary', {
                  picks: plan.picks.length,
                  cost: formatNumber(cost, lang, 2),
                  candidates: plan.candidates.total,
                  ms: formatNumber(elapsed ?? 0, lang),
                })}
          </p>
          {plan.picks.length > 0 && (
            <>
              {outcome && <PlanOutcomeView outcome={outcome} />}
              <PlanTable plan={plan} />
              <button
                type="button"
                data-testid="planner-create"
                disabled={busy}
                onClick={() => void scenarioFromPlan()}
              >
                {t('scenarios.planner.create')}
              </button>
            </>
          )}
        </div>
      )}
    </ScenarioSection>
  );
}
