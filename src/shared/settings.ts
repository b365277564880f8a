// Steward's settings: one schema, read through parseSettings everywhere, with versioned migrations.
// Secrets (API tokens) are not settings: they live only in the worker's IndexedDB (src/background/secrets.ts).
// The same document, minus nothing (it holds no secret), is what "Export settings" writes for a team to share.
import { z } from 'zod';
import { STALE_RULES } from '../core/escalation/stale-rules';

export const SETTINGS_VERSION = 1;

const hours = z
  .number()
  .positive()
  .max(24 * 365);

export const instanceSettings = z.object({
  /** The instance origin, e.g. https://phabricator.wikimedia.org (no path, no trailing slash). */
  url: z.string().refine(isHttpOrigin, 'must be an http(s) origin such as https://phabricator.example.org'),
  /** session: the user's logged-in browser session (no setup). token: a Conduit API token kept by the worker. */
  authMode: z.enum(['session', 'token']).default('session'),
});
export type InstanceSettings = z.infer<typeof instanceSettings>;

/** A pasted registry document: ten times the 5,000-component benchmark registry in YAML. */
export const MAX_INLINE_REGISTRY_CHARS = 2_000_000;

/**
 * A registry source address, whichever path it arrives by (the form, `settings/save`, a settings
 * import): http or https only, with no user name or password in it. Whether it may point inside the
 * user's network depends on the instances, so settingsSchema checks that (internalRegistryHost).
 */
const registryUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https address' })
  .max(2048)
  .refine((value) => !hasCredentials(value), 'must not contain a user name or password');

export const registrySource = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('maintainers-page'),
    id: z.string().min(1),
    name: z.string().min(1),
    /** The MediaWiki API endpoint holding the Developers/Maintainers page. */
    url: registryUrl,
    enabled: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('url'),
    id: z.string().min(1),
    name: z.string().min(1),
    url: registryUrl,
    enabled: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('inline'),
    id: z.string().min(1),
    name: z.string().min(1),
    /** A pasted JSON or YAML registry document. */
    text: z.string().max(MAX_INLINE_REGISTRY_CHARS),
    enabled: z.boolean().default(true),
  }),
]);
export type RegistrySource = z.infer<typeof registrySource>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 22:00');

export const settingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    instances: z.array(instanceSettings).max(8).default([]),
    registry: z
      .object({
        sources: z.array(registrySource).max(16).default([]),
        /** Component name → Phabricator project names, slugs or PHIDs. Overrides win over name matching. */
        overrides: z.record(z.string(), z.array(z.string())).default({}),
        /** Hours between registry refreshes: at least a quarter of an hour, since every install of a
         *  shared settings file fetches every source that often. */
        refreshHours: hours.min(0.25, 'must be at least 0.25 (a quarter of an hour)').default(6),
      })
      .default({ sources: [], overrides: {}, refreshHours: 6 }),
    watch: z
      .object({
        allUbn: z.boolean().default(false),
        /** UBN! tasks tagged with any of these projects (names, slugs or PHIDs) are watched. */
        projects: z.array(z.string()).max(100).default([]),
        /** UBN! tasks of components the user stewards or maintains are watched. */
        myComponents: z.boolean().default(true),
      })
      .default({ allUbn: false, projects: [], myComponents: true }),
    thresholds: z
      .object({
        noProcessOwnerHours: hours.default(2),
        notAcknowledgedHours: hours.default(4),
        ownerSilentHours: hours.default(24),
        escalationWarningDays: z.number().positive().default(3),
        escalationCriticalDays: z.number().positive().default(7),
      })
      .default({
        noProcessOwnerHours: 2,
        notAcknowledgedHours: 4,
        ownerSilentHours: 24,
        escalationWarningDays: 3,
        escalationCriticalDays: 7,
      })
      .refine((t) => t.escalationCriticalDays >= t.escalationWarningDays, {
        message: 'the critical escalation age must not be shorter than the warning one',
        path: ['escalationCriticalDays'],
      }),
    notifications: z
      .object({
        enabled: z.boolean().default(true),
        /** Per stale rule: whether it may raise a notification (the badge and popup always show it). */
        rules: z.partialRecord(z.enum(STALE_RULES), z.boolean()).default({}),
        quietHours: z
          .object({
            enabled: z.boolean().default(false),
            start: clockTime.default('22:00'),
            end: clockTime.default('08:00'),
          })
          .default({ enabled: false, start: '22:00', end: '08:00' }),
      })
      .default({ enabled: true, rules: {}, quietHours: { enabled: false, start: '22:00', end: '08:00' } }),
    /** Minutes between polls of watched tasks. */
    pollMinutes: z.number().int().min(1).max(240).default(5),
  })
  .superRefine((settings, ctx) => {
    const instanceHosts = new Set(settings.instances.map((i) => hostnameOf(i.url)));
    // One instance listed twice would poll twice: every stale task twice in the popup and the gate.
    const origins = new Set<string>();
    settings.instances.forEach((instance, i) => {
      const key = sameInstanceKey(instance.url);
      if (origins.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['instances', i, 'url'],
          message: `${instance.url} is listed twice: keep one`,
        });
      origins.add(key);
    });
    // Each source's copy is kept under its id: two of one id would read and write one copy.
    const ids = new Set<string>();
    settings.registry.sources.forEach((source, i) => {
      if (ids.has(source.id))
        ctx.addIssue({
          code: 'custom',
          path: ['registry', 'sources', i, 'id'],
          message: `"${source.id}" is the id of another registry source: give each source its own`,
        });
      ids.add(source.id);
    });
    settings.registry.sources.forEach((source, i) => {
      if (source.kind === 'inline') return;
      if (insideNetwork(source.url, instanceHosts)) {
        ctx.addIssue({
          code: 'custom',
          path: ['registry', 'sources', i, 'url'],
          message:
            'must not point inside your network (localhost, a name without a dot, a .local or .lan name, or a private address) unless it is the host of a configured instance',
        });
      }
    });
  });
export type Settings = z.infer<typeof settingsSchema>;

/** An instance's address as one instance: its origin, a host's trailing dot left out. */
function sameInstanceKey(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname.replace(/\.$/, '')}:${parsed.port}`;
  } catch {
    return url;
  }
}

/**
 * The host of a registry address inside the user's network (written without a final dot), or null for
 * one outside it: settings accept such an address only on an instance's host, and the worker reads it
 * only once the user granted that host's access (settings may come from a file).
 */
export function internalRegistryHost(url: string): string | null {
  const host = hostnameOf(url);
  return host !== null && isInternalHost(host) ? host : null;
}

/** Whether a registry address points inside the user's network, at a host no configured instance has. */
function insideNetwork(url: string, instanceHosts: ReadonlySet<string | null>): boolean {
  const host = hostnameOf(url);
  return host !== null && isInternalHost(host) && !instanceHosts.has(host);
}

export function defaultSettings(): Settings {
  return settingsSchema.parse({ version: SETTINGS_VERSION });
}

function hasCredentials(value: string): boolean {
  try {
    const url = new URL(value);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

function hostnameOf(value: string): string | null {
  try {
    // "phab." and "phab" are one host: an instance's own host is exempt whichever way it is written.
    return new URL(value).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

function ipv4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  return parts.map(Number);
}

/**
 * "Internal" for a registry source: an address the user's browser reaches but the public internet
 * does not, where a shared settings file could make the worker fetch from the user's own network:
 * a name of one label (resolved by the local network's search domains and hosts file: "intranet",
 * "metadata", "instance-data", "ip6-localhost"), localhost and *.localhost, *.local, *.internal,
 * *.localdomain, *.lan and *.home.arpa names, and the IPv4/IPv6 loopback, private, link-local, shared
 * (100.64/10) and unspecified ranges, including IPv4 mapped into IPv6. The URL parser has already
 * turned other spellings (0x7f.1, 2130706433) into dotted IPv4.
 */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host !== '' && !host.includes('.') && !host.startsWith('[')) return true;
  if (/(^|\.)(localhost|local|internal|localdomain|lan|home\.arpa)$/.test(host)) return true;
  const v4 = ipv4(host);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = host.slice(1, -1);
    if (v6 === '::' || v6 === '::1') return true;
    if (/^f[cd][0-9a-f]{0,2}:/.test(v6) || /^fe[89ab][0-9a-f]?:/.test(v6)) return true;
    const mapped = /^::ffff:(.+)$/.exec(v6)?.[1];
    if (mapped) {
      if (ipv4(mapped)) return isInternalHost(mapped);
      // The parser writes mapped IPv4 as two hex groups: ::ffff:7f00:1.
      const groups = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped);
      if (groups) {
        const hi = parseInt(groups[1]!, 16);
        const lo = parseInt(groups[2]!, 16);
        return isInternalHost(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
      }
    }
  }
  return false;
}

function isHttpOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Normalises what a person types ("phabricator.example.org/", "https://x.org/T1") to an origin, or null. */
export function toInstanceOrigin(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

// Migrations take the stored document of version N to N+1. Version 0 is a settings object from before
// versioning (never shipped); the table is where every later schema change goes.
const migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  0: (old) => ({ ...old, version: 1 }),
};

/**
 * The document without the registry sources whose address these settings refuse (not http(s), with a
 * user name or password, or inside the user's network unless an instance lives there). Earlier builds
 * stored such addresses under the same version: their settings are read with the rest kept (see
 * settings-store.ts), while an import that holds one is refused with the reason.
 */
export function withoutRefusedSources(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null) return doc;
  const { registry, instances } = doc as { registry?: unknown; instances?: unknown };
  return { ...doc, instances: instancesKept(instances), registry: sourcesKept(registry, instances) };
}

/** The instances with a second listing of one left out (an import an earlier build accepted): the first stays. */
function instancesKept(instances: unknown): unknown {
  if (!Array.isArray(instances)) return instances;
  const seen = new Set<string>();
  return instances.filter((instance) => {
    const url = (instance as { url?: unknown } | null)?.url;
    if (typeof url !== 'string') return true;
    const key = sameInstanceKey(url);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sourcesKept(registry: unknown, instances: unknown): unknown {
  if (
    typeof registry !== 'object' ||
    registry === null ||
    !Array.isArray((registry as { sources?: unknown }).sources)
  )
    return registry;
  const hosts = new Set(
    (Array.isArray(instances) ? instances : []).map((i) =>
      typeof i === 'object' && i !== null && typeof (i as { url?: unknown }).url === 'string'
        ? hostnameOf((i as { url: string }).url)
        : null,
    ),
  );
  const ids = new Set<unknown>();
  const sources = (registry as { sources: unknown[] }).sources.filter((source) => {
    if (typeof source !== 'object' || source === null) return true;
    // A second source of one id (an import an earlier build accepted): the first keeps its copy.
    const id = (source as { id?: unknown }).id;
    if (ids.has(id)) return false;
    ids.add(id);
    const { kind, url } = source as { kind?: unknown; url?: unknown };
    if (kind === 'inline' || typeof url !== 'string') return true;
    return registryUrl.safeParse(url).success && !insideNetwork(url, hosts);
  });
  return { ...registry, sources };
}

/**
 * An imported document with the instances it does not list kept (after its own): an import brings a
 * team's settings, and never removes an instance, with its API token and everything kept for it, that
 * the file merely does not name. An instance is removed from its card.
 */
export function importedOver(doc: unknown, previous: Settings): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const listed = (doc as { instances?: unknown }).instances;
  if (listed !== undefined && !Array.isArray(listed)) return doc;
  const own = listed ?? [];
  const named = new Set(
    own.map((i) =>
      typeof (i as { url?: unknown })?.url === 'string' ? sameInstanceKey((i as { url: string }).url) : '',
    ),
  );
  const kept = previous.instances.filter((i) => !named.has(sameInstanceKey(i.url)));
  return { ...doc, instances: [...own, ...kept] };
}

/** Problems listed for one document; a file of thousands of bad entries is named by its first ones. */
const MAX_ERRORS = 50;

export type SettingsResult =
  { ok: true; settings: Settings; migrated: boolean } | { ok: false; errors: string[] };

/** Parses stored or imported settings, migrating older versions; errors name the field and what is wrong. */
export function parseSettings(input: unknown): SettingsResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['settings must be a JSON object'] };
  }
  let doc = input as Record<string, unknown>;
  let version = typeof doc.version === 'number' ? doc.version : 0;
  if (version > SETTINGS_VERSION) {
    return {
      ok: false,
      errors: [`these settings are from a newer Steward (version ${version}); update Steward first`],
    };
  }
  const migrated = version < SETTINGS_VERSION;
  while (version < SETTINGS_VERSION) {
    const step = migrations[version];
    if (!step) return { ok: false, errors: [`no migration from settings version ${version}`] };
    doc = step(doc);
    version += 1;
  }
  const parsed = settingsSchema.safeParse(doc);
  if (!parsed.success) {
    const { issues } = parsed.error;
    const errors = issues
      .slice(0, MAX_ERRORS)
      .map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`);
    if (issues.length > MAX_ERRORS) errors.push(`and ${issues.length - MAX_ERRORS} more problems`);
    return { ok: false, errors };
  }
  return { ok: true, settings: parsed.data, migrated };
}

/**
 * Settings a page gives (a save, an imported file): they state their version, as every build writes it.
 * A JSON file without one (a registry, a package.json picked by mistake) is not settings: read as a
 * document from before versioning it would replace every setting with the defaults.
 */
export function parseSettingsDocument(input: unknown): SettingsResult {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const version = (input as { version?: unknown }).version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
      return {
        ok: false,
        errors: ['version: this is not a Steward settings file (it states no settings version)'],
      };
  }
  return parseSettings(input);
}

/** The Wikimedia default: the Developers/Maintainers page on mediawiki.org, read through the MediaWiki API. */
export const WIKIMEDIA_MAINTAINERS_SOURCE: RegistrySource = {
  kind: 'maintainers-page',
  id: 'mediawiki-maintainers',
  name: 'mediawiki.org Developers/Maintainers',
  url: 'https://www.mediawiki.org/w/api.php?action=parse&page=Developers/Maintainers&prop=text&format=json&formatversion=2&origin=*',
  enabled: true,
};
