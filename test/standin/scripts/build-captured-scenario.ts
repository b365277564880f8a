// Generates test/standin/scenarios/captured.json, the built-in scenario, from the real Phorge captures
// copied into test/fixtures/ (see PROVENANCE.md there). Run: npx tsx test/standin/scripts/build-captured-scenario.ts
//
// Sources, in order of trust: Conduit replies (maniphest.search, transaction.search, user.search,
// project.search, project.column.search), then the task pages' timelines for the histories Conduit did not
// capture (T2, T4, T5, T10, T13 and the older half of T3), then seed-summary.json.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { format, resolveConfig } from 'prettier';
import type { Scenario } from '../scenario';
import { parseScenario } from '../scenario';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const conduitDir = join(root, 'test/fixtures/standin/conduit');
const htmlDir = join(root, 'test/fixtures/phorge-html');
const out = join(here, '../scenarios/captured.json');

type Json = Record<string, unknown>;
type Users = NonNullable<Scenario['users']>;
type Tasks = NonNullable<Scenario['tasks']>;
type History = NonNullable<Tasks[number]['history']>;

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
// Non-JSON replies (the for(;;); shielded /login/refresh/ ones) read as an empty object.
const conduit = (name: string): Json => {
  const text = readFileSync(join(conduitDir, `${name}.response.json`), 'utf8');
  return text.startsWith('{') ? (JSON.parse(text) as Json) : {};
};
const request = (name: string) => readJson(join(conduitDir, `${name}.request.json`)) as Json;
const resultData = (name: string) => (conduit(name).result as { data: Json[] }).data;

interface SeedTask {
  id: string;
  phid: string;
  title: string;
  status: string;
  priority_value: number;
  owner: string | null;
  author: string;
  projects: string[];
  subscribers: string[];
  columns: string[];
  view_policy: string;
  owner_history: { by: string; from: string | null; to: string; at: string }[];
}
const seed = readJson(join(root, 'test/fixtures/standin/seed-summary.json')) as { tasks: SeedTask[] };

// -- clock: the last captured Conduit exchange (alice's session comment on T13) ------------------------

const requestNames = readdirSync(conduitDir)
  .filter((file) => file.endsWith('.request.json'))
  .map((file) => file.replace(/\.request\.json$/, ''));
const captureTimes = requestNames
  .map((name) => (request(name).response_headers as Json | undefined)?.Date)
  .filter((date): date is string => typeof date === 'string')
  .map((date) => Math.floor(Date.parse(date) / 1000));
const now = Math.max(...captureTimes);

// -- users --------------------------------------------------------------------------------------------

const tokens = new Map<string, string>();
for (const name of requestNames) {
  const req = request(name);
  if (typeof req.acting_user === 'string' && typeof req.token === 'string')
    tokens.set(req.acting_user, req.token);
}
const whoami = new Map<string, Json>();
for (const name of ['user.whoami.admin', 'user.whoami.alice', 'user.whoami.bot']) {
  const result = conduit(name).result as Json;
  whoami.set(String(result.userName), result);
}

// Profile pictures: from whoami, else from any handle image on the captured pages.
const images = new Map<string, string>();
for (const file of readdirSync(htmlDir).filter((name) => name.endsWith('.html'))) {
  const text = readFileSync(join(htmlDir, file), 'utf8');
  for (const match of text.matchAll(
    /background-image: ?url\(http:\/\/127\.0\.0\.1:8081(\/file\/data\/[^)]+)\)"? [^>]*href="\/p\/([^/]+)\/"/g,
  )) {
    if (match[1] && match[2] && !images.has(match[2])) images.set(match[2], match[1]);
  }
}
for (const [username, result] of whoami) {
  images.set(username, String(result.image).replace('http://127.0.0.1:8081', ''));
}

// The session-* captures: alice's phsid cookie and CSRF token, and bob's token (from another session).
const aliceSession = request('session-01.whoami.cookie+csrf-param');
const aliceCookie = /phsid=([^;]+)/.exec(String((aliceSession.request_headers as Json).Cookie))?.[1] ?? '';
const aliceCsrf = decodeURIComponent(/__csrf__=([^&]+)/.exec(String(aliceSession.request_body))?.[1] ?? '');
const bobCsrf = decodeURIComponent(
  /__csrf__=([^&]+)/.exec(String(request('session-08.whoami.cookie+other-users-csrf').request_body))?.[1] ??
    '',
);

const users: Users = resultData('user.search.availability')
  .map((entry) => {
    const fields = entry.fields as Json;
    const roles = fields.roles as string[];
    const availability = (entry.attachments as Json).availability as Json;
    const username = String(fields.username);
    const extraRoles = (['admin', 'bot', 'disabled'] as const).filter((role) => roles.includes(role));
    const user: Users[number] = {
      username,
      realName: String(fields.realName),
      id: Number(entry.id),
      phid: String(entry.phid),
      ...(extraRoles.length ? { roles: [...extraRoles] } : {}),
      ...(tokens.has(username) ? { apiToken: tokens.get(username) } : {}),
      email: String(whoami.get(username)?.primaryEmail ?? `${username}@example.org`),
      ...(availability.value !== 'available'
        ? {
            availability: {
              value: availability.value as 'busy' | 'away',
              until: availability.until as number,
              eventPHID: availability.eventPHID as string,
            },
          }
        : {}),
      ...(images.has(username) ? { image: images.get(username) } : {}),
      dateCreated: Number(fields.dateCreated),
      dateModified: Number(fields.dateModified),
    };
    if (username === 'alice') user.sessions = [{ key: aliceCookie, csrfTokens: [aliceCsrf] }];
    if (username === 'bob')
      user.sessions = [{ key: 'bobcapturedsession0000000000000000000000', csrfTokens: [bobCsrf] }];
    return user;
  })
  .sort((a, b) => (a.id ?? 0) - (b.id ?? 0));

// -- projects -----------------------------------------------------------------------------------------

const userByPHID = new Map(users.map((user) => [user.phid ?? '', user.username]));
const columns = resultData('project.column.search');
const projects = resultData('project.search')
  .map((entry) => {
    const fields = entry.fields as Json;
    const members = ((entry.attachments as Json).members as { members: { phid: string }[] }).members;
    const own = columns
      .filter((column) => ((column.fields as Json).project as Json).phid === entry.phid)
      .sort((a, b) => Number((a.fields as Json).sequence) - Number((b.fields as Json).sequence));
    return {
      id: Number(entry.id),
      phid: String(entry.phid),
      name: String(fields.name),
      slug: String(fields.slug),
      description: String(fields.description),
      icon: String((fields.icon as Json).key),
      color: String((fields.color as Json).key),
      members: members.map((member) => userByPHID.get(member.phid) ?? member.phid),
      ...(own.length
        ? {
            columns: own.map((column) => ({
              id: Number(column.id),
              phid: String(column.phid),
              name: String((column.fields as Json).name),
              isDefault: Boolean((column.fields as Json).isDefaultColumn),
              dateCreated: Number((column.fields as Json).dateCreated),
            })),
          }
        : {}),
      dateCreated: Number(fields.dateCreated),
      dateModified: Number(fields.dateModified),
    };
  })
  .sort((a, b) => a.id - b.id);
const projectByPHID = new Map(projects.map((project) => [project.phid, project.name]));

// -- tasks: newest captured maniphest.search record of each task --------------------------------------

const searchRecords = new Map<number, Json>();
for (const name of requestNames) {
  const reply = conduit(name);
  const data = (reply.result as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) continue;
  for (const entry of data as Json[]) {
    if (entry.type !== 'TASK') continue;
    const known = searchRecords.get(Number(entry.id));
    const modified = Number((entry.fields as Json).dateModified);
    if (!known || Number((known.fields as Json).dateModified) < modified)
      searchRecords.set(Number(entry.id), entry);
  }
}
// Subscriber and project order as Phorge returned them (attachments from any capture of the task).
const attachmentsOf = new Map<number, Json>();
for (const name of requestNames) {
  const data = (conduit(name).result as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) continue;
  for (const entry of data as Json[]) {
    if (entry.type !== 'TASK') continue;
    const merged = { ...(attachmentsOf.get(Number(entry.id)) ?? {}), ...(entry.attachments as Json) };
    attachmentsOf.set(Number(entry.id), merged);
  }
}

const xactionCaptures = new Map<number, Json[]>();
for (const name of requestNames.filter((n) => /^transaction\.search\.T\d+/.test(n))) {
  const data = (conduit(name).result as { data?: Json[] } | null)?.data;
  if (!data) continue;
  const id = Number(/T(\d+)/.exec(name)?.[1]);
  const known = xactionCaptures.get(id) ?? [];
  for (const entry of data) if (!known.some((xaction) => xaction.id === entry.id)) known.push(entry);
  xactionCaptures.set(id, known);
}

function fromConduitXaction(entry: Json): History[number] {
  const by = userByPHID.get(String(entry.authorPHID)) ?? String(entry.authorPHID);
  const base = {
    id: Number(entry.id),
    phid: String(entry.phid),
    by,
    at: Number(entry.dateCreated),
    group: String(entry.groupID),
  };
  const fields = entry.fields as Json;
  const ops = (kind: 'add' | 'remove', map: Map<string, string>) =>
    ((fields.operations as { operation: string; phid: string }[]) ?? [])
      .filter((op) => op.operation === kind)
      .map((op) => map.get(op.phid) ?? op.phid);
  switch (entry.type) {
    case 'create':
      return { ...base, type: 'create' };
    case 'title':
      return { ...base, type: 'title', from: String(fields.old ?? ''), to: String(fields.new) };
    case 'description':
      return { ...base, type: 'description', from: String(fields.old ?? ''), to: String(fields.new) };
    case 'priority':
      return {
        ...base,
        type: 'priority',
        from: Number((fields.old as Json).value),
        to: Number((fields.new as Json).value),
      };
    case 'status':
      return { ...base, type: 'status', from: String(fields.old), to: String(fields.new) };
    case 'owner':
      return {
        ...base,
        type: 'owner',
        from: fields.old ? (userByPHID.get(String(fields.old)) ?? null) : null,
        to: fields.new ? (userByPHID.get(String(fields.new)) ?? null) : null,
      };
    case 'comment': {
      const comment = (entry.comments as Json[])[0] as Json;
      return {
        ...base,
        type: 'comment',
        text: String((comment.content as Json).raw),
        commentId: Number(comment.id),
        commentPhid: String(comment.phid),
      };
    }
    case 'subscribers': {
      const add = ops('add', userByPHID);
      const remove = ops('remove', userByPHID);
      return {
        ...base,
        type: 'subscribers',
        ...(add.length ? { add } : {}),
        ...(remove.length ? { remove } : {}),
      };
    }
    case 'projects': {
      const add = ops('add', projectByPHID);
      const remove = ops('remove', projectByPHID);
      return {
        ...base,
        type: 'projects',
        ...(add.length ? { add } : {}),
        ...(remove.length ? { remove } : {}),
      };
    }
    default:
      return { ...base, type: 'other', note: 'edge, board or policy change (Conduit reports type null)' };
  }
}

// -- histories Conduit did not capture, read back from the task pages ---------------------------------

/** Remarkup source for the simple rendered remarkup on these pages (paragraphs, monospace, bold). */
function remarkupOf(node: Element | null): string {
  if (!node) return '';
  const text = (element: Element): string =>
    [...element.childNodes]
      .map((child) => {
        if (child.nodeType === 3) return child.textContent ?? '';
        const el = child as Element;
        const inner = text(el);
        if (el.tagName === 'TT') return `\`${inner}\``;
        if (el.tagName === 'STRONG' || el.tagName === 'B') return `**${inner}**`;
        if (el.tagName === 'EM' || el.tagName === 'I') return `//${inner}//`;
        return inner;
      })
      .join('');
  return [...node.children].map((paragraph) => text(paragraph).trim()).join('\n\n');
}

interface Shell {
  anchor: number;
  at: number;
  by: string;
  titles: string[];
  comment: string | null;
}

function pageOf(id: number) {
  return parseHTML(readFileSync(join(htmlDir, `task-T${id}.alice.html`), 'utf8')).document;
}

function shellsOf(id: number): Shell[] {
  const document = pageOf(id);
  return [...document.querySelectorAll('.phui-timeline-shell')].map((shell) => {
    const print = shell.querySelector('.phui-timeline-extra .print-only')?.textContent ?? '';
    const stamp = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})/.exec(print);
    const image = shell.querySelector('a.phui-timeline-image')?.getAttribute('href') ?? '';
    return {
      anchor: Number(shell.querySelector('a.phabricator-anchor-view')?.getAttribute('name')),
      at: stamp ? Date.parse(`${stamp[1]}T${stamp[2]}Z`) / 1000 : 0,
      by: /\/p\/([^/]+)\//.exec(image)?.[1] ?? '',
      titles: [...shell.querySelectorAll('.phui-timeline-title')].map((title) =>
        (title.textContent ?? '').replace('•', '').trim(),
      ),
      comment: shell.querySelector('.transaction-comment .phabricator-remarkup')
        ? remarkupOf(shell.querySelector('.transaction-comment .phabricator-remarkup'))
        : null,
    };
  });
}

/** Rebuilds a task's history from its page, with Phorge's id order inside each edit (see README §8). */
function historyFromPage(task: SeedTask, description: string, captured: History): History {
  const shells = shellsOf(Number(task.id.slice(1)));
  const history: History = [];
  const [creation, ...later] = shells;
  if (!creation) throw new Error(`${task.id}: no timeline on the page`);
  const by = creation.by;
  const at = creation.at;
  const laterSubscribers = new Set(
    later.flatMap((shell) =>
      shell.titles.filter((title) => title.endsWith(' subscribed.')).map(() => shell.by),
    ),
  );
  const creationSubscribers = task.subscribers.filter((name) => !laterSubscribers.has(name));
  const creationOwner = task.owner_history.find(
    (change) => change.by === by && change.from === null && change.to,
  );
  let id = creation.anchor;
  const next = () => id++;
  history.push({ id: next(), by, at, type: 'create' });
  history.push({ id: next(), by, at, type: 'title', from: '', to: task.title });
  if (description) history.push({ id: next(), by, at, type: 'description', from: '', to: description });
  const triaged = creation.titles.find((title) => title.includes('triaged this task as'));
  if (triaged) {
    const first = captured.find((entry) => entry.type === 'priority');
    history.push({
      id: next(),
      by,
      at,
      type: 'priority',
      from: 90,
      to: first && first.type === 'priority' ? first.to : task.priority_value,
    });
  }
  const projectsAt = captured.find((entry) => entry.type === 'projects');
  if (projectsAt) {
    history.push(projectsAt);
    id = (projectsAt.id ?? id) + 1;
  } else {
    history.push({ id: next(), by, at, type: 'projects', add: task.projects });
  }
  if (
    creationOwner &&
    Math.abs(Date.parse(creationOwner.at.replace(' UTC', 'Z').replace(' ', 'T')) / 1000 - at) < 120
  ) {
    history.push({ id: next(), by, at, type: 'owner', from: null, to: creationOwner.to });
  }
  const subscribersAt = captured.find((entry) => entry.type === 'subscribers' && entry.at === at);
  if (subscribersAt) history.push(subscribersAt);
  else history.push({ id: next(), by, at, type: 'subscribers', add: creationSubscribers });

  for (const shell of later) {
    const already = captured.filter((entry) => entry.at === shell.at);
    if (already.length) {
      history.push(...already);
      continue;
    }
    // Apply order: implicit subscribe first, the actions, the comment last; the anchor is the strongest.
    const edit: History = [];
    const closed = shell.titles.find((title) => / closed this task as /.test(title));
    const subscribed = shell.titles.some((title) => title.endsWith(' subscribed.'));
    if (subscribed) edit.push({ by: shell.by, at: shell.at, type: 'subscribers', add: [shell.by] });
    if (closed) {
      edit.push({ by: shell.by, at: shell.at, type: 'status', from: 'open', to: task.status });
    }
    if (shell.comment !== null)
      edit.push({ by: shell.by, at: shell.at, type: 'comment', text: shell.comment });
    const anchorIndex = Math.max(
      0,
      edit.findIndex((entry) => entry.type === 'status'),
    );
    const strongest = closed ? anchorIndex : edit.findIndex((entry) => entry.type === 'comment');
    let editId = shell.anchor - Math.max(0, strongest);
    for (const entry of edit) history.push({ ...entry, id: editId++ });
  }
  return history;
}

// -- assemble -----------------------------------------------------------------------------------------

const edgesFromPages = new Map<number, { parents: number[]; mentions: number[] }>();
for (const task of seed.tasks) {
  const id = Number(task.id.slice(1));
  for (const shell of shellsOf(id)) {
    for (const title of shell.titles) {
      const parent = /added a parent task: T(\d+)/.exec(title);
      if (parent) {
        const entry = edgesFromPages.get(id) ?? { parents: [], mentions: [] };
        if (!entry.parents.includes(Number(parent[1]))) entry.parents.push(Number(parent[1]));
        edgesFromPages.set(id, entry);
      }
      const mentioned = /mentioned this in T(\d+)/.exec(title);
      if (mentioned) {
        const source = Number(mentioned[1]);
        const entry = edgesFromPages.get(source) ?? { parents: [], mentions: [] };
        if (!entry.mentions.includes(id)) entry.mentions.push(id);
        edgesFromPages.set(source, entry);
      }
    }
  }
}

const tasks: Tasks = seed.tasks.map((task) => {
  const id = Number(task.id.slice(1));
  const record = searchRecords.get(id);
  const fields = (record?.fields ?? {}) as Json;
  const attachments = attachmentsOf.get(id) ?? {};
  const page = pageOf(id);
  const description =
    record !== undefined
      ? String((fields.description as Json).raw)
      : remarkupOf(page.querySelector('.phui-main-column .phui-property-list-section .phabricator-remarkup'));
  const captured = (xactionCaptures.get(id) ?? [])
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map(fromConduitXaction);
  const complete = captured.some((entry) => entry.type === 'create');
  const history = complete ? captured : historyFromPage(task, description, captured);
  // Entries rebuilt from the page join the Conduit-captured group of the same edit, if there is one.
  const groups = new Map(
    history.filter((entry) => entry.group).map((entry) => [`${entry.by}@${entry.at}`, entry.group]),
  );
  for (const entry of history) entry.group ??= groups.get(`${entry.by}@${entry.at}`);
  const subscriberOrder = (attachments.subscribers as Json | undefined)?.subscriberPHIDs as
    string[] | undefined;
  const projectOrder = (attachments.projects as Json | undefined)?.projectPHIDs as string[] | undefined;
  const columnsOf: Record<string, string> = {};
  for (const placement of task.columns) {
    const [project, column] = placement.split(': ');
    if (project && column) columnsOf[project] = column;
  }
  const edges = edgesFromPages.get(id);
  const policy = fields.policy as Json | undefined;
  const lastAt = Math.max(...history.map((entry) => Number(entry.at)));
  return {
    id,
    phid: task.phid,
    title: task.title,
    description,
    status: task.status,
    priority: task.priority_value,
    author: task.author,
    owner: task.owner,
    projects: projectOrder ? projectOrder.map((phid) => projectByPHID.get(phid) ?? phid) : task.projects,
    subscribers: subscriberOrder
      ? subscriberOrder.map((phid) => userByPHID.get(phid) ?? phid)
      : task.subscribers,
    ...(Object.keys(columnsOf).length ? { columns: columnsOf } : {}),
    ...(task.view_policy !== 'public'
      ? {
          viewPolicy: projectByPHID.get(task.view_policy) ?? task.view_policy,
          interactPolicy: projectByPHID.get(String(policy?.interact)) ?? task.view_policy,
          editPolicy: projectByPHID.get(String(policy?.edit)) ?? task.view_policy,
        }
      : {}),
    dateCreated: record ? Number(fields.dateCreated) : Number(history[0]?.at),
    dateModified: Math.max(record ? Number(fields.dateModified) : 0, lastAt),
    ...(record && fields.dateClosed !== null ? { dateClosed: Number(fields.dateClosed) } : {}),
    ...(record && fields.closerPHID ? { closer: userByPHID.get(String(fields.closerPHID)) ?? null } : {}),
    ...(edges?.parents.length ? { parents: edges.parents } : {}),
    ...(edges?.mentions.length ? { mentions: edges.mentions.sort((a, b) => a - b) } : {}),
    history,
  };
});

const scenario: Scenario = {
  name: 'captured: the real Phorge world of test/fixtures (commit 9060b5cd, captured 2026-11-26)',
  now,
  users,
  projects,
  tasks,
};
parseScenario(scenario, 'generated scenario');
// Written as prettier formats it, so regenerating gives the committed file byte for byte.
const config = (await resolveConfig(out)) ?? {};
writeFileSync(out, await format(JSON.stringify(scenario), { ...config, filepath: out }));
process.stdout.write(
  `wrote ${out}: ${users.length} users, ${projects.length} projects, ${tasks.length} tasks, now=${now}\n`,
);
