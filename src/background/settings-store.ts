// Settings live in storage.local as one schema-checked document, parsed and migrated when read. Every
// message the worker answers reads them (a page view twice), so the parsed document is kept for the
// worker's life and dropped whenever storage says it changed: a write here, or one from anywhere else.
// Callers share it: treat it as read-only.
import browser from 'webextension-polyfill';
import { z } from 'zod';
import type { UnreadableSettings } from '../messages';
import {
  defaultSettings,
  parseSettings,
  parseSettingsDocument,
  withoutRefusedSources,
  type Settings,
} from '../shared/settings';

const KEY = 'settings';
const REMOVING = `${KEY}.removing`;

// Content scripts can read and write storage.local unless it is kept to the extension's own pages: the
// settings are changed only through the worker's checked messages (settings/save, settings/import), so
// the storage must not be a way around them. Chromium can restrict it; Firefox has no such setting yet.
const local = browser.storage.local as {
  setAccessLevel?: (access: { accessLevel: string }) => Promise<void>;
};
void local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch(() => undefined);

let remembered: Promise<Settings> | null = null;
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && KEY in changes) remembered = null;
});

export function readSettings(): Promise<Settings> {
  const reading = (remembered ??= readStoredSettings());
  // A read that failed is not kept: the next one asks storage again.
  reading.catch(() => {
    if (remembered === reading) remembered = null;
  });
  return reading;
}

async function readStoredSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  if (stored === undefined) return defaultSettings();
  const result = parseSettings(stored);
  if (!result.ok) {
    // Unreadable settings must not brick the extension: fall back to defaults and keep the bad copy
    // for the user to repair (without it when storage has no room for a second copy).
    const at = Date.now();
    await browser.storage.local
      .set({ [`${KEY}.unreadable`]: { at, errors: result.errors, stored } })
      .catch(() => browser.storage.local.set({ [`${KEY}.unreadable`]: { at, errors: result.errors } }))
      .catch(() => undefined);
    // An earlier build stored registry addresses this one refuses: everything else is kept (the stored
    // copy stays as it was until the user saves).
    const salvaged = parseSettings(withoutRefusedSources(stored));
    return salvaged.ok ? salvaged.settings : defaultSettings();
  }
  if (result.migrated) await browser.storage.local.set({ [KEY]: result.settings });
  return result.settings;
}

/**
 * Writes the settings. The instances they no longer list (against `previous`) are noted as being removed
 * in the same write: the worker may stop before it has forgotten them (their token and everything kept),
 * and its next start finishes the work (removalsPending, removalDone).
 */
export async function writeSettings(
  input: unknown,
  previous?: Settings,
): Promise<{ ok: true; settings: Settings } | { ok: false; errors: string[] }> {
  const result = parseSettingsDocument(input);
  if (!result.ok) return result;
  const kept = new Set(result.settings.instances.map((i) => i.url));
  const removing = (previous?.instances ?? []).map((i) => i.url).filter((url) => !kept.has(url));
  const pending = removing.length > 0 ? [...new Set([...(await removalsPending()), ...removing])] : [];
  await browser.storage.local.set({
    [KEY]: result.settings,
    ...(pending.length > 0 ? { [REMOVING]: pending } : {}),
  });
  await browser.storage.local.remove(`${KEY}.unreadable`);
  return { ok: true, settings: result.settings };
}

const unreadableRecord = z.object({
  at: z.number(),
  errors: z.array(z.string()),
  stored: z.optional(z.unknown()),
});

/** The settings this worker could not read, as kept for the user to repair: null when there are none. */
export async function readUnreadable(): Promise<UnreadableSettings | null> {
  const parsed = unreadableRecord.safeParse(
    (await browser.storage.local.get(`${KEY}.unreadable`))[`${KEY}.unreadable`],
  );
  if (!parsed.success) return null;
  const { at, errors, stored } = parsed.data;
  let copy: string | null = null;
  try {
    if (stored !== undefined) copy = `${JSON.stringify(stored, null, 2)}\n`;
  } catch {
    // Storage holds only what JSON can say; should it not, there is no copy to offer.
  }
  return { at: Math.floor(at / 1000), errors, copy };
}

export function instanceFor(settings: Settings, origin: string) {
  return settings.instances.find((instance) => instance.url === origin) ?? null;
}

/** Instances removed from the settings whose token and kept data may not be forgotten yet. */
export async function removalsPending(): Promise<string[]> {
  const stored = (await browser.storage.local.get(REMOVING))[REMOVING];
  const parsed = z.array(z.string()).safeParse(stored);
  return parsed.success ? parsed.data : [];
}

/** The instance's removal is complete (or it was added again): it is no longer pending. */
export async function removalDone(origin: string): Promise<void> {
  const left = (await removalsPending()).filter((o) => o !== origin);
  if (left.length > 0) await browser.storage.local.set({ [REMOVING]: left });
  else await browser.storage.local.remove(REMOVING);
}
