import { useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { MapRef } from '@vis.gl/react-maplibre';
import { complianceRules } from '../core/analysis/compliance';
import { useAppStore } from '../store/store';
import { MAP_LAYERS } from '../store/map-slice';
import { CLUSTER_THRESHOLD } from '../map/layer-specs';
import { scaleBar } from '../map/print-scale';
import { ComplianceRulesLine } from './ComplianceRulesLine';
import { ChoroplethLegend, LayerLegend } from './Legend';
import { lengthText } from './measure-text';
import { useRegionTitle } from './RegionTitle';
import './print.css';

export type Paper = 'A4' | 'A3';
export type Orientation = 'landscape' | 'portrait';

/** Paper size in mm, portrait. */
const PAPER_MM: Record<Paper, [number, number]> = {
  A4: [210, 297],
  A3: [297, 420],
};
const MARGIN_MM = 10;

interface Capture {
  /** Counts the prints, so each gets a fresh print page. */
  seq: number;
  url: string;
  widthPx: number;
  lat: number;
  zoom: number;
  bearing: number;
}

/**
 * The map canvas as a PNG. Without `preserveDrawingBuffer` the WebGL buffer is only
 * readable during the frame that drew it, so the picture is taken inside a `render` event.
 */
function captureMap(map: MapRef): Promise<Capture> {
  return new Promise((resolve) => {
    const m = map.getMap();
    m.once('render', () => {
      const c = m.getCenter();
      resolve({
        seq: 0,
        url: m.getCanvas().toDataURL('image/png'),
        widthPx: m.getCanvas().clientWidth,
        lat: c.lat,
        zoom: m.getZoom(),
        bearing: m.getBearing(),
      });
    });
    m.triggerRepaint();
  });
}

/**
 * The map picture with its scale bar (bottom left) and north arrow (top right) drawn in,
 * so both stay true however the picture is scaled on paper.
 */
async function withScaleAndNorth(c: Capture, label: string, north: string): Promise<string> {
  const img = new Image();
  img.src = c.url;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) return c.url;
  ctx.drawImage(img, 0, 0);
  const k = img.naturalWidth / Math.max(1, c.widthPx); // device pixels per CSS pixel
  const bar = scaleBar(c.lat, c.zoom, c.widthPx);
  const len = bar.share * img.naturalWidth;
  const [x, y] = [12 * k, img.naturalHeight - 14 * k];
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x - 6 * k, y - 24 * k, len + 12 * k, 34 * k);
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 2 * k;
  ctx.beginPath();
  ctx.moveTo(x, y - 6 * k);
  ctx.lineTo(x, y);
  ctx.lineTo(x + len, y);
  ctx.lineTo(x + len, y - 6 * k);
  ctx.stroke();
  ctx.fillStyle = '#000';
  ctx.font = `${12 * k}px sans-serif`;
  ctx.fillText(label, x, y - 10 * k);
  // North arrow, turned with the map's bearing.
  const [nx, ny] = [img.naturalWidth - 28 * k, 34 * k];
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(nx - 16 * k, ny - 26 * k, 32 * k, 56 * k);
  ctx.save();
  ctx.translate(nx, ny);
  ctx.rotate((-c.bearing * Math.PI) / 180);
  ctx.fillStyle = '#212529';
  ctx.beginPath();
  ctx.moveTo(0, -18 * k);
  ctx.lineTo(8 * k, 8 * k);
  ctx.lineTo(0, 3 * k);
  ctx.lineTo(-8 * k, 8 * k);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
  ctx.fillStyle = '#212529';
  ctx.font = `bold ${11 * k}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.fillText(north, nx, ny + 24 * k);
  return canvas.toDataURL('image/png');
}

/**
 * "Print / PDF": a dialog to choose the paper, then a print page of the current map view —
 * the map as an image with its scale bar and north arrow, the legend of every visible layer,
 * the rules the results were made with and the data sources — sent to the browser's print
 * dialog (which saves PDF).
 */
export function PrintMap({ mapRef }: { mapRef: RefObject<MapRef | null> }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [paper, setPaper] = useState<Paper>('A4');
  const [orientation, setOrientation] = useState<Orientation>('landscape');
  const [capture, setCapture] = useState<Capture | null>(null);
  const [busy, setBusy] = useState(false);

  const print = async () => {
    if (!mapRef.current) return;
    setBusy(true);
    try {
      const c = await captureMap(mapRef.current);
      const bar = scaleBar(c.lat, c.zoom, c.widthPx);
      const url = await withScaleAndNorth(
        c,
        lengthText(bar.metres, t, i18n.language),
        t('mapTools.print.north'),
      );
      setCapture((prev) => ({ ...c, url, seq: (prev?.seq ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" data-testid="print-open" onClick={() => setOpen(!open)}>
        {t('mapTools.print.open')}
      </button>
      {open && (
        <div
          className="print-dialog"
          data-testid="print-dialog"
          role="dialog"
          aria-label={t('mapTools.print.title')}
        >
          <strong>{t('mapTools.print.title')}</strong>
          <label>
            {t('mapTools.print.paper')}
            <select
              data-testid="print-paper"
              value={paper}
              onChange={(e) => setPaper(e.target.value as Paper)}
            >
              <option value="A4">A4</option>
              <option value="A3">A3</option>
            </select>
          </label>
          <label>
            {t('mapTools.print.orientation')}
            <select
              data-testid="print-orientation"
              value={orientation}
              onChange={(e) => setOrientation(e.target.value as Orientation)}
            >
              <option value="landscape">{t('mapTools.print.landscape')}</option>
              <option value="portrait">{t('mapTools.print.portrait')}</option>
            </select>
          </label>
          <span className="hint">{t('mapTools.print.hint')}</span>
          <span className="print-buttons">
            <button
              type="button"
              data-testid="print-go"
              disabled={busy}
              onClick={() => void print()}
            >
              {busy ? t('mapTools.print.preparing') : t('mapTools.print.print')}
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setCapture(null);
              }}
            >
              {t('mapTools.print.close')}
            </button>
          </span>
        </div>
      )}
      {capture &&
        createPortal(
          <PrintSheet
            key={capture.seq}
            capture={capture}
            paper={paper}
            orientation={orientation}
            onReady={() => window.print()}
          />,
          document.body,
        )}
    </>
  );
}

function PrintSheet({
  capture,
  paper,
  orientation,
  onReady,
}: {
  capture: Capture;
  paper: Paper;
  orientation: Orientation;
  onReady: () => void;
}) {
  const { t, i18n } = useTranslation();
  const region = useRegionTitle();
  const layers = useAppStore((s) => s.layers);
  const metric = useAppStore((s) => s.choroplethMetric);
  const results = useAppStore((s) => s.results);
  const datasets = useAppStore((s) => s.snapshot?.datasets ?? []);
  const clustered = useAppStore(
    (s) => s.snapshot?.stationLayers.some((l) => l.count > CLUSTER_THRESHOLD) ?? false,
  );
  const [ready, setReady] = useState(false);
  const [w, h] = PAPER_MM[paper];
  const [pageW, pageH] = orientation === 'portrait' ? [w, h] : [h, w];
  const bar = scaleBar(capture.lat, capture.zoom, capture.widthPx);
  const target = results?.params.targetPer10k ?? 38;
  const visible = MAP_LAYERS.filter((id) => layers[id]);
  const time = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date());
  return (
    <div
      className={`print-sheet print-${orientation}`}
      data-testid="print-sheet"
      data-ready={ready}
      data-paper={paper}
      data-orientation={orientation}
      style={{
        width: `${pageW - 2 * MARGIN_MM}mm`,
        height: `${pageH - 2 * MARGIN_MM}mm`,
      }}
    >
      <style>{`@page { size: ${paper} ${orientation}; margin: ${MARGIN_MM}mm; }`}</style>
      <header className="print-header">
        <h1>{t('mapTools.print.heading', { region })}</h1>
        <span>{t('mapTools.print.generated', { time })}</span>
      </header>
      <div className="print-body">
        <figure className="print-map">
          <img
            src={capture.url}
            alt={region}
            data-testid="print-map-image"
            onLoad={() => {
              setReady(true);
              // Let the page lay out the loaded image before the print dialog snapshots it.
              requestAnimationFrame(() => requestAnimationFrame(onReady));
            }}
          />
        </figure>
        <aside className="print-legend" data-testid="print-legend">
          <h2>{t('mapTools.print.legend')}</h2>
          <ul className="layer-list">
            {visible.map((id) => (
              <li key={id}>
                <strong>{t(`layers.layer.${id}`)}</strong>
                {id === 'choropleth' && <ChoroplethLegend metric={metric} target={target} />}
                <LayerLegend id={id} clustered={clustered} />
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <footer className="print-footer">
        <p data-testid="print-scale">
          <strong>{t('mapTools.print.scale')}</strong>{' '}
          {t('mapTools.print.scaleLine', {
            length: lengthText(bar.metres, t, i18n.language),
          })}
        </p>
        <div data-testid="print-rules">
          {results ? (
            <ComplianceRulesLine rules={complianceRules(results.params)} />
          ) : (
            <p>{t('mapTools.print.noRules')}</p>
          )}
        </div>
        <p data-testid="print-sources">
          <strong>{t('mapTools.print.sources')}</strong>{' '}
          {datasets.map((d) => d.fileName).join(i18n.language === 'en' ? ', ' : '、')}
          {datasets.some((d) => d.synthetic) && ` — ${t('mapTools.print.synthetic')}`}
          {' · '}
          {t('mapTools.attribution')}
        </p>
      </footer>
    </div>
  );
}
