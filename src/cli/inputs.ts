import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CrsId } from '../core/crs';
import { importBoundaries, type BoundaryImportResult } from '../io/import-boundaries';
import { importStations, type StationImportResult } from '../io/import-stations';
import { ImportError } from '../io/issues';
import { importSettlements, type SettlementImportResult } from '../io/import-settlements';
import { importPopulation, type PopulationImportResult } from '../io/population-csv';
import { fileProgress, type OutStream } from './progress';
import { InputFileError, openInputFile, type InputFile } from './read-file';
import { cleanText } from './text';

/** The input files the commands take, in the order they are read and reported. */
export const INPUT_ROLES = ['areas', 'townships', 'population', 'stations', 'settlements'] as const;
export type InputRole = (typeof INPUT_ROLES)[number];
/** What analyze, plan, report and export read: every input (settlements name and flag gap units). */
export const ANALYSIS_ROLES: readonly InputRole[] = INPUT_ROLES;

/** The demo region (geo/README.md), found from this file so any working directory works. */
export const DEMO_FILES: Partial<Record<InputRole, string>> = {
  areas: fileURLToPath(new URL('../../geo/yushu-counties.geojson', import.meta.url)),
  population: fileURLToPath(new URL('../../geo/yushu-population.csv', import.meta.url)),
  stations: fileURLToPath(new URL('../../geo/yushu-stations.csv', import.meta.url)),
  settlements: fileURLToPath(new URL('../../geo/yushu-settlements.csv', import.meta.url)),
};

export interface InputRequest {
  role: InputRole;
  /** Path as given (relative to cwd) or absolute for demo files. */
  path: string;
  /** Name used in every message about the file. */
  name: string;
  demo: boolean;
  crs?: CrsId;
  codeField?: string;
  nameField?: string;
  popField?: string;
}

interface LoadedBase {
  request: InputRequest;
  /** File size, or null when it could not be opened. */
  bytes: number | null;
  ms: number;
}
export type LoadedInput =
  | (LoadedBase & { ok: true; kind: 'stations'; result: StationImportResult })
  | (LoadedBase & { ok: true; kind: 'boundaries'; result: BoundaryImportResult })
  | (LoadedBase & { ok: true; kind: 'population'; result: PopulationImportResult })
  | (LoadedBase & { ok: true; kind: 'settlements'; result: SettlementImportResult })
  | (LoadedBase & { ok: false; error: { code: string; message: string } });

/** How a demo file is named in messages: relative to cwd when under it, else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absolute;
}

/**
 * Open and import one file. Never throws for bad input: a file that cannot be read at
 * all comes back as `ok: false` with the reason, so the other files are still reported.
 */
export async function loadInput(
  req: InputRequest,
  ctx: { cwd: string; stderr: OutStream },
): Promise<LoadedInput> {
  const t0 = performance.now();
  let bytes: number | null = null;
  let file: InputFile | null = null;
  const failed = async (code: string, message: string): Promise<LoadedInput> => {
    const hint = file ? await roleHint(req.role, file.blob) : null;
    const text = cleanText(message, 300) + (hint ? ` (${hint})` : '');
    return {
      request: req,
      bytes,
      ms: performance.now() - t0,
      ok: false,
      error: { code, message: text },
    };
  };
  const progress = fileProgress(ctx.stderr, `reading ${req.name}`);
  try {
    file = await openInputFile(req.path, ctx.cwd);
    bytes = file.size;
    const io = { onProgress: progress.onProgress };
    const done = { request: req, bytes, ok: true } as const;
    switch (req.role) {
      case 'stations': {
        const result = await importStations(file.blob, req.name, { ...io, crs: req.crs });
        return { ...done, ms: performance.now() - t0, kind: 'stations', result };
      }
      case 'population': {
        const result = await importPopulation(file.blob, req.name, io);
        return { ...done, ms: performance.now() - t0, kind: 'population', result };
      }
      case 'settlements': {
        const result = await importSettlements(file.blob, req.name, { ...io, crs: req.crs });
        return { ...done, ms: performance.now() - t0, kind: 'settlements', result };
      }
      case 'areas':
      case 'townships': {
        const result = await importBoundaries(file.blob, req.name, {
          ...io,
          crs: req.crs,
          codeField: req.codeField,
          nameField: req.nameField,
          popField: req.popField,
        });
        return { ...done, ms: performance.now() - t0, kind: 'boundaries', result };
      }
    }
  } catch (e) {
    if (e instanceof InputFileError) {
      file = null;
      return failed(e.code, e.message);
    }
    if (e instanceof ImportError) return failed(e.code, stripFilePrefix(e.message, e.file));
    // A bug in an importer must still not take the other files down with it.
    const detail = e instanceof Error ? e.message : String(e);
    return failed('read-failed', `the file could not be read (${detail})`);
  } finally {
    progress.done();
  }
}

/**
 * When a file cannot be read, say so if it is plainly meant for another option: a GeoJSON
 * given as --stations otherwise yields "no longitude/latitude columns".
 */
async function roleHint(role: InputRole, blob: Blob): Promise<string | null> {
  // Settlement points come as tables and as GeoJSON/KML alike: no format is the wrong one.
  if (role === 'settlements') return null;
  let head: Uint8Array;
  try {
    head = new Uint8Array(await blob.slice(0, 4096).arrayBuffer());
  } catch {
    return null;
  }
  if (head.length === 0) return null;
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  const text = new TextDecoder('latin1')
    .decode(head)
    .replace(/^(\ufeff|ï»¿)/, '')
    .trimStart();
  const json = text.startsWith('{') || text.startsWith('[');
  const xml = text.startsWith('<');
  const table = role === 'stations' || role === 'population';
  if (table && json) {
    return 'this looks like JSON (GeoJSON/TopoJSON?): boundaries go in --areas or --townships';
  }
  if (table && xml) return 'this looks like XML (KML?): boundaries go in --areas or --townships';
  if (!table && !zip && !json && !xml && /^[^\n]*[,;\t][^\n]*\n/.test(text)) {
    return 'this looks like a table: stations go in --stations, population in --population';
  }
  return null;
}

/** ImportError's message is "file: reason"; the report names the file itself. */
function stripFilePrefix(message: string, file: string): string {
  const prefix = `${file}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
