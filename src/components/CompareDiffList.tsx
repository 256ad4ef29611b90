import { useTranslation } from 'react-i18next';
import { changeCost, yuanPerPerson, type UnitCosts } from '../core/planner/costs';
import type { ChangeKind } from '../core/scenario/site-diff';
import { formatNumber } from '../i18n';
import { useAppStore } from '../store/store';
import type { ComparisonView } from '../worker/scenario-protocol';
import { formatDelta } from './delta-format';
import { formatPeople } from './metric-format';

const ROWS_SHOWN = 300;

interface DiffRow {
  id: string;
  a: ChangeKind[];
  b: ChangeKind[];
  same: boolean;
}

/** Every site either side changes, with A's and B's change (against the baseline). */
export function diffRows(cmp: ComparisonView): DiffRow[] {
  const a = new Map(cmp.sides.a.changes.map((d) => [d.id, d.kinds]));
  const b = new Map(cmp.sides.b.changes.map((d) => [d.id, d.kinds]));
  const differs = new Set(cmp.places.map((p) => p.id));
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids.map((id) => ({ id, a: a.get(id) ?? [], b: b.get(id) ?? [], same: !differs.has(id) }));
}

/** A side's totals under the unit costs: cost, people newly covered, cost per person. */
export function sideTotals(side: ComparisonView['sides']['a'], costs: Readonly<UnitCosts>) {
  const cost = side.changes.reduce((s, d) => s + changeCost(d.kinds, costs), 0);
  return {
    cost,
    nrPeople: side.nrPeople,
    redcapPeople: side.redcapPeople,
    perNrPerson: yuanPerPerson(cost, side.nrPeople),
    perRedcapPerson: yuanPerPerson(cost, side.redcapPeople),
  };
}

/**
 * The edits of A and B as site changes with their cost under the planner's unit costs,
 * and the totals A vs B: cost, people newly covered, cost per person newly covered.
 */
export function CompareDiffList({ comparison: cmp }: { comparison: ComparisonView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const costs = useAppStore((s) => s.unitCosts);
  const rows = diffRows(cmp);
  const kinds = (k: ChangeKind[]) =>
    k.length === 0
      ? t('scenarios.compare.diff.none')
      : k.map((x) => t(`scenarios.changeKinds.${x}`)).join(' + ');
  const wan = (x: number) => formatNumber(x, lang, 2);
  const A = sideTotals(cmp.sides.a, costs);
  const B = sideTotals(cmp.sides.b, costs);
  const yuan = (x: number | null) => (x === null ? '—' : formatNumber(x, lang, 0));
  const totals: [string, string, string, string, string][] = [
    [
      'cost',
      t('scenarios.compare.costs.cost'),
      wan(A.cost),
      wan(B.cost),
      formatDelta(B.cost - A.cost, 'km2', lang),
    ],
    [
      'nrPeople',
      t('scenarios.compare.costs.nrPeople'),
      formatPeople(A.nrPeople, lang),
      formatPeople(B.nrPeople, lang),
      formatDelta(Math.round(B.nrPeople - A.nrPeople), 'count', lang),
    ],
    [
      'redcapPeople',
      t('scenarios.compare.costs.redcapPeople'),
      formatPeople(A.redcapPeople, lang),
      formatPeople(B.redcapPeople, lang),
      formatDelta(Math.round(B.redcapPeople - A.redcapPeople), 'count', lang),
    ],
    [
      'perNrPerson',
      t('scenarios.compare.costs.perNrPerson'),
      yuan(A.perNrPerson),
      yuan(B.perNrPerson),
      '',
    ],
    [
      'perRedcapPerson',
      t('scenarios.compare.costs.perRedcapPerson'),
      yuan(A.perRedcapPerson),
      yuan(B.perRedcapPerson),
      '',
    ],
  ];
  return (
    <div className="compare-diff">
      <h4>{t('scenarios.compare.costs.title')}</h4>
      <table className="compare-table" data-testid="compare-costs">
        <thead>
          <tr>
            <th>{t('scenarios.compare.costs.row')}</th>
            <th>A</th>
            <th>B</th>
            <th>B − A</th>
          </tr>
        </thead>
        <tbody>
          {totals.map(([id, label, a, b, d]) => (
            <tr key={id} data-row={id}>
              <th scope="row">{label}</th>
              <td data-col="a">{a}</td>
              <td data-col="b">{b}</td>
              <td data-col="delta">{d}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint" data-testid="compare-unit-costs">
        {t('scenarios.compare.costs.unitCosts', {
          upgrade: wan(costs.upgrade),
          colocate: wan(costs.colocate),
          new: wan(costs.new),
          move: wan(costs.move),
          retune: wan(costs.retune),
          remove: wan(costs.remove),
        })}
      </p>
      <h4>{t('scenarios.compare.diff.title')}</h4>
      {rows.length === 0 ? (
        <p className="hint">{t('scenarios.compare.diff.empty')}</p>
      ) : (
        <div className="compare-scroll">
          <table className="compare-table" data-testid="compare-diff">
            <thead>
              <tr>
                <th>{t('scenarios.compare.diff.site')}</th>
                <th>{t('scenarios.compare.diff.place')}</th>
                <th>{t('scenarios.compare.diff.a')}</th>
                <th>{t('scenarios.compare.diff.costA')}</th>
                <th>{t('scenarios.compare.diff.b')}</th>
                <th>{t('scenarios.compare.diff.costB')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, ROWS_SHOWN).map((r) => (
                <tr
                  key={r.id}
                  data-site={r.id}
                  className={r.same ? 'same' : undefined}
                  title={r.same ? t('scenarios.compare.diff.same') : undefined}
                >
                  <th scope="row" className="text">
                    {r.id}
                  </th>
                  <td className="text">{cmp.placeOf[r.id] ?? ''}</td>
                  <td className="text" data-col="a">
                    {kinds(r.a)}
                  </td>
                  <td data-col="costA">{wan(changeCost(r.a, costs))}</td>
                  <td className="text" data-col="b">
                    {kinds(r.b)}
                  </td>
                  <td data-col="costB">{wan(changeCost(r.b, costs))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > ROWS_SHOWN && (
            <p className="hint">
              {t('scenarios.compare.diff.more', { count: rows.length - ROWS_SHOWN })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
