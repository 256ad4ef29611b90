import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';
import { SITE_KIND } from '../worker/protocol';
import type { StationFeatureProps } from '../worker/station-geojson';
import type { StationKindKey } from '../store/map-slice';

type CellRow = [string, string, number];

/** The cells list travels as JSON text in a feature property; anything malformed shows as none. */
function parseCells(s: unknown): CellRow[] {
  if (typeof s !== 'string') return [];
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v)
      ? v.filter(
          (c): c is CellRow =>
            Array.isArray(c) && typeof c[0] === 'string' && typeof c[1] === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

export function kindKey(k: number): StationKindKey {
  const e = Object.entries(SITE_KIND).find(([, v]) => v === k);
  return (e?.[0] as StationKindKey | undefined) ?? 'other';
}

/** A clicked site: id, name, kind, cells with band and RedCap state, modelled radii. */
export function MapPopupStation({ props }: { props: StationFeatureProps }) {
  const { t, i18n } = useTranslation();
  const cells = parseCells(props.c);
  const metres = (v: number) => t('layers.popup.metres', { value: formatNumber(v, i18n.language) });
  return (
    <div className="map-popup" data-testid="station-popup">
      {props.n && <h3>{props.n}</h3>}
      <dl>
        <dt>{t('layers.popup.siteId')}</dt>
        <dd data-field="site-id">{props.id ?? t('layers.popup.unknown')}</dd>
        <dt>{t('layers.popup.kind')}</dt>
        <dd data-field="kind">{t(`layers.kind.${kindKey(props.k)}`)}</dd>
        {props.r !== undefined && (
          <>
            <dt>{t('layers.popup.radiusNr')}</dt>
            <dd data-field="radius-nr">{metres(props.r)}</dd>
          </>
        )}
        {props.rr !== undefined && (
          <>
            <dt>{t('layers.popup.radiusRedcap')}</dt>
            <dd data-field="radius-redcap">{metres(props.rr)}</dd>
          </>
        )}
      </dl>
      {(props.r !== undefined || props.rr !== undefined) && (
        <p className="hint">{t('layers.popup.radiusNote')}</p>
      )}
      {cells.length > 0 && (
        <table className="popup-cells">
          <caption>{t('layers.popup.cells')}</caption>
          <thead>
            <tr>
              <th>{t('layers.popup.tech')}</th>
              <th>{t('layers.popup.band')}</th>
              <th>{t('layers.popup.redcap')}</th>
            </tr>
          </thead>
          <tbody>
            {cells.map(([tech, band, redcap], i) => (
              <tr key={i}>
                <td>{tech}</td>
                <td data-field="band">{band || t('layers.popup.unknown')}</td>
                <td>{redcap ? t('layers.popup.yes') : t('layers.popup.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
