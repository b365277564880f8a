// How many Conduit requests (and bytes) it takes to refresh N watched UBN! tasks when nothing
// changed and when k of them changed, using the real ConduitClient against an in-process fake
// Phorge that answers maniphest.search and transaction.search with replies shaped like the captures.
//
// Strategies:
//   modifiedStart  maniphest.search over the watched ids with modifiedStart = last refresh (server
//                  time), then transaction.search for each task it returns;
//   dateModified   maniphest.search over the watched ids, compare dateModified with the cache, then
//                  transaction.search for each task that moved (also notices tasks that vanished);
//   per-task       one maniphest.search and one transaction.search per task (the naive baseline).
//
// Run: npx tsx bench/conduit-refresh.bench.ts [--quick]
import { performance } from 'node:perf_hooks';
import { ConduitClient } from '../src/phabricator/conduit';
import type { TaskSnapshot } from '../src/core/model';

const QUICK = process.argv.includes('--quick');
const SIZES = [10, 100, 1000];
const CHANGED = 10;
const HISTORY = 12; // transactions per task, as in the captured UBN tasks
const REPEATS = QUICK ? 3 : 15;

const LAST_REFRESH = 1_795_700_668; // server time of the previous refresh
const USERS = [
  'PHID-USER-xhdgapgwb75vgmayvc6o',
  'PHID-USER-func4a3darmz3oh2ta3u',
  'PHID-USER-ferlea3apgikxbpfxohr',
];

interface FakeTask {
  id: number;
  phid: string;
  dateModified: number;
}

const phidOf = (id: number) => `PHID-TASK-${id.toString(36).padStart(20, 'x')}`;

function taskJson(t: FakeTask) {
  return {
    id: t.id,
    type: 'TASK',
    phid: t.phid,
    fields: {
      name: `Login fails with "Session hijacking attempt" on wiki ${t.id}`,
      description: {
        raw: 'After the deployment, logging in on any wiki redirects back to Special:UserLogin with the error "Session hijacking attempt detected". Steps to reproduce: log out everywhere, log in with a global account.',
      },
      authorPHID: USERS[0],
      ownerPHID: t.id % 3 === 0 ? null : USERS[t.id % 3],
      status: { value: 'open', name: 'Open', color: null },
      priority: { value: 100, name: 'Unbreak Now!', color: 'pink' },
      points: null,
      subtype: 'default',
      closerPHID: null,
      dateClosed: null,
      groupByProjectPHID: null,
      spacePHID: null,
      dateCreated: LAST_REFRESH - 86_400 * 20,
      dateModified: t.dateModified,
      policy: { view: 'public', interact: 'public', edit: 'users' },
    },
    attachments: {
      projects: { projectPHIDs: ['PHID-PROJ-5nswsow7qt633pega3yf', 'PHID-PROJ-4tlxbtaqdn5fqtorps2j'] },
      subscribers: { subscriberPHIDs: USERS, subscriberCount: USERS.length, viewerIsSubscribed: false },
    },
  };
}

function transactionJson(t: FakeTask, n: number) {
  const id = t.id * 1000 + n;
  const base = {
    id,
    phid: `PHID-XACT-TASK-${id.toString(36).padStart(15, 'x')}`,
    authorPHID: USERS[n % USERS.length],
    objectPHID: t.phid,
    dateCreated: LAST_REFRESH - 86_400 * 20 + n * 3600,
    dateModified: LAST_REFRESH - 86_400 * 20 + n * 3600,
    groupID: `g${id.toString(36).padStart(31, 'x')}`,
  };
  switch (n % 4) {
    case 0:
      return {
        ...base,
        type: 'comment',
        comments: [
          {
            id,
            phid: `PHID-XCMT-${id.toString(36).padStart(20, 'x')}`,
            version: 1,
            authorPHID: base.authorPHID,
            dateCreated: base.dateCreated,
            dateModified: base.dateModified,
            removed: false,
            content: {
              raw: 'Escalating to Unbreak Now!: this affects every logged-in user. Process owner: @carol',
            },
          },
        ],
        fields: {},
      };
    case 1:
      return {
        ...base,
        type: 'priority',
        comments: [],
        fields: { old: { value: 50, name: 'Normal' }, new: { value: 100, name: 'Unbreak Now!' } },
      };
    case 2:
      return { ...base, type: 'owner', comments: [], fields: { old: null, new: USERS[2] } };
    default:
      return { ...base, type: null, comments: [], fields: [] };
  }
}

const ok = (result: unknown) => new Response(JSON.stringify({ result, error_code: null, error_info: null }));

/** A fake Phorge holding `tasks`; answers the two methods the refresh uses, with real paging. */
function fakePhorge(tasks: Map<number, FakeTask>): typeof fetch {
  const byPhid = new Map([...tasks.values()].map((t) => [t.phid, t]));
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const params = JSON.parse(new URLSearchParams(String(init?.body ?? '')).get('params') ?? '{}') as {
      constraints?: { ids?: number[]; modifiedStart?: number };
      objectIdentifier?: string;
      limit?: number;
      after?: string;
    };
    const limit = Math.min(100, params.limit ?? 100);
    const after = params.after === undefined ? Infinity : Number(params.after);
    const page = <T extends { id: number }>(items: T[]) => {
      const sorted = items.filter((i) => i.id < after).sort((a, b) => b.id - a.id);
      const data = sorted.slice(0, limit);
      const next = sorted.length > limit ? String(data[data.length - 1]!.id) : null;
      return { data, cursor: { limit, after: next, before: null }, maps: {}, query: { queryKey: null } };
    };
    if (url.endsWith('/api/maniphest.search')) {
      const c = params.constraints ?? {};
      let found = c.ids
        ? c.ids.map((id) => tasks.get(id)).filter((t): t is FakeTask => t !== undefined)
        : [...tasks.values()];
      if (c.modifiedStart !== undefined) found = found.filter((t) => t.dateModified >= c.modifiedStart!);
      const result = page(found);
      return ok({ ...result, data: result.data.map(taskJson) });
    }
    if (url.endsWith('/api/transaction.search')) {
      const ident = params.objectIdentifier ?? '';
      const task = ident.startsWith('T') ? tasks.get(Number(ident.slice(1))) : byPhid.get(ident);
      if (!task)
        return new Response(
          JSON.stringify({
            result: null,
            error_code: 'ERR-INVALID-OBJECT-PHID',
            error_info: 'Specified "objectIdentifier" does not exist.',
          }),
        );
      const all = Array.from({ length: HISTORY + (task.dateModified > LAST_REFRESH ? 1 : 0) }, (_, n) =>
        transactionJson(task, n),
      );
      const result = page(all);
      return ok(result);
    }
    return new Response(
      JSON.stringify({ result: null, error_code: 'ERR-CONDUIT-CALL', error_info: 'no such method' }),
    );
  }) as typeof fetch;
}

interface Tally {
  requests: number;
  bytes: number;
}

function world(n: number, changed: number) {
  const tasks = new Map<number, FakeTask>();
  for (let id = 1; id <= n; id++) {
    const moved =
      id % Math.max(1, Math.floor(n / changed)) === 0 && id / Math.max(1, Math.floor(n / changed)) <= changed;
    tasks.set(id, { id, phid: phidOf(id), dateModified: moved ? LAST_REFRESH + 60 : LAST_REFRESH - 86_400 });
  }
  const cache = new Map<number, number>([...tasks.values()].map((t) => [t.id, LAST_REFRESH - 86_400]));
  const expected = [...tasks.values()].filter((t) => t.dateModified > LAST_REFRESH).map((t) => t.id);
  return { tasks, cache, ids: [...tasks.keys()], expected };
}

function client(fetchImpl: typeof fetch, tally: Tally) {
  return new ConduitClient({
    baseUrl: 'http://127.0.0.1:8081',
    auth: { kind: 'token', token: 'api-nxs33mq3wpyyg7vj3jngfyhrzrcc' },
    fetch: fetchImpl,
    onRequest: (info) => {
      tally.requests++;
      tally.bytes += info.bytesSent + info.bytesReceived;
    },
  });
}

type Strategy = (c: ConduitClient, ids: number[], cache: Map<number, number>) => Promise<number[]>;

const strategies: Record<string, Strategy> = {
  modifiedStart: async (c, ids, cache) => {
    // modifiedStart is inclusive: ask from the last refresh's own second and let the cache drop
    // what was already seen, so an edit in that same second is not missed.
    const since = await c.searchTasks({ ids, modifiedStart: LAST_REFRESH });
    const moved = since.filter((t) => t.dateModified !== cache.get(t.id));
    for (const t of moved) await c.taskHistory(t.phid);
    return moved.map((t) => t.id);
  },
  dateModified: async (c, ids, cache) => {
    const now = await c.searchTasks({ ids });
    const moved = now.filter((t: TaskSnapshot) => t.dateModified !== cache.get(t.id));
    for (const t of moved) await c.taskHistory(t.phid);
    return moved.map((t) => t.id);
  },
  'per-task': async (c, ids, cache) => {
    const moved: number[] = [];
    for (const id of ids) {
      const [t] = await c.searchTasks({ ids: [id] });
      await c.taskHistory(id);
      if (t && t.dateModified !== cache.get(id)) moved.push(id);
    }
    return moved;
  },
};

async function run(name: string, n: number, changed: number): Promise<Tally> {
  const w = world(n, changed);
  const tally: Tally = { requests: 0, bytes: 0 };
  const found = await strategies[name]!(client(fakePhorge(w.tasks), tally), w.ids, w.cache);
  const got = [...found].sort((a, b) => a - b).join(',');
  if (got !== w.expected.join(','))
    throw new Error(`${name} N=${n} k=${changed}: found [${got}], expected [${w.expected.join(',')}]`);
  return tally;
}

async function medianMs(name: string, n: number, changed: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    await run(name, n, changed);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}

async function main() {
  const metrics: Array<{ label: string; value: number; unit: string }> = [];
  for (const n of SIZES) {
    for (const changed of [0, CHANGED]) {
      const scenario = changed === 0 ? 'unchanged' : `k=${Math.min(changed, n)} changed`;
      for (const name of ['modifiedStart', 'dateModified'] as const) {
        const tally = await run(name, n, changed);
        metrics.push({
          label: `N=${n}, ${scenario}, ${name}: requests`,
          value: tally.requests,
          unit: 'requests',
        });
        metrics.push({ label: `N=${n}, ${scenario}, ${name}: bytes`, value: tally.bytes, unit: 'bytes' });
      }
      const naive = await run('per-task', n, changed);
      metrics.push({
        label: `N=${n}, ${scenario}, per-task baseline: requests`,
        value: naive.requests,
        unit: 'requests',
      });
    }
  }
  for (const name of ['modifiedStart', 'dateModified'] as const) {
    metrics.push({
      label: `N=1000, k=10 changed, ${name}: client time in-process (median of ${REPEATS})`,
      value: await medianMs(name, 1000, CHANGED),
      unit: 'ms',
    });
  }
  process.stdout.write(
    `${JSON.stringify({
      name: 'conduit-refresh',
      description:
        'Conduit requests and bytes to refresh N watched UBN! tasks (maniphest.search over the watched ids, by modifiedStart or by comparing dateModified, then transaction.search for changed tasks only), against an in-process fake Phorge.',
      metrics,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
