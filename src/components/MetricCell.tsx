import { useTranslation } from 'react-i18next';
import type { ColumnSpec } from './area-columns';
import type { TableRow } from './area-rows';
import { columnText } from './metric-format';

/**
 * One table cell. Imported names and codes are plain text children (React escapes them).
 * A coverage cell of a row the analysis has not reached shows `…` while it runs.
 */
export function MetricCell({
  col,
  row,
  pending,
}: {
  col: ColumnSpec;
  row: TableRow;
  pending: boolean;
}) {
  const { t, i18n } = useTranslation();
  const style = { width: col.width };
  if (col.kind === 'text') {
    const text = columnText(col, row, t, i18n.language);
    return (
      <td data-col={col.id} style={style} title={text}>
        {text}
      </td>
    );
  }
  if (col.analysed && !row.analysed) {
    return (
      <td className="num muted" data-col={col.id} style={style}>
        {pending ? '…' : '—'}
      </td>
    );
  }
  if (col.kind === 'zone') {
    const tz = row.townZone;
    return (
      <td
        className={tz ? (tz.continuous ? 'zone ok' : 'zone bad') : 'zone'}
        data-col={col.id}
        data-continuous={tz ? String(tz.continuous) : undefined}
        style={style}
      >
        {columnText(col, row, t, i18n.language)}
      </td>
    );
  }
  const below = col.id === 'per10k' && row.per10k !== null && row.per10k < row.targetPer10k;
  return (
    <td
      className={below ? 'num below-target' : 'num'}
      data-col={col.id}
      style={style}
      title={below ? t('panels.columns.target', { target: row.targetPer10k }) : undefined}
    >
      {columnText(col, row, t, i18n.language)}
    </td>
  );
}
