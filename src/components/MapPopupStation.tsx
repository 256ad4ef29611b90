import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromWgs84, wgs84 } from '../core/crs';
import { formatNumber } from '../i18n';
import { stationPosition } from '../store/scenario-actions';
import { useAppStore } from '../store/store';
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

/** Degrees as typed into the scenario forms and pasted into other tools: "lon, lat". */
const lonLatText = (p: readonly [number, number]) => `${p[0].toFixed(6)}, ${p[1].toFixed(6)}`;

/**
 * A clicked site: id, name, kind, coordinates (WGS-84 as loaded, and GCJ-02 too when the
 * basemap is GCJ-02), cells with band and RedCap state, modelled radii.
 */
export function MapPopupStation({ props }: { props: StationFeatureProps }) {
  const { t, i18n } = useTranslation();
  const cells = parseCells(props.c);
  const gcj = useAppStore((s) => s.basemap.tileUrl !== '' && s.basemap.crs === 'GCJ02');
  // The rendered point is tile-quantised (and shifted on GCJ-02 tiles): the worker has
  // the site's own coordinates.
  const [pos, setPos] = useState<{ id: string; at: [number, number] | null } | null>(null);
  useEffect(() => {
    let live = true;
    const id = props.id;
    if (id)
      void stationPosition(id).then((at) => {
        if (live) setPos({ id, at });
      });
    return () => {
      live = false;
    };
  }, [props.id]);
  const at = pos && pos.id === props.id ? pos.at : null;
  const metres = (v: number) => t('layers.popup.metres', { value: formatNumber(v, i18n.language) });
  return (
    <div className="map-popup" data-testid="station-popup">
      {props.n && <h3>{props.n}</h3>}
      <dl>
        <dt>{t('layers.popup.siteId')}</dt>
        <dd data-field="site-id">{props.id ?? t('layers.popup.unknown')}</dd>
        <dt>{t('layers.popup.kind')}</dt>
        <dd data-field="kind">{t(`layers.kind.${kindKey(props.k)}`)}</dd>
        {at && (
          <>
            <dt>{t('scenarios.popup.wgs84')}</dt>
            <dd data-field="wgs84">{lonLatText(at)}</dd>
          </>
        )}
        {at && gcj && (
          <>
            <dt>{t('scenarios.popup.gcj02')}</dt>
            <dd data-field="gcj02">{lonLatText(fromWgs84(wgs84(at[0], at[1]), 'GCJ02'))}</dd>
          </>
        )}
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
