import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { removeEdit, setEdit, upgradeEdit } from '../core/scenario/edits';
import type { SiteSet } from '../core/scenario/types';
import { formatNumber } from '../i18n';
import {
  addScenarioSite,
  applyScenarioEdits,
  pickSite,
  setScenarioTool,
  siteInfo,
  upgradeAreaSites,
} from '../store/scenario-actions';
import { useAppStore } from '../store/store';
import type { ScenarioSiteInfo } from '../worker/scenario-protocol';
import { BandSelect, CoordsField, TextField, useLonLatError } from './ScenarioFields';
import {
  azimuthsValid,
  optionalNumber,
  parseAzimuths,
  parseLonLat,
  readLonLat,
} from './site-input';

const isSwapped = (text: string) => {
  const r = readLonLat(text);
  return !r.ok && r.reason === 'swapped';
};

/** Add a site (typed coordinates or a map click), change or remove one, upgrade an area. */
export function ScenarioSiteTools({ disabled }: { disabled: boolean }) {
  return (
    <div className="scenario-tools">
      <AddSiteForm disabled={disabled} />
      <EditSiteForm disabled={disabled} />
      <AreaUpgrade disabled={disabled} />
    </div>
  );
}

function AddSiteForm({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const tool = useAppStore((s) => s.scenarioTool);
  const [coords, setCoords] = useState('');
  const [band, setBand] = useState('');
  const [height, setHeight] = useState('');
  const [azimuth, setAzimuth] = useState('');
  const [redcap, setRedcap] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const lonLatError = useLonLatError();

  /** The station the form describes, or an error message. */
  const station = () => {
    const p = parseLonLat(coords);
    if (!p) return lonLatError(coords) ?? t('scenarios.add.badCoords');
    const h = optionalNumber(height);
    if (h !== undefined && !(h > 0 && h < 1000))
      return t('scenarios.add.badNumber', { field: t('scenarios.add.height') });
    const az = parseAzimuths(azimuth);
    if (!azimuthsValid(az))
      return t('scenarios.add.badNumber', { field: t('scenarios.add.azimuth') });
    return {
      ...p,
      tech: 'NR' as const,
      redcap,
      ...(band ? { band } : {}),
      ...(h !== undefined ? { height_m: h } : {}),
      ...(az !== null ? { azimuth: az } : {}),
    };
  };

  const submit = () => {
    // A swapped pair already shows its hint (and the swap button) under the field.
    if (isSwapped(coords)) return setError(null);
    const s = station();
    if (typeof s === 'string') {
      setError(s);
      return;
    }
    setError(null);
    void addScenarioSite(s);
  };

  // The map's add tool takes the other fields from this form (map clicks give lon/lat).
  useEffect(() => {
    useAppStore.setState({
      scenarioAddTemplate: {
        redcap,
        ...(band ? { band } : {}),
        ...(optionalNumber(height) !== undefined ? { height_m: Number(height) } : {}),
        ...(azimuthsValid(parseAzimuths(azimuth)) && parseAzimuths(azimuth) !== null
          ? { azimuth: parseAzimuths(azimuth)! }
          : {}),
      },
    });
  }, [band, height, azimuth, redcap]);

  return (
    <fieldset className="scenario-form" data-testid="scenario-add">
      <legend>{t('scenarios.add.title')}</legend>
      <CoordsField
        label={t('scenarios.add.coords')}
        testId="scenario-add-coords"
        value={coords}
        onChange={setCoords}
        onEnter={() => {
          if (!disabled) submit();
        }}
      />
      <BandSelect
        value={band}
        onChange={setBand}
        testId="scenario-add-band"
        keepLabel={t('scenarios.add.bandAuto')}
      />
      <label>
        {t('scenarios.add.height')}{' '}
        <input
          data-testid="scenario-add-height"
          inputMode="decimal"
          size={5}
          value={height}
          onChange={(e) => setHeight(e.target.value)}
        />
      </label>
      <TextField
        label={t('scenarios.add.azimuth')}
        testId="scenario-add-azimuth"
        size={10}
        value={azimuth}
        onChange={setAzimuth}
      />
      <label>
        <input
          type="checkbox"
          data-testid="scenario-add-redcap"
          checked={redcap}
          onChange={(e) => setRedcap(e.target.checked)}
        />{' '}
        {t('scenarios.add.redcap')}
      </label>
      {error && (
        <p className="error" role="alert" data-testid="scenario-add-error">
          {error}
        </p>
      )}
      <div className="scenario-row">
        <button
          type="button"
          data-testid="scenario-add-submit"
          disabled={disabled}
          onClick={submit}
        >
          {t('scenarios.add.submit')}
        </button>
        <button
          type="button"
          data-testid="scenario-add-on-map"
          aria-pressed={tool === 'add'}
          className={tool === 'add' ? 'on' : undefined}
          disabled={disabled}
          onClick={() => setScenarioTool(tool === 'add' ? 'none' : 'add')}
        >
          {t('scenarios.add.onMap')}
        </button>
      </div>
      {tool === 'add' && <p className="hint">{t('scenarios.add.onMapActive')}</p>}
    </fieldset>
  );
}

function siteKindKey(s: ScenarioSiteInfo): string {
  if (s.isRedcap) return 'nrRedcap';
  if (s.is5g) return 'nr';
  return s.hasLte ? 'lte' : 'other';
}

function EditSiteForm({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const tool = useAppStore((s) => s.scenarioTool);
  const picked = useAppStore((s) => s.pickedSiteId);
  const view = useAppStore((s) => s.scenarioView);
  // The site id lives in the store: typed here, or set by a click on the map.
  const id = picked ?? '';
  const [found, setFound] = useState<{ id: string; site: ScenarioSiteInfo | null } | null>(null);
  const [band, setBand] = useState('');
  const [power, setPower] = useState('');
  const [height, setHeight] = useState('');
  const [azimuth, setAzimuth] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lonLatError = useLonLatError();

  // The site as the scenario has it now: looked up again after every step.
  useEffect(() => {
    let live = true;
    if (id.trim())
      void siteInfo(id).then((site) => {
        if (live) setFound({ id, site });
      });
    return () => {
      live = false;
    };
  }, [id, view]);
  const info = id.trim() && found?.id === id ? found.site : undefined;

  const edit = (e: Parameters<typeof applyScenarioEdits>[0]) => {
    setError(null);
    void applyScenarioEdits(e);
  };
  const applyChanges = () => {
    if (!info) return;
    const set: SiteSet = {};
    if (moveTo.trim()) {
      if (isSwapped(moveTo)) return setError(null);
      const p = parseLonLat(moveTo);
      if (!p) return setError(lonLatError(moveTo) ?? t('scenarios.add.badCoords'));
      set.lon = p.lon;
      set.lat = p.lat;
    }
    if (band) set.band = band;
    for (const [text, key, label] of [
      [power, 'power_dbm', 'scenarios.site.power'],
      [height, 'height_m', 'scenarios.add.height'],
    ] as const) {
      const v = optionalNumber(text);
      if (v === undefined) continue;
      if (!Number.isFinite(v)) return setError(t('scenarios.add.badNumber', { field: t(label) }));
      set[key] = v;
    }
    const az = parseAzimuths(azimuth);
    if (!azimuthsValid(az))
      return setError(t('scenarios.add.badNumber', { field: t('scenarios.add.azimuth') }));
    if (az !== null) set.azimuth = az;
    if (Object.keys(set).length === 0) return setError(t('scenarios.site.nothingToApply'));
    edit([setEdit(info.id, set)]);
  };

  const fmt = (x: number | null, unit: string) =>
    x === null ? t('scenarios.site.unset') : `${formatNumber(x, i18n.language, 1)} ${unit}`;
  const azText = (s: ScenarioSiteInfo) =>
    s.azimuths.length === 0 || s.azimuths.every((a) => a === null)
      ? t('scenarios.site.omni')
      : s.azimuths.map((a) => (a === null ? '—' : `${formatNumber(a, i18n.language)}°`)).join(', ');
  const gone = info?.change === 'removed';

  return (
    <fieldset className="scenario-form" data-testid="scenario-site">
      <legend>{t('scenarios.site.title')}</legend>
      <div className="scenario-row">
        <label>
          {t('scenarios.site.id')}{' '}
          <input
            data-testid="scenario-site-id"
            value={id}
            size={16}
            onChange={(e) => pickSite(e.target.value)}
          />
        </label>
        <button
          type="button"
          data-testid="scenario-site-pick"
          aria-pressed={tool === 'pick'}
          className={tool === 'pick' ? 'on' : undefined}
          disabled={disabled}
          onClick={() => setScenarioTool(tool === 'pick' ? 'none' : 'pick')}
        >
          {t('scenarios.site.pick')}
        </button>
      </div>
      {tool === 'pick' && <p className="hint">{t('scenarios.site.pickActive')}</p>}
      {info === null && (
        <p className="error" data-testid="scenario-site-unknown">
          {t('scenarios.site.unknown', { id })}
        </p>
      )}
      {info && (
        <>
          <p data-testid="scenario-site-info" data-change={info.change ?? ''}>
            {t('scenarios.site.info', {
              kind: t(`scenarios.site.kinds.${siteKindKey(info)}`),
              band: info.band ?? t('scenarios.site.unset'),
              height: fmt(info.heightM, 'm'),
              azimuth: azText(info),
            })}
            {info.change && ` · ${t(`scenarios.map.${info.change}`)}`}
          </p>
          <div className="scenario-row">
            <button
              type="button"
              data-testid="scenario-site-remove"
              disabled={disabled || gone}
              onClick={() => edit([removeEdit(info.id)])}
            >
              {t('scenarios.site.remove')}
            </button>
            {info.is5g ? (
              <button
                type="button"
                data-testid="scenario-site-upgrade"
                disabled={disabled || gone || info.isRedcap}
                onClick={() => edit([upgradeEdit(info.id)])}
              >
                {t('scenarios.site.upgrade')}
              </button>
            ) : (
              <button
                type="button"
                data-testid="scenario-site-colocate"
                disabled={disabled || gone}
                onClick={() => edit([setEdit(info.id, { tech: 'NR', redcap: true })])}
              >
                {t('scenarios.site.colocate')}
              </button>
            )}
          </div>
          <div className="scenario-row">
            <BandSelect
              value={band}
              onChange={setBand}
              testId="scenario-site-band"
              keepLabel={t('scenarios.site.unset')}
            />
            <TextField
              label={t('scenarios.site.power')}
              testId="scenario-site-power"
              size={4}
              value={power}
              onChange={setPower}
            />
            <TextField
              label={t('scenarios.add.height')}
              testId="scenario-site-height"
              size={4}
              value={height}
              onChange={setHeight}
            />
            <TextField
              label={t('scenarios.add.azimuth')}
              testId="scenario-site-azimuth"
              size={10}
              value={azimuth}
              onChange={setAzimuth}
            />
            <CoordsField
              label={t('scenarios.site.moveTo')}
              testId="scenario-site-coords"
              value={moveTo}
              onChange={setMoveTo}
            />
            <button
              type="button"
              data-testid="scenario-site-apply"
              disabled={disabled || gone}
              onClick={applyChanges}
            >
              {t('scenarios.site.apply')}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function AreaUpgrade({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const selection = useAppStore((s) => s.selection);
  const results = useAppStore((s) => s.results);
  const list = selection?.level === 'township' ? results?.townships : results?.counties;
  const area = selection ? list?.find((a) => a.code === selection.code) : undefined;
  if (!area) return <p className="hint">{t('scenarios.area.selectFirst')}</p>;
  return (
    <button
      type="button"
      data-testid="scenario-upgrade-area"
      disabled={disabled}
      onClick={() => void upgradeAreaSites(area.code)}
    >
      {t('scenarios.area.upgrade', { name: area.name })}
    </button>
  );
}
