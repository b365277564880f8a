// maniphest.search with Phorge's constraint semantics and pitfalls (README §8): project names, slugs and
// PHIDs AND-ed, each matching the project or any of its subprojects and milestones (Phorge's
// PhabricatorProjectLogicalAncestorDatasource), any(PHID) OR-ed on exactly those projects, while
// any(Name) and "#slug" silently match nothing; unknown statuses match nothing; restricted tasks are
// silently left out.
import type { Task, User } from '../model';
import type { World } from '../world';
import { coreError } from './errors';
import { paginate, readPaging } from './paging';
import {
  isTruthy,
  readBool,
  readEpoch,
  readIntList,
  readRecord,
  readString,
  readStringList,
  refuseUnknownKeys,
} from './params';
import type { CallContext } from './router';
import { searchResult } from './search-result';

const CONSTRAINTS = [
  'ids',
  'phids',
  'assigned',
  'authorPHIDs',
  'statuses',
  'priorities',
  'subtypes',
  'columnPHIDs',
  'hasParents',
  'hasSubtasks',
  'parentIDs',
  'subtaskIDs',
  'group',
  'createdStart',
  'createdEnd',
  'modifiedStart',
  'modifiedEnd',
  'closedStart',
  'closedEnd',
  'closerPHIDs',
  'query',
  'subscribers',
  'projects',
] as const;

const ATTACHMENTS = ['projects', 'subscribers', 'columns'] as const;

type Filter = (task: Task) => boolean;

const ORDERS: Record<string, (world: World) => (a: Task, b: Task) => number> = {
  priority: () => (a, b) => b.priority - a.priority || b.id - a.id,
  updated: () => (a, b) => b.dateModified - a.dateModified || b.id - a.id,
  outdated: () => (a, b) => a.dateModified - b.dateModified || a.id - b.id,
  newest: () => (a, b) => b.id - a.id,
  oldest: () => (a, b) => a.id - b.id,
  closed: () => (a, b) => (b.dateClosed ?? 0) - (a.dateClosed ?? 0) || b.id - a.id,
  title: () => (a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id - b.id),
  relevance: () => (a, b) => b.priority - a.priority || b.id - a.id,
};

/** The builtin saved queries ("queryKey"). */
function builtinQuery(key: string, viewer: User | null, world: World): Filter {
  const openStatuses = world.vocabulary.statuses
    .filter((status) => !status.closed)
    .map((status) => status.value);
  switch (key) {
    case 'all':
      return () => true;
    case 'open':
      return (task) => openStatuses.includes(task.status);
    case 'assigned':
      if (viewer) return (task) => task.ownerPHID === viewer.phid && openStatuses.includes(task.status);
      break;
    case 'subscribed':
      if (viewer)
        return (task) => task.subscriberPHIDs.includes(viewer.phid) && openStatuses.includes(task.status);
      break;
    case 'authored':
      if (viewer) return (task) => task.authorPHID === viewer.phid;
      break;
  }
  throw coreError(`Query key "${key}" does not exist.`);
}

/** Words of a fulltext query; a word matches a stem of itself ("sessions" finds "session"). */
function fulltextFilter(query: string, world: World): Filter {
  const stem = (word: string) => word.toLowerCase().replace(/(ing|es|s)$/, '');
  const words = query
    .split(/[^\p{L}\p{N}_-]+/u)
    .filter((word) => word.length > 0)
    .map(stem);
  return (task) => {
    const comments = world
      .xactionsOf(task)
      .flatMap((xaction) =>
        xaction.comments.filter((comment) => !comment.removed).map((comment) => comment.content.raw),
      );
    const haystack = new Set(
      [task.title, task.description, ...comments]
        .join(' ')
        .split(/[^\p{L}\p{N}_-]+/u)
        .filter((word) => word.length > 0)
        .map(stem),
    );
    return words.every((word) => haystack.has(word));
  };
}

function projectFilter(tokens: string[], world: World): Filter {
  /** Per plain token, the project and its descendants: a task must carry one of each list. */
  const all: string[][] = [];
  const any: string[] = [];
  const not: string[] = [];
  let wantNone = false;
  let impossible = false;
  for (const token of tokens) {
    const fn = /^(any|not|null)\((.*)\)$/.exec(token.trim());
    if (fn) {
      const [, name, argument = ''] = fn;
      if (name === 'null') {
        wantNone = true;
        continue;
      }
      // Over Conduit, any()/not() only understand PHIDs; a name inside silently matches nothing.
      const project = argument.startsWith('PHID-PROJ-') ? world.projectByPHID(argument) : undefined;
      if (!project) {
        if (name === 'any') any.push('');
        continue;
      }
      (name === 'any' ? any : not).push(project.phid);
      continue;
    }
    const project = token.startsWith('#') ? undefined : world.projectByRef(token);
    if (!project) impossible = true;
    else all.push(world.selfAndDescendantPHIDs(project.phid));
  }
  return (task) => {
    if (impossible) return false;
    if (wantNone && task.projectPHIDs.length > 0 && all.length === 0 && any.length === 0) return false;
    if (!all.every((phids) => phids.some((phid) => task.projectPHIDs.includes(phid)))) return false;
    if (any.length && !any.some((phid) => task.projectPHIDs.includes(phid))) return false;
    return !not.some((phid) => task.projectPHIDs.includes(phid));
  };
}

function userPHIDs(refs: string[], world: World): (string | null)[] {
  return refs.map((ref) => (ref === 'none()' ? null : (world.userByRef(ref)?.phid ?? `unknown:${ref}`)));
}

function buildFilters(constraints: Record<string, unknown>, ctx: CallContext): Filter[] {
  const { world } = ctx;
  const filters: Filter[] = [];
  refuseUnknownKeys(constraints, CONSTRAINTS, 'constraints');
  const value = (key: string) => constraints[key];
  const has = (key: string) => value(key) !== undefined && value(key) !== null;

  if (has('ids')) {
    const ids = readIntList(value('ids'), 'ids', ctx);
    if (ids.length) filters.push((task) => ids.includes(task.id));
  }
  if (has('phids')) {
    const phids = readStringList(value('phids'), 'phids');
    if (phids.length) filters.push((task) => phids.includes(task.phid));
  }
  if (has('assigned')) {
    const owners = userPHIDs(readStringList(value('assigned'), 'assigned'), world);
    if (owners.length) filters.push((task) => owners.includes(task.ownerPHID));
  }
  if (has('authorPHIDs')) {
    const authors = userPHIDs(readStringList(value('authorPHIDs'), 'authorPHIDs'), world);
    if (authors.length) filters.push((task) => authors.includes(task.authorPHID));
  }
  if (has('statuses')) {
    const statuses = readStringList(value('statuses'), 'statuses').flatMap((status) => {
      if (status === 'open()') return world.vocabulary.statuses.filter((s) => !s.closed).map((s) => s.value);
      if (status === 'closed()') return world.vocabulary.statuses.filter((s) => s.closed).map((s) => s.value);
      return [status];
    });
    if (statuses.length) filters.push((task) => statuses.includes(task.status));
  }
  if (has('priorities')) {
    const priorities = readIntList(value('priorities'), 'priorities', ctx);
    if (priorities.length) filters.push((task) => priorities.includes(task.priority));
  }
  if (has('subtypes')) {
    const subtypes = readStringList(value('subtypes'), 'subtypes');
    if (subtypes.length) filters.push(() => subtypes.includes('default'));
  }
  if (has('columnPHIDs')) {
    const columns = readStringList(value('columnPHIDs'), 'columnPHIDs');
    if (columns.length)
      filters.push((task) => [...task.columns.values()].some((phid) => columns.includes(phid)));
  }
  const openRelated = (task: Task, edgeType: string) =>
    world.edgesFrom(task.phid, [edgeType]).some((edge) => {
      const other = world.taskByPHID(edge.destinationPHID);
      return other !== undefined && !world.isClosed(other);
    });
  if (has('hasParents')) {
    const want = readBool(value('hasParents'), 'hasParents', ctx);
    filters.push((task) => openRelated(task, 'task.parent') === want);
  }
  if (has('hasSubtasks')) {
    const want = readBool(value('hasSubtasks'), 'hasSubtasks', ctx);
    filters.push((task) => openRelated(task, 'task.subtask') === want);
  }
  const related = (key: string, edgeType: string) => {
    if (!has(key)) return;
    const ids = readIntList(value(key), key, ctx);
    if (!ids.length) return;
    filters.push((task) =>
      world
        .edgesFrom(task.phid, [edgeType])
        .some((edge) => ids.includes(world.taskByPHID(edge.destinationPHID)?.id ?? -1)),
    );
  };
  related('parentIDs', 'task.parent');
  related('subtaskIDs', 'task.subtask');
  const range = (key: string, pick: (task: Task) => number | null, after: boolean) => {
    if (!has(key)) return;
    const bound = readEpoch(value(key), key, ctx);
    filters.push((task) => {
      const at = pick(task);
      return at !== null && (after ? at >= bound : at <= bound);
    });
  };
  range('createdStart', (task) => task.dateCreated, true);
  range('createdEnd', (task) => task.dateCreated, false);
  range('modifiedStart', (task) => task.dateModified, true);
  range('modifiedEnd', (task) => task.dateModified, false);
  range('closedStart', (task) => task.dateClosed, true);
  range('closedEnd', (task) => task.dateClosed, false);
  if (has('closerPHIDs')) {
    const closers = userPHIDs(readStringList(value('closerPHIDs'), 'closerPHIDs'), world);
    if (closers.length) filters.push((task) => closers.includes(task.closerPHID));
  }
  if (has('query')) {
    const query = readString(value('query'), 'query');
    if (query.trim()) filters.push(fulltextFilter(query, world));
  }
  if (has('subscribers')) {
    const refs = readStringList(value('subscribers'), 'subscribers');
    const phids = refs.map(
      (ref) => world.userByRef(ref)?.phid ?? world.projectByRef(ref)?.phid ?? `unknown:${ref}`,
    );
    if (phids.length) filters.push((task) => task.subscriberPHIDs.some((phid) => phids.includes(phid)));
  }
  if (has('projects')) {
    const tokens = readStringList(value('projects'), 'projects');
    if (tokens.length) filters.push(projectFilter(tokens, world));
  }
  return filters;
}

export function maniphestSearch(ctx: CallContext) {
  const { world, viewer } = ctx;
  const constraints = readRecord(ctx.params.constraints, 'constraints');
  const attachments = readRecord(ctx.params.attachments, 'attachments');
  refuseUnknownKeys(attachments, ATTACHMENTS, 'attachments');
  const queryKey =
    ctx.params.queryKey === undefined || ctx.params.queryKey === null ? null : String(ctx.params.queryKey);
  const filters = buildFilters(constraints, ctx);
  if (queryKey !== null) filters.unshift(builtinQuery(queryKey, viewer, world));
  const orderParam = ctx.params.order;
  const order = orderParam === undefined || orderParam === null ? null : String(orderParam);
  const orderKey = order ?? 'priority';
  const makeCompare = ORDERS[orderKey];
  if (!makeCompare) {
    throw coreError(
      `Order "${orderKey}" is not a recognized order for this query. Valid orders are: ${Object.keys(ORDERS).join(', ')}.`,
    );
  }
  const compare = makeCompare(world);
  const paging = readPaging(ctx);
  const matching = world.tasks
    .filter((task) => world.canView(task, viewer))
    .filter((task) => filters.every((filter) => filter(task)))
    .sort(compare);
  const page = paginate(
    matching,
    (task) => task.id,
    paging,
    (task, cursorId) => {
      const cursorTask = world.taskById(cursorId);
      return cursorTask ? compare(task, cursorTask) : null;
    },
    'ManiphestTaskQuery',
  );
  const want = (key: string) => isTruthy(attachments[key]);
  const data = page.items.map((task) => {
    const out: Record<string, unknown> = {};
    if (want('projects')) out.projects = { projectPHIDs: [...task.projectPHIDs] };
    if (want('subscribers')) {
      out.subscribers = {
        subscriberPHIDs: task.subscriberPHIDs.slice(0, 10),
        subscriberCount: task.subscriberPHIDs.length,
        viewerIsSubscribed:
          viewer !== null && (task.subscriberPHIDs.includes(viewer.phid) || task.ownerPHID === viewer.phid),
      };
    }
    if (want('columns')) out.columns = { boards: boardsOf(task, world) };
    return { id: task.id, type: 'TASK', phid: task.phid, fields: taskFields(task, world), attachments: out };
  });
  return searchResult(data, page.cursor, order, queryKey, {});
}

export function taskFields(task: Task, world: World) {
  const priority = world.priority(task.priority);
  const status = world.status(task.status);
  return {
    name: task.title,
    description: { raw: task.description },
    authorPHID: task.authorPHID,
    ownerPHID: task.ownerPHID,
    status: { value: task.status, name: status.name, color: null },
    priority: { value: task.priority, name: priority.name, color: priority.color },
    points: null,
    subtype: 'default',
    closerPHID: task.closerPHID,
    dateClosed: task.dateClosed,
    groupByProjectPHID: null,
    spacePHID: null,
    dateCreated: task.dateCreated,
    dateModified: task.dateModified,
    policy: { ...task.policy },
  };
}

/** Phorge sends `boards: []` (a JSON list) when the task is on no board, and an object otherwise. */
function boardsOf(task: Task, world: World): unknown {
  if (task.columns.size === 0) return [];
  const boards: Record<string, { columns: { id: number; phid: string; name: string }[] }> = {};
  for (const projectPHID of task.projectPHIDs) {
    const columnPHID = task.columns.get(projectPHID);
    if (!columnPHID) continue;
    const found = world.columnByPHID(columnPHID);
    if (found)
      boards[projectPHID] = {
        columns: [{ id: found.column.id, phid: found.column.phid, name: found.column.name }],
      };
  }
  return Object.keys(boards).length ? boards : [];
}
