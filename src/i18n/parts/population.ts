// Strings of the population status (areas without population, code changes applied): zh-CN and en.
export const zh = {
  title: '人口数据',
  missing: '没有人口数据的区域（{{count, number}} 个）：',
  missingAll: '所有 {{count, number}} 个区域都没有人口数据：',
  more: '等 {{count, number}} 个',
  missingHint: '这些区域的每万人基站数无法计算；省、市汇总只计有人口的区县，并注明未计入的区县。',
  changes: '按区划代码变更匹配人口（{{count, number}} 个）',
  changesSource: '代码变更表来源：{{source}}',
  model: {
    label: '人口模型：',
    raster:
      '人口栅格 {{files}}（{{format}}，分辨率约 {{resolution, number}} m{{year}}，{{values}}）',
    year: '，{{year}} 年',
    count: '每像元人数',
    density: '人/km²',
    rasterMissing: '人口栅格 {{files}} 未覆盖分析区域，改用下列模型',
    settlements: '居民点 {{file}}（{{used, number}} / {{count, number}} 个在区域内）',
    synthetic: '合成',
    syntheticHint:
      '演示区域没有公开的村级人口数据：居民点由生成器合成，按普查总数分配，仅用于演示。',
    'two-zone': '普查两区模型（城镇人口在县城区，乡村人口在其余区域）',
    uniform: '均匀分布（区域内人口平均分布）',
    townships: '乡镇人口',
    none: '尚未分析',
  },
  densityLegend: '人口密度（人/km²，对数色阶，来自分析所用人口模型）',
  settlementLegend: {
    own: '居民点（圆点大小表示人口）',
    synthetic: '合成居民点（空心）',
  },
};

export const en: typeof zh = {
  title: 'Population data',
  missing: 'Areas without population data ({{count, number}}): ',
  missingAll: 'None of the {{count, number}} areas has population data: ',
  more: 'and {{count, number}} more',
  missingHint:
    'Sites per 10k cannot be computed for these areas; prefecture and province totals count the counties with a population and name the others.',
  changes: 'Population joined through administrative code changes ({{count, number}})',
  changesSource: 'Code change table: {{source}}',
  model: {
    label: 'Population model: ',
    raster:
      'population raster {{files}} ({{format}}, about {{resolution, number}} m{{year}}, {{values}})',
    year: ', {{year}}',
    count: 'people per pixel',
    density: 'people/km²',
    rasterMissing: 'population raster {{files}} does not cover the areas analysed; used instead',
    settlements: 'settlements {{file}} ({{used, number}} of {{count, number}} inside the areas)',
    synthetic: 'synthetic',
    syntheticHint:
      'No open village population data exists for the demo region: the settlements are made by a generator and sum to the census totals; for demonstration only.',
    'two-zone':
      'census two-zone model (urban people in the county-town zone, rural people elsewhere)',
    uniform: 'even spread (people spread evenly over each area)',
    townships: 'township populations',
    none: 'not analysed yet',
  },
  densityLegend: 'Population density (people/km², log scale, from the population model used)',
  settlementLegend: {
    own: 'Settlements (dot size: people)',
    synthetic: 'Synthetic settlements (hollow)',
  },
};
