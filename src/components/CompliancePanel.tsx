import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  childrenOf,
  failuresOnly,
  rankRows,
  type ComplianceRank,
  type ComplianceRow,
} from '../core/analysis/compliance';
import { selectArea, zoomTo } from '../store/analysis-actions';
import { complianceOf, rowBox, townGapPlaces, withinScope } from '../store/compliance-of-results';
import { useAppStore } from '../store/store';
import { ComplianceBreadcrumbs } from './ComplianceBreadcrumbs';
import { ComplianceRowItem } from './ComplianceRowItem';
import { ComplianceRulesLine } from './ComplianceRulesLine';
import { ComplianceUncovered } from './ComplianceUncovered';
import { ExportMenu } from './ExportMenu';
import './compliance.css';

const MAX_SHOWN = 300;
const RANKS: readonly ComplianceRank[] = ['sitesMissing', 'popUncovered', 'failures', 'per10k'];

/**
 * The regulator's view: the checklist of the "Sailing" targets per province, prefecture,
 * county and township, drilled into level by level, filtered to failures and ranked; each
 * area shows its reason and goes to the map. Its own collapsible section of the side panel,
 * with the exports below.
 */
export function CompliancePanel() {
  const { t } = useTranslation();
  const results = useAppStore((s) => s.results);
  const compliance = useMemo(() => (results ? complianceOf(results) : null), [results]);
  const places = useMemo(
    () => (results ? townGapPlaces(results.gaps.features, results.townZones.features) : new Map()),
    [results],
  );
  // null: follow the data down while there is one area per level (one province, one
  // prefecture → its counties); a list of codes once the user has navigated.
  const [path, setPath] = useState<string[] | null>(null);
  const [failOnly, setFailOnly] = useState(false);
  const [rank, setRank] = useState<ComplianceRank>('sitesMissing');

  let body;
  let scope: ComplianceRow | null = null;
  if (!results || !compliance || compliance.rows.length === 0) {
    body = (
      <p className="hint" data-testid="compliance-empty">
        {t('compliance.noResults')}
      </p>
    );
  } else {
    const rows = compliance.rows;
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const roots = rows.filter((r) => r.parent === null || !byCode.has(r.parent));
    const parents = new Set(rows.map((r) => r.parent));
    const hasChildren = (code: string) => parents.has(code);
    const trail: ComplianceRow[] = [];
    if (path === null) {
      let list = roots;
      while (list.length === 1 && hasChildren(list[0].code)) {
        trail.push(list[0]);
        list = childrenOf(rows, list[0].code);
      }
    } else {
      // Codes gone from newer results end the trail there.
      for (const code of path) {
        const r = byCode.get(code);
        if (!r) break;
        trail.push(r);
      }
    }
    const node = trail.at(-1) ?? null;
    scope = node;
    const level = node ? childrenOf(rows, node.code) : roots;
    const matching = rankRows(failOnly ? failuresOnly(level) : level, rank);
    // A level of thousands (townships loaded without their counties) stays usable: the
    // worst come first, the rest are a filter or a drill away.
    const shown = matching.slice(0, MAX_SHOWN);
    const show = (r: ComplianceRow) => {
      if (r.level === 'county' || r.level === 'township') {
        selectArea({ level: r.level, code: r.code }, true);
        return;
      }
      const box = rowBox(results, r.level, r.code);
      if (box) zoomTo(box);
    };
    body = (
      <>
        <ComplianceRulesLine rules={compliance.rules} />
        <ComplianceBreadcrumbs trail={trail} onNavigate={setPath} />
        {node && (
          // The area drilled into keeps its own verdict in view above what lies inside it.
          <ul className="compliance-list compliance-node">
            <ComplianceRowItem
              testId="compliance-node"
              row={node}
              rules={compliance.rules}
              places={places}
              onDrill={null}
              onShow={() => show(node)}
              onShowGap={(p) => zoomTo(p.bbox)}
            />
          </ul>
        )}
        <div className="area-filters">
          <label className={`chip${failOnly ? ' on' : ''}`}>
            <input
              type="checkbox"
              data-testid="compliance-failures-only"
              checked={failOnly}
              onChange={(e) => setFailOnly(e.target.checked)}
            />
            {t('compliance.failuresOnly')}
          </label>
          <label>
            {t('compliance.rankBy')}{' '}
            <select
              data-testid="compliance-rank"
              value={rank}
              onChange={(e) => setRank(e.target.value as ComplianceRank)}
            >
              {RANKS.map((k) => (
                <option key={k} value={k}>
                  {t(`compliance.rank.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="hint" data-testid="compliance-shown">
            {t('compliance.shown', { shown: shown.length, total: level.length })}
          </span>
        </div>
        {shown.length === 0 ? (
          <p className="hint">{t('compliance.empty')}</p>
        ) : (
          <ol className="compliance-list" data-testid="compliance-list">
            {shown.map((r) => (
              <ComplianceRowItem
                key={r.code}
                row={r}
                rules={compliance.rules}
                places={places}
                onDrill={
                  hasChildren(r.code) ? () => setPath([...trail.map((x) => x.code), r.code]) : null
                }
                onShow={() => show(r)}
                onShowGap={(p) => zoomTo(p.bbox)}
              />
            ))}
          </ol>
        )}
        <ComplianceUncovered
          inside={rows.filter((r) => withinScope(r.code, node))}
          counties={results.counties}
          townships={results.townships}
        />
      </>
    );
  }

  return (
    <details className="panel-section" data-testid="section-compliance">
      <summary>{t('compliance.title')}</summary>
      <div className="compliance" data-testid="compliance">
        {body}
      </div>
      <ExportMenu scope={scope} />
    </details>
  );
}
