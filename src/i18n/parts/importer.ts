// Strings of the import dialog (drop zone, preview, column mapping): zh-CN (default) and en, same keys.
export const zh = {
  title: '导入',
};

export const en: typeof zh = {
  title: 'Import',
};
