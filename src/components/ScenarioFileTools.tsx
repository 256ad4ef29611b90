import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { exportScenario, importScenarioFile, shareScenario } from '../store/scenario-actions';
import { useAppStore } from '../store/store';

/** Export the open scenario as a file, import one, or make a `#s=` share link. */
export function ScenarioFileTools({ activeId }: { activeId: string | null }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const share = useAppStore((s) => s.shareLink);
  return (
    <div className="scenario-files">
      <div className="scenario-row">
        <button
          type="button"
          data-testid="scenario-export"
          disabled={!activeId}
          onClick={() => activeId && exportScenario(activeId)}
        >
          {t('scenarios.files.export')}
        </button>
        <button type="button" data-testid="scenario-import" onClick={() => input.current?.click()}>
          {t('scenarios.files.import')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="scenario-import-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importScenarioFile(f);
          }}
        />
        <button
          type="button"
          data-testid="scenario-share"
          disabled={!activeId}
          onClick={() => activeId && void shareScenario(activeId)}
        >
          {t('scenarios.files.share')}
        </button>
      </div>
      {share && share.id === activeId && (
        <label className="scenario-share">
          {t('scenarios.files.shareLink')}
          <input
            data-testid="scenario-share-link"
            readOnly
            value={share.url}
            onFocus={(e) => e.target.select()}
          />
        </label>
      )}
    </div>
  );
}
