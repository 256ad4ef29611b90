import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { formatNumber } from '../i18n';
import type { LonLat } from '../map/measure';
import { useAppStore } from '../store/store';
import { workerApi } from '../worker/client';
import type { ProfileOutcome } from '../worker/profile-api';
import type { PathProfile } from '../core/terrain/profile';
import { lengthText } from './measure-text';

Chart.register(
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

/** The transmitter the tool assumes at the first point: the coverage model's n28 rural macro. */
const TX = { band: 'n28', heightM: 30, scenario: 'rma' } as const;

/**
 * The terrain path profile between the first two clicked points (transmitter, then
 * receiver), from the worker's DEMs: the numbers of `sailplan profile` and a chart of the
 * terrain (with the earth bulge), the line of sight and the first Fresnel zone's lower edge.
 */
export function ProfileView({ points }: { points: readonly LonLat[] }) {
  const { t, i18n } = useTranslation();
  const params = useAppStore((s) => s.params);
  // The outcome of the path it was computed for: another path shows "loading" until its own.
  const [done, setDone] = useState<{
    key: string;
    outcome: ProfileOutcome;
  } | null>(null);
  const from = points[0];
  const to = points[1];
  const key = from && to ? `${from.join(',')};${to.join(',')}` : '';
  useEffect(() => {
    if (!from || !to) return;
    let live = true;
    const k = `${from.join(',')};${to.join(',')}`;
    workerApi()
      .pathProfile({ lon: from[0], lat: from[1], ...TX }, [to[0], to[1]], params)
      .then((outcome) => {
        if (live) setDone({ key: k, outcome });
      })
      .catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        if (live) setDone({ key: k, outcome: { status: 'no-elevation', message } });
      });
    return () => {
      live = false;
    };
  }, [from, to, params]);
  const outcome = done && done.key === key ? done.outcome : null;

  if (!from || !to)
    return (
      <span className="hint" data-testid="profile-hint">
        {t('mapTools.profile.hint')}
      </span>
    );
  if (outcome === null)
    return <span data-testid="profile-loading">{t('mapTools.profile.loading')}</span>;
  if (outcome.status === 'no-dem')
    return <span data-testid="profile-message">{t('mapTools.profile.noDem')}</span>;
  if (outcome.status === 'no-elevation')
    return <span data-testid="profile-message">{outcome.message}</span>;
  const p = outcome.profile;
  const lang = i18n.language;
  const db = (x: number) => `${formatNumber(x, lang, 1)} dB`;
  const verdict = (v: PathProfile['nr']) =>
    `${formatNumber(p.rsrpDbm, lang, 1)} dBm · ${
      v.covered ? t('mapTools.profile.covered') : t('mapTools.profile.notCovered')
    } (${v.marginDb >= 0 ? '+' : ''}${formatNumber(v.marginDb, lang, 1)} dB)`;
  return (
    <div className="profile-view" data-testid="profile-view">
      <dl className="profile-numbers">
        <dt>{t('mapTools.profile.distance')}</dt>
        <dd data-testid="profile-distance">{lengthText(p.distanceM, t, lang)}</dd>
        <dt>{t('mapTools.profile.los')}</dt>
        <dd data-testid="profile-los">
          {p.los ? t('mapTools.profile.los') : t('mapTools.profile.nlos')}
        </dd>
        <dt>{t('mapTools.profile.diffraction')}</dt>
        <dd data-testid="profile-diffraction">{db(p.diffractionDb)}</dd>
        <dt>{t('mapTools.profile.pathLoss')}</dt>
        <dd data-testid="profile-path-loss">{db(p.pathLossDb)}</dd>
        <dt>{t('mapTools.profile.nr', { threshold: p.nr.thresholdDbm })}</dt>
        <dd data-testid="profile-nr">{verdict(p.nr)}</dd>
        <dt>{t('mapTools.profile.redcap', { threshold: p.redcap.thresholdDbm })}</dt>
        <dd data-testid="profile-redcap">{verdict(p.redcap)}</dd>
      </dl>
      {p.obstacles.length > 0 && (
        <p className="hint" data-testid="profile-obstacles">
          {t('mapTools.profile.obstacles', {
            list: p.obstacles
              .map((o) => `${lengthText(o.distanceM, t, lang)} (${db(o.knifeEdgeDb)})`)
              .join(lang === 'zh-CN' ? '、' : ', '),
          })}
        </p>
      )}
      <ProfileChart profile={p} />
      <p className="hint">{t('mapTools.profile.assumed', { band: TX.band, height: TX.heightM })}</p>
    </div>
  );
}

/** Terrain, line of sight and the first Fresnel zone's lower edge along the path (m amsl). */
function ProfileChart({ profile }: { profile: PathProfile }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext?.('2d');
    if (!ctx) return;
    const s = profile.samples;
    const chart = new Chart(ctx, {
      type: 'line',
      data: {
        labels: s.map((x) => (x.distanceM / 1000).toFixed(2)),
        datasets: [
          {
            label: t('mapTools.profile.terrain'),
            data: s.map((x) => x.groundM + x.bulgeM),
            borderColor: '#7a5c3a',
            backgroundColor: 'rgba(122, 92, 58, 0.35)',
            fill: 'start',
            pointRadius: 0,
          },
          {
            label: t('mapTools.profile.line'),
            data: s.map((x) => x.losM),
            borderColor: '#1971c2',
            pointRadius: 0,
          },
          {
            label: t('mapTools.profile.fresnel'),
            data: s.map((x) => x.losM - x.fresnelM),
            borderColor: '#1971c2',
            borderDash: [5, 4],
            pointRadius: 0,
          },
        ],
      },
      options: {
        animation: false,
        responsive: false,
        scales: { x: { ticks: { maxTicksLimit: 8 } } },
      },
    });
    return () => chart.destroy();
  }, [profile, t]);
  return <canvas ref={canvas} width={360} height={180} data-testid="profile-chart" />;
}
