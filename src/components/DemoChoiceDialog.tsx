import { useEffect, useEffectEvent, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { answerDemoChoice } from '../store/import-actions';
import { useAppStore } from '../store/store';
import type { DemoPlan, DemoPlanItem } from '../worker/demo-plan';

type Counted = Pick<DemoPlanItem, 'kind' | 'itemCount'>;

/** "564 个站点", "6 个区域", "6 行": what a dataset holds. */
function itemsText(t: TFunction, d: Counted): string {
  if (d.kind === 'stations') return t('datasets.sites', { count: d.itemCount });
  if (d.kind === 'boundaries') return t('datasets.areas', { count: d.itemCount });
  return t('datasets.rows', { count: d.itemCount });
}

function whatKey(d: DemoPlanItem): string {
  if (d.kind === 'stations') return d.synthetic ? 'synthetic' : 'stations';
  if (d.kind === 'boundaries') return d.level ?? 'county';
  return 'population';
}

function Items({ items, testId, t }: { items: DemoPlanItem[]; testId: string; t: TFunction }) {
  return (
    <ul data-testid={testId}>
      {items.map((d) => (
        <li key={d.id} data-kind={d.kind} data-synthetic={d.synthetic}>
          {t('importer.demo.item', {
            what: t(`importer.demo.what.${whatKey(d)}`),
            file: d.fileName,
            items: itemsText(t, d),
          })}
        </li>
      ))}
    </ul>
  );
}

function DemoChoice({ plan }: { plan: DemoPlan }) {
  const { t } = useTranslation();
  const titleId = useId();
  const introId = useId();
  const replace = useRef<HTMLButtonElement>(null);
  // Replacing is the default: it has the focus, so Enter accepts it.
  useEffect(() => replace.current?.focus(), []);
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.key === 'Escape') answerDemoChoice('cancel');
  });
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return createPortal(
    <div className="import-dialog-backdrop">
      <div
        className="import-dialog demo-choice"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={introId}
        data-testid="demo-choice"
      >
        <h2 id={titleId}>{t('importer.demo.title')}</h2>
        <p id={introId}>
          {t('importer.demo.intro', {
            file: plan.incoming.fileName,
            items: itemsText(t, plan.incoming),
          })}
        </p>
        {plan.replaced && (
          <>
            <h3>{t('importer.demo.replacedTitle')}</h3>
            <Items items={[plan.replaced]} testId="demo-choice-replaced" t={t} />
          </>
        )}
        <h3>{t('importer.demo.removeTitle')}</h3>
        <Items items={plan.remove} testId="demo-choice-remove" t={t} />
        {plan.townships > 0 && (
          <p data-testid="demo-choice-townships">
            {t('importer.demo.townships', { count: plan.townships })}
          </p>
        )}
        {plan.keep.length > 0 && (
          <>
            <h3>{t('importer.demo.keepTitle')}</h3>
            <Items items={plan.keep} testId="demo-choice-keep" t={t} />
          </>
        )}
        <p className="import-hint">{t('importer.demo.keepHint')}</p>
        <div className="import-dialog-actions">
          <button
            type="button"
            onClick={() => answerDemoChoice('cancel')}
            data-testid="demo-choice-cancel"
          >
            {t('importer.demo.cancel')}
          </button>
          <button
            type="button"
            onClick={() => answerDemoChoice('keep')}
            data-testid="demo-choice-keep-button"
          >
            {t('importer.demo.keep')}
          </button>
          <button
            type="button"
            className="primary"
            ref={replace}
            onClick={() => answerDemoChoice('replace')}
            data-testid="demo-choice-replace"
          >
            {t('importer.demo.replace')}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}

/**
 * The question an import of the user's own data asks while demo datasets are loaded: replace
 * them (the default) or keep them alongside, naming every dataset that would go and stay.
 */
export function DemoChoiceDialog() {
  const plan = useAppStore((s) => s.demoQuestion);
  return plan ? <DemoChoice plan={plan} /> : null;
}
