// What `report` and `gate` both read from an instance: every open Unbreak Now! task the token can
// see, its history, and the accounts its history and declarations name. Restricted tasks are left
// out by Phabricator itself, so nothing about them reaches the commands.
import { mapLimited } from '../shared/map-limited';
import { findDeclarations } from '../core/escalation/declarations';
import type { InstanceVocabulary, PhabUser, TaskSnapshot, TaskTransaction } from '../core/model';
import { UBN_PRIORITY } from '../core/model';
import type { ConduitClient } from '../phabricator/conduit';
import { isConduitError, openStatusValues } from '../phabricator/conduit';

export interface OpenUbn {
  vocabulary: InstanceVocabulary;
  tasks: TaskSnapshot[];
  /** Per task, in the order of `tasks`. */
  histories: TaskTransaction[][];
  /** username -> account. */
  users: Map<string, PhabUser>;
}

function declaredUsernames(histories: readonly (readonly TaskTransaction[])[]): string[] {
  const names = new Set<string>();
  for (const history of histories) {
    for (const tx of history) {
      for (const comment of tx.comments) {
        for (const d of findDeclarations(comment.content.raw))
          if (d.kind === 'declare') names.add(d.username);
      }
    }
  }
  return [...names];
}

export interface FetchOptions {
  /** Accounts the caller needs too (a registry's people), fetched in the same calls. */
  moreUsernames?: readonly string[];
  /**
   * Only tasks tagged with any of these projects (PHIDs) or any of their subprojects and milestones.
   * Phorge matches descendants for a plain project constraint but not inside any(), and a list means
   * AND: so one search per project, merged.
   */
  projectPHIDs?: readonly string[];
}

async function searchOpenUbn(client: ConduitClient, open: string[], projects?: readonly string[]) {
  const search = (project?: string) =>
    client.searchTasks(
      {
        priorities: [UBN_PRIORITY],
        statuses: open,
        ...(project === undefined ? {} : { projects: [project] }),
      },
      { attachments: { projects: true, subscribers: false } },
    );
  if (projects === undefined) return search();
  const found = (await mapLimited([...new Set(projects)], 4, search)).flat();
  return [...new Map(found.map((task) => [task.id, task])).values()];
}

export async function fetchOpenUbn(client: ConduitClient, options: FetchOptions = {}): Promise<OpenUbn> {
  const [priorities, statuses] = await Promise.all([client.priorities(), client.statuses()]);
  const vocabulary: InstanceVocabulary = { priorities, statuses };
  const open = openStatusValues(statuses);
  const listed: TaskSnapshot[] =
    open.length === 0 ? [] : await searchOpenUbn(client, open, options.projectPHIDs);
  const read = await mapLimited(listed, 4, async (task) => {
    try {
      return await client.taskHistory(task.phid);
    } catch (error) {
      // Made private or deleted since the search listed it: not an open UBN! this account can see. Only
      // Phorge's own code for it counts: a gate that leaves out a task on an error's wording could pass.
      if (isConduitError(error) && error.kind === 'not-found' && error.code === 'ERR-INVALID-OBJECT-PHID')
        return null;
      throw error;
    }
  });
  const tasks = listed.filter((_, i) => read[i] !== null);
  const histories = read.filter((history) => history !== null);

  // Accounts: everyone who acted on the tasks, the assignees and the declared process owners, in as
  // few user.search calls as the client can make.
  const phids = new Set<string>();
  for (const task of tasks) if (task.ownerPHID !== null) phids.add(task.ownerPHID);
  for (const history of histories) for (const tx of history) phids.add(tx.authorPHID);
  const usernames = new Set([...declaredUsernames(histories), ...(options.moreUsernames ?? [])]);
  const accounts: PhabUser[] = [];
  if (phids.size > 0) accounts.push(...(await client.searchUsers({ phids: [...phids] })));
  if (usernames.size > 0) accounts.push(...(await client.searchUsers({ usernames: [...usernames] })));
  return { vocabulary, tasks, histories, users: new Map(accounts.map((u) => [u.username, u])) };
}
