import type { TFunction } from 'i18next';
import type { ImportIssue } from '../io/issues';

/**
 * One issue as text in the UI language: where (row/feature, field, value) and why.
 * The reason uses `import.issue.<code>` when translated, else the importer's English text.
 * Returned as a string and rendered as React text, never as HTML.
 */
export function issueText(t: TFunction, i: ImportIssue): { where: string; reason: string } {
  const where: string[] = [];
  if (i.row !== undefined) where.push(t('import.where.row', { n: i.row }));
  if (i.feature !== undefined) where.push(t('import.where.feature', { n: i.feature }));
  if (i.field !== undefined) where.push(t('import.where.field', { name: i.field }));
  if (i.value !== undefined) where.push(t('import.where.value', { value: i.value }));
  const reason = t(`import.issue.${i.code}`, { ...(i.params ?? {}), defaultValue: i.message });
  return { where: where.join(' · '), reason };
}
