// Phorge saves an edited or removed comment without marking its task modified: dateModified stays, and
// no transaction is new, so neither the poll's modifiedStart window nor a page's newest transaction
// shows that a "Process owner: @…" line was fixed, changed or withdrawn. The comments that say who is in
// charge are asked after again, all tasks at once (one call per hundred), and a task whose comment moved
// is read again whole.
import { commentMoved, type DeclaringComment } from '../core/escalation/declarations';
import type { ConduitClient } from '../phabricator/conduit';

/**
 * The tasks whose declaring comments read otherwise now than when their history was read. Empty when
 * none, or when the instance cannot search transactions without naming one task (the check is then
 * left to the tasks' next change).
 */
export async function editedDeclarations(
  client: ConduitClient,
  declaring: ReadonlyMap<number, readonly DeclaringComment[]>,
  between?: () => Promise<void>,
): Promise<Set<number>> {
  const edited = new Set<number>();
  const phids = [...declaring.values()].flatMap((comments) => comments.map((c) => c.phid));
  if (phids.length === 0) return edited;
  const again = await client.taskTransactions(phids, between ? { between } : {});
  if (again === null) return edited;
  const byPhid = new Map(again.map((tx) => [tx.phid, tx]));
  for (const [id, comments] of declaring) {
    if (comments.some((c) => commentMoved(c, byPhid.get(c.phid)))) edited.add(id);
  }
  return edited;
}
