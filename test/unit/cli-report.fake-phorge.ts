// A tiny Phorge for the report tests: answers Conduit over real HTTP with the captured replies of
// the fixture instance, checks the API token like Phorge does, and counts the calls.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readReply } from './escalation/support';

export const ADMIN_TOKEN = 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc';

interface Page {
  result: { data: Record<string, unknown>[]; cursor?: unknown };
}

const TASK_HISTORY: Record<string, string> = {};
for (const task of (readReply('maniphest.search.ubn-open+attachments') as Page).result.data) {
  TASK_HISTORY[task['phid'] as string] = `transaction.search.T${String(task['id'])}`;
}

function page(data: Record<string, unknown>[]): unknown {
  return {
    result: { data, cursor: { limit: 100, after: null, before: null } },
    error_code: null,
    error_info: null,
  };
}

function answer(method: string, params: Record<string, unknown>): unknown {
  const token = (params['__conduit__'] as { token?: string } | undefined)?.token;
  if (token !== ADMIN_TOKEN) {
    return {
      result: null,
      error_code: 'ERR-INVALID-AUTH',
      error_info: `API token "${String(token)}" is not valid.`,
    };
  }
  const constraints = (params['constraints'] ?? {}) as Record<string, unknown>;
  switch (method) {
    case 'maniphest.priority.search':
    case 'maniphest.status.search':
    case 'project.search':
      return readReply(method);
    case 'maniphest.search':
      return readReply('maniphest.search.ubn-open+attachments');
    case 'transaction.search': {
      const capture = TASK_HISTORY[String(params['objectIdentifier'])];
      return capture === undefined
        ? readReply('error.transaction.search-unknown-object')
        : readReply(capture);
    }
    case 'user.search': {
      const all = (readReply('user.search.availability') as Page).result.data;
      const phids = constraints['phids'] as string[] | undefined;
      const names = (constraints['usernames'] as string[] | undefined)?.map((n) => n.toLowerCase());
      return page(
        all.filter(
          (u) =>
            (phids === undefined || phids.includes(u['phid'] as string)) &&
            (names === undefined ||
              names.includes(((u['fields'] as { username: string }).username ?? '').toLowerCase())),
        ),
      );
    }
    default:
      return readReply('error.unknown-method');
  }
}

export interface FakePhorge {
  url: string;
  calls: string[];
  close(): Promise<void>;
}

export async function startFakePhorge(): Promise<FakePhorge> {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = /^\/api\/([\w.]+)$/.exec(req.url ?? '')?.[1];
      if (method === undefined) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404 Not Found</h1>');
        return;
      }
      calls.push(method);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const params = JSON.parse(form.get('params') ?? '{}') as Record<string, unknown>;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(method, params)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
