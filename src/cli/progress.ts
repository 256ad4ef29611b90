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
