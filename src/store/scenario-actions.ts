import i18next from 'i18next';
import type { AnalysisParams } from '../core/analysis/params';
import {
  emptyScenario,
  type Scenario,
  type ScenarioEdit,
  type ScenarioStation,
} from '../core/scenario/types';
import {
  parseScenario,
  scenarioFromUrl,
  scenarioToUrlFragment,
  serializeScenario,
  ScenarioFileError,
  URL_PREFIX,
} from '../io/scenario-file';
import { workerApi } from '../worker/client';
import type { ScenarioSiteInfo, ScenarioView } from '../worker/scenario-protocol';
import type { ScenarioMessage, ScenarioTool } from './scenario-slice';
import { scenarioStorage, type ScenarioRecord } from './scenario-storage';
import { useAppStore } from './store';

// Scenario actions (issue 5), callable outside React: the panels, keyboard shortcuts,
// the map and the tests all go through these. Every change to a scenario is autosaved.

const { getState, setState } = useAppStore;

/** The parameters the numbers on screen were made with (the baseline's). */
export const currentParams = (): AnalysisParams => getState().results?.params ?? getState().params;

let idCounter = 0;
function newId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  return c?.randomUUID ? c.randomUUID() : `sc-${Date.now().toString(36)}-${++idCounter}`;
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function fail(key: string, params?: ScenarioMessage['params']): void {
  setState({ scenarioMessage: { key, params } });
}

async function persist(r: ScenarioRecord): Promise<void> {
  try {
    await scenarioStorage().put(r);
  } catch (e) {
    fail('scenarios.errors.saveFailed', { reason: errorText(e) });
  }
}

function upsert(r: ScenarioRecord): void {
  const list = getState().scenarios;
  const i = list.findIndex((x) => x.id === r.id);
  setState({ scenarios: i < 0 ? [...list, r] : list.map((x, k) => (k === i ? r : x)) });
  void persist(r);
}

/** The scenario parameters recorded in a new scenario: the grid and rule values in use. */
export function scenarioParams(p: AnalysisParams): Scenario['params'] {
  const { model: _model, ...rest } = p;
  return rest;
}

// Worker calls on the open scenario run one at a time; a reply older than the newest
// request is dropped (the user switched scenarios meanwhile).
let seq = 0;

async function onScenario(call: () => Promise<ScenarioView>): Promise<void> {
  const id = getState().activeScenarioId;
  if (!id) return;
  const mine = ++seq;
  setState({ scenarioBusy: true });
  try {
    const view = await call();
    if (mine !== seq || getState().activeScenarioId !== id) return;
    const rec = getState().scenarios.find((r) => r.id === id);
    setState({ scenarioView: view, scenarioMessage: null });
    if (rec) {
      // The name is the page's (renames do not go through the worker).
      const scenario = { ...view.scenario, name: rec.scenario.name };
      if (JSON.stringify(scenario) !== JSON.stringify(rec.scenario))
        upsert({ ...rec, scenario, updated: new Date().toISOString() });
    }
    if (view.issues.length > 0)
      fail('scenarios.errors.editsSkipped', {
        count: view.issues.length,
        ids: view.issues
          .slice(0, 3)
          .map((i) => i.id)
          .join(', '),
      });
  } catch (e) {
    if (mine !== seq) return;
    const msg = errorText(e);
    fail(/no boundaries/.test(msg) ? 'scenarios.errors.noAreas' : 'scenarios.errors.worker', {
      reason: msg,
    });
  } finally {
    if (mine === seq) setState({ scenarioBusy: false });
  }
}

/** Opens the active scenario in the worker over the current baseline (after new results too). */
export async function openActiveScenario(): Promise<void> {
  const id = getState().activeScenarioId;
  const rec = getState().scenarios.find((r) => r.id === id);
  if (!rec) {
    setState({ scenarioView: null });
    return;
  }
  const params = currentParams();
  await onScenario(() => workerApi().scenarioOpen(rec.scenario, params, rec.id));
}

export async function activateScenario(id: string | null): Promise<void> {
  if (getState().activeScenarioId === id) return;
  setState({
    activeScenarioId: id,
    scenarioView: null,
    scenarioMessage: null,
    scenarioTool: 'none',
    pickedSiteId: null,
  });
  void scenarioStorage()
    .setActive(id)
    .catch(() => undefined);
  if (id === null) {
    seq++;
    setState({ scenarioBusy: false });
    await workerApi().scenarioClose();
  } else await openActiveScenario();
}

export function addRecord(scenario: Scenario): ScenarioRecord {
  const rec: ScenarioRecord = { id: newId(), scenario, updated: new Date().toISOString() };
  upsert(rec);
  return rec;
}

export async function createScenario(name?: string): Promise<string> {
  const n = getState().scenarios.length + 1;
  const scenario = emptyScenario(
    name?.trim() || i18next.t('scenarios.defaultName', { n }),
    getState().scenarioView?.baseHash ?? null,
  );
  scenario.params = scenarioParams(currentParams());
  const rec = addRecord(scenario);
  await activateScenario(rec.id);
  return rec.id;
}

export function renameScenario(id: string, name: string): void {
  const rec = getState().scenarios.find((r) => r.id === id);
  const trimmed = name.trim();
  if (!rec || !trimmed || trimmed === rec.scenario.name) return;
  upsert({
    ...rec,
    scenario: { ...rec.scenario, name: trimmed },
    updated: new Date().toISOString(),
  });
  const view = getState().scenarioView;
  if (view && getState().activeScenarioId === id)
    setState({ scenarioView: { ...view, scenario: { ...view.scenario, name: trimmed } } });
}

export async function deleteScenario(id: string): Promise<void> {
  if (getState().activeScenarioId === id) await activateScenario(null);
  const { compareSides } = getState();
  setState((st) => ({
    scenarios: st.scenarios.filter((r) => r.id !== id),
    compareSides: {
      a: compareSides.a === id ? 'baseline' : compareSides.a,
      b: compareSides.b === id ? 'baseline' : compareSides.b,
    },
    shareLink: st.shareLink?.id === id ? null : st.shareLink,
  }));
  try {
    await scenarioStorage().remove(id);
  } catch (e) {
    fail('scenarios.errors.saveFailed', { reason: errorText(e) });
  }
}

export function applyScenarioEdits(edits: ScenarioEdit[]): Promise<void> {
  if (edits.length === 0) return Promise.resolve();
  return onScenario(() => workerApi().scenarioApply(edits));
}

export function addScenarioSite(station: Omit<ScenarioStation, 'id'>): Promise<void> {
  return onScenario(() => workerApi().scenarioAdd(station, i18next.t('scenarios.newIdWord')));
}

export function upgradeAreaSites(code: string): Promise<void> {
  return onScenario(() => workerApi().scenarioUpgradeArea(code));
}

export function undoScenario(): Promise<void> {
  const v = getState().scenarioView;
  if (!v?.canUndo || getState().scenarioBusy) return Promise.resolve();
  return onScenario(() => workerApi().scenarioUndo());
}

export function redoScenario(): Promise<void> {
  const v = getState().scenarioView;
  if (!v?.canRedo || getState().scenarioBusy) return Promise.resolve();
  return onScenario(() => workerApi().scenarioRedo());
}

export function setScenarioTool(tool: ScenarioTool): void {
  setState({ scenarioTool: tool });
}

/** Draws (or hides) the touched sites' footprints on the map. */
export function setFootprintsShown(on: boolean): void {
  setState({ footprintsShown: on });
}

/** The site the edit form works on (typed in the form, or a site clicked on the map). */
export function pickSite(id: string | null): void {
  setState({ pickedSiteId: id || null, scenarioTool: 'none' });
}

// ---------------------------------------------------------------------------------
// Files and links

/** Saves the scenario as a `sailplan.scenario/1` JSON file (a download, nothing sent). */
export function exportScenario(id: string): void {
  const rec = getState().scenarios.find((r) => r.id === id);
  if (!rec) return;
  const blob = new Blob([serializeScenario(rec.scenario)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${fileSafe(rec.scenario.name) || 'scenario'}.sailplan.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A name usable as a file name on Windows too (no reserved or control characters). */
const fileSafe = (s: string) =>
  [...s]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .slice(0, 80);

/** The message of a scenario file that cannot be read, by its first problem. */
export function scenarioFileMessage(e: unknown): ScenarioMessage {
  if (!(e instanceof ScenarioFileError))
    return { key: 'scenarios.errors.readFailed', params: { reason: errorText(e) } };
  const p = e.problems[0];
  switch (p?.code) {
    case 'newer-schema':
      return { key: 'scenarios.errors.newerSchema', params: { detail: p.message } };
    case 'wrong-schema':
    case 'not-scenario':
      return { key: 'scenarios.errors.notScenario', params: { detail: p.message } };
    case 'json-syntax':
      return { key: 'scenarios.errors.notJson', params: { detail: p.message } };
    case 'too-large':
      return { key: 'scenarios.errors.tooLarge' };
    default:
      return { key: 'scenarios.errors.invalid', params: { detail: e.message } };
  }
}

/** Reads a scenario file; a good one is added and opened, a bad one says why. */
export async function importScenarioFile(file: Blob): Promise<string | null> {
  let scenario: Scenario;
  try {
    scenario = parseScenario(await file.text());
  } catch (e) {
    setState({ scenarioMessage: scenarioFileMessage(e) });
    return null;
  }
  const rec = addRecord(scenario);
  await activateScenario(rec.id);
  return rec.id;
}

/** A link that opens the scenario (`#s=…`), when it is small enough for one. */
export async function shareScenario(id: string): Promise<string | null> {
  const rec = getState().scenarios.find((r) => r.id === id);
  if (!rec) return null;
  const frag = await scenarioToUrlFragment(rec.scenario);
  if (!frag) {
    setState({ shareLink: null });
    fail('scenarios.errors.tooLargeForLink');
    return null;
  }
  const url = new URL(window.location.href);
  url.hash = frag;
  setState({ shareLink: { id, url: url.toString() } });
  try {
    await navigator.clipboard?.writeText(url.toString());
  } catch {
    // No clipboard permission: the link is shown to copy by hand.
  }
  return url.toString();
}

/** Opens the scenario of a `#s=` link as a new saved scenario, then drops the fragment. */
export async function openScenarioFromUrl(href: string): Promise<string | null> {
  if (!href.includes(URL_PREFIX)) return null;
  let scenario: Scenario | null;
  try {
    scenario = await scenarioFromUrl(href);
  } catch (e) {
    setState({ scenarioMessage: scenarioFileMessage(e) });
    return null;
  } finally {
    // A reload must not add the same scenario again: it is autosaved from here on.
    const url = new URL(window.location.href);
    if (url.hash.startsWith(URL_PREFIX)) {
      url.hash = '';
      window.history.replaceState(null, '', url);
    }
  }
  if (!scenario) return null;
  const rec = addRecord(scenario);
  setState({ activeScenarioId: null });
  await activateScenario(rec.id);
  return rec.id;
}

// ---------------------------------------------------------------------------------
// Start-up

/**
 * Restores the saved scenarios (and the one that was open), opens a `#s=` link's
 * scenario, and re-opens the open scenario whenever new analysis results arrive (new
 * data or parameters: the worker rebuilds its baseline). Returns the unsubscribe.
 */
export async function initScenarios(href = window.location.href): Promise<() => void> {
  const storage = scenarioStorage();
  let active: string | null = null;
  try {
    const [records, a] = await Promise.all([storage.loadAll(), storage.getActive()]);
    setState({ scenarios: records });
    active = a && records.some((r) => r.id === a) ? a : null;
  } catch (e) {
    fail('scenarios.errors.loadFailed', { reason: errorText(e) });
  }
  const pending = { active, link: href.includes(URL_PREFIX) ? href : null };
  const start = () => {
    if (pending.link) void openScenarioFromUrl(pending.link);
    else if (pending.active) void activateScenario(pending.active);
    pending.link = pending.active = null;
  };
  // Scenarios open on analysed data; before the first results there is nothing to edit.
  if (getState().results) start();
  return useAppStore.subscribe((st, prev) => {
    if (st.resultsVersion === prev.resultsVersion) return;
    if (pending.link || pending.active) start();
    else if (st.activeScenarioId) void openActiveScenario();
    if (prev.resultsVersion > 0)
      setState({ comparison: null, plan: null, planOutcome: null, compareMapsOpen: false });
  });
}

/** WGS-84 position of a loaded site as imported (the map's popup), or null. */
export async function stationPosition(id: string): Promise<[number, number] | null> {
  try {
    return await workerApi().stationPosition(id);
  } catch {
    return null;
  }
}

/** A site of the open scenario (or the baseline) for the edit form, or null if unknown. */
export async function siteInfo(id: string): Promise<ScenarioSiteInfo | null> {
  if (!id.trim()) return null;
  try {
    return await workerApi().scenarioSite(id.trim());
  } catch {
    return null;
  }
}
