/**
 * Errors of the raster readers. A RasterFileError is bad input, not a bug: callers print
 * its message (file and reason) and never a stack.
 */

/** A raster file that cannot be read; the message names the file and the reason. */
export class RasterFileError extends Error {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'RasterFileError';
    this.file = file;
    this.reason = reason;
  }
}

/** A read cancelled through its AbortSignal (name 'AbortError', as fetch and DOM use). */
export function abortError(): Error {
  const e = new Error('the raster read was cancelled');
  e.name = 'AbortError';
  return e;
}

/** Throws the AbortError when the signal has fired; called between strips and rows. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}
