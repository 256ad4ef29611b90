import type { ReactNode } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';

interface Props {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  children?: ReactNode;
}

/**
 * The import panel as a drop target: files dropped anywhere on it (or chosen with its own
 * button) go to `onFiles`. No `accept` filter: the dialog guesses the kind from the content,
 * and a wrong file gets the importer's reason rather than a silent refusal.
 */
export function DropZone({ onFiles, disabled, children }: Props) {
  const { t } = useTranslation();
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted) => {
      if (accepted.length > 0) onFiles(accepted);
    },
    noClick: true,
    noKeyboard: true,
    noPaste: true,
    disabled,
    multiple: true,
  });
  return (
    <section
      {...getRootProps({
        className: `import-dropzone${isDragActive ? ' drag-active' : ''}`,
        'aria-label': t('importer.title'),
      })}
      data-testid="import-dropzone"
    >
      <input {...getInputProps()} data-testid="import-drop-input" />
      <p className="import-drop-hint">
        {isDragActive ? t('importer.dropActive') : t('importer.dropHint')}{' '}
        <button type="button" onClick={open} disabled={disabled} data-testid="import-choose">
          {t('importer.choose')}
        </button>
      </p>
      {children}
    </section>
  );
}
