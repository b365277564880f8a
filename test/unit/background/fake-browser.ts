// A small in-memory stand-in for the WebExtension APIs the worker uses, for node tests. It records what
// the user would see (notifications, badge) and lets tests grant or revoke host permissions.
import { hostPermissionPattern } from '../../../src/shared/host-pattern';

type Listener = (...args: never[]) => unknown;

function event() {
  const listeners = new Set<Listener>();
  return {
    addListener: (l: Listener) => listeners.add(l),
    removeListener: (l: Listener) => listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
    fire: (...args: unknown[]) => [...listeners].map((l) => (l as (...a: unknown[]) => unknown)(...args)),
  };
}

export function createFakeBrowser() {
  const storage = new Map<string, unknown>();
  const granted = new Set<string>();
  const notifications = new Map<string, { title: string; message: string; buttons?: { title: string }[] }>();
  const shown: { id: string; title: string; message: string }[] = [];
  const badge = { text: '', color: '', title: '' };
  const tabsCreated: string[] = [];
  /** Content scripts registered through scripting, by id. */
  const contentScripts = new Map<string, { id: string; js?: string[]; matches?: string[]; runAt?: string }>();
  const storageChanged = event();
  const fake = {
    runtime: {
      id: 'steward-test',
      getURL: (path: string) => `chrome-extension://steward-test/${path}`,
      getManifest: () => ({ version: '0.1.0' }),
      onMessage: event(),
      onInstalled: event(),
      onStartup: event(),
    },
    storage: {
      local: {
        async get(key: string | string[] | null) {
          const keys = key === null ? [...storage.keys()] : Array.isArray(key) ? key : [key];
          return Object.fromEntries(
            keys.filter((k) => storage.has(k)).map((k) => [k, structuredClone(storage.get(k))]),
          );
        },
        // As browsers do, every change is announced on storage.onChanged.
        async set(items: Record<string, unknown>) {
          const changes: Record<string, { oldValue?: unknown; newValue: unknown }> = {};
          for (const [k, v] of Object.entries(items)) {
            changes[k] = { oldValue: storage.get(k), newValue: structuredClone(v) };
            storage.set(k, structuredClone(v));
          }
          storageChanged.fire(changes, 'local');
        },
        async remove(key: string) {
          if (!storage.has(key)) return;
          const oldValue = storage.get(key);
          storage.delete(key);
          storageChanged.fire({ [key]: { oldValue } }, 'local');
        },
      },
      onChanged: storageChanged,
    },
    permissions: {
      async contains({ origins = [] }: { origins?: string[] }) {
        return origins.every((o) => granted.has(o));
      },
      async getAll() {
        return { origins: [...granted], permissions: ['storage', 'alarms', 'notifications', 'scripting'] };
      },
      onAdded: event(),
      onRemoved: event(),
    },
    notifications: {
      async create(id: string, options: { title: string; message: string; buttons?: { title: string }[] }) {
        notifications.set(id, options);
        shown.push({ id, title: options.title, message: options.message });
        return id;
      },
      async clear(id: string) {
        return notifications.delete(id);
      },
      onClicked: event(),
      onButtonClicked: event(),
    },
    action: {
      async setBadgeText({ text }: { text: string }) {
        badge.text = text;
      },
      async setBadgeBackgroundColor({ color }: { color: string }) {
        badge.color = color;
      },
      async setTitle({ title }: { title: string }) {
        badge.title = title;
      },
    },
    alarms: {
      async get() {
        return undefined;
      },
      async create() {},
      onAlarm: event(),
    },
    tabs: {
      async query() {
        return [];
      },
      async create({ url }: { url: string }) {
        tabsCreated.push(url);
        return { id: tabsCreated.length };
      },
      async sendMessage() {},
    },
    scripting: {
      async getRegisteredContentScripts({ ids }: { ids?: string[] } = {}) {
        return [...contentScripts.values()].filter((script) => !ids || ids.includes(script.id));
      },
      async registerContentScripts(
        scripts: { id: string; js?: string[]; matches?: string[]; runAt?: string }[],
      ) {
        for (const script of scripts) {
          if (contentScripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          contentScripts.set(script.id, { ...script });
        }
      },
      async unregisterContentScripts({ ids }: { ids?: string[] } = {}) {
        for (const id of ids ?? [...contentScripts.keys()]) contentScripts.delete(id);
      },
    },
    i18n: {
      getMessage: () => '',
      getUILanguage: () => 'en',
    },
  };
  return {
    browser: fake,
    grant: (origin: string) => granted.add(hostPermissionPattern(origin)),
    revoke: (origin: string) => granted.delete(hostPermissionPattern(origin)),
    storage,
    notifications,
    shown,
    badge,
    tabsCreated,
    contentScripts,
  };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;
