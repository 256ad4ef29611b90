import type { Scenario } from '../core/scenario/types';

/** A scenario as the page keeps it: its own id (names may repeat) and when it last changed. */
export interface ScenarioRecord {
  id: string;
  scenario: Scenario;
  /** ISO-8601. */
  updated: string;
}

/**
 * Where scenarios are autosaved. The app uses IndexedDB; tests (happy-dom has no
 * IndexedDB) inject the in-memory one through setScenarioStorage.
 */
export interface ScenarioStorage {
  loadAll(): Promise<ScenarioRecord[]>;
  put(r: ScenarioRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** The scenario open when the page was left, restored on reload. */
  getActive(): Promise<string | null>;
  setActive(id: string | null): Promise<void>;
}

const DB = 'sailplan';
const STORE = 'scenarios';
const META = 'meta';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const r = factory.open(DB, 1);
  r.onupgradeneeded = () => {
    const db = r.result;
    if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
  };
  return request(r);
}

export function indexedDbStorage(factory: IDBFactory = indexedDB): ScenarioStorage {
  let db: Promise<IDBDatabase> | null = null;
  const store = async (name: string, mode: IDBTransactionMode) =>
    (await (db ??= openDb(factory))).transaction(name, mode).objectStore(name);
  return {
    async loadAll() {
      const all = await request((await store(STORE, 'readonly')).getAll());
      return (all as ScenarioRecord[]).sort((a, b) =>
        a.scenario.created.localeCompare(b.scenario.created),
      );
    },
    async put(r) {
      await request((await store(STORE, 'readwrite')).put(r));
    },
    async remove(id) {
      await request((await store(STORE, 'readwrite')).delete(id));
    },
    async getActive() {
      const v: unknown = await request((await store(META, 'readonly')).get('active'));
      return typeof v === 'string' ? v : null;
    },
    async setActive(id) {
      const s = await store(META, 'readwrite');
      if (id === null) await request(s.delete('active'));
      else await request(s.put(id, 'active'));
    },
  };
}

/** Keeps records in memory (tests; browsers without IndexedDB, e.g. some private modes). */
export function memoryStorage(initial: ScenarioRecord[] = []): ScenarioStorage {
  const records = new Map(initial.map((r) => [r.id, structuredClone(r)]));
  let active: string | null = null;
  return {
    loadAll: async () => [...records.values()].map((r) => structuredClone(r)),
    put: async (r) => void records.set(r.id, structuredClone(r)),
    remove: async (id) => void records.delete(id),
    getActive: async () => active,
    setActive: async (id) => void (active = id),
  };
}

let current: ScenarioStorage | null = null;

/** The storage in use: IndexedDB when the browser has it, else memory. */
export function scenarioStorage(): ScenarioStorage {
  current ??= typeof indexedDB !== 'undefined' ? indexedDbStorage() : memoryStorage();
  return current;
}

export function setScenarioStorage(s: ScenarioStorage): void {
  current = s;
}
