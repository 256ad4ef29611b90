import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useAppStore } from '../store/store';
import { selectArea } from '../store/analysis-actions';
import { AREA_COLUMNS, TABLE_WIDTH, type ColumnSpec } from './area-columns';
import {
  filterRows,
  NO_FILTERS,
  type AreaLevel,
  type RowFilters,
  type TableRow,
} from './area-rows';
import { AreaFilters } from './AreaFilters';
import { MetricCell } from './MetricCell';
import { useAreaRows } from './use-area-rows';
import './panels.css';

/** Fixed row height: the virtualiser positions rows without measuring them. */
export const ROW_HEIGHT = 26;
const LEVELS: readonly AreaLevel[] = ['county', 'township'];

function tanstackColumns(lang: string): ColumnDef<TableRow>[] {
  return AREA_COLUMNS.map((c) => ({
    id: c.id,
    accessorFn: c.value,
    sortUndefined: 'last',
    sortingFn:
      c.kind === 'text'
        ? (a, b, id) => String(a.getValue(id)).localeCompare(String(b.getValue(id)), lang)
        : 'basic',
    meta: c,
  }));
}

/**
 * Counties or townships with every metric of the report, sortable and filterable;
 * rows are virtualised so a national table (40,000 townships) scrolls smoothly.
 */
export function AreaTable() {
  const { t, i18n } = useTranslation();
  const [level, setLevel] = useState<AreaLevel>('county');
  const [filters, setFilters] = useState<RowFilters>(NO_FILTERS);
  const [sorting, setSorting] = useState<SortingState>([]);
  const { rows, totals, analysed, townshipsMissing } = useAreaRows(level);
  const registered = useAppStore((s) => s.snapshot?.townships.length ?? 0);
  const hasBoundaries = useAppStore((s) => (s.snapshot?.areas.length ?? 0) > 0);
  const selection = useAppStore((s) => s.selection);
  const running = useAppStore((s) => s.analysis !== null);
  const analysisError = useAppStore((s) => s.analysisError);
  const scrollRef = useRef<HTMLDivElement>(null);

  // A selection made on the map shows on its level.
  const selectedLevel = selection?.level;
  useEffect(() => {
    if (selectedLevel) setLevel(selectedLevel);
  }, [selectedLevel]);

  const filtered = useMemo(() => filterRows(rows, filters), [rows, filters]);
  const columns = useMemo(() => tanstackColumns(i18n.language), [i18n.language]);
  // The app does not use the React Compiler; TanStack's fresh functions per render are fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: filtered,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => r.code,
  });
  const sortedRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: sortedRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // Bring a row selected elsewhere (the map) into view.
  const selectedIndex =
    selection && selection.level === level
      ? sortedRows.findIndex((r) => r.id === selection.code)
      : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  if (!hasBoundaries && rows.length === 0) {
    return <p className="empty">{t('table.empty')}</p>;
  }

  const select = (r: TableRow) => selectArea({ level: r.level, code: r.code }, true);
  const onKey = (e: KeyboardEvent, r: TableRow) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(r);
    }
  };
  const target = rows[0]?.targetPer10k ?? totals?.targetPer10k;
  const headerText = (c: ColumnSpec) =>
    c.id === 'per10k' && target !== undefined
      ? `${t('table.per10k')} (${t('panels.columns.target', { target })})`
      : t(c.header);

  return (
    <div className="area-table-block">
      <div className="level-switch" role="tablist" aria-label={t('panels.levelSwitch')}>
        {LEVELS.map((l) => (
          <button
            key={l}
            type="button"
            role="tab"
            aria-selected={level === l}
            data-testid={`area-level-${l}`}
            className={level === l ? 'tab on' : 'tab'}
            onClick={() => setLevel(l)}
          >
            {t(`panels.levels.${l}`)}
          </button>
        ))}
      </div>
      <AreaFilters value={filters} onChange={setFilters} />
      <p className="hint" data-testid="area-table-status">
        {t('panels.filters.shown', { shown: sortedRows.length, total: rows.length })}
        {' · '}
        {t('panels.sortHint')}
        {!analysed && !running && !townshipsMissing && (
          <>
            {' · '}
            {analysisError
              ? t('panels.analysisFailed', { reason: analysisError })
              : t('panels.noResults')}
          </>
        )}
      </p>
      {townshipsMissing ? (
        <p className="hint townships-missing" data-testid="townships-missing">
          {registered > 0
            ? t('panels.townshipsMissingKnown', { count: registered })
            : t('panels.townshipsMissing')}{' '}
          {t('panels.townshipsHowTo')}
        </p>
      ) : (
        rows.length === 0 && <p className="hint">{t('panels.levelEmpty')}</p>
      )}
      <div className="area-table-scroll" ref={scrollRef}>
        <table
          className="area-table virtual"
          data-testid="area-table"
          // A grid: rows are selectable, and only a window of them is in the DOM.
          role="grid"
          aria-rowcount={sortedRows.length + 1 + (totals ? 1 : 0)}
          aria-multiselectable={false}
          data-level={level}
          data-analysed={analysed}
          style={{ width: TABLE_WIDTH }}
        >
          <thead>
            <tr aria-rowindex={1}>
              {table.getHeaderGroups()[0].headers.map((h) => {
                const c = h.column.columnDef.meta as ColumnSpec;
                const dir = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    data-col={c.id}
                    style={{ width: c.width }}
                    className={c.kind === 'text' ? undefined : 'num'}
                    aria-sort={
                      dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined
                    }
                  >
                    <button
                      type="button"
                      className="sort"
                      onClick={h.column.getToggleSortingHandler()}
                    >
                      {headerText(c)}
                      <span className="sort-mark">
                        {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((vi) => {
              const row = sortedRows[vi.index].original;
              const selected = selection?.level === row.level && selection.code === row.code;
              return (
                <tr
                  key={row.code}
                  data-code={row.code}
                  data-index={vi.index}
                  aria-rowindex={vi.index + 2}
                  aria-selected={selected}
                  className={selected ? 'selected' : undefined}
                  tabIndex={0}
                  style={{ transform: `translateY(${vi.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => select(row)}
                  onKeyDown={(e) => onKey(e, row)}
                >
                  {AREA_COLUMNS.map((c) => (
                    <MetricCell key={c.id} col={c} row={row} pending={running} />
                  ))}
                </tr>
              );
            })}
          </tbody>
          {totals && (
            <tfoot>
              <tr data-code="total" aria-rowindex={sortedRows.length + 2}>
                {AREA_COLUMNS.map((c) =>
                  c.id === 'code' ? (
                    <td key={c.id} data-col={c.id} style={{ width: c.width }} />
                  ) : c.id === 'name' ? (
                    <td key={c.id} data-col={c.id} style={{ width: c.width }}>
                      {t('table.total')}
                    </td>
                  ) : (
                    <MetricCell key={c.id} col={c} row={totals} pending={running} />
                  ),
                )}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}
