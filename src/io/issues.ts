import type { IssueCode } from './issue-codes';

/**
 * Problems found while importing. Every problem names the file and, where it applies,
 * the row (1-based data row, header excluded) or feature (1-based), the field and the
 * offending value. `code` is stable and used as the i18n key (`import.issue.<code>`);
 * `message` is the English text for the CLI and logs.
 */
export interface ImportIssue {
  file: string;
  row?: number;
  feature?: number;
  field?: string;
  value?: string;
  code: IssueCode;
  params?: Record<string, string | number>;
  message: string;
}

/** A file that cannot be read at all (empty, binary, wrong format). */
export class ImportError extends Error {
  readonly file: string;
  readonly code: IssueCode;
  readonly params: Record<string, string | number>;
  constructor(
    file: string,
    code: IssueCode,
    message: string,
    params: Record<string, string | number> = {},
  ) {
    super(`${file}: ${message}`);
    this.name = 'ImportError';
    this.file = file;
    this.code = code;
    this.params = params;
  }
}

/** Thrown when the caller's AbortSignal fires; nothing partial is returned. */
export class ImportCancelled extends Error {
  constructor(file: string) {
    super(`${file}: import cancelled`);
    this.name = 'ImportCancelled';
  }
}

export interface ImportProgress {
  /** 0..1 of bytes read. */
  fraction: number;
  rows: number;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

/** Formats an issue as one line: "file, row 12, field lat: reason (value "x")". */
export function formatIssue(i: ImportIssue): string {
  const where = [i.file];
  if (i.row !== undefined) where.push(`row ${i.row}`);
  if (i.feature !== undefined) where.push(`feature ${i.feature}`);
  if (i.field !== undefined) where.push(`field ${i.field}`);
  const value = i.value !== undefined ? ` (value "${i.value}")` : '';
  return `${where.join(', ')}: ${i.message}${value}`;
}
