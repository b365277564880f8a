// The one-click "assign process owner": one maniphest.edit with the declaration comment, the
// subscription, and the assignment when the task has no assignee. A request id makes it idempotent:
// a double click, a retry after a lost reply, or a worker stopped mid-write never posts twice.
import type { AssignRequest, AssignReply } from '../messages';
import type { Settings } from '../shared/settings';
import { isConduitError, type ConduitClient } from '../phabricator/conduit';
import { currentDeclarations, findDeclarations } from '../core/escalation/declarations';
import { db } from './db';
import { nowSeconds } from './clock';
import { taskContext } from './context';
import { HandlerError } from './router';
import { rememberSnapshots } from './tasks';
import { viewer as readViewer, vocabularyIncluding } from './metadata';
import { isClosedStatus } from '../core/escalation/vocabulary';
import { setWatched } from './watch';
import { tellOpenPages } from './open-pages';
import { USERNAME_PATTERN } from '../core/model';

const inFlight = new Map<string, Promise<AssignReply>>();
/** Per task, the assign running: two surfaces confirming at once (two tabs, the banner and the popup) go
 *  one after the other, so the second sees the first one's edit and is refused as "task changed". */
const byTask = new Map<string, Promise<unknown>>();

export function declarationComment(username: string, note: string): string {
  const text = note.trim();
  return text ? `Process owner: @${username}\n\n${text}` : `Process owner: @${username}`;
}

/** Did our earlier attempt land? Look for our declaration, by us, since the attempt started. */
async function alreadyPosted(
  client: ConduitClient,
  taskId: number,
  username: string,
  viewerPHID: string,
  since: number,
): Promise<boolean> {
  const history = await client.taskHistory(taskId);
  return history.some((tx) => {
    if (tx.authorPHID !== viewerPHID || tx.dateCreated < since - 120) return false;
    return currentDeclarations(tx).some(
      (d) => d.kind === 'declare' && d.username.toLowerCase() === username.toLowerCase(),
    );
  });
}

async function perform(
  settings: Settings,
  client: ConduitClient,
  request: AssignRequest,
): Promise<AssignReply> {
  const database = await db();
  const origin = request.instance;
  const username = request.username.replace(/^@/, '').trim();
  if (!USERNAME_PATTERN.test(username)) {
    throw new HandlerError('bad-request', `"${username}" is not a Phabricator username.`);
  }
  // Who is signed in now, not an hour ago: the declaration and the duplicate check name this account.
  const viewer = await readViewer(origin, client, true);
  if (!viewer) throw new HandlerError('session-expired', 'Sign in to Phabricator first.');
  // Judged as it will be posted: trimmed, a note's indented first line is no longer a code block.
  if (findDeclarations(declarationComment(username, request.note)).length > 1) {
    throw new HandlerError(
      'bad-request',
      'The explanation contains its own "Process owner:" line, which would override this declaration: remove it.',
    );
  }
  const previous = await database.get('assigns', request.requestId);
  if (previous?.doneAt) {
    return { duplicate: true, context: await taskContext(settings, origin, client, request.taskId, true) };
  }
  if (previous && (await alreadyPosted(client, request.taskId, username, viewer.phid, previous.startedAt))) {
    await database.put('assigns', { ...previous, doneAt: nowSeconds() });
    return { duplicate: true, context: await taskContext(settings, origin, client, request.taskId, true) };
  }

  const [task] = await client.searchTasks({ ids: [request.taskId] });
  if (!task) throw new HandlerError('not-found', `T${request.taskId} does not exist or you cannot see it.`);
  if (request.expectedDateModified !== undefined && task.dateModified !== request.expectedDateModified) {
    await rememberSnapshots(origin, [task]);
    throw new HandlerError(
      'task-changed',
      `T${request.taskId} changed since you opened it. Check what changed, then confirm again.`,
      true,
    );
  }
  // "Confirm again" accepts what changed, but never a task closed meanwhile: a process owner drives an open
  // escalation, and a declaration (and an assignee) on a resolved task would only mislead.
  if (isClosedStatus(await vocabularyIncluding(origin, client, [task.status.value]), task.status.value)) {
    await rememberSnapshots(origin, [task]);
    throw new HandlerError(
      'bad-request',
      `T${request.taskId} was closed (${task.status.name}) since you opened it: nothing was posted.`,
    );
  }
  const [person] = await client.searchUsers({ usernames: [username] });
  if (!person) throw new HandlerError('bad-request', `There is no Phabricator user named "${username}".`);
  if (person.roles.includes('disabled')) {
    throw new HandlerError('bad-request', `${person.username}'s account is disabled: choose someone else.`);
  }
  await database.put('assigns', {
    requestId: request.requestId,
    origin,
    taskId: request.taskId,
    username: person.username,
    // On Phorge's clock, as the transactions it is compared with are: a browser clock running fast
    // would hide the first attempt's comment from a retry, which would then post a second one.
    startedAt: client.serverTime() ?? task.dateModified,
    doneAt: null,
  });
  const transactions = [
    { type: 'comment', value: declarationComment(person.username, request.note) },
    { type: 'subscribers.add', value: [person.phid] },
    ...(task.ownerPHID === null ? [{ type: 'owner', value: person.phid }] : []),
  ];
  try {
    await client.editTask(request.taskId, transactions);
  } catch (error) {
    // Phorge's policy said no (the account may not edit this task): not Steward's missing host access.
    if (isConduitError(error) && error.kind === 'permission')
      throw new HandlerError('forbidden', error.userMessage);
    throw error;
  }
  const done = await database.get('assigns', request.requestId);
  if (done) await database.put('assigns', { ...done, doneAt: nowSeconds() });
  try {
    await setWatched(origin, request.taskId, true);
    // Confirmed from Phabricator, not assumed: the context is read again after the write.
    return { duplicate: false, context: await taskContext(settings, origin, client, request.taskId, true) };
  } catch (error) {
    // The declaration is on the task (Phorge answered the edit): its open pages ask again, and the
    // failure says what happened rather than that the assignment failed.
    await tellOpenPages(origin, [request.taskId]).catch(() => undefined);
    const why = error instanceof Error ? error.message : String(error);
    throw new HandlerError(
      'network',
      `The process owner was posted on T${request.taskId}, but Steward could not read the task back (${why}); reload the task to see it.`,
    );
  }
}

export function assignProcessOwner(
  settings: Settings,
  client: ConduitClient,
  request: AssignRequest,
): Promise<AssignReply> {
  const running = inFlight.get(request.requestId);
  if (running) return running.then((reply) => ({ ...reply, duplicate: true }));
  const taskKey = `${request.instance}|${request.taskId}`;
  const before = byTask.get(taskKey) ?? Promise.resolve();
  const promise = before
    .catch(() => undefined)
    .then(() => perform(settings, client, request))
    .finally(() => inFlight.delete(request.requestId));
  const settled = promise.catch(() => undefined);
  byTask.set(taskKey, settled);
  void settled.then(() => {
    if (byTask.get(taskKey) === settled) byTask.delete(taskKey);
  });
  inFlight.set(request.requestId, promise);
  return promise;
}
