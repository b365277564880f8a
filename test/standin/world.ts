// The in-memory world: users, projects, tasks, transactions, edges, with the lookups and policy checks
// every Conduit method and page needs.
import type { Edge, Project, Task, User, Vocabulary, Xaction } from './model';
import type { Priority, Status } from './vocabulary';
import { AVAILABILITY } from './vocabulary';

export class World {
  readonly users: User[] = [];
  readonly projects: Project[] = [];
  readonly tasks: Task[] = [];
  /** Transactions per task PHID, oldest (lowest id) first. */
  readonly xactions = new Map<string, Xaction[]>();
  readonly edges: Edge[] = [];
  nextXactionId = 1;
  nextCommentId = 1;
  /** Non-fatal findings while loading the scenario (e.g. a field that disagrees with the history). */
  readonly warnings: string[] = [];

  constructor(
    readonly vocabulary: Vocabulary,
    readonly name: string,
  ) {}

  // -- users ---------------------------------------------------------------------------------------

  userByPHID(phid: string | null | undefined): User | undefined {
    return phid ? this.users.find((user) => user.phid === phid) : undefined;
  }

  userByName(username: string): User | undefined {
    const lower = username.toLowerCase();
    return this.users.find((user) => user.username.toLowerCase() === lower);
  }

  /** A username or a user PHID. */
  userByRef(ref: string): User | undefined {
    return ref.startsWith('PHID-USER-') ? this.userByPHID(ref) : this.userByName(ref);
  }

  userByToken(token: string): User | undefined {
    return this.users.find((user) => user.apiToken === token);
  }

  roles(user: User): string[] {
    const roles: string[] = [];
    if (user.isAdmin) roles.push('admin');
    if (user.isBot) roles.push('bot');
    if (user.isMailingList) roles.push('list');
    if (user.isDisabled) roles.push('disabled');
    roles.push('verified', 'approved');
    if (!user.isDisabled) roles.push('activated');
    return roles;
  }

  /** Availability as Phorge reports it at `now`: a busy/away spell ends at its `until` time. */
  availability(user: User, now: number) {
    const spell = user.availability;
    const active = spell.value !== 'available' && (spell.until === null || spell.until > now);
    const value = active ? spell.value : 'available';
    return {
      value,
      until: active ? spell.until : null,
      name: AVAILABILITY[value].name,
      color: AVAILABILITY[value].color,
      eventPHID: active ? spell.eventPHID : null,
    };
  }

  // -- projects -------------------------------------------------------------------------------------

  projectByPHID(phid: string): Project | undefined {
    return this.projects.find((project) => project.phid === phid);
  }

  /** A project PHID, name or slug, as Phorge's project datasource resolves them (no "#" prefix). */
  projectByRef(ref: string): Project | undefined {
    if (ref.startsWith('PHID-PROJ-')) return this.projectByPHID(ref);
    const lower = ref.toLowerCase();
    return (
      this.projects.find((project) => project.slug === lower) ??
      this.projects.find((project) => project.name.toLowerCase() === lower)
    );
  }

  /** The project's parent, grandparent and so on, nearest first (Phorge's getAncestorProjects). */
  ancestorsOf(project: Project): Project[] {
    const ancestors: Project[] = [];
    for (
      let p = this.projectByPHID(project.parentPHID ?? '');
      p;
      p = this.projectByPHID(p.parentPHID ?? '')
    ) {
      ancestors.push(p);
    }
    return ancestors;
  }

  /** The project itself and every subproject and milestone below it, at any depth. */
  selfAndDescendantPHIDs(phid: string): string[] {
    return this.projects
      .filter((p) => p.phid === phid || this.ancestorsOf(p).some((a) => a.phid === phid))
      .map((p) => p.phid);
  }

  columnByPHID(phid: string) {
    for (const project of this.projects) {
      const column = project.columns.find((candidate) => candidate.phid === phid);
      if (column) return { project, column };
    }
    return undefined;
  }

  // -- tasks ----------------------------------------------------------------------------------------

  taskById(id: number): Task | undefined {
    return this.tasks.find((task) => task.id === id);
  }

  taskByPHID(phid: string): Task | undefined {
    return this.tasks.find((task) => task.phid === phid);
  }

  /** "T123", "123", 123 or a task PHID. */
  taskByRef(ref: string | number): Task | undefined {
    if (typeof ref === 'number') return this.taskById(ref);
    if (ref.startsWith('PHID-TASK-')) return this.taskByPHID(ref);
    const match = /^T?(\d+)$/.exec(ref);
    return match ? this.taskById(Number(match[1])) : undefined;
  }

  xactionsOf(task: Task): Xaction[] {
    let list = this.xactions.get(task.phid);
    if (!list) {
      list = [];
      this.xactions.set(task.phid, list);
    }
    return list;
  }

  edgesFrom(phid: string, types?: readonly string[]): Edge[] {
    return this.edges.filter((edge) => edge.sourcePHID === phid && (!types || types.includes(edge.edgeType)));
  }

  addEdge(edge: Edge): void {
    const exists = this.edges.some(
      (known) =>
        known.sourcePHID === edge.sourcePHID &&
        known.edgeType === edge.edgeType &&
        known.destinationPHID === edge.destinationPHID,
    );
    if (!exists) this.edges.push(edge);
  }

  // -- vocabulary -----------------------------------------------------------------------------------

  priority(value: number): Priority {
    return (
      this.vocabulary.priorities.find((priority) => priority.value === value) ?? {
        name: `Unknown Priority (${value})`,
        value,
        keywords: [],
        short: String(value),
        color: 'grey',
      }
    );
  }

  status(value: string): Status {
    return (
      this.vocabulary.statuses.find((status) => status.value === value) ?? {
        value,
        name: `Unknown Status (${value})`,
        closed: true,
      }
    );
  }

  isClosed(task: Task): boolean {
    return this.status(task.status).closed;
  }

  // -- policies -------------------------------------------------------------------------------------

  /** Whether `viewer` (null: logged out) passes `policy`. */
  passes(policy: string, viewer: User | null): boolean {
    switch (policy) {
      case 'public':
        return true;
      case 'users':
        return viewer !== null;
      case 'admin':
        return viewer?.isAdmin ?? false;
      case 'no-one':
        return false;
    }
    if (!viewer) return false;
    if (policy.startsWith('PHID-USER-')) return viewer.phid === policy;
    if (policy.startsWith('PHID-PROJ-')) {
      return this.projectByPHID(policy)?.memberPHIDs.includes(viewer.phid) ?? false;
    }
    return false;
  }

  // The owner of a task can always see and edit it (ManiphestTask::hasAutomaticCapability).
  canView(task: Task, viewer: User | null): boolean {
    if (viewer && task.ownerPHID === viewer.phid) return true;
    return this.passes(task.policy.view, viewer);
  }

  canInteract(task: Task, viewer: User | null): boolean {
    if (!this.canView(task, viewer)) return false;
    if (viewer && task.ownerPHID === viewer.phid) return true;
    return this.passes(task.policy.interact, viewer);
  }

  canEdit(task: Task, viewer: User | null): boolean {
    if (!this.canView(task, viewer)) return false;
    if (viewer && task.ownerPHID === viewer.phid) return true;
    return this.passes(task.policy.edit, viewer);
  }

  /** The display name of a policy, as on the page's policy callout. */
  policyName(policy: string): string {
    switch (policy) {
      case 'public':
        return 'Public';
      case 'users':
        return 'All Users';
      case 'admin':
        return 'Administrators';
      case 'no-one':
        return 'No One';
    }
    return this.projectByPHID(policy)?.name ?? this.userByPHID(policy)?.username ?? policy;
  }
}
