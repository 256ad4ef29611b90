import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CANDIDATE_KINDS } from '../core/planner/candidates';
import { DEFAULT_UNIT_COSTS, type UnitCosts } from '../core/planner/costs';
import { CHANGE_KINDS, type ChangeKind } from '../core/scenario/site-diff';
import { setUnitCosts } from '../store/scenario-plan-actions';
import { useAppStore } from '../store/store';

const text = (c: Readonly<UnitCosts>) =>
  Object.fromEntries(CHANGE_KINDS.map((k) => [k, String(c[k])])) as Record<ChangeKind, string>;

/**
 * A unit cost as typed, or null: a number > 0 for what the planner picks (a free pick
 * would make a cost budget meaningless), ≥ 0 for the rest (a removal may cost nothing).
 */
export function costValue(s: string, kind: ChangeKind): number | null {
  const v = Number(s.trim());
  const min = (CANDIDATE_KINDS as readonly string[]).includes(kind) ? Number.MIN_VALUE : 0;
  return s.trim() !== '' && Number.isFinite(v) && v >= min ? v : null;
}

/**
 * The unit costs (万元 per site) the planner and the comparison use, with what the
 * defaults are and where they come from: illustrative orders of magnitude, to be set.
 */
export function PlannerCosts() {
  const { t } = useTranslation();
  const costs = useAppStore((s) => s.unitCosts);
  // Typed text stays while it is not a number; valid values go to the store at once.
  const [typed, setTyped] = useState<Record<ChangeKind, string>>(() => text(costs));
  const change = (k: ChangeKind, v: string) => {
    setTyped((x) => ({ ...x, [k]: v }));
    const n = costValue(v, k);
    if (n !== null) setUnitCosts({ [k]: n });
  };
  return (
    <fieldset className="scenario-form" data-testid="planner-costs">
      <legend>{t('scenarios.planner.costsTitle')}</legend>
      {CHANGE_KINDS.map((k) => (
        <label key={k}>
          {t(`scenarios.planner.costKinds.${k}`)}{' '}
          <input
            data-testid={`planner-cost-${k}`}
            inputMode="decimal"
            size={4}
            value={typed[k]}
            aria-invalid={costValue(typed[k], k) === null}
            onChange={(e) => change(k, e.target.value)}
          />{' '}
          {t('scenarios.planner.costUnit')}
        </label>
      ))}
      <p className="hint" data-testid="planner-costs-help">
        {t('scenarios.planner.costsHelp')}
      </p>
      <button
        type="button"
        data-testid="planner-costs-reset"
        onClick={() => {
          setUnitCosts({ ...DEFAULT_UNIT_COSTS });
          setTyped(text(DEFAULT_UNIT_COSTS));
        }}
      >
        {t('scenarios.planner.costsReset')}
      </button>
    </fieldset>
  );
}
