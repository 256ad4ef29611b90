import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { PopulationStatus } from '../../src/components/PopulationStatus';
import { initI18n } from '../../src/i18n';
import type { Area } from '../../src/core/area';
import { joinPopulation } from '../../src/io/population-join';
import { useAppStore } from '../../src/store/store';
import { summarize } from '../../src/worker/workspace';
import type { AreaRow, WorkspaceSnapshot } from '../../src/worker/protocol';

const area = (code: string, name: string): Area => ({
  code,
  name,
  level: 'county',
  parent: null,
  kind: null,
  geometry: { type: 'Polygon', coordinates: [] },
  areaKm2: 1,
  seat: null,
  population: null,
});

describe('PopulationStatus', () => {
  beforeAll(() => {
    initI18n('zh-CN');
  });
  afterEach(cleanup);

  it('lists the areas without population and the code changes the join applied', () => {
    const areas = [
      area('630122', '湟中县'),
      area('632825', '海西蒙古族藏族自治州直辖'),
      area('632722', '<b>杂多县</b>'),
    ];
    const rows = [
      { code: '630106', name: '湟中区', total: 395_043, urban: null, rural: null, row: 7 },
      { code: '632722', name: '杂多县', total: 68_759, urban: null, rural: null, row: 8 },
    ];
    // As the worker builds them: the join's issues are the population file's warnings.
    const join = joinPopulation(areas, rows, 'census.csv');
    const dataset = summarize(
      {
        id: 'population-1',
        kind: 'population',
        fileName: 'census.csv',
        crs: null,
        rowCount: 2,
        rejected: [],
        warnings: [],
        demo: false,
        synthetic: false,
        encoding: 'utf-8',
        rows,
      },
      join.issues,
    );
    const areaRows: AreaRow[] = join.areas.map((a) => ({
      code: a.code,
      name: a.name,
      level: 'county',
      population: a.population?.total ?? null,
      areaKm2: 1,
      sites5g: 0,
      sitesRedcap: 0,
      sitesLteOnly: 0,
      per10k: null,
    }));
    const snapshot: WorkspaceSnapshot = {
      datasets: [dataset],
      boundaries: null,
      townships: [],
      stationLayers: [],
      areas: areaRows,
      totals: null,
      bbox: null,
    };
    useAppStore.setState({ snapshot });
    render(<PopulationStatus />);
    expect(screen.getByTestId('population-missing').textContent).toBe(
      '没有人口数据的区域（1 个）：632825 海西蒙古族藏族自治州直辖',
    );
    const changes = screen.getByTestId('population-code-changes');
    expect(changes.querySelector('summary')!.textContent).toBe('按区划代码变更匹配人口（1 个）');
    expect(changes.querySelector('li')!.textContent).toBe(
      '630122 湟中县 → 630106 湟中区：630122 湟中县 → 630106 湟中区 (2019, 国函〔2019〕106号)',
    );
    expect(changes.textContent).toContain('民政部');
  });

  it('says nothing when every area has a population and nothing was recoded', () => {
    const row: AreaRow = {
      code: '632701',
      name: '玉树市',
      level: 'county',
      population: 141_308,
      areaKm2: 1,
      sites5g: 0,
      sitesRedcap: 0,
      sitesLteOnly: 0,
      per10k: null,
    };
    useAppStore.setState({
      snapshot: {
        datasets: [],
        boundaries: null,
        townships: [],
        stationLayers: [],
        areas: [row],
        totals: null,
        bbox: null,
      },
    });
    render(<PopulationStatus />);
    expect(screen.queryByTestId('population-status')).toBeNull();
  });
});
