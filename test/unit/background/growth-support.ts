// Shared by the tests of a long life: a stand-in Phorge with the demo's people and no task, and Conduit
// calls that play a long life on it (UBN! tasks filed, escalated, closed, week after week).
import { startStandin, type Standin } from '../../standin/server';
import { ubnWorld } from '../../../scripts/demo/ubn-world';

export const TOKEN = 'api-reviewgrowthreviewgrowthrev0';
export const DAY = 86400;
export const WEEK = 7 * DAY;

export async function emptyStandin(): Promise<Standin> {
  const world = ubnWorld(0);
  const users = (world.users ?? []).map((u) => (u.username === 'alice' ? { ...u, apiToken: TOKEN } : u));
  return startStandin({ port: 0, scenario: { ...world, users } });
}

export async function conduit<T = unknown>(
  site: Standin,
  method: string,
  params: Record<string, unknown>,
  token = TOKEN,
): Promise<T> {
  const reply = await fetch(`${site.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `params=${encodeURIComponent(JSON.stringify({ ...params, __conduit__: { token } }))}`,
  });
  const json = (await reply.json()) as { result: T; error_code: string | null; error_info: string | null };
  if (json.error_code) throw new Error(`${method}: ${json.error_info}`);
  return json.result;
}

/** Files a task (UBN! unless `priority` says otherwise) and returns its id. */
export async function fileTask(
  site: Standin,
  title: string,
  priority = 'unbreak',
  project = 'Echo',
): Promise<number> {
  const result = await conduit<{ object: { id: number } }>(site, 'maniphest.edit', {
    transactions: [
      { type: 'title', value: title },
      { type: 'priority', value: priority },
      { type: 'projects.add', value: [project] },
      { type: 'comment', value: 'Seen in production.' },
    ],
  });
  return result.object.id;
}

export async function closeTask(site: Standin, id: number): Promise<void> {
  await conduit(site, 'maniphest.edit', {
    objectIdentifier: `T${id}`,
    transactions: [
      { type: 'status', value: 'resolved' },
      { type: 'comment', value: 'Fixed by the deploy.' },
    ],
  });
}

export async function lowerTask(site: Standin, id: number): Promise<void> {
  await conduit(site, 'maniphest.edit', {
    objectIdentifier: `T${id}`,
    transactions: [{ type: 'priority', value: 'normal' }],
  });
}
