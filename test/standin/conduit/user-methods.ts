// user.whoami and user.search (with the availability attachment that Steward reads for away/busy).
import type { User } from '../model';
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

export function userWhoami(ctx: CallContext) {
  const user = ctx.viewer as User;
  // whoami lists roles from PhabricatorUser::getRoles(), where bots are "agent".
  const roles = ctx.world.roles(user).map((role) => (role === 'bot' ? 'agent' : role));
  return {
    phid: user.phid,
    userName: user.username,
    realName: user.realName,
    image: `${ctx.baseUrl}${user.image}`,
    uri: `${ctx.baseUrl}/p/${user.username}/`,
    roles,
    primaryEmail: user.email,
  };
}

const CONSTRAINTS = [
  'ids',
  'phids',
  'usernames',
  'nameLike',
  'isAdmin',
  'isDisabled',
  'isBot',
  'isMailingList',
  'needsApproval',
  'mfa',
  'createdStart',
  'createdEnd',
  'query',
];

export function userSearch(ctx: CallContext) {
  const { world } = ctx;
  const constraints = readRecord(ctx.params.constraints, 'constraints');
  const attachments = readRecord(ctx.params.attachments, 'attachments');
  refuseUnknownKeys(constraints, CONSTRAINTS, 'constraints');
  refuseUnknownKeys(attachments, ['availability'], 'attachments');
  const filters: ((user: User) => boolean)[] = [];
  const has = (key: string) => constraints[key] !== undefined && constraints[key] !== null;
  if (has('ids')) {
    const ids = readIntList(constraints.ids, 'ids', ctx);
    if (ids.length) filters.push((user) => ids.includes(user.id));
  }
  if (has('phids')) {
    const phids = readStringList(constraints.phids, 'phids');
    if (phids.length) filters.push((user) => phids.includes(user.phid));
  }
  if (has('usernames')) {
    const names = readStringList(constraints.usernames, 'usernames').map((name) => name.toLowerCase());
    if (names.length) filters.push((user) => names.includes(user.username.toLowerCase()));
  }
  for (const key of ['nameLike', 'query']) {
    if (has(key)) {
      const needle = readString(constraints[key], key).toLowerCase();
      filters.push((user) => `${user.username} ${user.realName}`.toLowerCase().includes(needle));
    }
  }
  const flag = (key: string, pick: (user: User) => boolean) => {
    if (!has(key)) return;
    const want = readBool(constraints[key], key, ctx);
    filters.push((user) => pick(user) === want);
  };
  flag('isAdmin', (user) => user.isAdmin);
  flag('isDisabled', (user) => user.isDisabled);
  flag('isBot', (user) => user.isBot);
  flag('isMailingList', (user) => user.isMailingList);
  flag('needsApproval', () => false);
  flag('mfa', () => false);
  if (has('createdStart')) {
    const bound = readEpoch(constraints.createdStart, 'createdStart', ctx);
    filters.push((user) => user.dateCreated >= bound);
  }
  if (has('createdEnd')) {
    const bound = readEpoch(constraints.createdEnd, 'createdEnd', ctx);
    filters.push((user) => user.dateCreated <= bound);
  }
  const order = ctx.params.order === undefined || ctx.params.order === null ? null : String(ctx.params.order);
  const ascending = order === 'oldest';
  const sorted = world.users
    .filter((user) => filters.every((filter) => filter(user)))
    .sort((a, b) => (ascending ? a.id - b.id : b.id - a.id));
  const page = paginate(
    sorted,
    (user) => user.id,
    readPaging(ctx),
    (user, cursorId) => (ascending ? user.id - cursorId : cursorId - user.id),
    'PhabricatorPeopleQuery',
  );
  const data = page.items.map((user) => ({
    id: user.id,
    type: 'USER',
    phid: user.phid,
    fields: {
      username: user.username,
      realName: user.realName,
      roles: world.roles(user),
      dateCreated: user.dateCreated,
      dateModified: user.dateModified,
      policy: { view: 'public', edit: user.isBot ? 'admin' : 'no-one' },
    },
    attachments: isTruthy(attachments.availability)
      ? { availability: world.availability(user, ctx.now) }
      : {},
  }));
  return searchResult(data, page.cursor, order, null, {});
}
