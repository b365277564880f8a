// #sharing: all settings except secrets as one JSON file, so a team can hand its setup to a new member.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { t } from '../ui/i18n';
import { call } from '../ui/rpc';
import { errorLine, fromMessage } from './field-errors';
import { MAX_SETTINGS_FILE_BYTES, SETTINGS_FILE_NAME, checkSettingsText } from './settings-file';
import type { OptionsStore } from './use-options-store';

interface Props {
  store: OptionsStore;
  /** The import replaced everything: the sections start again from the stored settings. */
  onImported(): void;
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'failed'; file: string; errors: string[] }
  | { kind: 'done'; file: string };

export function ImportExportSection({ store, onImported }: Props) {
  const [download, setDownload] = useState<{ url: string; summary: string } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [importState, setImportState] = useState<ImportState>({ kind: 'idle' });
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(
    () => () => {
      if (download) URL.revokeObjectURL(download.url);
    },
    [download],
  );
  // Focus moves as the link appears, not a frame later: a keyboard user presses Enter on what they see.
  useLayoutEffect(() => link.current?.focus(), [download]);

  async function exportSettings() {
    // The button is aria-disabled, not disabled, while it runs: disabling it would drop the focus.
    if (exporting) return;
    setExporting(true);
    setExportError(null);
    const reply = await call({ type: 'settings/export' }, z.string());
    setExporting(false);
    if (!reply.ok) return setExportError(reply.error.message);
    const checked = checkSettingsText(reply.data);
    if (!checked.ok) return setExportError(t('options_export_invalid', checked.errors.join('; ')));
    const blob = new Blob([checked.text], { type: 'application/json' });
    setDownload({
      url: URL.createObjectURL(blob),
      summary: t(
        'options_export_summary',
        checked.settings.instances.length,
        checked.settings.registry.sources.length,
      ),
    });
  }

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    // The same file may be chosen again after fixing it, whatever becomes of this one: a browser fires
    // no change event for a choice that did not change.
    input.value = '';
    const name = file.name;
    if (file.size > MAX_SETTINGS_FILE_BYTES) {
      return setImportState({ kind: 'failed', file: name, errors: [t('options_import_too_big')] });
    }
    setImportState({ kind: 'working' });
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      // Moved or changed on disk since it was chosen.
      const message = error instanceof Error ? error.message : String(error);
      return setImportState({ kind: 'failed', file: name, errors: [message] });
    }
    const checked = checkSettingsText(text);
    if (!checked.ok) return setImportState({ kind: 'failed', file: name, errors: checked.errors });
    const reply = await call({ type: 'settings/import', document: text }, z.unknown());
    if (!reply.ok) {
      const errors = Object.entries(fromMessage(reply.error.message)).map(([k, m]) => errorLine(k, m));
      return setImportState({ kind: 'failed', file: name, errors });
    }
    // The worker loaded the imported registry sources before answering: show them as loaded, not as
    // "not loaded yet" from the status read before the import.
    await Promise.all([store.reload(), store.reloadRegistry()]);
    setImportState({ kind: 'done', file: name });
    onImported();
  }

  return (
    <div>
      <h3>{t('options_export_heading')}</h3>
      <p class="hint">{t('options_export_hint')}</p>
      <div class="row-buttons">
        <button
          type="button"
          class="st-button"
          aria-disabled={exporting}
          onClick={() => void exportSettings()}
        >
          {t('options_export')}
        </button>
        {download && (
          <a ref={link} class="st-button st-button-primary" href={download.url} download={SETTINGS_FILE_NAME}>
            {t('options_export_download', SETTINGS_FILE_NAME)}
          </a>
        )}
      </div>
      {download && <p role="status">{download.summary}</p>}
      {exportError && (
        <p class="field-error" role="alert">
          {exportError}
        </p>
      )}

      <h3>{t('options_import_heading')}</h3>
      <p class="hint" id="import-hint">
        {t('options_import_hint')}
      </p>
      <label for="import-file">{t('options_import_label')}</label>
      <input
        id="import-file"
        type="file"
        accept=".json,application/json"
        aria-describedby="import-hint"
        onChange={(e) => void importFile(e.currentTarget)}
      />
      <div role="status">
        {importState.kind === 'working' && <p>{t('options_importing')}</p>}
        {importState.kind === 'done' && <p class="ok">{t('options_import_done', importState.file)}</p>}
      </div>
      {importState.kind === 'failed' && (
        <div class="save-errors" role="alert" data-state="import-failed">
          <p>{t('options_import_failed', importState.file, importState.errors.length)}</p>
          <ul>
            {importState.errors.map((error, i) => (
              <li key={i}>{error}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
