import type { ImportProgress } from '../io/issues';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  onProgress(p: ImportProgress): void;
  /** Erase the progress line. */
  done(): void;
}

/** Quick files finish before this and show nothing. */
const SHOW_AFTER_MS = 400;
const EVERY_MS = 100;

const NONE: Progress = { onProgress: () => {}, done: () => {} };

/**
 * One self-overwriting line on stderr while a big file loads. Only on a terminal: in a
 * pipe or a log, carriage returns and half-lines are noise.
 */
export function fileProgress(stream: OutStream, label: string, now = () => Date.now()): Progress {
  if (!stream.isTTY) return NONE;
  const start = now();
  let last = 0;
  let shown = false;
  return {
    onProgress(p) {
      const t = now();
      if (t - start < SHOW_AFTER_MS || t - last < EVERY_MS) return;
      last = t;
      shown = true;
      const pct = Math.floor(Math.min(1, Math.max(0, p.fraction)) * 100);
      const rows = p.rows > 0 ? `, ${p.rows.toLocaleString('en-US')} rows` : '';
      stream.write(`\r\x1b[K${label}: ${pct}%${rows}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

/** One line per phase of a long command ("read + parse", "sites", "analyse", "write"). */
export interface PhaseLog {
  /** A finished phase with what it produced; the time is since the previous line. */
  phase(name: string, detail: string): void;
}

/**
 * Phase lines on stderr, each with its wall time and the process's resident memory, when
 * `enabled` (`--progress`, or stderr is a terminal); a pipe stays quiet otherwise.
 */
export function phaseLog(
  stream: OutStream,
  command: string,
  enabled: boolean,
  rss: () => number = () => 0,
): PhaseLog {
  if (!enabled) return { phase: () => {} };
  let last = performance.now();
  return {
    phase(name, detail) {
      const t = performance.now();
      const mem = rss();
      const memText = mem > 0 ? `, RSS ${(mem / 2 ** 20).toFixed(0)} MiB` : '';
      stream.write(
        `sailplan ${command}: ${name}: ${detail} (${((t - last) / 1000).toFixed(1)} s${memText})\n`,
      );
      last = t;
    },
  };
}
