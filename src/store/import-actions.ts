import type { CrsId } from '../core/crs';
import type { ColumnMapping } from '../io/station-columns';
import { workerApi } from '../worker/client';
import type { DemoAnswer, DemoPlan } from '../worker/demo-plan';
import type { ImportFailure } from '../worker/load-dataset';
import type { StationPreviewOutcome } from '../worker/preview-stations';
import type { DatasetKind } from '../worker/protocol';
import { useAppStore } from './store';

// The import dialog's steps before an import: guess a dropped file's kind, preview a station
// file. Both run in the worker and load nothing; the import itself is importFile (actions.ts).
// And the step inside an import: the worker asks whether the loaded file replaces the demo.

function internalFailure(fileName: string, e: unknown): ImportFailure {
  const message = e instanceof Error ? e.message : String(e);
  return { status: 'failed', fileName, code: 'internal', message, params: { detail: message } };
}

export async function guessFileKind(file: File): Promise<DatasetKind> {
  try {
    return await workerApi().guessKind(file, file.name);
  } catch {
    return 'stations';
  }
}

/** The head of a station file read with `crs` and `mapping`; failures come back as values. */
export async function previewStationFile(
  file: File,
  crs: CrsId,
  mapping?: ColumnMapping,
): Promise<StationPreviewOutcome> {
  try {
    return await workerApi().previewStations({ file, fileName: file.name, crs, mapping });
  } catch (e) {
    return internalFailure(file.name, e);
  }
}

/** Shows a file that cannot be read at all the way a failed import is shown. */
export function reportImportFailure(f: ImportFailure): void {
  const { fileName, code, params, message } = f;
  useAppStore.setState({ notice: { status: 'failed', fileName, code, params, message } });
}

// The answer the running import waits for; one import runs at a time, so one question.
let answerPending: ((a: DemoAnswer) => void) | null = null;

/**
 * Called by the worker once the user's file has loaded while demo datasets are loaded: shows
 * the demo question (DemoChoiceDialog) and resolves with the answer. Demo datasets the user
 * already chose to keep alongside are not asked about again.
 */
export function askDemoChoice(plan: DemoPlan): Promise<DemoAnswer> {
  const kept = useAppStore.getState().demoKept;
  if (plan.remove.every((d) => kept.includes(d.id))) return Promise.resolve('keep');
  answerPending?.('cancel');
  return new Promise((resolve) => {
    answerPending = resolve;
    useAppStore.setState({ demoQuestion: plan });
  });
}

/** The user's answer to the demo question; "keep" is remembered for the datasets it names. */
export function answerDemoChoice(answer: DemoAnswer): void {
  const { demoQuestion, demoKept } = useAppStore.getState();
  const resolve = answerPending;
  answerPending = null;
  useAppStore.setState({
    demoQuestion: null,
    demoKept:
      answer === 'keep' && demoQuestion
        ? [...demoKept, ...demoQuestion.remove.map((d) => d.id)]
        : demoKept,
  });
  resolve?.(answer);
}
