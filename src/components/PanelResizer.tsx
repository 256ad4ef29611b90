import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/store';
import { panelWidthRange } from '../store/ui-slice';

const KEY_STEP = 24;

/**
 * The drag handle on the side panel's left edge: drag (or arrow keys) to resize; the width
 * is remembered. The map beside it resizes with it (maplibre watches its container).
 */
export function PanelResizer() {
  const { t } = useTranslation();
  const width = useAppStore((s) => s.sidePanelWidth);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const { setSidePanelWidth } = useAppStore.getState();

  // A smaller window may leave the remembered width too wide for the map: clamp it.
  useEffect(() => {
    const onResize = () => setSidePanelWidth(useAppStore.getState().sidePanelWidth, false);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [setSidePanelWidth]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width };
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // The handle is on the panel's left edge: moving left widens the panel.
    setSidePanelWidth(drag.current.width + drag.current.x - e.clientX, false);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
    setSidePanelWidth(useAppStore.getState().sidePanelWidth, true);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft') setSidePanelWidth(width + KEY_STEP);
    else if (e.key === 'ArrowRight') setSidePanelWidth(width - KEY_STEP);
    else return;
    e.preventDefault();
  };
  const range = panelWidthRange(window.innerWidth);
  return (
    <div
      className="panel-resizer"
      data-testid="panel-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('panels.resize')}
      aria-valuenow={width}
      aria-valuemin={range.min}
      aria-valuemax={range.max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
