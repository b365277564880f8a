// Which Phabricator projects (tags) stand for each registry component. Precedence: the user's
// overrides, then the component's explicit phabricatorProjects, then a match by name against the
// instance's projects. Whatever cannot be matched is reported, never dropped.
import type { PhabProject, Phid } from '../model';
import { componentKey, type RegistryComponent } from './types';

export type MappingVia = 'override' | 'explicit' | 'name' | 'none';

export interface ComponentProjects {
  component: string; // component key
  name: string;
  via: MappingVia;
  projectPHIDs: Phid[];
  /** References (override or explicit) that name no project on this instance. */
  unresolved: string[];
  /** Set when a name match found several equally good projects (all are used). */
  ambiguous: boolean;
}

export interface ProjectMappingResult {
  components: ComponentProjects[];
  /** Components with no project: tasks can never be routed to them until an override is set. */
  unmatchedComponents: { component: string; name: string; reason: string }[];
  /** Tags of UBN! tasks that no component maps to: those tasks have no known owner. */
  unmatchedUbnTags: { phid: Phid; name: string | null }[];
}

export interface ProjectMappingInput {
  components: RegistryComponent[];
  projects: PhabProject[];
  /** Component name → project names, slugs ("#slug") or PHIDs. An empty list means "no project". */
  overrides?: Record<string, string[]>;
  /** Project PHIDs found on open UBN! tasks, to report the ones no component claims. */
  ubnTagPHIDs?: Phid[];
  /** The projects' lookup when the caller has built it already (the index keeps its byPhid). */
  lookup?: ProjectLookup;
}

const PREFIXES = [
  'mediawiki-extensions-',
  'mediawiki-extension-',
  'mediawiki-skins-',
  'mediawiki-skin-',
  'mediawiki-',
];

const HYPHENATED = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const SEPARATED = /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/;

/** Case, spaces, hyphens and underscores do not distinguish names. */
export function normaliseProjectName(name: string): string {
  // ASCII letters and digits joined by single hyphens (the common case, thousands per index) are
  // their own NFC form with nothing to rewrite: only the case changes. Joined by single spaces or
  // underscores as well (component names, "Growth Team"), each separator becomes one hyphen.
  if (HYPHENATED.test(name)) return name.toLowerCase();
  if (SEPARATED.test(name)) return name.toLowerCase().replace(/[ _]/g, '-');
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_\-–]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function stripPrefix(norm: string): string {
  for (const p of PREFIXES) if (norm.startsWith(p) && norm.length > p.length) return norm.slice(p.length);
  return norm;
}

export interface ProjectLookup {
  byPhid: Map<Phid, PhabProject>;
  exact: Map<string, PhabProject[]>;
  /** By name without a MediaWiki prefix: only asked when a name has no exact match, so built then. */
  stripped: () => Map<string, PhabProject[]>;
}

function push(map: Map<string, PhabProject[]>, key: string, project: PhabProject): void {
  const list = map.get(key);
  if (!list) map.set(key, [project]);
  else if (!list.includes(project)) list.push(project);
}

export function buildProjectLookup(projects: PhabProject[]): ProjectLookup {
  const byPhid = new Map<Phid, PhabProject>();
  const exact = new Map<string, PhabProject[]>();
  // Each normalised name with its project, in project order, for the stripped map if it is asked for.
  const names: string[] = [];
  const named: PhabProject[] = [];
  const add = (name: string, p: PhabProject): void => {
    const norm = normaliseProjectName(name);
    push(exact, norm, p);
    names.push(norm);
    named.push(p);
  };
  for (const p of projects) {
    byPhid.set(p.phid, p);
    if (p.name) add(p.name, p);
    if (p.slug) add(p.slug, p);
  }
  let stripped: Map<string, PhabProject[]> | null = null;
  return {
    byPhid,
    exact,
    stripped: () => {
      if (!stripped) {
        stripped = new Map();
        for (let i = 0; i < names.length; i++) push(stripped, stripPrefix(names[i]!), named[i]!);
      }
      return stripped;
    },
  };
}

/** Resolve one reference written by a person: PHID, "#slug", slug or name. */
function resolveReference(ref: string, lookup: ProjectLookup): PhabProject[] {
  const trimmed = ref.trim();
  const byPhid = lookup.byPhid.get(trimmed);
  if (byPhid) return [byPhid];
  return lookup.exact.get(normaliseProjectName(trimmed.replace(/^#/, ''))) ?? [];
}

function matchByName(name: string, lookup: ProjectLookup): PhabProject[] {
  const norm = normaliseProjectName(name);
  const exact = lookup.exact.get(norm);
  if (exact?.length) return exact;
  return lookup.stripped().get(stripPrefix(norm)) ?? [];
}

export function mapComponentsToProjects(input: ProjectMappingInput): ProjectMappingResult {
  const lookup = input.lookup ?? buildProjectLookup(input.projects);
  const overrides = new Map(Object.entries(input.overrides ?? {}).map(([k, v]) => [componentKey(k), v]));
  const result: ProjectMappingResult = { components: [], unmatchedComponents: [], unmatchedUbnTags: [] };
  // Only needed to report UBN! tags nobody claims.
  const ubnTags = input.ubnTagPHIDs ?? [];
  const claimed = ubnTags.length > 0 ? new Set<Phid>() : null;
  for (const c of input.components) {
    const override = overrides.get(c.key);
    const refs = override ?? (c.phabricatorProjects.length > 0 ? c.phabricatorProjects : null);
    const via: MappingVia = override ? 'override' : refs ? 'explicit' : 'name';
    const entry: ComponentProjects = {
      component: c.key,
      name: c.name,
      via,
      projectPHIDs: [],
      unresolved: [],
      ambiguous: false,
    };
    if (refs) {
      for (const ref of refs) {
        const found = resolveReference(ref, lookup);
        if (found.length === 0) entry.unresolved.push(ref);
        for (const p of found) if (!entry.projectPHIDs.includes(p.phid)) entry.projectPHIDs.push(p.phid);
      }
    } else {
      const found = matchByName(c.name, lookup);
      entry.ambiguous = found.length > 1;
      entry.projectPHIDs = found.map((p) => p.phid);
    }
    if (entry.projectPHIDs.length === 0) {
      // An override of [] is a deliberate "no project", not a failure to match.
      if (!(override && override.length === 0)) {
        entry.via = refs ? entry.via : 'none';
        result.unmatchedComponents.push({
          component: c.key,
          name: c.name,
          reason:
            entry.unresolved.length > 0
              ? `no project on this instance is called ${entry.unresolved.map((u) => `"${u}"`).join(', ')}`
              : 'no project has a matching name; set phabricatorProjects or an override',
        });
      }
    }
    if (claimed) for (const phid of entry.projectPHIDs) claimed.add(phid);
    result.components.push(entry);
  }
  const seen = new Set<Phid>();
  for (const phid of ubnTags) {
    if (claimed!.has(phid) || seen.has(phid)) continue;
    seen.add(phid);
    result.unmatchedUbnTags.push({ phid, name: lookup.byPhid.get(phid)?.name ?? null });
  }
  return result;
}
