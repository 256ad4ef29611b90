import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { regionOfAreas } from '../io/admin-region';
import { useAppStore } from '../store/store';

/**
 * The region's name: the demo's while only demo boundaries are loaded, else the unit the
 * loaded areas belong to by their GB/T 2260 codes (玉树藏族自治州（6 个区县）, 青海省,
 * 青海省等 3 省, 全国). Only areas without admin codes fall back to the file's name.
 * Imported names are text, never HTML.
 */
export function RegionTitle() {
  return <h2 data-testid="region-name">{useRegionTitle()}</h2>;
}

/** The region's name as RegionTitle shows it (also the printout's heading). */
export function useRegionTitle(): string {
  const { t } = useTranslation();
  const datasets = useAppStore((s) => s.snapshot?.datasets);
  const counties = useAppStore((s) => s.snapshot?.areas);
  const townships = useAppStore((s) => s.snapshot?.townships);
  const imported = (datasets ?? []).filter((d) => d.kind === 'boundaries' && !d.demo);
  const latest = imported[imported.length - 1];
  const areas = useMemo(() => {
    if (counties && counties.length > 0) return { level: 'county' as const, list: counties };
    const withPolygon = (townships ?? []).filter((x) => x.polygon !== null);
    return { level: 'township' as const, list: withPolygon };
  }, [counties, townships]);
  const region = useMemo(() => regionOfAreas(areas.list), [areas]);
  let title: string;
  if (!latest) title = t('region.demoName');
  else {
    const count = areas.list.length;
    const unit = t(`region.unit.${areas.level}`);
    if (!region) title = t('region.imported', { file: latest.fileName, count: latest.itemCount });
    else if (region.kind === 'national') title = t('region.national', { count, unit });
    else if (region.kind === 'provinces')
      title = t('region.provinces', {
        first: region.first,
        provinces: region.count,
        others: region.count - 1,
        count,
        unit,
      });
    else title = t('region.named', { name: region.name, count, unit });
  }
  return title;
}
