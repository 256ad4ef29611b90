import { constants, openAsBlob } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

/** A path that cannot be opened as a file; `message` is for the user, without the path. */
export class InputFileError extends Error {
  readonly file: string;
  readonly code: string;
  constructor(file: string, code: string, message: string) {
    super(message);
    this.name = 'InputFileError';
    this.file = file;
    this.code = code;
  }
}

export interface InputFile {
  /** The path as the user wrote it (used in every message). */
  name: string;
  absolute: string;
  size: number;
  blob: Blob;
}

/**
 * Open a path as a Blob for the io layer. fs.openAsBlob reads lazily, so a missing file,
 * a directory or an unreadable file would only fail deep inside an importer with a
 * generic message; they are checked here first and named plainly.
 */
export async function openInputFile(name: string, cwd: string): Promise<InputFile> {
  const absolute = path.resolve(cwd, name);
  let size: number;
  try {
    const s = await stat(absolute);
    if (s.isDirectory()) {
      throw new InputFileError(name, 'is-directory', 'is a directory, not a file');
    }
    if (!s.isFile()) {
      throw new InputFileError(
        name,
        'not-a-file',
        'is not a regular file (a device, pipe or socket)',
      );
    }
    size = s.size;
    await access(absolute, constants.R_OK);
    return { name, absolute, size, blob: await openAsBlob(absolute) };
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw fromSystemError(name, e);
  }
}

function fromSystemError(name: string, e: unknown): InputFileError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new InputFileError(name, 'not-found', 'file not found');
    case 'ENOTDIR':
      return new InputFileError(
        name,
        'not-found',
        'file not found (a part of the path is not a directory)',
      );
    case 'EACCES':
    case 'EPERM':
      return new InputFileError(
        name,
        'permission-denied',
        'permission denied (the file is not readable)',
      );
    case 'EISDIR':
      return new InputFileError(name, 'is-directory', 'is a directory, not a file');
    case 'ELOOP':
      return new InputFileError(name, 'not-found', 'too many symbolic links (a link loop?)');
    case 'ENAMETOOLONG':
      return new InputFileError(name, 'not-found', 'the path is too long');
    default: {
      const detail = e instanceof Error ? e.message : String(e);
      return new InputFileError(name, 'open-failed', `cannot be opened (${detail})`);
    }
  }
}
