import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { PanelResizer } from '../../src/components/PanelResizer';
import { initI18n } from '../../src/i18n';
import { useAppStore } from '../../src/store/store';
import { clampPanelWidth, loadPanelWidth, PANEL_MIN_WIDTH } from '../../src/store/ui-slice';

describe('side panel width', () => {
  beforeAll(() => initI18n('zh-CN'));
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('defaults to 40% of the window within 420–640 px, and keeps 360 px for the map', () => {
    expect(loadPanelWidth(1366)).toBe(546);
    expect(loadPanelWidth(1600)).toBe(640);
    expect(loadPanelWidth(900)).toBe(420);
    expect(clampPanelWidth(100, 1366)).toBe(PANEL_MIN_WIDTH);
    expect(clampPanelWidth(5000, 1366)).toBe(1366 - 360);
  });

  it('arrow keys on the handle resize the panel and the width is remembered', () => {
    useAppStore.getState().setSidePanelWidth(500, false);
    render(<PanelResizer />);
    const handle = screen.getByTestId('panel-resizer');
    fireEvent.keyDown(handle, { key: 'ArrowLeft' });
    expect(useAppStore.getState().sidePanelWidth).toBe(524);
    expect(handle.getAttribute('aria-valuenow')).toBe('524');
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(useAppStore.getState().sidePanelWidth).toBe(476);
    // A new page load reads the remembered width.
    expect(loadPanelWidth(window.innerWidth)).toBe(clampPanelWidth(476, window.innerWidth));
  });
});
