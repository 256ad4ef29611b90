import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CRS_IDS, isCrsId } from '../core/crs';
import { importFile } from '../store/actions';
import { useAppStore } from '../store/store';
import type { DatasetKind } from '../worker/protocol';

const ACCEPT: Record<DatasetKind, string> = {
  stations: '.csv,.txt,.tsv,.xlsx',
  boundaries: '.geojson,.json,.topojson,.kml,.zip',
  population: '.csv,.txt',
};

function FilePickButton({ kind }: { kind: DatasetKind }) {
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
        data-testid={`file-${kind}`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = ''; // picking the same file again must fire change again
          if (f) void importFile(kind, f);
        }}
      />
    </>
  );
}

export function ImportButtons() {
  const { t } = useTranslation();
  const crs = useAppStore((s) => s.importCrs);
  const setCrs = useAppStore((s) => s.setImportCrs);
  return (
    <div className="import-buttons">
      <FilePickButton kind="stations" />
      <FilePickButton kind="boundaries" />
      <FilePickButton kind="population" />
      <label className="crs-select">
        {t('import.crs')}
        <select
          data-testid="import-crs"
          value={crs}
          onChange={(e) => {
            if (isCrsId(e.target.value)) setCrs(e.target.value);
          }}
        >
          {CRS_IDS.map((c) => (
            <option key={c} value={c}>
              {t(`import.crsOptions.${c}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
