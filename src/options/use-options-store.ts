// The settings as the worker holds them, the per-instance "token stored" flags and the registry status;
// and the one way to change settings: validate the whole document here, then settings/save.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import {
  registryStatusView,
  settingsView,
  type RegistryStatusView,
  type ReplyError,
  type SettingsView,
  type UnreadableSettings,
} from '../messages';
import { defaultSettings, parseSettings, settingsSchema, type Settings } from '../shared/settings';
import { t } from '../ui/i18n';
import { call } from '../ui/rpc';
import { fromIssues, fromMessage, type FieldErrors } from './field-errors';

export type SaveOutcome = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

/**
 * A list the section replaces whole (instances, projects, sources): `part` reads it from settings, `basis`
 * is what the section's drafts were made from. A save over a list another tab has changed since would
 * delete what that tab added, so it is refused instead.
 */
export interface SaveGuard {
  part(settings: Settings): unknown;
  basis: string;
}

/** How a guard compares lists: JSON of the part, as stored. */
export function guardBasis(part: (settings: Settings) => unknown, settings: Settings): string {
  return JSON.stringify(part(settings));
}

export interface OptionsStore {
  settings: Settings;
  tokens: Record<string, boolean>;
  /** Problems with the stored settings themselves (from an older or damaged store). */
  storedProblems: string[];
  /** Stored settings the worker could not read, kept until a save replaces them. */
  unreadable: UnreadableSettings | null;
  registry: RegistryStatusView | null;
  registryError: ReplyError | null;
  /** Builds the new document from the saved one; nothing is sent when it does not validate. */
  save(build: (saved: Settings) => unknown, guard?: SaveGuard): Promise<SaveOutcome>;
  setTokenStored(origin: string, stored: boolean): void;
  /** After an import: take the worker's settings as they are now. */
  reload(): Promise<void>;
  reloadRegistry(): Promise<void>;
}

interface Loaded {
  settings: Settings;
  tokens: Record<string, boolean>;
  storedProblems: string[];
  unreadable: UnreadableSettings | null;
}

function fromView(view: SettingsView): Loaded {
  const parsed = parseSettings(view.settings);
  const unreadable = view.unreadable ?? null;
  return parsed.ok
    ? { settings: parsed.settings, tokens: view.tokens, storedProblems: [], unreadable }
    : { settings: defaultSettings(), tokens: view.tokens, storedProblems: parsed.errors, unreadable };
}

/** The worker's settings view, or null when it could not be read. */
async function fetchView(): Promise<SettingsView | null> {
  const reply = await call({ type: 'settings/get' }, settingsView);
  return reply.ok ? reply.data : null;
}

export function useOptionsStore() {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<ReplyError | null>(null);
  const [registry, setRegistry] = useState<RegistryStatusView | null>(null);
  const [registryError, setRegistryError] = useState<ReplyError | null>(null);

  const reload = useCallback(async () => {
    const reply = await call({ type: 'settings/get' }, settingsView);
    if (reply.ok) {
      setLoaded(fromView(reply.data));
      setLoadError(null);
    } else setLoadError(reply.error);
  }, []);

  const reloadRegistry = useCallback(async () => {
    const reply = await call({ type: 'registry/status' }, registryStatusView);
    if (reply.ok) {
      setRegistry(reply.data);
      setRegistryError(null);
    } else setRegistryError(reply.error);
  }, []);

  useEffect(() => {
    void reload();
    void reloadRegistry();
  }, [reload, reloadRegistry]);

  const save = useCallback(
    async (build: (saved: Settings) => unknown, guard?: SaveGuard): Promise<SaveOutcome> => {
      if (!loaded) return { ok: false, errors: { '': 'The settings have not loaded yet.' } };
      // Each section replaces only its own part, of the settings as stored now: another options tab (or
      // an import) may have saved since this one loaded, and its changes must not be undone.
      const stored = await call({ type: 'settings/get' }, settingsView);
      const base = stored.ok ? fromView(stored.data).settings : loaded.settings;
      if (guard && guardBasis(guard.part, base) !== guard.basis)
        return { ok: false, errors: { '': t('options_changed_elsewhere') } };
      const candidate = settingsSchema.safeParse(build(structuredClone(base)));
      if (!candidate.success) return { ok: false, errors: fromIssues(candidate.error.issues) };
      const reply = await call({ type: 'settings/save', settings: candidate.data }, z.unknown());
      if (!reply.ok) return { ok: false, errors: fromMessage(reply.error.message) };
      // The worker may answer with the settings it stored; otherwise ask for them.
      const view = settingsView.safeParse(reply.data);
      const now = view.success ? view : settingsView.safeParse(await fetchView());
      if (!now.success) return { ok: true, settings: candidate.data };
      const next = fromView(now.data);
      setLoaded(next);
      return { ok: true, settings: next.settings };
    },
    [loaded],
  );

  const store: OptionsStore | null = loaded && {
    ...loaded,
    registry,
    registryError,
    save,
    setTokenStored: (origin, stored) =>
      setLoaded((l) => l && { ...l, tokens: { ...l.tokens, [origin]: stored } }),
    reload,
    reloadRegistry,
  };
  return { store, loadError, reload };
}
