// project.search (names map to projects for the registry importer) and project.column.search.
import type { Column, Project } from '../model';
import { PROJECT_COLORS, PROJECT_ICONS } from '../vocabulary';
import { paginate, readPaging } from './paging';
import {
  isTruthy,
  readBool,
  readInt,
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
  'name',
  'slugs',
  'members',
  'watchers',
  'status',
  'isMilestone',
  'isRoot',
  'minDepth',
  'maxDepth',
  'subtypes',
  'icons',
  'colors',
  'parents',
  'ancestors',
  'query',
];
const ATTACHMENTS = ['members', 'watchers', 'ancestors'];

export function projectSearch(ctx: CallContext) {
  const { world } = ctx;
  const constraints = readRecord(ctx.params.constraints, 'constraints');
  const attachments = readRecord(ctx.params.attachments, 'attachments');
  refuseUnknownKeys(constraints, CONSTRAINTS, 'constraints');
  refuseUnknownKeys(attachments, ATTACHMENTS, 'attachments');
  const has = (key: string) => constraints[key] !== undefined && constraints[key] !== null;
  const filters: ((project: Project) => boolean)[] = [];
  const slugMap: Record<string, { slug: string; projectPHID: string }> = {};
  if (has('ids')) {
    const ids = readIntList(constraints.ids, 'ids', ctx);
    if (ids.length) filters.push((project) => ids.includes(project.id));
  }
  if (has('phids')) {
    const phids = readStringList(constraints.phids, 'phids');
    if (phids.length) filters.push((project) => phids.includes(project.phid));
  }
  if (has('name')) {
    // Phorge matches every word of the name constraint as a prefix of a name token.
    const words = readString(constraints.name, 'name').toLowerCase().split(/\s+/).filter(Boolean);
    filters.push((project) => {
      const tokens = project.name.toLowerCase().split(/[\s-]+/);
      return words.every(
        (word) =>
          project.name.toLowerCase().startsWith(word) || tokens.some((token) => token.startsWith(word)),
      );
    });
  }
  if (has('slugs')) {
    const slugs = readStringList(constraints.slugs, 'slugs');
    const matched = new Set<string>();
    for (const slug of slugs) {
      const project = world.projects.find((candidate) => candidate.slug === slug.toLowerCase());
      if (project) {
        slugMap[slug] = { slug: project.slug, projectPHID: project.phid };
        matched.add(project.phid);
      }
    }
    filters.push((project) => matched.has(project.phid));
  }
  const userList = (key: string, pick: (project: Project) => string[]) => {
    if (!has(key)) return;
    const phids = readStringList(constraints[key], key).map((ref) => ctx.world.userByRef(ref)?.phid ?? ref);
    if (phids.length) filters.push((project) => phids.every((phid) => pick(project).includes(phid)));
  };
  userList('members', (project) => project.memberPHIDs);
  userList('watchers', (project) => project.watcherPHIDs);
  if (has('status')) {
    const status = readString(constraints.status, 'status');
    filters.push(() => status !== 'archived');
  }
  filters.push(...hierarchyFilters(constraints, ctx));
  if (has('icons')) {
    const icons = readStringList(constraints.icons, 'icons');
    if (icons.length) filters.push((project) => icons.includes(project.icon));
  }
  if (has('colors')) {
    const colors = readStringList(constraints.colors, 'colors');
    if (colors.length) filters.push((project) => colors.includes(project.color));
  }
  if (has('query')) {
    const query = readString(constraints.query, 'query').toLowerCase();
    filters.push((project) => `${project.name} ${project.description}`.toLowerCase().includes(query));
  }
  const order = ctx.params.order === undefined || ctx.params.order === null ? null : String(ctx.params.order);
  const byName = (a: Project, b: Project) =>
    a.name.toLowerCase() < b.name.toLowerCase()
      ? -1
      : a.name.toLowerCase() > b.name.toLowerCase()
        ? 1
        : a.id - b.id;
  const compare =
    order === 'newest'
      ? (a: Project, b: Project) => b.id - a.id
      : order === 'oldest'
        ? (a: Project, b: Project) => a.id - b.id
        : byName;
  const sorted = world.projects.filter((project) => filters.every((filter) => filter(project))).sort(compare);
  const page = paginate(
    sorted,
    (project) => project.id,
    readPaging(ctx),
    (project, cursorId) => {
      const cursor = world.projects.find((candidate) => candidate.id === cursorId);
      return cursor ? compare(project, cursor) : null;
    },
    'PhabricatorProjectQuery',
  );
  const data = page.items.map((project) => {
    const icon = PROJECT_ICONS[project.icon] ?? { name: project.icon, icon: 'fa-briefcase' };
    const out: Record<string, unknown> = {};
    if (isTruthy(attachments.members))
      out.members = { members: project.memberPHIDs.map((phid) => ({ phid })) };
    if (isTruthy(attachments.watchers))
      out.watchers = { watchers: project.watcherPHIDs.map((phid) => ({ phid })) };
    const ancestors = world.ancestorsOf(project);
    if (isTruthy(attachments.ancestors)) out.ancestors = { ancestors: ancestors.map(projectRef) };
    return {
      id: project.id,
      type: 'PROJ',
      phid: project.phid,
      fields: {
        name: project.name,
        slug: project.slug === '' ? null : project.slug,
        subtype: 'default',
        milestone: project.milestone,
        depth: ancestors.length,
        parent: ancestors[0] === undefined ? null : projectRef(ancestors[0]),
        icon: { key: project.icon, name: icon.name, icon: icon.icon },
        color: { key: project.color, name: PROJECT_COLORS[project.color] ?? project.color },
        status: 'active',
        spacePHID: null,
        dateCreated: project.dateCreated,
        dateModified: project.dateModified,
        policy: { view: 'public', edit: 'users', join: 'users' },
        description: project.description,
      },
      attachments: out,
    };
  });
  return searchResult(data, page.cursor, order, null, { slugMap });
}

const projectRef = (project: Project) => ({ id: project.id, phid: project.phid, name: project.name });

/** parents, ancestors, isMilestone, isRoot, minDepth and maxDepth, as Phorge's project query reads them. */
function hierarchyFilters(
  constraints: Record<string, unknown>,
  ctx: CallContext,
): ((p: Project) => boolean)[] {
  const { world } = ctx;
  const has = (key: string) => constraints[key] !== undefined && constraints[key] !== null;
  const filters: ((project: Project) => boolean)[] = [];
  const refs = (key: string) =>
    readStringList(constraints[key], key).map((ref) => world.projectByRef(ref)?.phid ?? ref);
  if (has('parents')) {
    const parents = refs('parents');
    if (parents.length) filters.push((project) => parents.includes(project.parentPHID ?? ''));
  }
  if (has('ancestors')) {
    const wanted = refs('ancestors');
    if (wanted.length)
      filters.push((project) => world.ancestorsOf(project).some((a) => wanted.includes(a.phid)));
  }
  if (has('isMilestone')) {
    const want = readBool(constraints.isMilestone, 'isMilestone', ctx);
    filters.push((project) => (project.milestone !== null) === want);
  }
  if (has('isRoot')) {
    const want = readBool(constraints.isRoot, 'isRoot', ctx);
    filters.push((project) => (project.parentPHID === null) === want);
  }
  const depth = (project: Project) => world.ancestorsOf(project).length;
  if (has('minDepth')) {
    const min = readInt(constraints.minDepth, 'minDepth', ctx);
    filters.push((project) => depth(project) >= min);
  }
  if (has('maxDepth')) {
    const max = readInt(constraints.maxDepth, 'maxDepth', ctx);
    filters.push((project) => depth(project) <= max);
  }
  return filters;
}

export function projectColumnSearch(ctx: CallContext) {
  const { world } = ctx;
  const constraints = readRecord(ctx.params.constraints, 'constraints');
  refuseUnknownKeys(constraints, ['ids', 'phids', 'projects', 'proxyPHIDs', 'isProxyColumn'], 'constraints');
  const has = (key: string) => constraints[key] !== undefined && constraints[key] !== null;
  const columns: { column: Column; project: (typeof world.projects)[number] }[] = world.projects.flatMap(
    (project) => project.columns.map((column) => ({ column, project })),
  );
  const ids = has('ids') ? readIntList(constraints.ids, 'ids', ctx) : [];
  const phids = has('phids') ? readStringList(constraints.phids, 'phids') : [];
  const projects = has('projects')
    ? readStringList(constraints.projects, 'projects').map((ref) => world.projectByRef(ref)?.phid ?? ref)
    : [];
  const sorted = columns
    .filter(({ column }) => !ids.length || ids.includes(column.id))
    .filter(({ column }) => !phids.length || phids.includes(column.phid))
    .filter(({ project }) => !projects.length || projects.includes(project.phid))
    .sort((a, b) => b.column.id - a.column.id);
  const page = paginate(
    sorted,
    ({ column }) => column.id,
    readPaging(ctx),
    ({ column }, cursorId) => cursorId - column.id,
    'PhabricatorProjectColumnQuery',
  );
  const data = page.items.map(({ column, project }) => ({
    id: column.id,
    type: 'PCOL',
    phid: column.phid,
    fields: {
      name: column.name,
      proxyPHID: null,
      project: { id: project.id, phid: project.phid, name: project.name },
      isHidden: column.hidden,
      isDefaultColumn: column.isDefault,
      sequence: column.sequence,
      dateCreated: column.dateCreated,
      dateModified: column.dateModified,
      policy: { view: 'public', edit: 'users' },
    },
    attachments: {},
  }));
  return searchResult(data, page.cursor, null, null, {});
}
