// Who owns a task: from its project tags to components, stewards, maintainers, contacts and, when
// nobody live is on the hook, the owner of last resort; with the flags of DESIGN.md and the
// process-owner suggestions. Each component's part is worked out once and kept (resolve-cache.ts);
// a task's answer composes its components' parts (task-parts.ts).
import type { Epoch, Phid } from '../model';
import type { RegistryIndex } from '../registry/registry-index';
import type { RegistryComponent } from '../registry/types';
import { resolveCache } from './resolve-cache';
import { tagComponents } from './tag-components';
import type { UserDirectory } from './liveness';
import type { ComponentEntry, TaskParts } from './task-parts';
import type { ComponentOwnership, TaskOwnership } from './types';

export interface ResolveInput {
  /** The task's project tags (maniphest.search attachment projects.projectPHIDs). */
  projectPHIDs: readonly Phid[];
  index: RegistryIndex;
  users: UserDirectory;
  now: Epoch;
}

type Tag = { phid: Phid; name: string | null };

/** The kept component with this task's tags; spelled out, as a spread with an override is slow. */
function withTags(c: ComponentOwnership, matchedTags: Tag[]): ComponentOwnership {
  return {
    key: c.key,
    name: c.name,
    critical: c.critical,
    description: c.description,
    matchedTags,
    stewards: c.stewards,
    maintainers: c.maintainers,
    consulted: c.consulted,
    formerly: c.formerly,
    liveStewards: c.liveStewards,
    flags: c.flags,
    conflicts: c.conflicts,
    provenance: c.provenance,
  };
}

/** Up to this many tags are told apart by scanning; more go through a Set. */
const SCAN_MAX = 8;

/** The distinct tags in first-seen order: the answer depends on nothing else of the list. */
function distinctTags(phids: readonly Phid[]): readonly Phid[] {
  if (phids.length <= 1) return phids;
  if (phids.length > SCAN_MAX) return [...new Set(phids)];
  const distinct: Phid[] = [];
  for (const phid of phids) if (!distinct.includes(phid)) distinct.push(phid);
  return distinct;
}

/**
 * Answers are kept per index and user directory (see resolve-cache.ts) and shared between calls:
 * treat the result as read-only.
 */
export function resolveTaskOwnership(input: ResolveInput): TaskOwnership {
  const { index, now } = input;
  const cache = resolveCache(index, input.users);
  const distinct = distinctTags(input.projectPHIDs);
  const key = distinct.length === 1 ? distinct[0]! : distinct.join(' ');
  const known = cache.task(key, now);
  if (known) return known;

  // Components in the order their first tag names them, with the tags that name each: the tag's
  // kept one-tag list when only one does.
  const matched: RegistryComponent[] = [];
  const matchedTags: Tag[][] = [];
  const unmappedTags: Tag[] = [];
  for (const phid of distinct) {
    const tagged = tagComponents(index, cache.tags, phid);
    if (!tagged) {
      unmappedTags.push({ phid, name: index.projectsByPhid.get(phid)?.name ?? null });
      continue;
    }
    for (const component of tagged.components) {
      const at = matched.indexOf(component);
      if (at < 0) {
        matched.push(component);
        matchedTags.push(tagged.tags);
      } else {
        // A second tag for one component: its own list, never the kept one-tag list.
        matchedTags[at] = [...matchedTags[at]!, tagged.tags[0]!];
      }
    }
  }

  let from = -Infinity;
  let to = Infinity;
  const entries: ComponentEntry[] = new Array<ComponentEntry>(matched.length);
  const components: ComponentOwnership[] = new Array<ComponentOwnership>(matched.length);
  for (let i = 0; i < matched.length; i++) {
    const entry = cache.component(matched[i]!, now);
    if (entry.from > from) from = entry.from;
    if (entry.to < to) to = entry.to;
    entries[i] = entry;
    components[i] = withTags(entry.value, matchedTags[i]!);
  }
  const parts =
    entries.length === 1 ? cache.alone(entries[0]!, now) : cache.composer.compose(entries, unmappedTags, now);
  if (parts.from > from) from = parts.from;
  if (parts.to < to) to = parts.to;
  const p: TaskParts = parts.value;

  const result: TaskOwnership = {
    components,
    unmappedTags,
    stewardCount: p.stewardCount,
    contacts: p.contacts,
    lastResort: p.lastResort,
    flags: p.flags,
    suggestions: p.suggestions,
    sources: cache.sources,
  };
  cache.keepTask(key, result, from, to);
  return result;
}
