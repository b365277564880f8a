// The watch rules of the settings (all UBN!, UBN! in chosen projects, UBN! of my components), decided in
// one place for the poll and for the task being viewed: the banner evaluates them for its own task
// directly, so "Watch" is not offered on a task the rules already cover before the first poll ran.
import type { InstanceVocabulary, PhabProject, TaskSnapshot } from '../core/model';
import { UBN_PRIORITY } from '../core/model';
import type { RegistryIndex } from '../core/registry/registry-index';
import { personKey } from '../core/registry/types';
import { isClosedStatus } from '../phabricator/conduit';
import type { Settings } from '../shared/settings';
import { watchEntry, watching } from './watch';

/** Project PHIDs the watch rules name, from names, slugs or PHIDs as the user typed them. */
function ruleProjectPHIDs(names: string[], projects: PhabProject[]): Set<string> {
  const wanted = new Set(names.map((n) => n.trim().toLowerCase().replace(/^#/, '')));
  return new Set(
    projects
      .filter(
        (p) =>
          wanted.has(p.phid.toLowerCase()) ||
          wanted.has(p.name.toLowerCase()) ||
          (p.slug !== null && wanted.has(p.slug.toLowerCase())),
      )
      .map((p) => p.phid),
  );
}

/** Project PHIDs of the components the viewer stewards (as a team member) or maintains. */
export function myComponentPHIDs(index: RegistryIndex | null, username: string | null): Set<string> {
  const mine = new Set<string>();
  if (!index || !username) return mine;
  const me = personKey(username);
  const isMe = (key: string) => {
    const person = index.people.get(key);
    return (
      key === me ||
      person?.username?.toLowerCase() === username.toLowerCase() ||
      (person?.aliases ?? []).some((a) => personKey(a) === me)
    );
  };
  for (const component of index.registry.components) {
    const claims = [...component.stewards, ...component.maintainers];
    const owns = claims.some((claim) =>
      claim.kind === 'person' ? isMe(claim.ref) : (index.teams.get(claim.ref)?.members ?? []).some(isMe),
    );
    if (!owns) continue;
    for (const entry of index.mapping.components)
      if (entry.component === component.key) for (const phid of entry.projectPHIDs) mine.add(phid);
  }
  return mine;
}

/** Whether an open UBN! task matches the rules (the caller has checked it is an open UBN!). */
export function watchRuleMatcher(
  settings: Settings,
  projects: PhabProject[],
  mine: Set<string>,
): (task: Pick<TaskSnapshot, 'projectPHIDs'>) => boolean {
  const byRule = ruleProjectPHIDs(settings.watch.projects, projects);
  return (task) =>
    settings.watch.allUbn ||
    task.projectPHIDs.some((p) => byRule.has(p)) ||
    (settings.watch.myComponents && task.projectPHIDs.some((p) => mine.has(p)));
}

export interface ViewedTask {
  settings: Settings;
  origin: string;
  snapshot: TaskSnapshot;
  vocabulary: InstanceVocabulary;
  projects: PhabProject[];
  index: RegistryIndex | null;
  viewer: { username: string } | null;
}

/** Watched as the user would expect now: an explicit choice wins, else the rules decide on the spot. */
export async function isWatchedNow(task: ViewedTask): Promise<boolean> {
  const entry = await watchEntry(task.origin, task.snapshot.id);
  if (entry?.explicit === true || entry?.explicit === false) return watching(entry);
  const { snapshot } = task;
  const openUbn =
    snapshot.priority.value === UBN_PRIORITY &&
    !isClosedStatus(task.vocabulary.statuses, snapshot.status.value);
  if (!openUbn) return false;
  const mine = myComponentPHIDs(task.index, task.viewer?.username ?? null);
  return watchRuleMatcher(task.settings, task.projects, mine)(snapshot);
}
