// What the worker does for each request. Trust was checked by the router; handlers check scope:
// a content script may only ask about its own tab's instance.
import browser from 'webextension-polyfill';
import type { SettingsView, ViewerView, WatchlistView } from '../messages';
import { importedOver, type Settings } from '../shared/settings';
import { assignProcessOwner } from './assign';
import { scheduleAlarms } from './alarms';
import { nowSeconds } from './clock';
import { announceChange, pollAndAnnounce } from './change-notice';
import { answerContext, cachedAnswer, type ContextAsk } from './context-answer';
import { syncContentScripts } from './content-scripts';
import { asHandlerError } from './errors';
import { clientFor } from './instance-client';
import { cachedInstance, forgetViewer, viewer as readViewer } from './metadata';
import { tellAllTaskPages } from './open-pages';
import { openOptions } from './options-tab';
import { pollInstance } from './poll';
import { combinedState } from './instances-state';
import { refreshRegistry } from './registry';
import { registryStatus } from './registry-status';
import { reviewFetch, reviewOpen, reviewResolved } from './review';
import { HandlerError, type Handlers } from './router';
import { firstScreen } from '../shared/watchlist-first-screen';
import { tokenPresence, writeToken } from './secrets';
import type { SenderTrust } from './sender';
import { instanceFor, readSettings, readUnreadable, writeSettings } from './settings-store';
import { finishRemoval } from './forget-instance';
import { chooseWatched } from './watch-choice';
import { snoozeTask } from './snooze';
import { updateBadge } from './status';

function originOf(sender: SenderTrust, requested?: string): string {
  if (sender.kind === 'content-script') return sender.origin;
  if (!requested) throw new HandlerError('bad-request', 'The request names no instance.');
  return requested;
}

async function configured(origin: string): Promise<Settings> {
  const settings = await readSettings();
  if (!instanceFor(settings, origin)) {
    throw new HandlerError(
      'not-configured',
      `Steward is not set up for ${origin}. Add it on the options page.`,
    );
  }
  return settings;
}

async function contextFor(origin: string, ask: ContextAsk) {
  const settings = await configured(origin);
  try {
    return await answerContext(settings, origin, () => clientFor(settings, origin), ask);
  } catch (error) {
    throw asHandlerError(error);
  }
}

async function watch(origin: string, taskId: number, watched: boolean): Promise<{ watched: boolean }> {
  await configured(origin);
  await chooseWatched(origin, taskId, watched);
  await announceChange(origin, taskId);
  return { watched };
}

async function settingsView(settings: Settings): Promise<SettingsView> {
  const [tokens, unreadable] = await Promise.all([
    tokenPresence(settings.instances.map((i) => i.url)),
    readUnreadable(),
  ]);
  return unreadable ? { settings, tokens, unreadable } : { settings, tokens };
}

export async function watchlist(refresh: boolean): Promise<WatchlistView> {
  const settings = await readSettings();
  const first = settings.instances[0]?.url ?? null;
  if (!first) {
    return {
      instance: null,
      connection: 'not-configured',
      connectionMessage: null,
      viewer: null,
      lastPollAt: null,
      rows: [],
      deployGate: { blocked: false, count: 0 },
    };
  }
  if (refresh)
    await Promise.all(settings.instances.map((i) => pollAndAnnounce(settings, i.url, { force: true })));
  const state = await combinedState(settings);
  const viewers: Record<string, ViewerView> = {};
  for (const entry of await Promise.all(settings.instances.map((i) => cachedInstance(i.url))))
    if (entry?.viewer) viewers[entry.origin] = entry.viewer;
  const instance = state.troubled ?? first;
  // A poll's answer comes with its badge set. A read of the cache (the popup opening) does not wait for
  // the badge's three browser calls: nothing changed but the clock, for snoozes that ended.
  const badge = updateBadge({ settings, state });
  if (refresh) await badge;
  else void badge.catch(() => undefined);
  return {
    // The instance the connection line is about: the one in trouble, else the first.
    instance,
    connection: state.connection,
    connectionMessage: state.message,
    viewer: viewers[instance] ?? null,
    viewers,
    lastPollAt: state.lastOkAt,
    rows: state.rows,
    deployGate: { blocked: state.gateCount > 0, count: state.gateCount },
    now: nowSeconds(),
  };
}

/** Whether open banners may now be answered otherwise: who owns what, when a task is stale, who "you" are. */
function answersMayChange(previous: Settings, settings: Settings): boolean {
  const basis = (s: Settings) =>
    JSON.stringify([s.registry.sources, s.registry.overrides, s.thresholds, s.watch, s.instances]);
  return basis(previous) !== basis(settings);
}

async function afterSettingsChange(previous: Settings, settings: Settings): Promise<void> {
  // An instance removed from the settings leaves nothing behind: its token and cached state go. Only one
  // that was there before: a token stored for an instance being added (not saved yet) is kept.
  const kept = new Set(settings.instances.map((i) => i.url));
  for (const origin of previous.instances.map((i) => i.url))
    if (!kept.has(origin)) await finishRemoval(origin);
  // Another auth mode may be another account (a token's owner, not the browser's session).
  for (const instance of settings.instances)
    if (previous.instances.find((i) => i.url === instance.url)?.authMode !== instance.authMode)
      await forgetViewer(instance.url);
  await scheduleAlarms(settings);
  await syncContentScripts();
  // A source due anyway may bring another document with this save, though the save changed nothing of it.
  let registryChanged = false;
  await refreshRegistry(settings, false, () => (registryChanged = true)).catch(() => undefined);
  // Open banners were answered under the old settings, and no poll tells them: the tasks did not move.
  if (registryChanged || answersMayChange(previous, settings))
    await tellAllTaskPages(settings.instances.map((i) => i.url)).catch(() => undefined);
  await updateBadge();
}

export const handlers: Handlers = {
  hello: async () => ({ name: 'steward' as const, version: browser.runtime.getManifest().version }),

  'ui/open-options': async (request, sender) => {
    await openOptions(request.section, sender.kind === 'content-script');
    return {};
  },

  'task/context': (request, sender) =>
    contextFor(originOf(sender), {
      taskId: request.taskId,
      refresh: request.refresh ?? false,
      settle: request.settle ?? false,
      ...(request.page ? { page: request.page } : {}),
      ...(sender.kind === 'content-script' ? { tab: sender.tabId } : {}),
    }),
  'task/cached': async (request, sender) => {
    const origin = originOf(sender);
    return cachedAnswer(await configured(origin), origin, request.taskId);
  },
  'task/context-on': (request, sender) =>
    contextFor(originOf(sender, request.instance), {
      taskId: request.taskId,
      refresh: request.refresh ?? false,
      settle: false,
    }),

  'task/watch': (request, sender) => watch(originOf(sender), request.taskId, request.watched),
  'task/watch-on': (request, sender) =>
    watch(originOf(sender, request.instance), request.taskId, request.watched),

  'task/snooze': async (request) => {
    await configured(request.instance);
    return { snoozedUntil: await snoozeTask(request.instance, request.taskId, request.until) };
  },

  'process-owner/assign': async (request) => {
    const settings = await configured(request.instance);
    try {
      const reply = await assignProcessOwner(settings, await clientFor(settings, request.instance), request);
      await announceChange(request.instance, request.taskId);
      // The list the popup reads next shows the new process owner: the poll that sees the edit ends
      // before the reply (its failure is the list's, not the assignment's).
      await pollInstance(settings, request.instance, { force: true }).catch(() => undefined);
      await updateBadge().catch(() => undefined);
      return reply;
    } catch (error) {
      throw asHandlerError(error);
    }
  },

  'watchlist/get': (request) => watchlist(request.refresh ?? false),
  'poll/now': () => watchlist(true),
  'watchlist/first': async (request) => {
    const view = await watchlist(request.refresh ?? false);
    return firstScreen(view, request.count, view.now ?? nowSeconds());
  },
  'watchlist/rest': async () => {
    const { rows } = await combinedState(await readSettings());
    return { rows, total: rows.length };
  },

  'settings/get': async () => settingsView(await readSettings()),
  'settings/save': async (request) => {
    const previous = await readSettings();
    const result = await writeSettings(request.settings, previous);
    if (!result.ok) throw new HandlerError('bad-request', result.errors.join('\n'));
    await afterSettingsChange(previous, result.settings);
    return settingsView(result.settings);
  },
  'settings/export': async () => {
    // Settings hold no secret (tokens live in their own store): this text is exactly what the file holds.
    return `${JSON.stringify(await readSettings(), null, 2)}\n`;
  },
  'settings/import': async (request) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.document);
    } catch (error) {
      throw new HandlerError(
        'bad-request',
        `The file is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (parsed && typeof parsed === 'object' && '$schema' in parsed)
      delete (parsed as Record<string, unknown>).$schema;
    const previous = await readSettings();
    const result = await writeSettings(importedOver(parsed, previous), previous);
    if (!result.ok) throw new HandlerError('bad-request', result.errors.join('\n'));
    await afterSettingsChange(previous, result.settings);
    return settingsView(result.settings);
  },

  'token/set': async (request) => {
    await writeToken(request.instance, request.token);
    // Another token may be another account: "you" in open banners and the popup is read again.
    await forgetViewer(request.instance);
    await tellAllTaskPages([request.instance]).catch(() => undefined);
    return { stored: request.token !== null && request.token.trim() !== '' };
  },
  'connection/test': async (request) => {
    const settings = await configured(request.instance);
    try {
      const client = await clientFor(settings, request.instance, 'test');
      const me = await readViewer(request.instance, client, true);
      if (!me) throw new HandlerError('session-expired', 'Phabricator did not say who you are.');
      return {
        username: me.username,
        realName: me.realName,
        authMode: instanceFor(settings, request.instance)!.authMode,
      };
    } catch (error) {
      throw asHandlerError(error);
    }
  },

  'registry/refresh': async () => {
    const settings = await readSettings();
    await refreshRegistry(settings, true);
    return registryStatus(settings);
  },
  'registry/status': async () => registryStatus(await readSettings()),

  'review/first': async (request) => {
    const settings = await readSettings();
    const instances = settings.instances.map((i) => i.url);
    const instance = instances.find((url) => url === request.instance) ?? instances[0] ?? null;
    if (instance === null) return { instances, instance, view: null };
    // The cache's first screen is a head start, not the answer: when it fails, the page's read of the
    // list from Phabricator comes next and says what is wrong.
    const view = await reviewOpen(settings, instance, false, request.first).catch(() => null);
    return { instances, instance, view };
  },
  'review/open': (request) =>
    reviewTask(request.instance, (s) => reviewOpen(s, request.instance, request.refresh, request.first)),
  'review/fetch': (request) =>
    reviewTask(request.instance, (s) => reviewFetch(s, request.instance, request.ids)),
  'review/resolved': (request) =>
    reviewTask(request.instance, (s) => reviewResolved(s, request.instance, request.ids)),
};

async function reviewTask<T>(instance: string, run: (settings: Settings) => Promise<T>): Promise<T> {
  const settings = await configured(instance);
  try {
    return await run(settings);
  } catch (error) {
    throw asHandlerError(error);
  }
}
