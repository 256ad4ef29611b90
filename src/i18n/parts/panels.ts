// Strings of the side panels (area table, area detail, parameters): zh-CN (default) and en, same keys.
export const zh = {
  title: '面板',
};

export const en: typeof zh = {
  title: 'Panels',
};
