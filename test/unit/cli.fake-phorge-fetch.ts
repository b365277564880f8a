// A fetch that answers Conduit like the captured Phorge (shared/fixtures/phorge/conduit), so the
// commands can be driven without a server; `override` may answer any method first, to bend one reply.
import { runGate } from '../../src/cli/gate';
import { readReply } from './escalation/support';

export const TOKEN = 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc';
export const SEEDED = '2026-11-26T13:44:28Z';
export const INSTANCE = 'https://phab.example.org';
/** The arguments every run needs: the instance, the fixture's token and its seeding time. */
export const BASE = ['--instance', INSTANCE, '--token', TOKEN, '--now', SEEDED];

export interface TaskItem {
  id: number;
  phid: string;
  fields: { name: string };
  attachments: { projects: { projectPHIDs: string[] } };
}

export interface TaskPage {
  result: { data: TaskItem[]; cursor: unknown };
  error_code: null;
  error_info: null;
}

export interface Params {
  constraints?: Record<string, string[] | undefined>;
  objectIdentifier?: string;
}

export type Override = (method: string, params: Params) => unknown;

export const page = (data: unknown[]) => ({
  result: { data, cursor: { limit: 100, after: null, before: null } },
  error_code: null,
  error_info: null,
});

/** The captured open UBN! tasks with their project attachments, a fresh copy to change. */
export const openUbn = (): TaskPage =>
  structuredClone(readReply('maniphest.search.ubn-open+attachments') as TaskPage);

function captured(method: string, params: Params): unknown {
  switch (method) {
    case 'maniphest.priority.search':
    case 'maniphest.status.search':
    case 'project.search':
      return readReply(method);
    case 'maniphest.search':
      return readReply('maniphest.search.ubn-open+attachments');
    case 'transaction.search': {
      const task = openUbn().result.data.find((t) => t.phid === params.objectIdentifier);
      return task
        ? readReply(`transaction.search.T${task.id}`)
        : readReply('error.transaction.search-unknown-object');
    }
    case 'user.search':
      return readReply('user.search.availability');
    default:
      return readReply('error.unknown-method');
  }
}

export function fakePhorge(override: Override = () => undefined): typeof fetch {
  return (async (input: unknown, init?: RequestInit) => {
    const method = /\/api\/([\w.]+)$/.exec(String(input))?.[1] ?? '';
    const params = JSON.parse(new URLSearchParams(String(init?.body)).get('params') ?? '{}') as Params;
    const body = override(method, params) ?? captured(method, params);
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
}

export async function gate(args: string[], fetchImpl: typeof fetch = fakePhorge()) {
  let stdout = '';
  let stderr = '';
  const code = await runGate(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    fetch: fetchImpl,
  });
  return { code, stdout, stderr };
}
