// Turns a validated scenario into the in-memory world: resolves names to PHIDs, times to epochs, assigns
// ids, and derives task fields from their histories (or a creation history from the fields).
import { apiTokenFor, derived, groupIdFor, phidFor } from './ids';
import type { Column, Project, Task, User, Xaction, XactionChange } from './model';
import type { ParsedScenario, ScenarioProject, ScenarioTask, ScenarioXaction } from './scenario';
import { ScenarioError } from './scenario';
import { resolveTime, TimeSpecError } from './time';
import type { TimeSpec } from './time';
import { DEFAULT_PRIORITIES, DEFAULT_PRIORITY_VALUE, DEFAULT_STATUSES, PROJECT_ICONS } from './vocabulary';
import { World } from './world';

export function buildWorld(scenario: ParsedScenario, now: number): World {
  try {
    return new WorldBuilder(scenario, now).build();
  } catch (error) {
    if (error instanceof TimeSpecError) throw new ScenarioError(error.message);
    throw error;
  }
}

/** Slugs as Phorge normalizes project names: lower case, spaces to underscores. */
export function slugFor(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '_');
}

/** The @username mentions in remarkup text. */
export function mentionedUsernames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/(?<![\w@/])@([A-Za-z0-9._-]*[A-Za-z0-9_-])/g)) {
    if (match[1] && !names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

class WorldBuilder {
  private readonly world: World;

  constructor(
    private readonly scenario: ParsedScenario,
    private readonly now: number,
  ) {
    this.world = new World(
      {
        priorities: (scenario.priorities ?? DEFAULT_PRIORITIES).map((priority) => ({
          ...priority,
          short: priority.short ?? priority.name,
        })),
        statuses: scenario.statuses ?? DEFAULT_STATUSES,
        defaultPriority: scenario.defaultPriority ?? DEFAULT_PRIORITY_VALUE,
      },
      scenario.name ?? 'scenario',
    );
  }

  build(): World {
    this.buildUsers();
    this.buildProjects();
    this.buildTasks();
    return this.world;
  }

  private time(spec: TimeSpec, where: string): number {
    return resolveTime(spec, this.now, where);
  }

  private fail(message: string): never {
    throw new ScenarioError(message);
  }

  private user(name: string, where: string): User {
    return this.world.userByName(name) ?? this.fail(`${where}: no user "${name}" in the scenario's users`);
  }

  private buildUsers(): void {
    let nextId = Math.max(0, ...this.scenario.users.map((user) => user.id ?? 0)) + 1;
    for (const [index, spec] of this.scenario.users.entries()) {
      const where = `users[${index}] (${spec.username})`;
      if (this.world.userByName(spec.username)) this.fail(`${where}: the username is used twice`);
      const roles = spec.roles ?? [];
      const apiToken = spec.apiToken ?? apiTokenFor(spec.username);
      const created =
        spec.dateCreated === undefined ? this.now - 400 * 86400 : this.time(spec.dateCreated, where);
      const availability = spec.availability;
      this.world.users.push({
        id: spec.id ?? nextId++,
        phid: spec.phid ?? phidFor('USER', spec.username),
        username: spec.username,
        realName: spec.realName,
        isAdmin: roles.includes('admin'),
        isBot: roles.includes('bot'),
        isDisabled: roles.includes('disabled'),
        isMailingList: roles.includes('mailing-list'),
        apiToken,
        email: spec.email ?? `${spec.username}@example.org`,
        availability: {
          value: availability?.value ?? 'available',
          until:
            availability?.until === undefined || availability.until === null
              ? null
              : this.time(availability.until, `${where}.availability.until`),
          eventPHID:
            availability && availability.value !== 'available'
              ? (availability.eventPHID ?? phidFor('CEVT', `${spec.username}:availability`))
              : null,
        },
        image: spec.image ?? avatarPath(spec.username),
        theme: spec.theme ?? 'light',
        dateCreated: created,
        dateModified: spec.dateModified === undefined ? created : this.time(spec.dateModified, where),
      });
    }
  }

  private buildProjects(): void {
    let nextId = Math.max(0, ...this.scenario.projects.map((project) => project.id ?? 0)) + 1;
    let nextColumnId =
      Math.max(
        0,
        ...this.scenario.projects.flatMap((project) =>
          (project.columns ?? []).map((column) => column.id ?? 0),
        ),
      ) + 1;
    for (const [index, spec] of this.scenario.projects.entries()) {
      const where = `projects[${index}] (${spec.name})`;
      if (this.world.projectByRef(spec.name)) this.fail(`${where}: the project name is used twice`);
      const phid = spec.phid ?? phidFor('PROJ', spec.name);
      const created =
        spec.dateCreated === undefined ? this.now - 400 * 86400 : this.time(spec.dateCreated, where);
      const icon = spec.icon ?? 'project';
      if (!PROJECT_ICONS[icon]) {
        this.fail(`${where}: unknown icon "${icon}"; use one of ${Object.keys(PROJECT_ICONS).join(', ')}`);
      }
      const columnSpecs = spec.columns ?? [];
      const hasDefault = columnSpecs.some((column) => column.isDefault);
      const columns: Column[] = columnSpecs.map((column, sequence) => ({
        id: column.id ?? nextColumnId++,
        phid: column.phid ?? phidFor('PCOL', `${spec.name}:${column.name}`),
        name: column.name,
        projectPHID: phid,
        isDefault: column.isDefault ?? (!hasDefault && sequence === 0),
        hidden: column.hidden ?? false,
        sequence,
        dateCreated:
          column.dateCreated === undefined ? created : this.time(column.dateCreated, `${where}.columns`),
        dateModified:
          column.dateCreated === undefined ? created : this.time(column.dateCreated, `${where}.columns`),
      }));
      const { parentPHID, milestone } = this.projectPlace(spec, where);
      const project: Project = {
        id: spec.id ?? nextId++,
        phid,
        name: spec.name,
        // Phorge gives a milestone no hashtag: its slug reads null and no slug finds it.
        slug: milestone === null ? (spec.slug ?? slugFor(spec.name)) : '',
        description: spec.description ?? '',
        icon,
        color: spec.color ?? 'blue',
        memberPHIDs: (spec.members ?? []).map((name) => this.user(name, `${where}.members`).phid),
        watcherPHIDs: (spec.watchers ?? []).map((name) => this.user(name, `${where}.watchers`).phid),
        parentPHID,
        milestone,
        columns,
        dateCreated: created,
        dateModified: spec.dateModified === undefined ? created : this.time(spec.dateModified, where),
      };
      this.world.projects.push(project);
    }
  }

  /** The parent of a subproject or milestone (an earlier project) and a milestone's number. */
  private projectPlace(
    spec: ScenarioProject,
    where: string,
  ): { parentPHID: string | null; milestone: number | null } {
    if (spec.parent === undefined) {
      if (spec.milestone) this.fail(`${where}: a milestone needs a "parent" project`);
      return { parentPHID: null, milestone: null };
    }
    const parent =
      this.world.projectByRef(spec.parent) ??
      this.fail(`${where}.parent: no earlier project "${spec.parent}" (list the parent first)`);
    if (parent.milestone !== null)
      this.fail(`${where}.parent: a milestone cannot have subprojects or milestones`);
    if (!spec.milestone) return { parentPHID: parent.phid, milestone: null };
    const siblings = this.world.projects.filter((p) => p.parentPHID === parent.phid && p.milestone !== null);
    return { parentPHID: parent.phid, milestone: siblings.length + 1 };
  }

  private projectPHID(ref: string, where: string): string {
    return (
      this.world.projectByRef(ref)?.phid ??
      this.fail(`${where}: no project "${ref}" (use a name, slug or PHID)`)
    );
  }

  private priorityValue(ref: number | string, where: string): number {
    const priorities = this.world.vocabulary.priorities;
    if (typeof ref === 'number') return ref;
    const lower = ref.toLowerCase();
    const found =
      priorities.find((priority) => priority.keywords.includes(lower)) ??
      priorities.find((priority) => priority.name.toLowerCase() === lower);
    return (
      found?.value ??
      this.fail(
        `${where}: unknown priority "${ref}"; use a value, a keyword (${priorities
          .map((priority) => priority.keywords[0])
          .join(', ')}) or a name`,
      )
    );
  }

  private statusValue(value: string, where: string): string {
    if (!this.world.vocabulary.statuses.some((status) => status.value === value)) {
      this.fail(
        `${where}: unknown status "${value}"; use one of ${this.world.vocabulary.statuses
          .map((status) => status.value)
          .join(', ')}`,
      );
    }
    return value;
  }

  private policy(value: string | undefined, fallback: string, where: string): string {
    if (value === undefined) return fallback;
    if (['public', 'users', 'admin', 'no-one'].includes(value)) return value;
    if (value.startsWith('PHID-USER-') || value.startsWith('PHID-PROJ-')) return value;
    const project = this.world.projectByRef(value);
    if (project) return project.phid;
    const user = this.world.userByName(value);
    if (user) return user.phid;
    return this.fail(
      `${where}: unknown policy "${value}"; use public, users, admin, no-one, a project name or a username`,
    );
  }

  private buildTasks(): void {
    const specs = [...this.scenario.tasks].sort((a, b) => a.id - b.id);
    const pending: { xaction: Xaction; order: number }[] = [];
    let order = 0;
    for (const spec of specs) {
      if (this.world.taskById(spec.id)) this.fail(`tasks: T${spec.id} is defined twice`);
      const task = this.buildTask(spec);
      for (const xaction of this.world.xactionsOf(task)) pending.push({ xaction, order: order++ });
    }
    this.assignIds(pending);
    for (const spec of specs) this.buildEdges(spec);
  }

  private buildTask(spec: ScenarioTask): Task {
    const where = `tasks T${spec.id}`;
    const phid = spec.phid ?? phidFor('TASK', `T${spec.id}`);
    const author = this.user(spec.author, `${where}.author`);
    const created = this.time(spec.dateCreated, `${where}.dateCreated`);
    const defaultStatus =
      this.world.vocabulary.statuses.find((status) => status.special === 'default')?.value ??
      this.world.vocabulary.statuses[0]?.value ??
      'open';
    const task: Task = {
      id: spec.id,
      phid,
      title: '',
      description: '',
      status: defaultStatus,
      priority: this.world.vocabulary.defaultPriority,
      authorPHID: author.phid,
      ownerPHID: null,
      projectPHIDs: [],
      subscriberPHIDs: [],
      columns: new Map(),
      policy: {
        view: this.policy(spec.viewPolicy, 'public', `${where}.viewPolicy`),
        interact: this.policy(spec.interactPolicy ?? spec.viewPolicy, 'public', `${where}.interactPolicy`),
        edit: this.policy(spec.editPolicy, 'users', `${where}.editPolicy`),
      },
      dateCreated: created,
      dateModified: created,
      dateClosed: null,
      closerPHID: null,
    };
    this.world.tasks.push(task);

    const history = spec.history ?? this.synthesizeHistory(spec, where);
    const xactions = this.world.xactionsOf(task);
    let lastGroupKey = '';
    let groupID = '';
    for (const [index, entry] of history.entries()) {
      const at = this.time(entry.at, `${where}.history[${index}].at`);
      const actor = this.user(entry.by, `${where}.history[${index}].by`);
      const groupKey = `${entry.by}@${at}`;
      if (entry.group) {
        groupID = entry.group;
      } else if (groupKey !== lastGroupKey) {
        groupID = groupIdFor(`${phid}:${index}`);
      }
      lastGroupKey = groupKey;
      const change = this.changeOf(entry, `${where}.history[${index}]`);
      const xaction: Xaction = {
        id: entry.id ?? 0,
        phid: entry.phid ?? '',
        objectPHID: phid,
        authorPHID: actor.phid,
        dateCreated: at,
        dateModified: at,
        groupID,
        change,
        comments: [],
      };
      if (entry.type === 'comment') {
        xaction.comments.push({
          id: entry.commentId ?? 0,
          phid: entry.commentPhid ?? '',
          version: 1,
          authorPHID: actor.phid,
          dateCreated: at,
          dateModified: at,
          removed: entry.removed ?? false,
          content: { raw: entry.text },
        });
      }
      xactions.push(xaction);
      replay(task, change, at, actor.phid, this.world.status(task.status).closed, (value) =>
        this.world.status(value),
      );
    }

    this.applyExplicitFields(task, spec, where);
    return task;
  }

  /** Explicit fields win over the history; a disagreement is reported as a warning. */
  private applyExplicitFields(task: Task, spec: ScenarioTask, where: string): void {
    const warn = (field: string, stated: unknown, replayed: unknown) => {
      if (spec.history && JSON.stringify(stated) !== JSON.stringify(replayed)) {
        this.world.warnings.push(
          `${where}: ${field} is ${JSON.stringify(stated)} but the history leads to ${JSON.stringify(replayed)}`,
        );
      }
    };
    if (spec.title !== undefined) {
      warn('title', spec.title, task.title);
      task.title = spec.title;
    }
    if (spec.description !== undefined) {
      warn('description', spec.description, task.description);
      task.description = spec.description;
    }
    if (spec.status !== undefined) {
      const status = this.statusValue(spec.status, `${where}.status`);
      warn('status', status, task.status);
      task.status = status;
    }
    if (spec.priority !== undefined) {
      const priority = this.priorityValue(spec.priority, `${where}.priority`);
      warn('priority', priority, task.priority);
      task.priority = priority;
    }
    if (spec.owner !== undefined) {
      const owner = spec.owner === null ? null : this.user(spec.owner, `${where}.owner`).phid;
      warn('owner', owner, task.ownerPHID);
      task.ownerPHID = owner;
    }
    if (spec.projects !== undefined) {
      const projects = spec.projects.map((ref) => this.projectPHID(ref, `${where}.projects`));
      warn('projects', [...projects].sort(), [...task.projectPHIDs].sort());
      task.projectPHIDs = projects;
    }
    if (spec.subscribers !== undefined) {
      const subscribers = spec.subscribers.map((name) => this.user(name, `${where}.subscribers`).phid);
      warn('subscribers', [...subscribers].sort(), [...task.subscriberPHIDs].sort());
      task.subscriberPHIDs = subscribers;
    }
    if (!task.title) this.fail(`${where}: the task has no title (give "title" or a title transaction)`);
    if (spec.columns) {
      for (const [projectRef, columnName] of Object.entries(spec.columns)) {
        const project =
          this.world.projectByRef(projectRef) ?? this.fail(`${where}.columns: no project "${projectRef}"`);
        const column =
          project.columns.find((candidate) => candidate.name === columnName) ??
          this.fail(`${where}.columns: project ${project.name} has no column "${columnName}"`);
        task.columns.set(project.phid, column.phid);
      }
    }
    // Tasks tagged with a project that has a workboard sit in its default column unless placed.
    for (const projectPHID of task.projectPHIDs) {
      const project = this.world.projectByPHID(projectPHID);
      const fallback = project?.columns.find((column) => column.isDefault);
      if (fallback && !task.columns.has(projectPHID)) task.columns.set(projectPHID, fallback.phid);
    }
    const xactions = this.world.xactionsOf(task);
    const lastActivity = Math.max(task.dateCreated, ...xactions.map((xaction) => xaction.dateCreated));
    task.dateModified =
      spec.dateModified === undefined ? lastActivity : this.time(spec.dateModified, `${where}.dateModified`);
    if (this.world.status(task.status).closed) {
      if (spec.dateClosed !== undefined && spec.dateClosed !== null) {
        task.dateClosed = this.time(spec.dateClosed, `${where}.dateClosed`);
      } else if (task.dateClosed === null) {
        task.dateClosed = task.dateModified;
      }
      if (spec.closer !== undefined) {
        task.closerPHID = spec.closer === null ? null : this.user(spec.closer, `${where}.closer`).phid;
      } else if (task.closerPHID === null) {
        task.closerPHID = task.authorPHID;
      }
    } else {
      task.dateClosed = null;
      task.closerPHID = null;
    }
  }

  /** The creation group Phorge writes for a task created with these fields (plus a close, if closed). */
  private synthesizeHistory(spec: ScenarioTask, where: string): ScenarioXaction[] {
    const by = spec.author;
    const at = spec.dateCreated;
    const history: ScenarioXaction[] = [{ type: 'create', by, at }];
    if (!spec.title) this.fail(`${where}: a task without a history needs a title`);
    history.push({ type: 'title', by, at, from: '', to: spec.title });
    if (spec.description) history.push({ type: 'description', by, at, from: '', to: spec.description });
    const defaultPriority = this.world.vocabulary.defaultPriority;
    if (spec.priority !== undefined) {
      const value = this.priorityValue(spec.priority, `${where}.priority`);
      if (value !== defaultPriority)
        history.push({ type: 'priority', by, at, from: defaultPriority, to: value });
    }
    if (spec.owner) history.push({ type: 'owner', by, at, from: null, to: spec.owner });
    if (spec.projects?.length) history.push({ type: 'projects', by, at, add: spec.projects });
    if (spec.subscribers?.length) history.push({ type: 'subscribers', by, at, add: spec.subscribers });
    if (spec.status && this.world.status(this.statusValue(spec.status, `${where}.status`)).closed) {
      const closedAt = spec.dateClosed ?? spec.dateModified ?? spec.dateCreated;
      history.push({ type: 'status', by: spec.closer ?? by, at: closedAt, from: 'open', to: spec.status });
    }
    return history;
  }

  private changeOf(entry: ScenarioXaction, where: string): XactionChange {
    const users = (names: string[] | undefined, operation: 'add' | 'remove') =>
      (names ?? []).map((name) => ({ operation, phid: this.user(name, where).phid }));
    const projects = (refs: string[] | undefined, operation: 'add' | 'remove') =>
      (refs ?? []).map((ref) => ({ operation, phid: this.projectPHID(ref, where) }));
    switch (entry.type) {
      case 'create':
        return { kind: 'create' };
      case 'title':
        return { kind: 'title', from: entry.from ?? '', to: entry.to };
      case 'description':
        return { kind: 'description', from: entry.from ?? '', to: entry.to };
      case 'priority':
        return {
          kind: 'priority',
          from: this.priorityValue(entry.from, `${where}.from`),
          to: this.priorityValue(entry.to, `${where}.to`),
        };
      case 'status':
        return {
          kind: 'status',
          from: this.statusValue(entry.from, `${where}.from`),
          to: this.statusValue(entry.to, `${where}.to`),
        };
      case 'owner':
        return {
          kind: 'owner',
          from: entry.from === null ? null : this.user(entry.from, `${where}.from`).phid,
          to: entry.to === null ? null : this.user(entry.to, `${where}.to`).phid,
        };
      case 'comment':
        return { kind: 'comment', text: entry.text };
      case 'subscribers':
        return {
          kind: 'subscribers',
          operations: [...users(entry.add, 'add'), ...users(entry.remove, 'remove')],
        };
      case 'projects':
        return {
          kind: 'projects',
          operations: [...projects(entry.add, 'add'), ...projects(entry.remove, 'remove')],
        };
      case 'other':
        return { kind: 'other', note: entry.note ?? '' };
    }
  }

  /** Gives transactions and comments without explicit ids the next free ones, oldest first. */
  private assignIds(pending: { xaction: Xaction; order: number }[]): void {
    const world = this.world;
    const usedIds = new Set(pending.map(({ xaction }) => xaction.id).filter((id) => id > 0));
    if (usedIds.size !== pending.filter(({ xaction }) => xaction.id > 0).length) {
      this.fail('tasks: two history entries share the same transaction id');
    }
    let nextId = Math.max(0, ...usedIds) + 1;
    const comments = pending.flatMap(({ xaction }) => xaction.comments);
    let nextCommentId = Math.max(0, ...comments.map((comment) => comment.id)) + 1;
    const sorted = [...pending].sort(
      (a, b) => a.xaction.dateCreated - b.xaction.dateCreated || a.order - b.order,
    );
    for (const { xaction } of sorted) {
      if (xaction.id === 0) xaction.id = nextId++;
      if (!xaction.phid) xaction.phid = phidFor('XACT-TASK', `${xaction.objectPHID}:${xaction.id}`);
      for (const comment of xaction.comments) {
        if (comment.id === 0) comment.id = nextCommentId++;
        if (!comment.phid) comment.phid = phidFor('XCMT', `${xaction.phid}`);
      }
    }
    for (const list of world.xactions.values()) list.sort((a, b) => a.id - b.id);
    world.nextXactionId = nextId;
    world.nextCommentId = nextCommentId;
  }

  private buildEdges(spec: ScenarioTask): void {
    const task = this.world.taskById(spec.id);
    if (!task) return;
    for (const parentId of spec.parents ?? []) {
      const parent =
        this.world.taskById(parentId) ?? this.fail(`tasks T${spec.id}.parents: no task T${parentId}`);
      this.world.addEdge({ sourcePHID: task.phid, edgeType: 'task.parent', destinationPHID: parent.phid });
      this.world.addEdge({ sourcePHID: parent.phid, edgeType: 'task.subtask', destinationPHID: task.phid });
    }
    for (const targetId of spec.mentions ?? []) {
      const target =
        this.world.taskById(targetId) ?? this.fail(`tasks T${spec.id}.mentions: no task T${targetId}`);
      this.world.addEdge({ sourcePHID: task.phid, edgeType: 'mention', destinationPHID: target.phid });
      this.world.addEdge({ sourcePHID: target.phid, edgeType: 'mentioned-in', destinationPHID: task.phid });
    }
  }
}

/** Applies one transaction's effect to a task (used for scenario histories and for maniphest.edit). */
export function replay(
  task: Task,
  change: XactionChange,
  at: number,
  actorPHID: string,
  wasClosed: boolean,
  statusOf: (value: string) => { closed: boolean },
): void {
  switch (change.kind) {
    case 'title':
      task.title = change.to;
      break;
    case 'description':
      task.description = change.to;
      break;
    case 'priority':
      task.priority = change.to;
      break;
    case 'owner':
      task.ownerPHID = change.to;
      break;
    case 'status': {
      task.status = change.to;
      const closed = statusOf(change.to).closed;
      if (closed && !wasClosed) {
        task.dateClosed = at;
        task.closerPHID = actorPHID;
      } else if (!closed) {
        task.dateClosed = null;
        task.closerPHID = null;
      }
      break;
    }
    case 'subscribers':
      applyOperations(task.subscriberPHIDs, change.operations, 'end');
      break;
    case 'projects':
      // Conduit lists a task's projects newest first (and the page's curtain oldest first).
      applyOperations(task.projectPHIDs, change.operations, 'front');
      break;
    case 'create':
    case 'comment':
    case 'other':
      break;
  }
}

function applyOperations(
  list: string[],
  operations: { operation: 'add' | 'remove'; phid: string }[],
  addAt: 'front' | 'end',
): void {
  for (const { operation, phid } of operations) {
    const index = list.indexOf(phid);
    if (operation === 'add' && index < 0) {
      if (addAt === 'front') list.unshift(phid);
      else list.push(phid);
    }
    if (operation === 'remove' && index >= 0) list.splice(index, 1);
  }
}

/** Profile-picture path in Phorge's file URL shape; the stand-in renders it as a letter avatar. */
export function avatarPath(username: string): string {
  const letter = (username[0] ?? 'X').toUpperCase();
  return `/file/data/${derived(`file:${username}`, 20)}/${phidFor('FILE', username)}/alphanumeric_lato-white_${letter}.png`;
}
