import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CrsSelect } from './CrsSelect';
import { importFile } from '../store/actions';
import { guessFileKind } from '../store/import-actions';
import { useAppStore } from '../store/store';
import type { DatasetKind } from '../worker/protocol';
import { DemoChoiceDialog } from './DemoChoiceDialog';
import { DropZone } from './DropZone';
import { ImportDialog, type PendingImport } from './ImportDialog';
import './import.css';

const ACCEPT: Record<DatasetKind, string> = {
  stations: '.csv,.txt,.tsv,.xlsx',
  boundaries: '.geojson,.json,.topojson,.kml,.kmz,.zip',
  population: '.csv,.txt',
  settlements: '.csv,.txt,.tsv,.xlsx,.geojson,.json,.kml,.kmz,.zip',
  'population-raster': '.tif,.tiff,.asc,.prj',
  dem: '.hgt,.zip,.tif,.tiff',
};

/** A button that picks one file of a kind. */
function FilePickButton({
  kind,
  onPick,
  multiple = false,
}: {
  kind: DatasetKind;
  onPick: (f: File, more: File[]) => void;
  multiple?: boolean;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const busy = useAppStore((s) => s.job !== null);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() => input.current?.click()}
        data-testid={`import-${kind}`}
      >
        {t(`import.${kind}`)}
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT[kind]}
        hidden
        multiple={multiple}
        data-testid={`file-${kind}`}
        onChange={(e) => {
          const [f, ...more] = [...(e.target.files ?? [])];
          e.target.value = ''; // picking the same file again must fire change again
          if (f) onPick(f, more);
        }}
      />
    </>
  );
}

/**
 * The import panel: drop zone, a button per kind, the default CRS, the import dialog, and the
 * demo question every import path (picker, drop, dialog, replace) asks while the demo is loaded.
 */
export function ImportButtons() {
  const crs = useAppStore((s) => s.importCrs);
  const setCrs = useAppStore((s) => s.setImportCrs);
  const busy = useAppStore((s) => s.job !== null);
  // Files waiting for the dialog, one at a time, in the order they were dropped.
  const [queue, setQueue] = useState<(PendingImport & { seq: number })[]>([]);
  const seq = useRef(0);
  const enqueue = useCallback((items: PendingImport[]) => {
    const tagged = items.map((p) => ({ ...p, seq: ++seq.current }));
    setQueue((q) => [...q, ...tagged]);
  }, []);
  const next = useCallback(() => setQueue((q) => q.slice(1)), []);

  const onDrop = useCallback(
    async (files: File[]) => {
      const kinds = await Promise.all(files.map(guessFileKind));
      // Raster tiles dropped together are one raster (a mosaic), in one dialog.
      const tiles = files.filter((_, i) => kinds[i] === 'population-raster');
      const rest = files.flatMap((file, i) =>
        kinds[i] === 'population-raster' ? [] : [{ file, kind: kinds[i], guessed: true }],
      );
      const [first, ...more] = tiles;
      enqueue([
        ...rest,
        ...(first
          ? [{ file: first, kind: 'population-raster' as const, guessed: true, tiles: more }]
          : []),
      ]);
    },
    [enqueue],
  );

  return (
    <DropZone onFiles={(f) => void onDrop(f)}>
      <div className="import-buttons">
        {/* Station tables open the preview (columns and bad rows are checked before anything
            loads); boundaries and population import straight away. */}
        <FilePickButton kind="stations" onPick={(file) => enqueue([{ file, kind: 'stations' }])} />
        <FilePickButton kind="boundaries" onPick={(file) => void importFile('boundaries', file)} />
        <FilePickButton kind="population" onPick={(file) => void importFile('population', file)} />
        <FilePickButton
          kind="settlements"
          onPick={(file) => enqueue([{ file, kind: 'settlements' }])}
        />
        <FilePickButton
          kind="population-raster"
          multiple
          onPick={(file, tiles) => enqueue([{ file, kind: 'population-raster', tiles }])}
        />
        <FilePickButton kind="dem" onPick={(file) => void importFile('dem', file)} />
        <CrsSelect className="crs-select" value={crs} onChange={setCrs} testId="import-crs" />
      </div>
      {/* The next file waits until the running import ends: one import at a time. */}
      {queue.length > 0 && !busy && (
        <ImportDialog key={queue[0].seq} pending={queue[0]} onClose={next} />
      )}
      <DemoChoiceDialog />
    </DropZone>
  );
}
