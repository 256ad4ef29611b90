import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { OFFLINE_BASEMAP, isTileUrlTemplate, type BasemapCrs } from '../store/map-slice';

/** The optional online basemap: nothing is requested off the machine unless set here. */
export function MapSettings() {
  const { t } = useTranslation();
  const basemap = useAppStore((s) => s.basemap);
  const setBasemap = useAppStore((s) => s.setBasemap);
  const [url, setUrl] = useState(basemap.tileUrl);
  const [crs, setCrs] = useState<BasemapCrs>(basemap.crs);
  const trimmed = url.trim();
  const valid = trimmed === '' || isTileUrlTemplate(trimmed);
  return (
    <details className="map-settings" data-testid="map-settings">
      <summary>{t('layers.settings.title')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          setBasemap(trimmed ? { tileUrl: trimmed, crs } : OFFLINE_BASEMAP);
        }}
      >
        <label>
          {t('layers.settings.tileUrl')}
          <input
            type="url"
            data-testid="basemap-url"
            value={url}
            placeholder="https://…/{z}/{x}/{y}.png"
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <p className="hint">{t('layers.settings.tileUrlHint')}</p>
        {!valid && (
          <p className="error" role="alert">
            {t('layers.settings.invalid')}
          </p>
        )}
        <label>
          {t('layers.settings.crs')}
          <select
            data-testid="basemap-crs"
            value={crs}
            onChange={(e) => setCrs(e.target.value as BasemapCrs)}
          >
            <option value="WGS84">{t('layers.settings.wgs84')}</option>
            <option value="GCJ02">{t('layers.settings.gcj02')}</option>
          </select>
        </label>
        <div className="map-settings-buttons">
          <button type="submit" data-testid="basemap-apply" disabled={!valid}>
            {t('layers.settings.apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setUrl('');
              setCrs('WGS84');
              setBasemap(OFFLINE_BASEMAP);
            }}
          >
            {t('layers.settings.reset')}
          </button>
        </div>
        <p className="hint" data-testid="basemap-status">
          {basemap.tileUrl
            ? t('layers.settings.online', {
                crs:
                  basemap.crs === 'GCJ02' ? t('layers.settings.gcj02') : t('layers.settings.wgs84'),
              })
            : t('layers.settings.offline')}
        </p>
      </form>
    </details>
  );
}
