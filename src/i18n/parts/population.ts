// Strings of the population status (areas without population, code changes applied): zh-CN and en.
export const zh = {
  title: '人口数据',
  missing: '没有人口数据的区域（{{count, number}} 个）：',
  missingAll: '所有 {{count, number}} 个区域都没有人口数据：',
  more: '等 {{count, number}} 个',
  missingHint: '这些区域的每万人基站数无法计算；省、市汇总只计有人口的区县，并注明未计入的区县。',
  changes: '按区划代码变更匹配人口（{{count, number}} 个）',
  changesSource: '代码变更表来源：{{source}}',
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
};
