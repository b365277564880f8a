// Small methods: conduit.*, the priority and status vocabularies, edge.search, phid.lookup and the frozen
// legacy maniphest.info / maniphest.gettasktransactions that old clients still call.
import { hostname } from 'node:os';
import type { Task, Xaction } from '../model';
import { ConduitFailure, coreError } from './errors';
import { paginate, readPaging } from './paging';
import { readInt, readIntList, readStringList } from './params';
import type { CallContext } from './router';

export function conduitPing() {
  return hostname();
}

export function conduitCapabilities() {
  return {
    authentication: ['token', 'asymmetric', 'session', 'sessionless', 'oauth'],
    signatures: ['consign'],
    input: ['json', 'urlencoded'],
    output: ['json', 'human'],
  };
}

export function prioritySearch(ctx: CallContext) {
  return {
    data: ctx.world.vocabulary.priorities.map((priority) => ({
      name: priority.name,
      keywords: [...priority.keywords],
      short: priority.short,
      color: priority.color,
      value: priority.value,
    })),
  };
}

export function statusSearch(ctx: CallContext) {
  return {
    data: ctx.world.vocabulary.statuses.map((status) => ({
      name: status.name,
      value: status.value,
      closed: status.closed,
      ...(status.special ? { special: status.special } : {}),
    })),
  };
}

const EDGE_TYPES = ['task.parent', 'task.subtask', 'mention', 'mentioned-in'];

export function edgeSearch(ctx: CallContext) {
  const { world, viewer } = ctx;
  const sources = readStringList(ctx.params.sourcePHIDs ?? [], 'sourcePHIDs');
  if (!sources.length) throw coreError('Edge search must specify at least one source PHID in "sourcePHIDs".');
  const types = readStringList(ctx.params.types ?? [], 'types');
  if (!types.length) throw coreError('Edge search must specify at least one edge type in "types".');
  for (const type of types) {
    if (!EDGE_TYPES.includes(type)) {
      throw coreError(
        `Edge type "${type}" is not a recognized edge type. Valid types are: ${EDGE_TYPES.join(', ')}.`,
      );
    }
  }
  const destinations =
    ctx.params.destinationPHIDs === undefined
      ? null
      : readStringList(ctx.params.destinationPHIDs, 'destinationPHIDs');
  const visible = (phid: string) => {
    const task = world.taskByPHID(phid);
    return !task || world.canView(task, viewer);
  };
  const edges = world.edges
    .map((edge, index) => ({ edge, index }))
    .filter(({ edge }) => sources.includes(edge.sourcePHID) && types.includes(edge.edgeType))
    .filter(({ edge }) => !destinations || destinations.includes(edge.destinationPHID))
    .filter(({ edge }) => visible(edge.sourcePHID) && visible(edge.destinationPHID))
    // Phorge lists edges per source and per requested type, in the order they were written.
    .sort(
      (a, b) =>
        sources.indexOf(a.edge.sourcePHID) - sources.indexOf(b.edge.sourcePHID) ||
        types.indexOf(a.edge.edgeType) - types.indexOf(b.edge.edgeType) ||
        a.index - b.index,
    );
  const page = paginate(
    edges,
    ({ index }) => index + 1,
    readPaging(ctx),
    ({ index }, cursor) => index + 1 - cursor,
    'PhabricatorEdgeObjectQuery',
  );
  return {
    data: page.items.map(({ edge }) => ({ ...edge })),
    cursor: { ...page.cursor },
  };
}

export function phidLookup(ctx: CallContext) {
  const { world, viewer, baseUrl } = ctx;
  const names = readStringList(ctx.params.names ?? [], 'names');
  const result: Record<string, unknown> = {};
  for (const name of names) {
    const task = /^T\d+$/.test(name) ? world.taskByRef(name) : undefined;
    if (task && world.canView(task, viewer)) {
      result[name] = {
        phid: task.phid,
        uri: `${baseUrl}/T${task.id}`,
        typeName: 'Maniphest Task',
        type: 'TASK',
        name: `T${task.id}`,
        fullName: `T${task.id}: ${task.title}`,
        status: world.isClosed(task) ? 'closed' : 'open',
      };
      continue;
    }
    const user = name.startsWith('@') ? world.userByName(name.slice(1)) : undefined;
    if (user) {
      result[name] = {
        phid: user.phid,
        uri: `${baseUrl}/p/${user.username}/`,
        typeName: 'User',
        type: 'USER',
        name: user.username,
        fullName: `${user.username} (${user.realName})`,
        status: user.isDisabled ? 'closed' : 'open',
      };
      continue;
    }
    const project = name.startsWith('#')
      ? world.projects.find((candidate) => candidate.slug === name.slice(1).toLowerCase())
      : undefined;
    if (project) {
      result[name] = {
        phid: project.phid,
        uri: `${baseUrl}/tag/${project.slug}/`,
        typeName: 'Project',
        type: 'PROJ',
        name: project.name,
        fullName: project.name,
        status: 'open',
      };
    }
  }
  return result;
}

function legacyTask(task: Task, ctx: CallContext) {
  const { world, baseUrl } = ctx;
  const status = world.status(task.status);
  const priority = world.priority(task.priority);
  return {
    id: String(task.id),
    phid: task.phid,
    authorPHID: task.authorPHID,
    ownerPHID: task.ownerPHID,
    ccPHIDs: [...task.subscriberPHIDs],
    status: task.status,
    statusName: status.name,
    isClosed: status.closed,
    priority: priority.name,
    priorityColor: priority.color,
    title: task.title,
    description: task.description,
    projectPHIDs: [...task.projectPHIDs],
    uri: `${baseUrl}/T${task.id}`,
    auxiliary: [],
    objectName: `T${task.id}`,
    dateCreated: String(task.dateCreated),
    dateModified: String(task.dateModified),
    dependsOnTaskPHIDs: world.edgesFrom(task.phid, ['task.subtask']).map((edge) => edge.destinationPHID),
  };
}

export function maniphestInfo(ctx: CallContext) {
  const id = readInt(ctx.params.task_id, 'task_id', ctx);
  const task = ctx.world.taskById(id);
  if (!task || !ctx.world.canView(task, ctx.viewer))
    throw new ConduitFailure('ERR_BAD_TASK', 'No such Maniphest task exists.');
  return legacyTask(task, ctx);
}

/** The plain-text title the frozen method gives each transaction (names quoted, no markup). */
function legacyTitle(xaction: Xaction, ctx: CallContext): string {
  const { world } = ctx;
  const name = (phid: string | null) => (phid ? (world.userByPHID(phid)?.username ?? phid) : '');
  const actor = name(xaction.authorPHID);
  const change = xaction.change;
  const list = (phids: string[]) =>
    phids
      .map((phid) => world.userByPHID(phid)?.username ?? world.projectByPHID(phid)?.name ?? phid)
      .join(', ');
  switch (change.kind) {
    case 'create':
    case 'title':
      return change.kind === 'title' && change.from !== ''
        ? `${actor} renamed this task from "${change.from}" to "${change.to}".`
        : `${actor} created this task.`;
    case 'description':
      return change.from === ''
        ? `${actor} updated the task description.`
        : `${actor} edited the task description.`;
    case 'priority': {
      const from = world.priority(change.from).name;
      const to = world.priority(change.to).name;
      if (change.from === world.vocabulary.defaultPriority)
        return `${actor} triaged this task as "${to}" priority.`;
      return `${actor} ${change.to > change.from ? 'raised' : 'lowered'} the priority of this task from "${from}" to "${to}".`;
    }
    case 'status':
      return world.status(change.to).closed
        ? `${actor} closed this task as "${world.status(change.to).name}".`
        : `${actor} changed the task status from "${world.status(change.from).name}" to "${world.status(change.to).name}".`;
    case 'owner':
      if (!change.to) return `${actor} removed ${name(change.from)} as the assignee of this task.`;
      if (!change.from)
        return change.to === xaction.authorPHID
          ? `${actor} claimed this task.`
          : `${actor} assigned this task to ${name(change.to)}.`;
      return `${actor} reassigned this task from ${name(change.from)} to ${name(change.to)}.`;
    case 'comment':
      return `${actor} added a comment.`;
    case 'subscribers': {
      const added = change.operations.filter((op) => op.operation === 'add').map((op) => op.phid);
      if (added.length === 1 && added[0] === xaction.authorPHID) return `${actor} subscribed.`;
      return `${actor} added subscribers: ${list(added)}.`;
    }
    case 'projects': {
      const added = change.operations.filter((op) => op.operation === 'add').map((op) => op.phid);
      return added.length === 1
        ? `${actor} added a project: ${list(added)}.`
        : `${actor} added projects: ${list(added)}.`;
    }
    case 'other':
      return `${actor} updated this task.`;
  }
}

export function maniphestGetTaskTransactions(ctx: CallContext) {
  const { world, viewer } = ctx;
  const ids = readIntList(ctx.params.ids ?? [], 'ids', ctx);
  const result: Record<string, unknown[]> = {};
  for (const id of ids) {
    const task = world.taskById(id);
    if (!task || !world.canView(task, viewer)) continue;
    result[String(id)] = [...world.xactionsOf(task)]
      .sort((a, b) => b.id - a.id)
      .map((xaction) => {
        const change = xaction.change;
        const legacy = (() => {
          switch (change.kind) {
            case 'create':
              return { transactionType: 'core:create', oldValue: null, newValue: null };
            case 'title':
            case 'description':
              return { transactionType: change.kind, oldValue: change.from, newValue: change.to };
            case 'priority':
              return {
                transactionType: 'priority',
                oldValue: String(change.from),
                newValue: String(change.to),
              };
            case 'status':
              return { transactionType: 'status', oldValue: change.from, newValue: change.to };
            case 'owner':
              return { transactionType: 'reassign', oldValue: change.from, newValue: change.to };
            case 'comment':
              return { transactionType: 'core:comment', oldValue: null, newValue: null };
            case 'subscribers':
              return {
                transactionType: 'core:subscribers',
                oldValue: [] as string[],
                newValue: change.operations.filter((op) => op.operation === 'add').map((op) => op.phid),
              };
            case 'projects':
              // Phorge names the edge's type in meta (41: a task's projects), as the captured reply does.
              return {
                transactionType: 'core:edge',
                oldValue: change.operations.filter((op) => op.operation === 'remove').map((op) => op.phid),
                newValue: change.operations.filter((op) => op.operation === 'add').map((op) => op.phid),
                edgeType: 41,
              };
            case 'other':
              // A typeless edit (the captured world's board move): Phorge lists a board move so.
              return { transactionType: 'core:columns', oldValue: null, newValue: [] as unknown[] };
          }
        })();
        return {
          taskID: String(id),
          title: legacyTitle(xaction, ctx),
          transactionID: String(xaction.id),
          transactionPHID: xaction.phid,
          transactionType: legacy.transactionType,
          oldValue: legacy.oldValue,
          newValue: legacy.newValue,
          meta: {
            ...('edgeType' in legacy ? { 'edge:type': legacy.edgeType } : {}),
            'core.groupID': xaction.groupID,
          },
          comments: xaction.comments[0]?.content.raw ?? null,
          authorPHID: xaction.authorPHID,
          dateCreated: String(xaction.dateCreated),
        };
      });
  }
  return result;
}
