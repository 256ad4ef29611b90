// Strings of the map (layer panel, legend, tooltips, basemap settings): zh-CN (default) and en, same keys.
export const zh = {
  title: '图层',
};

export const en: typeof zh = {
  title: 'Layers',
};
