// The Conduit methods the stand-in implements. Anything else answers ERR-CONDUIT-CALL like an unknown
// method on Phorge.
import { maniphestEdit } from './maniphest-edit';
import { maniphestSearch } from './maniphest-search';
import {
  conduitCapabilities,
  conduitPing,
  edgeSearch,
  maniphestGetTaskTransactions,
  maniphestInfo,
  phidLookup,
  prioritySearch,
  statusSearch,
} from './misc-methods';
import { projectColumnSearch, projectSearch } from './project-methods';
import { remarkupProcess } from './remarkup-process';
import type { CallContext } from './router';
import { transactionSearch } from './transaction-search';
import { userSearch, userWhoami } from './user-methods';

export interface ConduitMethod {
  requiresAuth: boolean;
  run(ctx: CallContext): unknown;
}

const authed = (run: (ctx: CallContext) => unknown): ConduitMethod => ({ requiresAuth: true, run });

export const METHODS: Record<string, ConduitMethod> = {
  'conduit.ping': { requiresAuth: false, run: conduitPing },
  'conduit.getcapabilities': { requiresAuth: false, run: conduitCapabilities },
  'user.whoami': authed(userWhoami),
  'user.search': authed(userSearch),
  'project.search': authed(projectSearch),
  'project.column.search': authed(projectColumnSearch),
  'maniphest.search': authed(maniphestSearch),
  'maniphest.edit': authed(maniphestEdit),
  'maniphest.priority.search': authed(prioritySearch),
  'maniphest.status.search': authed(statusSearch),
  'maniphest.info': authed(maniphestInfo),
  'maniphest.gettasktransactions': authed(maniphestGetTaskTransactions),
  'transaction.search': authed(transactionSearch),
  'edge.search': authed(edgeSearch),
  'phid.lookup': authed(phidLookup),
  'remarkup.process': authed(remarkupProcess),
};
