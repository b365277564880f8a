// maniphest.edit: validates and applies transactions like Phorge's edit engine. Observed behaviour it keeps
// (README §8 and the captured T3/T14 edits): no-op changes are dropped; the actor is subscribed implicitly
// when commenting or changing the owner (unless they own the task); @mentioned users are subscribed; the
// resulting subscribers transaction comes first and the comment last; dateModified moves to the clock.
import { mentionedUsernames, replay } from '../build-world';
import { groupIdFor, phidFor, random } from '../ids';
import type { Task, User, Xaction, XactionChange } from '../model';
import type { World } from '../world';
import { coreError, readError } from './errors';
import { readRecord, readString } from './params';
import type { CallContext } from './router';

const TYPES = [
  'title',
  'description',
  'status',
  'priority',
  'owner',
  'comment',
  'subscribers.add',
  'subscribers.remove',
  'subscribers.set',
  'projects.add',
  'projects.remove',
  'projects.set',
  'column',
  'view',
  'edit',
] as const;
type EditType = (typeof TYPES)[number];

interface Requested {
  type: EditType;
  value: unknown;
}

function readTransactions(raw: unknown): Requested[] {
  const list = Array.isArray(raw)
    ? raw
    : typeof raw === 'object' && raw !== null
      ? Object.values(raw as Record<string, unknown>)
      : null;
  if (list === null) throw readError('transactions', 'Expected a list, but value is not a list.');
  return list.map((entry, index) => {
    const record = readRecord(entry, `transactions[${index}]`);
    const type = record.type;
    if (typeof type !== 'string') {
      throw coreError(
        `Parameter "transactions" must contain a list of transaction descriptions, but item with key "${index}" is missing a "type" field. Each transaction must have a type field.`,
      );
    }
    if (!(TYPES as readonly string[]).includes(type)) {
      throw coreError(
        `Transaction with key "${index}" has invalid type "${type}". This type is not recognized. Valid types are: ${TYPES.join(', ')}.`,
      );
    }
    if (!('value' in record)) {
      throw coreError(
        `Parameter "transactions" must contain a list of transaction descriptions, but item with key "${index}" is missing a "value" field. Each transaction must have a value field.`,
      );
    }
    return { type: type as EditType, value: record.value };
  });
}

function validationError(messages: string[]): Error {
  return coreError(`Validation errors:\n${messages.map((message) => `  - ${message}`).join('\n')}`);
}

function listOf(value: unknown, type: string): string[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.values(value as Record<string, unknown>)
      : null;
  if (list === null || list.some((item) => typeof item !== 'string')) {
    throw coreError(`Error while reading "${type}": Expected a list of strings, got something else.`);
  }
  return list as string[];
}

/** Finds the task to edit as Phorge's EditEngine does (id, PHID or monogram), requiring visibility. */
/**
 * Phorge's project conflict rules (applyProjectConflictRules): a task tagged with a subproject or
 * milestone loses the tags of its ancestors, and a newly added milestone replaces the task's other
 * milestones of the same parent.
 */
function projectConflictRules(target: string[], before: ReadonlySet<string>, world: World): string[] {
  const projects = target.map((phid) => world.projectByPHID(phid));
  const implied = new Set(projects.flatMap((p) => (p ? world.ancestorsOf(p).map((a) => a.phid) : [])));
  const addedMilestoneParents = new Set(
    projects.flatMap((p) => (p && p.milestone !== null && !before.has(p.phid) ? [p.parentPHID] : [])),
  );
  return target.filter((phid, i) => {
    const project = projects[i];
    if (implied.has(phid)) return false;
    const replaced =
      project !== undefined &&
      project.milestone !== null &&
      before.has(phid) &&
      addedMilestoneParents.has(project.parentPHID);
    return !replaced;
  });
}

function findTask(identifier: unknown, world: World, viewer: User): Task {
  if (typeof identifier === 'number' || (typeof identifier === 'string' && /^\d+$/.test(identifier))) {
    const task = world.taskById(Number(identifier));
    if (!task || !world.canView(task, viewer))
      throw coreError(`No object exists with ID "${String(identifier)}".`);
    return task;
  }
  const text = readString(identifier, 'objectIdentifier');
  if (text.startsWith('PHID-')) {
    const task = world.taskByPHID(text);
    if (!task || !world.canView(task, viewer)) throw coreError(`No object exists with PHID "${text}".`);
    return task;
  }
  const task = /^T\d+$/.test(text) ? world.taskByRef(text) : undefined;
  if (!task || !world.canView(task, viewer))
    throw coreError(`Monogram "${text}" does not identify a valid object.`);
  return task;
}

interface Planned {
  change: XactionChange;
  comment?: string;
  /** Index of the requested transaction that produced it (Phorge keeps the requested order). */
  at?: number;
}

/** Order of a new task's creation group, as in the captured T11/T12/T14 histories. */
const CREATE_RANK: Record<string, number> = {
  create: 0,
  title: 1,
  description: 2,
  priority: 3,
  status: 4,
  projects: 5,
  owner: 6,
  subscribers: 7,
  other: 8,
};

export function maniphestEdit(ctx: CallContext) {
  const { world, now } = ctx;
  const viewer = ctx.viewer as User;
  const requested = readTransactions(ctx.params.transactions ?? []);
  const identifier = ctx.params.objectIdentifier;
  const creating = identifier === undefined || identifier === null || identifier === '';
  const task = creating ? newTask(world, viewer, now) : findTask(identifier, world, viewer);
  const onlyComments = requested.every((entry) => entry.type === 'comment');
  if (!creating) {
    const allowed = onlyComments ? world.canInteract(task, viewer) : world.canEdit(task, viewer);
    if (!allowed) {
      throw coreError(
        `You do not have permission to ${onlyComments ? 'interact with' : 'edit'} this object. Users with the "${
          onlyComments ? 'Can Interact' : 'Can Edit'
        }" capability: ${world.policyName(onlyComments ? task.policy.interact : task.policy.edit)}.`,
      );
    }
  }

  const problems: string[] = [];
  const actions: Planned[] = [];
  let comment: string | null = null;
  const explicitAdds: string[] = [];
  const explicitRemoves: string[] = [];
  const projectOps: { operation: 'add' | 'remove'; phid: string }[] = [];
  const mentionSources: string[] = [];
  const draft = { ...task, projectPHIDs: [...task.projectPHIDs], subscriberPHIDs: [...task.subscriberPHIDs] };

  const userPHID = (ref: string): string | null => {
    const user = world.userByRef(ref);
    if (!user) problems.push(`User "${ref}" is not a valid user.`);
    return user?.phid ?? null;
  };

  let projectsAt = -1;
  let subscribersAt = -1;
  for (const [index, entry] of requested.entries()) {
    if (entry.type.startsWith('projects.') && projectsAt < 0) projectsAt = index;
    if (entry.type.startsWith('subscribers.') && subscribersAt < 0) subscribersAt = index;
    const actionCount = actions.length;
    switch (entry.type) {
      case 'title': {
        const title = typeof entry.value === 'string' ? entry.value.trim() : '';
        if (!title) problems.push('Tasks must have a title.');
        else if (title !== draft.title)
          actions.push({ change: { kind: 'title', from: draft.title, to: title } });
        draft.title = title || draft.title;
        break;
      }
      case 'description': {
        const text = typeof entry.value === 'string' ? entry.value : '';
        if (text !== draft.description) {
          actions.push({ change: { kind: 'description', from: draft.description, to: text } });
          mentionSources.push(text);
          draft.description = text;
        }
        break;
      }
      case 'priority': {
        const keyword = typeof entry.value === 'string' ? entry.value : String(entry.value);
        const priority = world.vocabulary.priorities.find((candidate) =>
          candidate.keywords.includes(keyword),
        );
        if (!priority) {
          problems.push(
            `Task priority "${keyword}" is not a valid task priority. Use a priority keyword to choose a task priority: ${world.vocabulary.priorities
              .map((candidate) => candidate.keywords[0])
              .join(', ')}.`,
          );
        } else if (priority.value !== draft.priority) {
          actions.push({ change: { kind: 'priority', from: draft.priority, to: priority.value } });
          draft.priority = priority.value;
        }
        break;
      }
      case 'status': {
        const value = String(entry.value);
        if (!world.vocabulary.statuses.some((status) => status.value === value)) {
          problems.push(
            `Task status "${value}" is not a valid task status. Use a status keyword to choose a task status: ${world.vocabulary.statuses.map((status) => status.value).join(', ')}.`,
          );
        } else if (value !== draft.status) {
          actions.push({ change: { kind: 'status', from: draft.status, to: value } });
          draft.status = value;
        }
        break;
      }
      case 'owner': {
        const owner = entry.value === null || entry.value === '' ? null : userPHID(String(entry.value));
        if (entry.value !== null && entry.value !== '' && owner === null) break;
        if (owner !== draft.ownerPHID) {
          actions.push({ change: { kind: 'owner', from: draft.ownerPHID, to: owner } });
          draft.ownerPHID = owner;
        }
        break;
      }
      case 'comment': {
        const text = typeof entry.value === 'string' ? entry.value : String(entry.value ?? '');
        if (text.trim()) {
          comment = comment === null ? text : `${comment}\n\n${text}`;
          mentionSources.push(text);
        }
        break;
      }
      case 'subscribers.add':
      case 'subscribers.remove':
      case 'subscribers.set': {
        const phids = listOf(entry.value, entry.type)
          .map(
            (ref) =>
              world.userByRef(ref)?.phid ??
              world.projectByRef(ref)?.phid ??
              (problems.push(`"${ref}" is not a valid subscriber.`), null),
          )
          .filter((phid): phid is string => phid !== null);
        if (entry.type === 'subscribers.add') explicitAdds.push(...phids);
        if (entry.type === 'subscribers.remove') explicitRemoves.push(...phids);
        if (entry.type === 'subscribers.set') {
          explicitRemoves.push(...draft.subscriberPHIDs.filter((phid) => !phids.includes(phid)));
          explicitAdds.push(...phids);
        }
        break;
      }
      case 'projects.add':
      case 'projects.remove':
      case 'projects.set': {
        const phids = listOf(entry.value, entry.type)
          .map(
            (ref) =>
              world.projectByRef(ref)?.phid ?? (problems.push(`"${ref}" is not a valid project.`), null),
          )
          .filter((phid): phid is string => phid !== null);
        const current = new Set(draft.projectPHIDs);
        const target = projectConflictRules(
          entry.type === 'projects.add'
            ? [...draft.projectPHIDs, ...phids.filter((phid) => !current.has(phid))]
            : entry.type === 'projects.remove'
              ? draft.projectPHIDs.filter((phid) => !phids.includes(phid))
              : phids,
          current,
          world,
        );
        for (const phid of target) if (!current.has(phid)) projectOps.push({ operation: 'add', phid });
        for (const phid of draft.projectPHIDs)
          if (!target.includes(phid)) projectOps.push({ operation: 'remove', phid });
        draft.projectPHIDs = target;
        break;
      }
      case 'column': {
        const phids = typeof entry.value === 'string' ? [entry.value] : listOf(entry.value, entry.type);
        for (const phid of phids) {
          const found = world.columnByPHID(phid);
          if (!found) problems.push(`Column "${phid}" is not a valid column.`);
          else draft.columns = new Map(draft.columns).set(found.project.phid, found.column.phid);
        }
        if (phids.length) actions.push({ change: { kind: 'other', note: 'board column move' } });
        break;
      }
      case 'view':
      case 'edit': {
        const value = String(entry.value);
        const valid =
          ['public', 'users', 'admin', 'no-one'].includes(value) || /^PHID-(PROJ|USER)-/.test(value);
        if (!valid) problems.push(`Policy "${value}" is not a valid policy.`);
        else if (draft.policy[entry.type] !== value) {
          draft.policy = { ...draft.policy, [entry.type]: value };
          actions.push({ change: { kind: 'other', note: `${entry.type} policy change` } });
        }
        break;
      }
    }
    for (const action of actions.slice(actionCount)) action.at = index;
  }
  if (creating && !draft.title) problems.push('Tasks must have a title.');
  if (problems.length) throw validationError(problems);
  if (creating) world.tasks.push(task);

  // Subscribers: mentions, then the implicit subscribe of the actor, then explicit additions (the captured
  // T3 edit shows mention-then-actor; T14 shows actor-then-explicit).
  const subscribed = new Set(task.subscriberPHIDs);
  const adds: string[] = [];
  const addOnce = (phid: string) => {
    if (!subscribed.has(phid) && !adds.includes(phid)) adds.push(phid);
  };
  for (const text of mentionSources) {
    for (const name of mentionedUsernames(text)) {
      const user = world.userByName(name);
      if (user) addOnce(user.phid);
    }
  }
  const impliesSubscribe =
    comment !== null || actions.some((action) => action.change.kind === 'owner') || creating;
  const implicitActor =
    impliesSubscribe && task.ownerPHID !== viewer.phid && !explicitRemoves.includes(viewer.phid);
  if (implicitActor) addOnce(viewer.phid);
  const implicitCount = adds.length;
  for (const phid of explicitAdds) addOnce(phid);
  const removes = explicitRemoves.filter((phid) => subscribed.has(phid) && !adds.includes(phid));
  const subscriberOps = [
    ...adds.map((phid) => ({ operation: 'add' as const, phid })),
    ...removes.map((phid) => ({ operation: 'remove' as const, phid })),
  ];

  const subscribersChange: Planned | null = subscriberOps.length
    ? { change: { kind: 'subscribers', operations: subscriberOps }, at: subscribersAt }
    : null;
  const projectsChange: Planned | null = projectOps.length
    ? { change: { kind: 'projects', operations: [...projectOps] }, at: projectsAt }
    : null;
  const commentChange: Planned | null =
    comment === null ? null : { change: { kind: 'comment', text: comment }, comment };
  let ordered: Planned[];
  if (creating) {
    ordered = [{ change: { kind: 'create' } }, ...actions, projectsChange, subscribersChange]
      .filter((planned): planned is Planned => planned !== null)
      .sort((a, b) => (CREATE_RANK[a.change.kind] ?? 9) - (CREATE_RANK[b.change.kind] ?? 9));
  } else {
    // Requested order; a subscribers transaction Phorge generated itself (mentions, implicit subscribe)
    // leads, explicit-only ones keep their place; the comment always comes last (captured T3, T7, T9).
    const leading = subscribersChange && implicitCount > 0 ? subscribersChange : null;
    const inPlace = [...actions, projectsChange, leading ? null : subscribersChange]
      .filter((planned): planned is Planned => planned !== null)
      .sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
    ordered = [...(leading ? [leading] : []), ...inPlace];
  }
  if (commentChange) ordered.push(commentChange);

  const xactions = world.xactionsOf(task);
  const groupID = groupIdFor(`${task.phid}:${now}:${random(8)}`);
  const written: Xaction[] = [];
  for (const planned of ordered) {
    const id = world.nextXactionId++;
    const phid = phidFor('XACT-TASK', `${task.phid}:${id}:${random(6)}`);
    const xaction: Xaction = {
      id,
      phid,
      objectPHID: task.phid,
      authorPHID: viewer.phid,
      dateCreated: now,
      dateModified: now,
      groupID,
      change: planned.change,
      comments: [],
    };
    if (planned.comment !== undefined) {
      xaction.comments.push({
        id: world.nextCommentId++,
        phid: phidFor('XCMT', `${phid}:${random(6)}`),
        version: 1,
        authorPHID: viewer.phid,
        dateCreated: now,
        dateModified: now,
        removed: false,
        content: { raw: planned.comment },
      });
    }
    const wasClosed = world.isClosed(task);
    replay(task, planned.change, now, viewer.phid, wasClosed, (value) => world.status(value));
    xactions.push(xaction);
    written.push(xaction);
  }
  task.columns = draft.columns;
  task.policy = draft.policy;
  syncColumns(task, world);
  if (written.length) task.dateModified = now;
  for (const text of mentionSources) linkMentionedTasks(task, text, world);
  return {
    object: { id: task.id, phid: task.phid },
    transactions: written.map((xaction) => ({ phid: xaction.phid })),
  };
}

/** A task added to a project with a workboard lands in its default column; removed tasks leave it. */
function syncColumns(task: Task, world: World): void {
  for (const projectPHID of [...task.columns.keys()]) {
    if (!task.projectPHIDs.includes(projectPHID)) task.columns.delete(projectPHID);
  }
  for (const projectPHID of task.projectPHIDs) {
    const fallback = world.projectByPHID(projectPHID)?.columns.find((column) => column.isDefault);
    if (fallback && !task.columns.has(projectPHID)) task.columns.set(projectPHID, fallback.phid);
  }
}

function linkMentionedTasks(task: Task, text: string, world: World): void {
  for (const match of text.matchAll(/(?<![\w/#])T(\d+)\b/g)) {
    const target = world.taskById(Number(match[1]));
    if (!target || target.id === task.id) continue;
    world.addEdge({ sourcePHID: task.phid, edgeType: 'mention', destinationPHID: target.phid });
    world.addEdge({ sourcePHID: target.phid, edgeType: 'mentioned-in', destinationPHID: task.phid });
  }
}

function newTask(world: World, author: User, now: number): Task {
  const id = Math.max(0, ...world.tasks.map((task) => task.id)) + 1;
  const defaultStatus =
    world.vocabulary.statuses.find((status) => status.special === 'default')?.value ?? 'open';
  const task: Task = {
    id,
    phid: phidFor('TASK', `T${id}:${random(8)}`),
    title: '',
    description: '',
    status: defaultStatus,
    priority: world.vocabulary.defaultPriority,
    authorPHID: author.phid,
    ownerPHID: null,
    projectPHIDs: [],
    subscriberPHIDs: [],
    columns: new Map(),
    policy: { view: 'public', interact: 'public', edit: 'users' },
    dateCreated: now,
    dateModified: now,
    dateClosed: null,
    closerPHID: null,
  };
  return task;
}
