import type { TFunction } from 'i18next';
import type { ImportIssue } from '../io/issues';

/**
 * One issue as text in the UI language: where (row/feature, field, value) and why.
 * The reason uses `import.issue.<code>` when translated, else the importer's English text.
 * Returned as a string and rendered as React text, never as HTML.
 */
/** Imported text can be a whole file (a JSON "header"); the UI shows a bounded excerpt. */
export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function clipParams(
  p: Record<string, string | number> | undefined,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p ?? {})) out[k] = typeof v === 'string' ? clip(v, 160) : v;
  return out;
}

/**
 * Why a whole file failed: `import.issue.<code>` for the importers' codes, else the import
 * dialog's own (`importer.failures.<code>`: replace), else the English message.
 */
export function failureReason(
  t: TFunction,
  f: { code: string; message: string; params: Record<string, string | number> },
): string {
  return clip(
    t([`import.issue.${f.code}`, `importer.failures.${f.code}`], {
      ...clipParams(f.params),
      defaultValue: f.message,
    }),
    400,
  );
}

export function issueText(t: TFunction, i: ImportIssue): { where: string; reason: string } {
  const where: string[] = [];
  if (i.row !== undefined) where.push(t('import.where.row', { n: i.row }));
  if (i.feature !== undefined) where.push(t('import.where.feature', { n: i.feature }));
  if (i.field !== undefined) where.push(t('import.where.field', { name: i.field }));
  if (i.value !== undefined) where.push(t('import.where.value', { value: clip(i.value, 120) }));
  const reason = clip(
    t(`import.issue.${i.code}`, { ...clipParams(i.params), defaultValue: i.message }),
    400,
  );
  return { where: where.join(' · '), reason };
}
