// The app itself, loaded by main.tsx once the worker and the demo have been started.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { readUrlState } from './store/url-state';
import { useAppStore } from './store/store';
import { initScenarios } from './store/scenario-actions';
import './styles.css';

const { lang, selection } = readUrlState(window.location.search);
initI18n(lang);
document.documentElement.lang = lang;
useAppStore.getState().setLanguage(lang);
useAppStore.setState({ selection });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void initScenarios(); // restores autosaved scenarios; a #s= link opens its scenario
