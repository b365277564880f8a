// The one contract between content scripts, extension pages and the background worker.
// Requests are zod discriminated unions split by trust: content scripts run inside a web page we do not
// control, so they get a small set (read the context of their own page's task, watch it); everything that
// writes to Phabricator or changes settings comes only from extension pages.
// The content script imports only types from here (ESLint enforces it): its few runtime checks are in
// message-checks.ts, so zod never ships in the page. The worker validates what the page sends.
import * as z from 'zod/mini';
import { STALE_RULES } from './core/escalation/stale-rules';
import { USERNAME_PATTERN } from './core/model';
import {
  PAGE_NAME_LIMIT,
  PAGE_PEOPLE_LIMIT,
  PAGE_SLUG_LIMIT,
  PAGE_TAG_LIMIT,
  PAGE_TEXT_LIMIT,
} from './shared/page-limits';

const epoch = z.number(); // seconds since the Unix epoch, as Conduit reports times
const taskId = z.number().check(z.int(), z.positive());
export const errorKinds = [
  'bad-request',
  'forbidden',
  'not-configured',
  'no-permission',
  'session-expired',
  'invalid-token',
  'not-found',
  'task-changed',
  'conduit',
  'network',
  'internal',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

const severity = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof severity>;

// ---------- view models: what the background tells the UI ----------

export const liveness = z.object({
  state: z.enum(['active', 'busy', 'away', 'disabled', 'departed', 'unknown']),
  until: z.nullable(epoch),
});
export type Liveness = z.infer<typeof liveness>;

export const personView = z.object({
  username: z.string(),
  realName: z.nullable(z.string()),
  /** Null for people the registry names who have no Phabricator account we could find. */
  phid: z.nullable(z.string()),
  liveness,
  volunteer: z.boolean(),
  bot: z.boolean(),
});
export type PersonView = z.infer<typeof personView>;

export const contactView = z.object({
  kind: z.enum(['list', 'channel', 'tag', 'url']),
  label: z.string(),
  /** Only http(s) or mailto links ever reach the UI; anything else is shown as text. */
  href: z.nullable(z.string()),
});
export type ContactView = z.infer<typeof contactView>;

export const teamView = z.object({
  name: z.string(),
  members: z.array(personView),
  contacts: z.array(contactView),
  manager: z.nullable(personView),
});
export type TeamView = z.infer<typeof teamView>;

export const ownerFlag = z.enum([
  'unassigned',
  'stewards-gone',
  'all-away',
  'volunteer-only',
  'under-covered',
]);
export type OwnerFlag = z.infer<typeof ownerFlag>;

export const componentView = z.object({
  name: z.string(),
  critical: z.boolean(),
  /** The task tags that mapped to this component. */
  tags: z.array(z.string()),
  stewards: z.array(teamView),
  maintainers: z.array(personView),
  flags: z.array(ownerFlag),
  /** Where the claim came from, for the "source" tooltip: registry source name and its age. */
  source: z.nullable(z.string()),
});
export type ComponentView = z.infer<typeof componentView>;

export const ownershipView = z.object({
  components: z.array(componentView),
  /** Tags of the task that no registry component claims. */
  unmatchedTags: z.array(z.object({ name: z.string(), slug: z.nullable(z.string()) })),
  /** Named when no component of the task has a live steward. */
  lastResort: z.nullable(teamView),
  needsSingleProcessOwner: z.boolean(),
  registry: z.object({
    configured: z.boolean(),
    sources: z.array(
      z.object({
        name: z.string(),
        fetchedAt: z.nullable(epoch),
        stale: z.boolean(),
        error: z.nullable(z.string()),
      }),
    ),
  }),
});
export type OwnershipView = z.infer<typeof ownershipView>;

export const staleView = z.object({
  rule: z.enum(STALE_RULES),
  severity,
  firedAt: epoch,
  text: z.string(),
});
export type StaleView = z.infer<typeof staleView>;

export const escalationView = z.object({
  escalatedAt: epoch,
  ageSeconds: z.number(),
  recurrence: z.number(),
  firstEscalatedAt: epoch,
  /** The worst severity among the stale rules that fire, or null when none does. */
  severity: z.nullable(severity),
});
export type EscalationView = z.infer<typeof escalationView>;

export const processOwnerView = z.object({
  state: z.enum(['none', 'assignee-not-declared', 'declared', 'acknowledged']),
  person: z.nullable(personView),
  declaredAt: z.nullable(epoch),
  acknowledgedAt: z.nullable(epoch),
  lastActivityAt: z.nullable(epoch),
  problem: z.nullable(z.enum(['away', 'disabled', 'departed', 'silent'])),
  /** A "Process owner: none" in force since the escalation: who wrote it, when (absent from older workers). */
  released: z.optional(z.nullable(z.object({ by: z.string(), at: epoch }))),
});
export type ProcessOwnerView = z.infer<typeof processOwnerView>;

export { declaredPerson, isDeclared } from './message-checks';

export const suggestionView = z.object({
  person: personView,
  role: z.enum(['steward', 'maintainer', 'assignee', 'viewer', 'manager']),
  component: z.nullable(z.string()),
  /** Away, disabled and departed people are offered last, and marked. */
  available: z.boolean(),
});
export type SuggestionView = z.infer<typeof suggestionView>;

export const taskView = z.object({
  id: taskId,
  phid: z.string(),
  title: z.string(),
  url: z.string(),
  status: z.object({ value: z.string(), name: z.string(), closed: z.boolean() }),
  priority: z.object({ value: z.number(), name: z.string() }),
  isUbn: z.boolean(),
  assignee: z.nullable(personView),
  dateModified: epoch,
});
export type TaskView = z.infer<typeof taskView>;

/** Who is signed in to the instance. */
export const viewerView = z.object({ username: z.string(), phid: z.string(), realName: z.string() });
export type ViewerView = z.infer<typeof viewerView>;

/**
 * Why a context is not the whole story yet. "check": it comes from the cache and the worker is asking
 * Phabricator whether it moved (the banner shows it as it is, and updates in place if it did). "history":
 * the task's history is being read; what needs it (escalation, process owner, staleness, suggestions) is
 * not known yet, the rest (priority, status, owners) is.
 */
export const contextPending = z.enum(['check', 'history']);
export type ContextPending = z.infer<typeof contextPending>;

export const taskContext = z.object({
  instance: z.string(),
  task: taskView,
  viewer: z.nullable(viewerView),
  escalation: z.nullable(escalationView),
  processOwner: z.nullable(processOwnerView),
  stale: z.array(staleView),
  ownership: ownershipView,
  suggestions: z.array(suggestionView),
  watched: z.boolean(),
  /** The worker's clock when it answered: ages are read on it (the name is historical). */
  fetchedAt: epoch,
  /** The escalation timeline of a UBN! task (defined at the end of this file). */
  timeline: z.optional(z.nullable(z.lazy(() => timelineView))),
  /** Absent when the context is complete and checked. */
  pending: z.optional(contextPending),
  /**
   * Phabricator could not be asked (unreachable, signed out...): this is the last good state, read from
   * Phabricator at `readAt`, shown marked with its age and the problem instead of an error.
   */
  outage: z.optional(z.object({ kind: z.enum(errorKinds), message: z.string(), readAt: epoch })),
});
export type TaskContext = z.infer<typeof taskContext>;

export const staleRow = z.object({
  /** The instance the task lives on (rows of several instances share one list). */
  instance: z.optional(z.string()),
  task: taskView,
  escalation: z.nullable(escalationView),
  processOwner: z.nullable(processOwnerView),
  stale: z.array(staleView),
  team: z.nullable(z.string()),
  severity: z.nullable(severity),
  mine: z.boolean(),
  myComponent: z.boolean(),
  snoozedUntil: z.nullable(epoch),
  suggestions: z.array(suggestionView),
});
export type StaleRow = z.infer<typeof staleRow>;

export const connectionState = z.enum([
  'ok',
  'not-configured',
  'no-permission',
  'signed-out',
  'invalid-token',
  'unreachable',
]);
export type ConnectionState = z.infer<typeof connectionState>;

export const watchlistView = z.object({
  instance: z.nullable(z.string()),
  connection: connectionState,
  connectionMessage: z.nullable(z.string()),
  /** Who is signed in on `instance`. */
  viewer: z.nullable(viewerView),
  /** Who is signed in on each instance, by origin: rows of another instance act as that account. */
  viewers: z.optional(z.record(z.string(), viewerView)),
  lastPollAt: z.nullable(epoch),
  /** Every watched open UBN!, stale or not; the popup filters and sorts. */
  rows: z.array(staleRow),
  deployGate: z.object({ blocked: z.boolean(), count: z.number() }),
  /** The worker's clock when it answered: ages in the popup are read on it. */
  now: z.optional(epoch),
});
export type WatchlistView = z.infer<typeof watchlistView>;

// ---------- requests ----------

export const helloRequest = z.object({ type: z.literal('hello') });

const pageText = z.string().check(z.maxLength(PAGE_TEXT_LIMIT));

/**
 * What the task page itself shows, read by the content script: the worker compares it with its cache to
 * know, with no request, whether the cache is current. Page text is outside input: bounded here.
 */
export const pageFacts = z.object({
  phid: z.string().check(z.maxLength(PAGE_NAME_LIMIT)),
  title: pageText,
  /** The newest transaction id the timeline shows (its `#155` date links), null if none could be read. */
  newestTransaction: z.nullable(z.number().check(z.int(), z.nonnegative())),
  /** Shown in the header for open tasks only. */
  priority: z.nullable(pageText),
  status: pageText,
  closed: z.boolean(),
  assignee: z.nullable(z.string().check(z.maxLength(PAGE_NAME_LIMIT))),
  tags: z
    .array(z.object({ name: pageText, slug: z.nullable(z.string().check(z.maxLength(PAGE_SLUG_LIMIT))) }))
    .check(z.maxLength(PAGE_TAG_LIMIT)),
  /**
   * Usernames the page links (timeline authors, mentions, the assignee): for a task never seen, the worker
   * reads the accounts among them it lacks alongside the task, not after its history.
   */
  people: z.optional(
    z.array(z.string().check(z.regex(USERNAME_PATTERN))).check(z.maxLength(PAGE_PEOPLE_LIMIT)),
  ),
});
export type PageFacts = z.infer<typeof pageFacts>;

export const taskContextRequest = z.object({
  type: z.literal('task/context'),
  taskId,
  /** Ask Phabricator again instead of answering from the cache. */
  refresh: z.optional(z.boolean()),
  /**
   * What the page shows; without it the worker cannot tell whether its cache is current. Facts out of
   * bounds (a task anyone tagged 600 times) are set aside, not refused: the worker then asks Phabricator,
   * as for a page it could not read, and the banner still gets its answer.
   */
  page: z.catch(z.optional(pageFacts), undefined),
  /** After an answer with `pending`: answer once Phabricator has been asked. */
  settle: z.optional(z.boolean()),
});
/**
 * Sent as the task page starts loading, before it can be read: the context the worker has cached for the
 * task, with no request and no check started. The page shows it at once if pageHeldBy agrees.
 */
export const taskCachedRequest = z.object({ type: z.literal('task/cached'), taskId });
export interface CachedAnswer {
  context: TaskContext;
  /** The newest transaction of the cached history the context was built from. */
  newestTransaction: number;
}
export const watchRequest = z.object({ type: z.literal('task/watch'), taskId, watched: z.boolean() });

/** Opens the options page (content scripts cannot); `section` is an anchor such as "instances". */
export const openOptionsRequest = z.object({
  type: z.literal('ui/open-options'),
  section: z.optional(z.enum(['instances', 'registry', 'watch', 'notifications'])),
});

/** Content scripts may ask only about the task of their own tab, on their own tab's instance. */
export const contentRequestSchema = z.discriminatedUnion('type', [
  helloRequest,
  taskContextRequest,
  taskCachedRequest,
  watchRequest,
  openOptionsRequest,
]);
export type ContentRequest = z.infer<typeof contentRequestSchema>;

export const assignRequest = z.object({
  type: z.literal('process-owner/assign'),
  instance: z.string(),
  taskId,
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The editable explanation of the role that follows the declaration line. */
  note: z.string().check(z.maxLength(4000)),
  /** The task's dateModified the user saw: if Phabricator has moved on, the user confirms again. */
  expectedDateModified: z.optional(epoch),
  /** Lets a double click, or a retry after a lost reply, post once. */
  requestId: z.string().check(z.minLength(8), z.maxLength(64)),
});
export type AssignRequest = z.infer<typeof assignRequest>;

export const snoozeRequest = z.object({
  type: z.literal('task/snooze'),
  instance: z.string(),
  taskId,
  until: z.nullable(epoch),
});
export const pageWatchRequest = z.object({
  type: z.literal('task/watch-on'),
  instance: z.string(),
  taskId,
  watched: z.boolean(),
});
export const pageTaskContextRequest = z.object({
  type: z.literal('task/context-on'),
  instance: z.string(),
  taskId,
  refresh: z.optional(z.boolean()),
});
export const watchlistRequest = z.object({
  type: z.literal('watchlist/get'),
  refresh: z.optional(z.boolean()),
});
export const settingsGetRequest = z.object({ type: z.literal('settings/get') });
export const settingsSaveRequest = z.object({ type: z.literal('settings/save'), settings: z.unknown() });
export const tokenSetRequest = z.object({
  type: z.literal('token/set'),
  instance: z.string(),
  token: z.nullable(z.string().check(z.maxLength(200))),
});
export const testConnectionRequest = z.object({ type: z.literal('connection/test'), instance: z.string() });
export const registryRefreshRequest = z.object({ type: z.literal('registry/refresh') });
export const registryStatusRequest = z.object({ type: z.literal('registry/status') });
export const settingsExportRequest = z.object({ type: z.literal('settings/export') });
export const settingsImportRequest = z.object({ type: z.literal('settings/import'), document: z.string() });
export const pollNowRequest = z.object({ type: z.literal('poll/now') });
// The popup's watchlist a screen at a time (their replies are at the end of this file): defined here
// because the union below is built when the module loads.
export const watchlistFirstRequest = z.object({
  type: z.literal('watchlist/first'),
  refresh: z.optional(z.boolean()),
  count: z.number().check(z.int(), z.positive(), z.maximum(200)),
});
export const watchlistRestRequest = z.object({ type: z.literal('watchlist/rest') });

/** The UBN! review page: every open UBN! of an instance, from the cache first, then from Phabricator. */
export const reviewOpenRequest = z.object({
  type: z.literal('review/open'),
  instance: z.string(),
  refresh: z.boolean(),
  /** From the cache only: just the N longest-running tasks, so the first screenful shows at once. */
  first: z.optional(z.number().check(z.int(), z.positive(), z.maximum(200))),
});
/**
 * The review page's opening request: the configured instances and, from the cache, the first screenful
 * of `instance` (or of the first instance when it names none or one not configured), in one round trip.
 */
export const reviewFirstRequest = z.object({
  type: z.literal('review/first'),
  instance: z.optional(z.string()),
  first: z.number().check(z.int(), z.positive(), z.maximum(200)),
});
/** Reads the histories the cache lacks, a few tasks per request so the page can show progress. */
export const reviewFetchRequest = z.object({
  type: z.literal('review/fetch'),
  instance: z.string(),
  ids: z.array(taskId).check(z.minLength(1), z.maxLength(25)),
});
/** Lists the UBN!s closed lately; with `ids`, reads those tasks' histories (a batch, for progress). */
export const reviewResolvedRequest = z.object({
  type: z.literal('review/resolved'),
  instance: z.string(),
  ids: z.optional(z.array(taskId).check(z.minLength(1), z.maxLength(25))),
});

export const pageRequestSchema = z.discriminatedUnion('type', [
  helloRequest,
  openOptionsRequest,
  taskContextRequest,
  taskCachedRequest,
  watchRequest,
  pageTaskContextRequest,
  pageWatchRequest,
  assignRequest,
  snoozeRequest,
  watchlistRequest,
  settingsGetRequest,
  settingsSaveRequest,
  tokenSetRequest,
  testConnectionRequest,
  registryRefreshRequest,
  registryStatusRequest,
  settingsExportRequest,
  settingsImportRequest,
  pollNowRequest,
  reviewOpenRequest,
  reviewFirstRequest,
  reviewFetchRequest,
  reviewResolvedRequest,
  watchlistFirstRequest,
  watchlistRestRequest,
]);
export type PageRequest = z.infer<typeof pageRequestSchema>;

/** Worker to content scripts: something about a task changed; ask for its context again. */
export const contextChangedEvent = z.object({ type: z.literal('task/changed'), taskId });
export type ContextChangedEvent = z.infer<typeof contextChangedEvent>;

export const helloReply = z.object({ name: z.literal('steward'), version: z.string() });
export type HelloReply = z.infer<typeof helloReply>;

export const assignReply = z.object({
  /** True when this requestId had already posted: nothing was posted again. */
  duplicate: z.boolean(),
  context: taskContext,
});
export type AssignReply = z.infer<typeof assignReply>;

export const replyError = z.object({
  kind: z.enum(errorKinds),
  message: z.string(),
  /** Whether trying again (the same request) may succeed. */
  retryable: z.optional(z.boolean()),
});
export type ReplyError = z.infer<typeof replyError>;

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ReplyError };

/** Builds the schema of a reply envelope, so receivers check what came back as strictly as what went out. */
export function replySchema<T extends z.core.$ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: replyError }),
  ]);
}

export const unreadableSettings = z.object({
  /** When the worker found them. */
  at: epoch,
  errors: z.array(z.string()),
  /** The stored document as JSON, for the user to repair and import; null when none could be kept. */
  copy: z.nullable(z.string()),
});
export type UnreadableSettings = z.infer<typeof unreadableSettings>;

export const settingsView = z.object({
  /** Parsed by the receiver with settingsSchema (src/shared/settings.ts). */
  settings: z.unknown(),
  /** Per instance origin: whether an API token is stored (the token itself never leaves the worker). */
  tokens: z.record(z.string(), z.boolean()),
  /** Stored settings the worker could not read (it runs on what it could keep), until the next save. */
  unreadable: z.optional(unreadableSettings),
});
export type SettingsView = z.infer<typeof settingsView>;

export const connectionTestReply = z.object({
  username: z.string(),
  realName: z.string(),
  authMode: z.enum(['session', 'token']),
});
export type ConnectionTestReply = z.infer<typeof connectionTestReply>;

export const registryStatusView = z.object({
  sources: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      fetchedAt: z.nullable(epoch),
      stale: z.boolean(),
      error: z.nullable(z.string()),
      /** Validation problems a person can fix: path or line, and what is wrong. */
      problems: z.array(z.string()),
      components: z.number(),
    }),
  ),
  coverage: z.nullable(
    z.object({
      components: z.number(),
      owned: z.number(),
      unassigned: z.number(),
      criticalUnderCovered: z.number(),
      unmatchedComponents: z.array(z.string()),
      conflicts: z.array(z.string()),
    }),
  ),
});
export type RegistryStatusView = z.infer<typeof registryStatusView>;

/**
 * Reads what came back from the worker: the expected reply, or an error reply saying what went wrong.
 * A worker from another version (after an update) or a broken reply never reaches the UI as data.
 */
export async function receiveReply<T extends z.core.$ZodType>(
  send: () => Promise<unknown>,
  data: T,
  unreachable: string,
): Promise<Reply<z.infer<T>>> {
  let raw: unknown;
  try {
    raw = await send();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { kind: 'internal', message: `${unreachable}: ${message}`, retryable: true } };
  }
  const parsed = replySchema(data).safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: { kind: 'internal', message: 'Steward received a reply it does not understand.' },
    };
  }
  return parsed.data as Reply<z.infer<T>>;
}

// ---------- escalation timeline and the UBN! review page (issue 15) ----------

/** What src/core/escalation/timeline.ts computes, as the banner and the review page receive it. */
export const timelineView = z.object({
  start: epoch,
  end: epoch,
  running: z.boolean(),
  segments: z.array(
    z.object({
      kind: z.enum(['none', 'declared', 'acknowledged', 'released']),
      start: epoch,
      end: epoch,
      who: z.nullable(z.string()),
    }),
  ),
  ticks: z.array(
    z.object({
      at: epoch,
      author: z.string(),
      kind: z.enum(['comment', 'edit']),
      type: z.nullable(z.string()),
    }),
  ),
  omittedTicks: z.number(),
  earlier: z.array(z.object({ at: epoch, until: z.nullable(epoch) })),
  thresholds: z.array(
    z.object({
      at: epoch,
      label: z.string(),
      rule: z.enum(['no-process-owner', 'escalation-age']),
      severity,
      reached: z.boolean(),
    }),
  ),
});
export type TimelineView = z.infer<typeof timelineView>;

/** One open UBN! as the review page's table and chart show it. */
export const reviewRow = z.object({
  task: taskView,
  /** The task's tags, by name. */
  projects: z.array(z.string()),
  escalation: z.nullable(escalationView),
  processOwner: z.nullable(processOwnerView),
  stale: z.array(staleView),
  severity: z.nullable(severity),
  components: z.array(
    z.object({ name: z.string(), stewards: z.array(z.string()), flags: z.array(ownerFlag) }),
  ),
  /** Steward teams of the task's components, for the team filter. */
  teams: z.array(z.string()),
  needsSingleProcessOwner: z.boolean(),
  /** Newest transaction on the task, by anyone. */
  lastActivityAt: z.nullable(epoch),
  timeline: z.nullable(timelineView),
});
export type ReviewRow = z.infer<typeof reviewRow>;

export const reviewView = z.object({
  instance: z.string(),
  now: epoch,
  rows: z.array(reviewRow),
  /** Open UBN! tasks whose history the cache lacks or holds out of date: ask review/fetch for them. */
  pending: z.array(taskId),
  /** When the worker's list of open UBN! tasks was last read from Phabricator; null if never. */
  listedAt: z.nullable(epoch),
});
export type ReviewView = z.infer<typeof reviewView>;

/** review/first: the configured instances' addresses, the one chosen (null: none configured) and its first screen. */
export const reviewFirstView = z.object({
  instances: z.array(z.string()),
  instance: z.nullable(z.string()),
  /** Null when the cache could not answer: the page then waits for the list read from Phabricator. */
  view: z.nullable(reviewView),
});
export type ReviewFirstView = z.infer<typeof reviewFirstView>;

export const resolvedView = z.object({
  instance: z.string(),
  now: epoch,
  /** How many weeks up to `now` the tasks cover; the page groups them per week after its filters. */
  weeks: z.number().check(z.int(), z.positive(), z.maximum(52)),
  tasks: z.array(
    z.object({
      id: taskId,
      title: z.string(),
      escalatedAt: epoch,
      resolvedAt: epoch,
      toFirstOwner: z.nullable(z.number()),
      toResolution: z.number(),
      /** As the open rows carry them, for the same filters: tags by name, components, steward teams. */
      projects: z.array(z.string()),
      components: z.array(z.string()),
      teams: z.array(z.string()),
    }),
  ),
  /** Closed UBN!s whose history the cache lacks: ask review/resolved with their ids, a batch at a time. */
  pending: z.array(taskId),
});
export type ResolvedView = z.infer<typeof resolvedView>;

// ---------- the popup's watchlist, first screen then the rest (issue 13 item 5) ----------

/** What the popup's filters and footer count over the whole watchlist, before the rest of it arrives. */
export const watchlistCounts = z.object({
  /** Stale and not snoozed: the "All" filter. */
  all: z.number(),
  mine: z.number(),
  'my-components': z.number(),
  snoozed: z.number(),
  /** Watched rows with no fired rule. */
  fine: z.number(),
});
export type WatchlistCounts = z.infer<typeof watchlistCounts>;

/**
 * watchlist/first: the watchlist with only the first `count` rows the popup lists (stale, not snoozed,
 * worst first), so it renders before a thousand rows are carried; watchlist/rest then gives every row.
 */
export const watchlistFirstView = z.object({
  ...watchlistView.shape,
  /** Rows in the whole watchlist. */
  total: z.number(),
  counts: watchlistCounts,
});
export type WatchlistFirstView = z.infer<typeof watchlistFirstView>;

/** watchlist/rest: every row (the worker is trusted: the popup checks the envelope and that this is a list). */
export const watchlistRestView = z.object({ rows: z.array(z.unknown()), total: z.number() });
