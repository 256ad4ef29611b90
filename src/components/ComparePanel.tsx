import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';
import {
  cancelCompare,
  compareScenarios,
  setCompareMapsOpen,
  setCompareSides,
  setDeltaLayer,
} from '../store/scenario-compare-actions';
import type { CompareSide } from '../store/scenario-slice';
import { useAppStore } from '../store/store';
import { DELTA_RGB } from '../worker/delta-image';
import { BarChart } from './BarChart';
import { per10kChart, populationChart } from './compare-chart-data';
import { CompareDiffList } from './CompareDiffList';
import { ComparePlaces } from './ComparePlaces';
import { CompareTable } from './CompareTable';
import { ScenarioSection } from './ScenarioSection';
import './scenarios.css';

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

/** Two sides (the baseline or saved scenarios), their per-area deltas, charts and map layer. */
export function ComparePanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const scenarios = useAppStore((s) => s.scenarios);
  const sides = useAppStore((s) => s.compareSides);
  const comparison = useAppStore((s) => s.comparison);
  const job = useAppStore((s) => s.compareJob);
  const message = useAppStore((s) => s.compareMessage);
  const busy = job !== null;
  const deltaLayer = useAppStore((s) => s.deltaLayer);
  const analysed = useAppStore((s) => s.results !== null);
  const mapsOpen = useAppStore((s) => s.compareMapsOpen);

  const nameOf = (s: CompareSide) =>
    s === 'baseline'
      ? t('scenarios.baseline')
      : (scenarios.find((r) => r.id === s)?.scenario.name ?? '?');
  const a = nameOf(sides.a);
  const b = nameOf(sides.b);
  const charts = useMemo(() => {
    if (!comparison) return null;
    const A = t('scenarios.compare.seriesA', { name: a });
    const B = t('scenarios.compare.seriesB', { name: b });
    const nr = t('scenarios.compare.seriesNr');
    const rc = t('scenarios.compare.seriesRedcap');
    return {
      per10k: per10kChart(comparison, { a: A, b: B, target: t('scenarios.compare.seriesTarget') }),
      pop: populationChart(comparison, {
        nrA: `${nr} ${A}`,
        nrB: `${nr} ${B}`,
        redcapA: `${rc} ${A}`,
        redcapB: `${rc} ${B}`,
      }),
    };
    // Names are read when the comparison arrives; renaming later does not redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [comparison, lang]);

  const select = (which: 'a' | 'b', value: CompareSide) => (
    <select
      data-testid={`compare-${which}`}
      value={value}
      onChange={(e) =>
        which === 'a'
          ? setCompareSides(e.target.value, sides.b)
          : setCompareSides(sides.a, e.target.value)
      }
    >
      <option value="baseline">{t('scenarios.baseline')}</option>
      {scenarios.map((r) => (
        <option key={r.id} value={r.id}>
          {r.scenario.name}
        </option>
      ))}
    </select>
  );
  const km2 = (cells: number) => formatNumber(cells * (comparison?.cells.cellKm2 ?? 0), lang, 2);

  return (
    <ScenarioSection id="compare">
      <div className="scenario-row">
        <label>
          {t('scenarios.compare.a')} {select('a', sides.a)}
        </label>
        <label>
          {t('scenarios.compare.b')} {select('b', sides.b)}
        </label>
        <button
          type="button"
          data-testid="compare-run"
          disabled={busy || !analysed || sides.a === sides.b}
          onClick={() => void compareScenarios()}
        >
          {busy ? t('scenarios.compare.running') : t('scenarios.compare.run')}
        </button>
      </div>
      {job && (
        <div className="scenario-row" data-testid="compare-progress" data-stage={job.stage}>
          <progress max={1} value={job.fraction} />
          <span className="hint">{t(`scenarios.compare.stages.${job.stage}`)}</span>
          <button type="button" data-testid="compare-cancel" onClick={cancelCompare}>
            {t('scenarios.compare.cancel')}
          </button>
        </div>
      )}
      {message && (
        <p
          className={message.key.endsWith('cancelled') ? 'hint' : 'error'}
          data-testid="compare-message"
        >
          {t(message.key, message.params)}
        </p>
      )}
      {sides.a === sides.b && <p className="hint">{t('scenarios.compare.same')}</p>}
      {comparison && (
        <div data-testid="comparison">
          <p className="hint">
            {t('scenarios.compare.hint')}{' '}
            {t('scenarios.compare.elapsed', { ms: formatNumber(comparison.elapsedMs, lang) })}
          </p>
          <CompareTable comparison={comparison} />
          <CompareDiffList comparison={comparison} />
          <ComparePlaces comparison={comparison} />
          <p data-testid="compare-cells">
            {t('scenarios.compare.cells', {
              nrGained: km2(comparison.cells.nrGained),
              nrLost: km2(comparison.cells.nrLost),
              redcapGained: km2(comparison.cells.redcapGained),
              redcapLost: km2(comparison.cells.redcapLost),
            })}
          </p>
          <div className="scenario-row">
            <label>
              {t('scenarios.compare.mapLayer')}{' '}
              <select
                data-testid="compare-delta-layer"
                value={deltaLayer ?? 'off'}
                onChange={(e) =>
                  setDeltaLayer(
                    e.target.value === 'off' ? null : (e.target.value as 'nr' | 'redcap'),
                  )
                }
              >
                <option value="nr">{t('scenarios.compare.mapLayers.nr')}</option>
                <option value="redcap">{t('scenarios.compare.mapLayers.redcap')}</option>
                <option value="off">{t('scenarios.compare.mapLayers.off')}</option>
              </select>
            </label>
            <span className="compare-legend">
              <span>
                <i style={{ background: rgb(DELTA_RGB.gained) }} />
                {t('scenarios.compare.legendGained')}
              </span>
              <span>
                <i style={{ background: rgb(DELTA_RGB.lost) }} />
                {t('scenarios.compare.legendLost')}
              </span>
            </span>
          </div>
          <div className="scenario-row">
            <button
              type="button"
              data-testid="compare-side-by-side"
              aria-pressed={mapsOpen}
              onClick={() => setCompareMapsOpen(!mapsOpen)}
            >
              {t('scenarios.compare.sideBySide')}
            </button>
            <span className="hint">{t('scenarios.compare.sideBySideHint')}</span>
          </div>
          {charts && (
            <>
              <BarChart
                data={charts.per10k}
                testId="compare-chart-per10k"
                title={t('scenarios.compare.chartPer10k', {
                  target: formatNumber(comparison.targetPer10k, lang, 2),
                })}
              />
              <BarChart
                data={charts.pop}
                testId="compare-chart-pop"
                title={t('scenarios.compare.chartPop')}
              />
            </>
          )}
        </div>
      )}
    </ScenarioSection>
  );
}
