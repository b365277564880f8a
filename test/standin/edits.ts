// Edits made in Phabricator behind Steward's back, for tests: one through Conduit as a user of the web UI
// would make it, and a comment edited or removed the way Phorge does it.
import { TOKENS } from './accounts';
import type { Standin } from './server';

/** An edit made in Phabricator by someone else, as a user of the web UI would make it. */
export async function editAs(
  site: Standin,
  user: keyof typeof TOKENS,
  task: string,
  transactions: { type: string; value: unknown }[],
): Promise<void> {
  const params = { objectIdentifier: task, transactions, __conduit__: { token: TOKENS[user] } };
  const response = await fetch(`${site.url}/api/maniphest.edit`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify(params))}`,
  });
  const reply = (await response.json()) as { error_code: string | null; error_info: string | null };
  if (reply.error_code) throw new Error(`maniphest.edit on ${task}: ${reply.error_code} ${reply.error_info}`);
}

/**
 * What Phorge does when a comment is edited (`raw`) or removed (null)
 * (PhabricatorApplicationTransactionCommentEditor): a new version of the comment on its transaction; the
 * task itself is not saved, so its dateModified stays as it was.
 */
export function editComment(site: Standin, taskId: number, text: string, raw: string | null): void {
  const world = site.state.world;
  const task = world.tasks.find((t) => t.id === taskId)!;
  const xaction = world.xactions.get(task.phid)!.find((x) => x.comments.some((c) => c.content.raw === text))!;
  const last = xaction.comments.reduce((a, b) => (a.version > b.version ? a : b));
  const now = site.clock.now();
  if (raw === null) for (const c of xaction.comments) c.content = { raw: '' };
  xaction.comments.unshift({
    ...last,
    id: world.nextCommentId++,
    version: last.version + 1,
    dateCreated: now,
    dateModified: now,
    removed: raw === null,
    content: { raw: raw ?? '' },
  });
  xaction.dateModified = now;
}
